/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A created view. Rendered in H2 as a view whose {@code PK_ID} is the comma-joined source PK_IDs (a
 * string, caspio-api.md 3.5), with {@code _PK_ID_<Table>} columns when it joins several tables, and
 * a hidden {@code __ORD} column (the base table's PK_ID) that gives default ordering and maps
 * writes back to the base table. Fragments can never name {@code __ORD}.
 */
final class ViewModel {

  /**
   * One exposed field.
   *
   * @param name name in the view
   * @param table source table
   * @param field source field definition
   */
  record ViewField(String name, TableModel table, FieldDef field) {
    /** The source field carrying the view's name. */
    FieldDef asViewField() {
      return new FieldDef(
          name,
          field.type(),
          field.unique(),
          field.uniqueAllowNulls(),
          field.label(),
          field.description(),
          field.prefix(),
          field.format(),
          field.length(),
          field.onInsert(),
          field.onUpdate(),
          field.timeZone(),
          field.listItems(),
          field.formula());
    }
  }

  static final String ORDER_COLUMN = "__ORD";

  final ViewDef def;
  final List<TableModel> tables;
  final List<ViewField> fields;
  private final Map<String, ViewField> byLowerName = new HashMap<>();

  ViewModel(ViewDef def, List<TableModel> tables, List<ViewField> fields) {
    this.def = def;
    this.tables = List.copyOf(tables);
    this.fields = List.copyOf(fields);
    for (ViewField f : fields) {
      if (byLowerName.put(f.name().toLowerCase(Locale.ROOT), f) != null) {
        throw new IllegalArgumentException("Duplicate view field " + f.name());
      }
    }
  }

  String name() {
    return def.name();
  }

  TableModel baseTable() {
    return tables.get(0);
  }

  /** Single-table views accept writes (caspio-api.md 3.5). */
  boolean writable() {
    return tables.size() == 1;
  }

  ViewField field(String name) {
    return byLowerName.get(name.toLowerCase(Locale.ROOT));
  }

  /** Names of the per-table key columns of a multi-table view. */
  List<String> tableKeyColumns() {
    List<String> out = new ArrayList<>();
    if (tables.size() > 1) {
      for (TableModel t : tables) {
        out.add("_PK_ID_" + t.name());
      }
    }
    return out;
  }

  /** Column list of {@code select *}. */
  String starColumns() {
    StringBuilder b = new StringBuilder("\"PK_ID\"");
    for (ViewField f : fields) {
      b.append(", \"").append(f.name()).append('"');
    }
    for (String k : tableKeyColumns()) {
      b.append(", \"").append(k).append('"');
    }
    return b.toString();
  }

  /** The CREATE VIEW statement; {@code filter} is the rewritten filter or {@code null}. */
  String ddl(String schema, String filter) {
    StringBuilder pk = new StringBuilder();
    for (TableModel t : tables) {
      pk.append(pk.length() == 0 ? "" : " || ',' || ");
      pk.append("CAST(\"").append(t.name()).append("\".\"PK_ID\" AS VARCHAR(20))");
    }
    StringBuilder b = new StringBuilder("CREATE VIEW \"").append(schema).append("\".\"");
    b.append(name()).append("\" AS SELECT ").append(pk).append(" AS \"PK_ID\"");
    for (ViewField f : fields) {
      b.append(", \"").append(f.table().name()).append("\".\"").append(f.field().name());
      b.append("\" AS \"").append(f.name()).append('"');
    }
    for (TableModel t : tables.size() > 1 ? tables : List.<TableModel>of()) {
      b.append(", \"").append(t.name()).append("\".\"PK_ID\" AS \"_PK_ID_");
      b.append(t.name()).append('"');
    }
    b.append(", \"").append(baseTable().name()).append("\".\"PK_ID\" AS \"");
    b.append(ORDER_COLUMN).append("\" FROM \"").append(schema).append("\".\"");
    b.append(baseTable().name()).append('"');
    for (ViewDef.Join j : def.joins()) {
      b.append(" INNER JOIN \"").append(schema).append("\".\"").append(canonical(j.table()));
      b.append("\" ON \"").append(canonical(j.table())).append("\".\"");
      b.append(fieldOf(j.table(), j.field())).append("\" = \"").append(canonical(j.otherTable()));
      b.append("\".\"").append(fieldOf(j.otherTable(), j.otherField())).append('"');
    }
    if (filter != null) {
      b.append(" WHERE ").append(filter);
    }
    return b.toString();
  }

  private TableModel table(String name) {
    for (TableModel t : tables) {
      if (t.name().equalsIgnoreCase(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("Table " + name + " is not part of view " + name());
  }

  private String canonical(String tableName) {
    return table(tableName).name();
  }

  private String fieldOf(String tableName, String fieldName) {
    FieldDef f = table(tableName).field(fieldName);
    if (f == null) {
      throw new IllegalArgumentException("Unknown field " + tableName + "." + fieldName);
    }
    return f.name();
  }
}
