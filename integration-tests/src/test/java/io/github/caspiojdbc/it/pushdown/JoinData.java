/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.pushdown;

import io.github.caspiojdbc.emulator.store.FieldDef;
import io.github.caspiojdbc.emulator.store.FieldType;
import io.github.caspiojdbc.emulator.store.TableDef;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Rows;
import java.sql.Connection;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.LongStream;

/**
 * The tables of the join-cost suites: Sales (the big side), 25,000 Accounts of which the 50 in the
 * North are the partners of Sales 1..50, and 1,500 Branches (two pages).
 */
final class JoinData {
  static final int SMALL = 25_000;
  static final int MATCHING = 50;
  static final int BRANCHES = 1_500;

  private JoinData() {}

  /** The emulator with the three tables, empty. */
  static EmulatorFixture fixture() {
    return EmulatorFixture.of(
        () ->
            EmulatorFixture.builder()
                .empty()
                .table(
                    TableDef.of(
                        "Sales",
                        FieldDef.of("Cust_No", FieldType.INTEGER),
                        FieldDef.of("Amount", FieldType.INTEGER)))
                .table(
                    TableDef.of(
                        "Accounts",
                        FieldDef.of("Cust_No", FieldType.INTEGER),
                        FieldDef.of("Region", FieldType.STRING)))
                .table(
                    TableDef.of(
                        "Branches",
                        FieldDef.of("Cust_No", FieldType.INTEGER),
                        FieldDef.of("City", FieldType.STRING)))
                .start());
  }

  /**
   * Loads {@code sales} sales and the other tables, and opens a pushdown connection that already
   * knows their fields.
   */
  static Connection load(EmulatorFixture fixture, int sales) throws Exception {
    // Sales 1..50 use accounts 1..50, the only ones in the North; every other sale belongs to one
    // of the other accounts, so the filtered join has exactly 50 rows.
    fixture
        .emulator
        .store()
        .load(
            "Sales",
            rows(
                sales,
                pk ->
                    new Object[] {
                      pk, pk <= MATCHING ? pk : MATCHING + 1 + pk % (SMALL - MATCHING), pk % 100
                    }));
    fixture
        .emulator
        .store()
        .load(
            "Accounts",
            rows(
                SMALL,
                pk -> new Object[] {pk, pk, pk <= MATCHING ? "North" : pk % 2 == 0 ? "East" : ""}));
    fixture
        .emulator
        .store()
        .load(
            "Branches", rows(BRANCHES, pk -> new Object[] {pk, pk, pk % 3 == 0 ? "Lyon" : "Oslo"}));
    Connection conn = fixture.openCalcite(true);
    for (String t : List.of("Sales", "Accounts", "Branches")) {
      Rows.lines(conn, "explain plan for select * from " + t); // fields cached
    }
    return conn;
  }

  private static Iterator<Object[]> rows(long n, LongFunction<Object[]> row) {
    return LongStream.rangeClosed(1, n).mapToObj(row).iterator();
  }
}
