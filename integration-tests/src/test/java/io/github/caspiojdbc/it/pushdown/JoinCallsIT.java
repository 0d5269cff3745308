/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.pushdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Rows;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a join costs when one side is filtered: a 100,000-row table joined with a 25,000-row table
 * filtered down to the 50 keys that 50 big-side rows use. Without join reduction the big side is a
 * full scan (100 calls); with it each side reads only rows that find a partner, one call each.
 * Calls are counted from the emulator's request log, every kind of call included. {@link
 * JoinCallsAtScaleIT} runs the same joins at 1,000,000 rows.
 */
class JoinCallsIT {
  private static final int BIG = 100_000;
  private static final int SMALL = JoinData.SMALL;
  private static final int MATCHING = JoinData.MATCHING;

  @RegisterExtension static final EmulatorFixture fixture = JoinData.fixture();

  private static Connection conn;

  @BeforeAll
  static void start() throws Exception {
    conn = JoinData.load(fixture, BIG);
  }

  @BeforeEach
  void clear() {
    fixture.clear();
  }

  /** Joins of the big table with the filtered accounts: 50 rows, at most three calls. */
  static List<String> filteredJoins() {
    return List.of(
        "select s.PK_ID, s.Amount, a.Region from Sales s join Accounts a"
            + " on s.Cust_No = a.Cust_No where a.Region = 'North'",
        "select s.PK_ID, a.PK_ID from Accounts a left join Sales s"
            + " on s.Cust_No = a.Cust_No where a.Region = 'North'",
        "select PK_ID, Amount from Sales where Cust_No in"
            + " (select Cust_No from Accounts where Region = 'North')",
        "select PK_ID, Amount from Sales s where exists"
            + " (select 1 from Accounts a where a.Cust_No = s.Cust_No and a.Region = 'North')",
        // No subquery possible: key lists.
        "select s.PK_ID, s.Amount from Sales s join (select Cust_No from Accounts"
            + " where Region = 'North' order by PK_ID limit 100) a on s.Cust_No = a.Cust_No");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filteredJoins")
  void filteredJoin_readsOnlyMatchingRows_inAtMostThreeCalls(String sql) throws Exception {
    assertReadsOnlyMatchingRows(fixture, conn, sql);
  }

  /** The 50 matching rows, in at most three calls counted from the emulator's log. */
  static void assertReadsOnlyMatchingRows(EmulatorFixture fixture, Connection conn, String sql)
      throws Exception {
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

  // Key lists: the other side cannot be a Caspio subquery, so it is read first and its keys go
  // into the big side's request (docs/joins.md).
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "select s.PK_ID, s.Amount from Sales s join (select Cust_No from Accounts"
            + " order by PK_ID limit 50) a on s.Cust_No = a.Cust_No",
        "select PK_ID, Amount from Sales where Cust_No in (select Cust_No from Accounts"
            + " order by PK_ID limit 50)",
        "select s.PK_ID, s.Amount from Sales s join (select Cust_No from Accounts"
            + " where PK_ID <= 50 group by Cust_No) a on s.Cust_No = a.Cust_No",
      })
  void keyLists_narrowTheBigSide_whenTheOtherSideIsNoSubquery(String sql) throws Exception {
    List<String> result = Rows.lines(conn, sql);
    List<LoggedCall> calls = fixture.emulator.log().entries();
    assertEquals(MATCHING, result.size(), sql);
    assertEquals(2, calls.size(), () -> describe(calls));
    LoggedCall sales = calls.get(1);
    assertTrue(sales.path().contains("/Sales/"), () -> describe(calls));
    assertTrue(String.valueOf(sales.query()).contains("Cust_No IN (1,2,3,"), () -> describe(calls));
  }

  @org.junit.jupiter.api.Test
  void keyLists_afterAConditionCaspioCannotEvaluate_readTheBigSideOnce() throws Exception {
    // CHAR_LENGTH is evaluated locally, so every account is read (25 pages); the 50 keys left
    // cost the 100,000 sales one call instead of 100.
    String sql =
        "select s.PK_ID from Sales s join Accounts a on s.Cust_No = a.Cust_No"
            + " where char_length(a.Region) = 5";
    List<String> result = Rows.lines(conn, sql);
    List<LoggedCall> calls = fixture.emulator.log().entries();
    assertEquals(MATCHING, result.size());
    assertEquals(1, count(calls, "/Sales/"), () -> describe(calls));
    assertEquals(SMALL / 1000, count(calls, "/Accounts/"), () -> describe(calls));
  }

