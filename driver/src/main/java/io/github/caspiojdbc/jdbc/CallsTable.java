/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.rest.CallCounts;
import io.github.caspiojdbc.rest.CallMeter;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code caspio_system.calls}: what this connection, its last statement, each table it touched and
 * the whole JVM cost in Caspio calls, one row per scope. The same numbers as {@link
 * CaspioCallStats}, for tools that only speak SQL:
 *
 * <pre>{@code
 * SELECT * FROM caspio_system.calls WHERE call_scope = 'LAST_STATEMENT'
 * }</pre>
 *
 * <p>{@code LAST_STATEMENT} is the execution before the one reading this table (which is the
 * latest), on this connection.
 */
final class CallsTable extends AbstractTable implements ScannableTable {
  /** The table's name in {@link SystemSchema}. */
  static final String NAME = "calls";

  /** A column: name, SQL type, JDBC type, nullable, meaning. */
  record Column(String name, SqlTypeName type, int jdbcType, boolean nullable, String remarks) {}

  /** The columns, in order. */
  static final List<Column> COLUMNS =
      List.of(
          new Column(
              "CALL_SCOPE",
              SqlTypeName.VARCHAR,
              Types.VARCHAR,
              false,
              "JVM, CONNECTION, LAST_STATEMENT or TABLE"),
          new Column(
              "TABLE_NAME",
              SqlTypeName.VARCHAR,
              Types.VARCHAR,
              true,
              "the table or view of a TABLE row"),
          count("CALLS", "REST requests sent: reads, writes and metadata"),
          count("READ_CALLS", "record reads"),
          count("WRITE_CALLS", "inserts, updates and deletes"),
          count("METADATA_CALLS", "table, view and field lists"),
          count("RETRIES", "attempts repeating a failed one"),
          count("THROTTLED", "rate-limit replies (429)"),
          count("TOKEN_REQUESTS", "OAuth token requests, not in CALLS"),
          count("BYTES_RECEIVED", "reply bytes after decoding"),
          count("CACHE_HITS", "reads answered by the reply cache"),
          new Column(
              "CALL_BUDGET",
              SqlTypeName.BIGINT,
              Types.BIGINT,
              true,
              "maxCallsPerConnection or maxCallsPerStatement; null for none"),
          new Column(
              "COUNTING_SINCE",
              SqlTypeName.TIMESTAMP,
              Types.TIMESTAMP,
              false,
              "when counting started (UTC)"));

  private static Column count(String name, String remarks) {
    return new Column(name, SqlTypeName.BIGINT, Types.BIGINT, false, remarks);
  }

  private final ConnectionCalls calls;

  CallsTable(ConnectionCalls calls) {
    this.calls = calls;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory types) {
    return rowType(types, COLUMNS);
  }

  /** The row type of a system table with these columns. */
  static RelDataType rowType(RelDataTypeFactory types, List<Column> columns) {
    RelDataTypeFactory.Builder b = types.builder();
    for (Column c : columns) {
      RelDataType t =
          c.type() == SqlTypeName.VARCHAR
              ? types.createSqlType(SqlTypeName.VARCHAR, 128)
              : types.createSqlType(c.type());
      b.add(c.name(), types.createTypeWithNullability(t, c.nullable()));
    }
    return b.build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    rows.add(row("JVM", null, CallMeter.jvm().snapshot(), 0));
    CallMeter connection = calls.connection();
    rows.add(row("CONNECTION", null, connection.snapshot(), connection.limit()));
    CallCounts last = calls.lastStatement();
    if (last != null) {
      rows.add(row("LAST_STATEMENT", null, last, calls.settings().maxCallsPerStatement()));
    }
    for (Map.Entry<String, CallCounts> e : connection.byTable().entrySet()) {
      rows.add(row("TABLE", e.getKey(), e.getValue(), 0));
    }
    return Linq4j.asEnumerable(rows);
  }

  private static Object[] row(String scope, String table, CallCounts c, long budget) {
    return new Object[] {
      scope,
      table,
      c.calls(),
      c.reads(),
      c.writes(),
      c.metadata(),
      c.retries(),
      c.throttled(),
      c.tokenRequests(),
      c.bytesReceived(),
      c.cacheHits(),
      budget == 0 ? null : budget,
      // Calcite's internal form of a TIMESTAMP: milliseconds of the wall-clock value, here UTC.
      c.since().toEpochMilli()
    };
  }
}
