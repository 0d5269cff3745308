/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Definition of a Caspio view: a SELECT over one table, or over several tables joined by field
 * equality (caspio-api.md section 3.5). A single-table view is writable; a multi-table view is
 * read-only.
 *
 * @param name view name
 * @param note the view's note
 * @param baseTable the first table; its {@code PK_ID} leads the view's {@code PK_ID}
 * @param joins further tables, each inner-joined to a table already in the view
 * @param fields exposed fields in order
 * @param filter optional WHERE fragment over {@code Table.Field} names, or {@code null}
 */
public record ViewDef(
    String name,
    String note,
    String baseTable,
    List<Join> joins,
    List<Column> fields,
    String filter) {

  /**
   * An inner join of {@code table} on {@code table.field = otherTable.otherField}.
   *
   * @param table the joined table
   * @param field its join field
   * @param otherTable a table already in the view
   * @param otherField that table's join field
   */
  public record Join(String table, String field, String otherTable, String otherField) {}

  /**
   * One exposed field.
   *
   * @param table source table
   * @param field source field
   * @param name name in the view
   */
  public record Column(String table, String field, String name) {}

  /** Copies the lists. */
  public ViewDef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(baseTable, "baseTable");
    if (!name.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
      throw new IllegalArgumentException("Invalid Caspio view name: " + name);
    }
    note = note == null ? "" : note;
    joins = List.copyOf(joins);
    fields = List.copyOf(fields);
  }

  /** A view over {@code baseTable} with no fields yet. */
  public static ViewDef of(String name, String baseTable) {
    return new ViewDef(name, "", baseTable, List.of(), List.of(), null);
  }

  /** Copy joining {@code table} on {@code table.field = otherTable.otherField}. */
  public ViewDef join(String table, String field, String otherTable, String otherField) {
    List<Join> j = new ArrayList<>(joins);
    j.add(new Join(table, field, otherTable, otherField));
    return new ViewDef(name, note, baseTable, j, fields, filter);
  }

  /** Copy exposing {@code table.field} under the field's own name. */
  public ViewDef field(String table, String field) {
    return field(table, field, field);
  }

  /** Copy exposing {@code table.field} as {@code viewName}. */
  public ViewDef field(String table, String field, String viewName) {
    List<Column> c = new ArrayList<>(fields);
    c.add(new Column(table, field, viewName));
    return new ViewDef(name, note, baseTable, joins, c, filter);
  }

  /** Copy with a row filter written over {@code Table.Field} names. */
  public ViewDef where(String newFilter) {
    return new ViewDef(name, note, baseTable, joins, fields, newFilter);
  }

  /** All tables of the view, base table first. */
  public List<String> tables() {
    List<String> t = new ArrayList<>();
    t.add(baseTable);
    joins.forEach(j -> t.add(j.table()));
    return t;
  }
}
