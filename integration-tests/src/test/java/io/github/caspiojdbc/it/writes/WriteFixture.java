/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.writes;

import static io.github.caspiojdbc.emulator.store.FieldType.AUTONUMBER;
import static io.github.caspiojdbc.emulator.store.FieldType.CURRENCY;
import static io.github.caspiojdbc.emulator.store.FieldType.DATE_TIME;
import static io.github.caspiojdbc.emulator.store.FieldType.GUID;
import static io.github.caspiojdbc.emulator.store.FieldType.INTEGER;
import static io.github.caspiojdbc.emulator.store.FieldType.LIST_STRING;
import static io.github.caspiojdbc.emulator.store.FieldType.NUMBER;
import static io.github.caspiojdbc.emulator.store.FieldType.PASSWORD;
import static io.github.caspiojdbc.emulator.store.FieldType.STRING;
import static io.github.caspiojdbc.emulator.store.FieldType.TEXT;
import static io.github.caspiojdbc.emulator.store.FieldType.TIMESTAMP;
import static io.github.caspiojdbc.emulator.store.FieldType.YES_NO;

import io.github.caspiojdbc.adapter.CaspioSchema;
import io.github.caspiojdbc.adapter.CaspioWrites;
import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.emulator.PathKind;
import io.github.caspiojdbc.emulator.store.FieldDef;
import io.github.caspiojdbc.emulator.store.TableDef;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.it.EmulatorCalcite;
import io.github.caspiojdbc.rest.CaspioApi;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * An emulator with the sample data plus a fresh table per test that has a field of every kind, and
 * a Calcite connection over it; counts the record requests each statement sends.
 */
final class WriteFixture implements AutoCloseable {

  private static final AtomicInteger TABLES = new AtomicInteger();

  final CaspioEmulator emulator;
  final CaspioApi api;
  final Connection conn;
  final String table;

  WriteFixture() throws SQLException {
    emulator = CaspioEmulator.builder().sampleData(7, 40).build().start();
    api = EmulatorCalcite.api(emulator);
    table = "Items" + TABLES.incrementAndGet();
    emulator
        .store()
        .createTable(
            TableDef.of(
                table,
                FieldDef.of("Code", AUTONUMBER),
                FieldDef.of("Name", STRING),
                FieldDef.of("Email", STRING).withUnique(true),
                FieldDef.of("Qty", INTEGER),
                FieldDef.of("Weight", NUMBER),
                FieldDef.of("Price", CURRENCY),
                FieldDef.of("Due", DATE_TIME),
                FieldDef.of("Done", YES_NO),
                FieldDef.of("Notes", TEXT),
                FieldDef.of("Guid", GUID),
                FieldDef.of("Stamp", TIMESTAMP).withStamp(true, true, "UTC"),
                FieldDef.formula("Total", CURRENCY, "Price * Qty"),
                FieldDef.list("Tags", LIST_STRING, "Red", "Green", "Blue"),
                FieldDef.of("Secret", PASSWORD)));
    conn = EmulatorCalcite.connect(api, true);
  }

  CaspioWrites writes() throws SQLException {
    return conn.unwrap(CalciteConnection.class)
        .getRootSchema()
        .subSchemas()
        .get("caspio")
        .unwrap(CaspioSchema.class)
        .writes();
  }

  /** Executes an update statement and returns its count. */
  long update(String sql) throws SQLException {
    try (var s = conn.createStatement()) {
      return s.executeLargeUpdate(sql);
    }
  }

  /** The record requests sent since the last {@link #clear()}, as "METHOD where". */
  List<LoggedCall> records() {
    return emulator.log().entries().stream().filter(c -> c.kind() == PathKind.RECORDS).toList();
  }

  long count(String method) {
    return records().stream().filter(c -> c.method().equals(method)).count();
  }

  static String where(LoggedCall c) {
    List<String> w = c.query().get("q.where");
    return w == null ? null : w.get(0);
  }

  void clear() {
    emulator.clearLog();
  }

  long rows() {
    return emulator.store().rowCount(table);
  }

  /** The Caspio failure under a JDBC exception. */
  static CaspioException caspio(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof CaspioException e) {
        return e;
      }
    }
    throw new AssertionError("no CaspioException under " + t, t);
  }

  @Override
  public void close() throws SQLException {
    conn.close();
    api.close();
    emulator.close();
  }
}
