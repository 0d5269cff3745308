/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.pushdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.emulator.store.FieldDef;
import io.github.caspiojdbc.emulator.store.FieldType;
import io.github.caspiojdbc.emulator.store.TableDef;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Rows;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a join costs when one side is filtered: a 100,000-row table joined with a 25,000-row table
 * filtered down to the 50 keys that 50 big-side rows use. Without join reduction the big side is a
 * full scan (100 calls); with it each side reads only rows that find a partner, one call each.
 * Calls are counted from the emulator's request log, every kind of call included.
 */
class JoinCallsIT {
  private static final int BIG = 100_000;
  private static final int SMALL = 25_000;
  private static final int MATCHING = 50;

  @RegisterExtension
  static final EmulatorFixture fixture =
      EmulatorFixture.of(
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
                  .start());

  private static Connection conn;

  @BeforeAll
  static void start() throws Exception {
    // Sales 1..50 use accounts 1..50, the only ones in the North; every other sale belongs to
    // one of the other accounts, so the filtered join has exactly 50 rows.
    fixture
        .emulator
        .store()
        .load(
            "Sales",
            rows(
                BIG,
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
    conn = fixture.openCalcite(true);
    for (String t : List.of("Sales", "Accounts")) {
      Rows.lines(conn, "explain plan for select * from " + t); // fields cached
    }
  }

  @BeforeEach
  void clear() {
    fixture.clear();
  }

  private static Iterator<Object[]> rows(long n, LongFunction<Object[]> row) {
    return LongStream.rangeClosed(1, n).mapToObj(row).iterator();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "select s.PK_ID, s.Amount, a.Region from Sales s join Accounts a"
            + " on s.Cust_No = a.Cust_No where a.Region = 'North'",
        "select s.PK_ID, a.PK_ID from Accounts a left join Sales s"
            + " on s.Cust_No = a.Cust_No where a.Region = 'North'",
        "select PK_ID, Amount from Sales where Cust_No in"
            + " (select Cust_No from Accounts where Region = 'North')",
        "select PK_ID, Amount from Sales s where exists"
            + " (select 1 from Accounts a where a.Cust_No = s.Cust_No and a.Region = 'North')",
      })
  void filteredJoin_readsOnlyMatchingRows_inAtMostThreeCalls(String sql) throws Exception {
    List<String> result = Rows.lines(conn, sql);
    List<LoggedCall> calls = fixture.emulator.log().entries();
    assertEquals(MATCHING, result.size(), sql);
    assertTrue(calls.size() <= 3, () -> calls.size() + " calls: " + describe(calls));
    for (String row : result) {
      long pk = Long.parseLong(row.split(" \\| ")[0]);
      assertTrue(pk >= 1 && pk <= MATCHING, row);
    }
  }

  @org.junit.jupiter.api.Test
  void antiJoin_onNumberKeys_readsTheBigSideWithoutItsMatchedRows() throws Exception {
    // The 50 sales of accounts 1..50 are the ones without a partner among accounts > 50.
    String sql =
        "select PK_ID, Amount from Sales s where not exists"
            + " (select 1 from Accounts a where a.Cust_No = s.Cust_No and a.PK_ID > "
            + MATCHING
            + ")";
    List<String> result = Rows.lines(conn, sql);
    List<LoggedCall> calls = fixture.emulator.log().entries();
    assertEquals(MATCHING, result.size(), sql);
    // One call for the 50 sales, the pages of the 24,950 accounts, not the 100 pages of sales.
    long salesCalls = calls.stream().filter(c -> c.path().contains("/Sales/")).count();
    assertEquals(1, salesCalls, () -> describe(calls));
    assertTrue(calls.size() <= 1 + (SMALL - MATCHING + 999) / 1000 + 1, () -> describe(calls));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "select s.PK_ID, a.Region from Sales s join Accounts a on s.Cust_No = a.Cust_No"
            + " where a.Region = 'north'",
      })
  void filteredJoin_matchesThePlainPlanRowForRow(String sql) throws Exception {
    List<String> expected = new ArrayList<>(Rows.lines(fixture.openCalcite(false), sql));
    fixture.clear();
    List<String> actual = new ArrayList<>(Rows.lines(conn, sql));
    List<LoggedCall> calls = fixture.emulator.log().entries();
    java.util.Collections.sort(expected);
    java.util.Collections.sort(actual);
    assertEquals(expected, actual, sql);
    assertTrue(calls.size() <= 2, () -> calls.size() + " calls: " + describe(calls));
  }

  private static String describe(List<LoggedCall> calls) {
    StringBuilder b = new StringBuilder();
    for (LoggedCall c : calls) {
      b.append("\n  ")
          .append(c.method())
          .append(' ')
          .append(c.path())
          .append(' ')
          .append(c.query());
    }
    return b.toString();
  }
}
