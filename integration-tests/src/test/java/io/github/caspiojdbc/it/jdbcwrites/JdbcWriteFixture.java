/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.jdbcwrites;

import static io.github.caspiojdbc.emulator.store.FieldType.AUTONUMBER;
import static io.github.caspiojdbc.emulator.store.FieldType.CURRENCY;
import static io.github.caspiojdbc.emulator.store.FieldType.GUID;
import static io.github.caspiojdbc.emulator.store.FieldType.INTEGER;
import static io.github.caspiojdbc.emulator.store.FieldType.PASSWORD;
import static io.github.caspiojdbc.emulator.store.FieldType.STRING;

import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.emulator.PathKind;
import io.github.caspiojdbc.emulator.store.FieldDef;
import io.github.caspiojdbc.emulator.store.TableDef;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * An emulator with the sample data plus a table {@code Items} (Code AUTONUMBER, Name STRING unique,
 * Qty INTEGER, Price CURRENCY, Guid GUID, Total formula Price * Qty, Secret PASSWORD), and
 * connections to it through {@link DriverManager}; counts the record requests statements send.
 */
final class JdbcWriteFixture implements AutoCloseable {
  static final String TABLE = "Items";

  final CaspioEmulator emulator;

  JdbcWriteFixture() {
    emulator = CaspioEmulator.builder().sampleData(7, 40).build().start();
    emulator
        .store()
        .createTable(
            TableDef.of(
                TABLE,
                FieldDef.of("Code", AUTONUMBER),
                FieldDef.of("Name", STRING).withUnique(true),
                FieldDef.of("Qty", INTEGER),
                FieldDef.of("Price", CURRENCY),
                FieldDef.of("Guid", GUID),
                FieldDef.formula("Total", CURRENCY, "Price * Qty"),
                FieldDef.of("Secret", PASSWORD)));
  }

  Connection connect() throws SQLException {
    return connect("");
  }

  /** A connection with extra {@code &key=value} URL parameters. */
  Connection connect(String extra) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:caspio://127.0.0.1:" + emulator.port() + "?useHttps=false" + extra,
        CaspioEmulator.DEFAULT_CLIENT_ID,
        CaspioEmulator.DEFAULT_CLIENT_SECRET);
  }

  /** Record requests sent since the last {@link #clear()}. */
  List<LoggedCall> records() {
    return emulator.log().entries().stream().filter(c -> c.kind() == PathKind.RECORDS).toList();
  }

  long count(String method) {
    return records().stream().filter(c -> c.method().equals(method)).count();
  }

  void clear() {
    emulator.clearLog();
  }

  long rows() {
    return emulator.store().rowCount(TABLE);
  }

  static long update(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      return s.executeLargeUpdate(sql);
    }
  }

  @Override
  public void close() {
    emulator.close();
  }
}
