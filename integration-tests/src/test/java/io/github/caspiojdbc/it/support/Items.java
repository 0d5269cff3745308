/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.support;

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

import io.github.caspiojdbc.emulator.store.FieldDef;
import io.github.caspiojdbc.emulator.store.TableDef;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code Items} tables of the write suites and the fixtures that carry them: the sample data of
 * seed 7 and 40 rows plus one table to write to.
 */
public final class Items {

  /** The table name of {@link #driverTable()}. */
  public static final String TABLE = "Items";

  private static final AtomicInteger TABLES = new AtomicInteger();

  private Items() {}

  /**
   * A fresh table {@code ItemsN} with a field of every kind, and a Calcite connection with pushdown
   * over it: the fixture of the adapter-level write suites, to start once per suite or {@link
   * EmulatorFixture.Builder#perTest() per test}.
   */
  public static EmulatorFixture.Builder calcite() {
    return EmulatorFixture.builder()
        .sampleData(7, 40)
        .table(everyKind("Items" + TABLES.incrementAndGet()))
        .calcite(true);
  }

  /**
   * {@link #calcite()} for one test, with rows inserted through its Calcite connection and the
   * request log cleared after, so that a test counts only its own requests. {@code values} follows
   * the table name: {@code "(Name, Qty) VALUES ('a', 1)"}.
   */
  public static EmulatorFixture perTest(String values) {
    EmulatorFixture f = calcite().perTest();
    try {
      f.update("INSERT INTO " + f.table + " " + values);
    } catch (SQLException | RuntimeException e) {
      f.close();
      throw new IllegalStateException("seeding " + f.table, e);
    }
    f.clear();
    return f;
  }

  /**
   * The table {@link #driverTable()}, reached through the driver: the fixture of the JDBC write
   * suites, to start once, per test, or inside a test.
   */
  public static EmulatorFixture.Builder driver() {
    return EmulatorFixture.builder().sampleData(7, 40).table(driverTable());
  }

  /** {@link #driver()} started, for a test that holds its own fixture. */
  public static EmulatorFixture driverFixture() throws SQLException {
    return driver().start();
  }

  /** A table with a field of every kind a write can touch, a formula, a list and a password. */
  public static TableDef everyKind(String name) {
    return TableDef.of(
        name,
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
        FieldDef.of("Secret", PASSWORD));
  }

  /**
   * {@code Items}: Code AUTONUMBER, Name STRING unique, Qty INTEGER, Price CURRENCY, Guid GUID,
   * Total formula Price * Qty, Secret PASSWORD.
   */
  public static TableDef driverTable() {
    return TableDef.of(
        TABLE,
        FieldDef.of("Code", AUTONUMBER),
        FieldDef.of("Name", STRING).withUnique(true),
        FieldDef.of("Qty", INTEGER),
        FieldDef.of("Price", CURRENCY),
        FieldDef.of("Guid", GUID),
        FieldDef.formula("Total", CURRENCY, "Price * Qty"),
        FieldDef.of("Secret", PASSWORD));
  }
}
