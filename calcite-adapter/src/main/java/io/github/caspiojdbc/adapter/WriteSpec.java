/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.rest.CaspioApi;
import java.util.List;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Everything one write statement asks of Caspio, fixed at planning time. Immutable.
 *
 * @param table the target table
 * @param mode how the statement is executed
 * @param columns the table's columns, in row order
 * @param assignments for UPDATE, the fields set and where each value comes from; empty otherwise
 * @param where for {@link Mode#UPDATE_WHERE} and {@link Mode#DELETE_WHERE}, the exact {@code
 *     q.where} (empty means every row); for the key-list modes, a superset guard added to each key
 *     list so that a row changed since it was read is not touched (may be empty)
 */
record WriteSpec(
    CaspioTable table,
    Mode mode,
    List<CaspioColumn> columns,
    List<Assignment> assignments,
    WhereTemplate where) {

  /** How a statement is executed. */
  enum Mode {
    /** One POST per input row. */
    INSERT,
    /** One PUT with the statement's own {@code q.where}. */
    UPDATE_WHERE,
    /** One DELETE with the statement's own {@code q.where}. */
    DELETE_WHERE,
    /** Read the matching rows' PK_IDs, then PUT by PK_ID lists. */
    UPDATE_KEYS,
    /** Read the matching rows' PK_IDs, then DELETE by PK_ID lists. */
    DELETE_KEYS
  }

  /**
   * One field set by an UPDATE. Exactly one source applies: a constant, a statement parameter, or
   * (key-list modes) the input column that carries the value Calcite computed.
   *
   * @param column the field
   * @param constant the value in Calcite's internal form, when {@code param} and {@code input} are
   *     -1
   * @param param the parameter index, or -1
   * @param input the input column index, or -1
   */
  record Assignment(CaspioColumn column, @Nullable Object constant, int param, int input) {}

  WriteSpec {
    Objects.requireNonNull(table);
    Objects.requireNonNull(mode);
    columns = List.copyOf(columns);
    assignments = List.copyOf(assignments);
    Objects.requireNonNull(where);
  }

  /** The request as EXPLAIN shows it; parameters appear as {@code ?}. */
  String describe() {
    String w = where.describe();
    CaspioApi api = table.api();
    String name = table.caspioName();
    String keys = "PK_ID IN (<keys read>)" + (w == null ? "" : " AND " + w);
    String records = "POST " + table.kind().segment() + "/" + name + "/records";
    return switch (mode) {
      case INSERT ->
          api.insertBatchLimit() > 1
              ? records + "/bulk, " + api.insertBatchLimit() + " rows per call"
              : records + " per row";
      case UPDATE_WHERE -> api.describeWrite(true, table.kind(), name, w);
      case DELETE_WHERE -> api.describeWrite(false, table.kind(), name, w);
      case UPDATE_KEYS -> api.describeWrite(true, table.kind(), name, keys);
      case DELETE_KEYS -> api.describeWrite(false, table.kind(), name, keys);
    };
  }
}
