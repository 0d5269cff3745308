/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.rest.FieldInfo;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One column of a Caspio table or view as SQL sees it.
 *
 * @param name the Caspio field name, with Caspio's spelling
 * @param kind how it is typed and converted
 * @param field Caspio's description of the field; null for {@code PK_ID}, which Caspio does not
 *     list
 * @param nullable whether the column may be null
 */
record CaspioColumn(String name, ColumnKind kind, @Nullable FieldInfo field, boolean nullable) {

  /** Caspio can filter on it: list fields hold item sets that {@code q.where} cannot test. */
  boolean filterable() {
    return kind != ColumnKind.LIST && !writeOnly();
  }

  /**
   * Caspio sorts it in the same order as Calcite: numbers, date-times and booleans. Text sorts by a
   * case-insensitive collation, so text sorts stay in Calcite.
   */
  boolean sortable() {
    return !writeOnly() && kind != ColumnKind.VARCHAR && kind != ColumnKind.LIST;
  }

  /**
   * A Caspio password field: set by INSERT and UPDATE, never returned by Caspio, so it reads NULL,
   * is never requested, and any other read of it is refused ({@link WriteOnlyColumns}).
   */
  boolean writeOnly() {
    return field != null && field.type().equalsIgnoreCase("PASSWORD");
  }

  /** Declared text length, or 0 when unbounded or not text. */
  int textLength() {
    return field == null ? 0 : CaspioTable.declaredLength(field);
  }
}
