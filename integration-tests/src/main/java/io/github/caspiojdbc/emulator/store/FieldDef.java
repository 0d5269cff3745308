/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import java.util.List;
import java.util.Objects;

/**
 * Definition of one Caspio table field (caspio-api.md section 3.2). Built with {@link #of} and the
 * {@code with…} methods, which return modified copies.
 *
 * @param name field name (letters, digits, underscore; starts with a letter)
 * @param type Caspio type; for a formula field, the type of its result
 * @param unique whether values must be unique
 * @param uniqueAllowNulls with {@code unique}: whether several rows may leave the field empty
 * @param label display label
 * @param description free text
 * @param prefix prefix of RANDOM ID and PREFIXED AUTONUMBER values
 * @param format RANDOM ID alphabet ({@code "0"}, {@code "U"}, {@code "0U"}) or PREFIXED AUTONUMBER
 *     padding ({@code "1"}, {@code "01"}, …)
 * @param length RANDOM ID length without the prefix (0 = default 12)
 * @param onInsert TIMESTAMP: stamp on insert
 * @param onUpdate TIMESTAMP: stamp on update
 * @param timeZone TIMESTAMP: Windows time-zone id of the stamp ({@code ""} = UTC)
 * @param listItems list types: item values, whose ids are 1, 2, … in this order
 * @param formula SQL expression over the table's fields for a formula field, else {@code null}
 */
public record FieldDef(
    String name,
    FieldType type,
    boolean unique,
    boolean uniqueAllowNulls,
    String label,
    String description,
    String prefix,
    String format,
    int length,
    boolean onInsert,
    boolean onUpdate,
    String timeZone,
    List<String> listItems,
    String formula) {

  /** Validates and copies the item list. */
  public FieldDef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (!name.matches("[A-Za-z][A-Za-z0-9_]{0,31}")) {
      throw new IllegalArgumentException("Invalid Caspio field name: " + name);
    }
    label = label == null ? "" : label;
    description = description == null ? "" : description;
    prefix = prefix == null ? "" : prefix;
    format = format == null ? "" : format;
    timeZone = timeZone == null ? "" : timeZone;
    listItems = listItems == null ? List.of() : List.copyOf(listItems);
    if (type.isList() && listItems.isEmpty()) {
      throw new IllegalArgumentException("List field " + name + " needs items");
    }
    if (formula != null && type.generated()) {
      throw new IllegalArgumentException("A formula cannot produce a " + type.token());
    }
    if (unique && type == FieldType.ATTACHMENT) {
      // Strict choice: the notes know of no unique attachment field, and the emulator's column
      // behind it is always NULL, so uniqueness could mean nothing.
      throw new IllegalArgumentException("Attachment field " + name + " cannot be unique");
    }
  }

  /**
   * A plain field of the given type with every option at its default (lists: see {@link #list}).
   */
  public static FieldDef of(String name, FieldType type) {
    // Caspio requires auto-generated types to be unique (caspio-api.md 3.2).
    boolean unique =
        type.generated() && type != FieldType.TIMESTAMP && type != FieldType.ATTACHMENT;
    String format =
        type == FieldType.RANDOM_ID ? "0U" : type == FieldType.PREFIXED_AUTONUMBER ? "1" : "";
    return new FieldDef(
        name, type, unique, false, "", "", "", format, 0, false, false, "", List.of(), null);
  }

  /** A formula field: read-only, computed by {@code expression} and typed as {@code result}. */
  public static FieldDef formula(String name, FieldType result, String expression) {
    return of(name, result).withFormula(Objects.requireNonNull(expression, "expression"));
  }

  /** A list field with item ids 1..n for the given values. */
  public static FieldDef list(String name, FieldType listType, String... items) {
    return new FieldDef(
        name, listType, false, false, "", "", "", "", 0, false, false, "", List.of(items), null);
  }

  /** Copy marked unique; {@code allowNulls} lets several rows leave it empty. */
  public FieldDef withUnique(boolean allowNulls) {
    return new FieldDef(
        name,
        type,
        true,
        allowNulls,
        label,
        description,
        prefix,
        format,
        length,
        onInsert,
        onUpdate,
        timeZone,
        listItems,
        formula);
  }

  /** Copy with label and description. */
  public FieldDef withLabel(String newLabel, String newDescription) {
    return new FieldDef(
        name,
        type,
        unique,
        uniqueAllowNulls,
        newLabel,
        newDescription,
        prefix,
        format,
        length,
        onInsert,
        onUpdate,
        timeZone,
        listItems,
        formula);
  }

  /** Copy with RANDOM ID / PREFIXED AUTONUMBER options. */
  public FieldDef withGenerator(String newPrefix, String newFormat, int newLength) {
    return new FieldDef(
        name,
        type,
        unique,
        uniqueAllowNulls,
        label,
        description,
        newPrefix,
        newFormat,
        newLength,
        onInsert,
        onUpdate,
        timeZone,
        listItems,
        formula);
  }

  /** Copy with TIMESTAMP stamping options. */
  public FieldDef withStamp(boolean stampOnInsert, boolean stampOnUpdate, String zone) {
    return new FieldDef(
        name,
        type,
        unique,
        uniqueAllowNulls,
        label,
        description,
        prefix,
        format,
        length,
        stampOnInsert,
        stampOnUpdate,
        zone,
        listItems,
        formula);
  }

  /** Copy with list items (ids 1..n in order). */
  public FieldDef withListItems(List<String> items) {
    return new FieldDef(
        name,
        type,
        unique,
        uniqueAllowNulls,
        label,
        description,
        prefix,
        format,
        length,
        onInsert,
        onUpdate,
        timeZone,
        items,
        formula);
  }

  /** Copy turned into a formula field computing {@code expression}. */
  public FieldDef withFormula(String expression) {
    return new FieldDef(
        name,
        type,
        false,
        false,
        label,
        description,
        prefix,
        format,
        length,
        onInsert,
        onUpdate,
        timeZone,
        listItems,
        expression);
  }

  /** Whether a record body may never carry this field. */
  public boolean readOnly() {
    return type.generated() || formula != null;
  }
}