  @org.junit.jupiter.api.Test
  void keyLists_fromValues_costOneCall() throws Exception {
    List<String> result =
        Rows.lines(
            conn,
            "select s.PK_ID from Sales s join (values (1), (2), (3), (cast(null as integer)))"
                + " v(k) on s.Cust_No = v.k");
    List<LoggedCall> calls = fixture.emulator.log().entries();
    assertEquals(List.of("1", "2", "3"), result.stream().sorted().toList());
    assertEquals(1, calls.size(), () -> describe(calls));
  }

  @org.junit.jupiter.api.Test
  void keyLists_inSeveralRequests_whenFewerThanTheScan_countedFirst() throws Exception {
    // 500 keys do not fit one request; the sales' total is unknown, so one COUNT(*) decides:
    // 100 pages against a few lists.
    String sql =
        "select s.PK_ID from Sales s join (select Cust_No from Accounts order by PK_ID limit 500)"
            + " a on s.Cust_No = a.Cust_No";
    List<String> expected = new ArrayList<>(Rows.lines(fixture.openCalcite(false), sql));
    // A REST client of its own: no row count learned by other reads.
    Connection fresh = fixture.openCalcite(true, io.github.caspiojdbc.rest.ApiVersion.V3);
    Rows.lines(fresh, "explain plan for " + sql);
    fixture.clear();
    List<String> actual = new ArrayList<>(Rows.lines(fresh, sql));
    List<LoggedCall> calls = fixture.emulator.log().entries();
    java.util.Collections.sort(expected);
    java.util.Collections.sort(actual);
    assertEquals(expected, actual);
    assertEquals(1, count(calls, "/Accounts/"), () -> describe(calls));
    long counts = calls.stream().filter(c -> String.valueOf(c.query()).contains("COUNT(")).count();
    assertEquals(1, counts, () -> describe(calls));
    // The lists' rows need ceil(rows / 1000) pages at least and at most one more per list.
    long sales = count(calls, "/Sales/") - counts;
    long pages = (actual.size() + 999) / 1000;
    assertTrue(sales >= 2 && sales <= pages + 2, () -> describe(calls));
  }

  @org.junit.jupiter.api.Test
  void keyLists_notSent_whenThePlainReadIsFewerCalls() throws Exception {
    // 400 account keys need two lists; the 1,500 branches are two pages: the plain read wins.
    // The first run counts the branches (one COUNT(*)); the second knows the total already and
    // costs exactly what the plan without key lists costs.
    String sql =
        "select b.PK_ID from Branches b join (select Cust_No from Accounts"
            + " order by PK_ID desc limit 400) a on b.Cust_No = a.Cust_No";
    List<String> first = Rows.lines(conn, sql);
    List<LoggedCall> firstCalls = fixture.emulator.log().entries();
    assertEquals(0, first.size());
    assertEquals(1 + 1 + 2, firstCalls.size(), () -> describe(firstCalls));
    fixture.clear();
    Rows.lines(conn, sql);
    List<LoggedCall> again = fixture.emulator.log().entries();
    assertEquals(1 + 2, again.size(), () -> describe(again));
    assertTrue(again.stream().noneMatch(c -> String.valueOf(c.query()).contains(" IN (")));
  }

  @org.junit.jupiter.api.Test
  void keyLists_explainShowsBothRequests() throws Exception {
    String plan =
        String.join(
            "\n",
            Rows.lines(
                conn,
                "explain plan for select s.PK_ID from Sales s join (select Cust_No from Accounts"
                    + " order by PK_ID limit 50) a on s.Cust_No = a.Cust_No"));
    assertTrue(plan.contains("CaspioKeyedScan"), plan);
    assertTrue(plan.contains("Cust_No IN (<keys of input#"), plan);
    assertTrue(plan.contains("KeySpool"), plan);
    assertTrue(plan.contains("q.limit=50"), plan);
  }

  private static long count(List<LoggedCall> calls, String path) {
    return calls.stream().filter(c -> c.path().contains(path)).count();
  }

  static String describe(List<LoggedCall> calls) {
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
