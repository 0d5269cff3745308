/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import java.lang.reflect.Method;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Locale;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Our {@link ResultSetMetaData}: Avatica's, with the per-column answers that tools rely on made to
 * agree with {@code DatabaseMetaData.getColumns}.
 *
 * <ul>
 *   <li>A column read straight from a table or view column (Calcite's origin of the column) gets
 *       that column's facts: precision and display size of its declared text length (255, 64000),
 *       19 for TIMESTAMP; auto-increment for a table's PK_ID and Autonumber fields; writable only
 *       for table fields Caspio lets records set; currency for Currency fields.
 *   <li>Any other column (an expression, an aggregate, a metadata result set) gets sizes derived
 *       from its SQL type; text without a declared length reports {@link Integer#MAX_VALUE} (no
 *       limit); it is never auto-increment or writable.
 *   <li>Every column of a query is searchable: any of them may be used in a WHERE clause (Caspio
 *       evaluates what it can, Calcite the rest).
 *   <li>{@code isDefinitelyWritable} is false: Caspio checks unique fields and lengths only when a
 *       write arrives, so no write is certain to succeed.
 * </ul>
 */
final class ResultSetMetaDataHandler extends Wrappers.Handler {
  private final ResultSetMetaData metaData;
  private final CalciteConnection connection;
  private final boolean query;
  private ColumnFacts[] facts;

  /**
   * @param connection the Calcite connection whose schema the columns come from, or null
   * @param query whether the result set is a query's (not a {@code DatabaseMetaData} result set)
   */
  ResultSetMetaDataHandler(
      ResultSetMetaData delegate, CalciteConnection connection, boolean query) {
    super(delegate);
    this.metaData = delegate;
    this.connection = connection;
    this.query = query;
  }

  @Override
  Object intercept(Object proxy, Method method, Object[] args) throws Throwable {
    if (args.length != 1 || !(args[0] instanceof Integer column)) {
      return forward(method, args);
    }
    return switch (method.getName()) {
      case "getPrecision" ->
          type(column) == null ? forward(method, args) : type(column).precision();
      case "getColumnDisplaySize" ->
          type(column) == null ? forward(method, args) : type(column).displaySize();
      case "isAutoIncrement" -> facts(column) != null && facts(column).autoIncrement();
      case "isWritable" -> writable(column);
      case "isReadOnly" -> !writable(column);
      case "isDefinitelyWritable" -> false;
      case "isSearchable" -> query || (Boolean) forward(method, args);
      case "isCurrency" -> facts(column) != null && facts(column).currency();
      default -> forward(method, args);
    };
  }

  private boolean writable(int column) throws SQLException {
    return facts(column) != null && facts(column).writable();
  }

  /** The type description of a column: its table column's, or derived from its SQL type. */
  private ColumnType type(int column) throws SQLException {
    ColumnFacts f = facts(column);
    if (f != null) {
      return f.type();
    }
    SqlTypeName n = SqlTypeName.get(metaData.getColumnTypeName(column).toUpperCase(Locale.ROOT));
    if (n == null) {
      return null;
    }
    return ColumnType.of(n, metaData.getPrecision(column), metaData.getScale(column));
  }

  /** The facts of the table column a result column reads, or null. */
  private ColumnFacts facts(int column) throws SQLException {
    if (connection == null) {
      return null;
    }
    if (facts == null) {
      facts = new ColumnFacts[metaData.getColumnCount() + 1];
    }
    if (column < 1 || column >= facts.length) {
      // Out of range: Avatica's own getters say so.
      metaData.getColumnName(column);
      return null;
    }
    if (facts[column] == null) {
      ColumnFacts found =
          ColumnFacts.find(
              connection,
              metaData.getSchemaName(column),
              metaData.getTableName(column),
              metaData.getColumnName(column));
      facts[column] = found == null ? NONE : found;
    }
    return facts[column] == NONE ? null : facts[column];
  }

  /** Marks a column looked up without result. */
  private static final ColumnFacts NONE =
      new ColumnFacts("", null, true, false, false, false, false, null);
}
