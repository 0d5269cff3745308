/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.PathKind;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Items;
import io.github.caspiojdbc.jdbc.CaspioCallStats;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Call budgets ({@code maxCallsPerStatement}, {@code maxCallsPerConnection}) and the estimates that
 * EXPLAIN shows, over a 10,000-row table, counted from the emulator's request log.
 */
class CallBudgetIT {
  @RegisterExtension
  static final EmulatorFixture fixture =
      EmulatorFixture.of(() -> EmulatorFixture.builder().big().table(Items.driverTable()).start());

  /** Requests to the REST API (token requests aside) since the last clear. */
  private static long sent() {
    return fixture.emulator.log().entries().stream()
        .filter(e -> e.kind() != PathKind.TOKEN)
        .count();
  }

  private static long drain(Statement s, String sql) throws SQLException {
    long n = 0;
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        n++;
      }
    }
    return n;
  }

  private static String explain(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }

  @Test
  void scanOverBudget_stopsAfterThreeCalls_thenTheEstimateRefusesItWithNone() throws SQLException {
    // prefetch=0: no page is in flight when the budget stops the scan, so every call the driver
    // counted reached the emulator (an aborted in-flight request counts, as Caspio may bill it).
    try (Connection c = fixture.connect("&maxCallsPerStatement=3&prefetch=0");
        Statement s = c.createStatement()) {
      fixture.clear();
      SQLException e = assertThrows(SQLException.class, () -> drain(s, EmulatorFixture.SCAN));
      assertEquals("54K01", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("budget of 3"), e.getMessage());
      long sent = sent();
      assertTrue(sent <= 3 && sent >= 1, "at most 3 calls, sent " + sent);
      assertEquals(sent, s.unwrap(CaspioCallStats.class).calls().calls(), "driver = emulator");

      // The first page reported 10,000 rows: the same scan now needs at least 10 pages.
      fixture.clear();
      SQLException refused = assertThrows(SQLException.class, () -> drain(s, EmulatorFixture.SCAN));
      assertEquals("54K01", refused.getSQLState());
      assertTrue(refused.getMessage().contains("needs at least 10 calls"), refused.getMessage());
      assertTrue(refused.getMessage().contains("nothing was sent"), refused.getMessage());
      assertEquals(0, sent(), "refused before the first call");
      assertEquals(0, s.unwrap(CaspioCallStats.class).calls().calls());

      // What fits the budget still runs.
      assertEquals(1, drain(s, "SELECT COUNT(*) FROM OrderItems"));
    }
  }

  @Test
  void explain_printsTheEstimate_exactOnceTheRowsAreKnown() throws SQLException {
    try (Connection c = fixture.connect("&prefetch=0");
        Statement s = c.createStatement()) {
      assertTrue(
          explain(s, EmulatorFixture.SCAN).contains("calls=[at least 1]"),
          explain(s, EmulatorFixture.SCAN));
      assertTrue(explain(s, "SELECT COUNT(*) FROM OrderItems").contains("calls=[1]"));
      assertTrue(explain(s, "SELECT * FROM OrderItems LIMIT 3").contains("calls=[1]"));
      fixture.clear();
      assertEquals(EmulatorFixture.BIG_ROWS, drain(s, EmulatorFixture.SCAN));
      assertEquals(10, fixture.calls(PathKind.RECORDS).size(), "stops after the last full page");
      assertEquals(10, s.unwrap(CaspioCallStats.class).calls().reads());
      String plan = explain(s, EmulatorFixture.SCAN);
      assertTrue(plan.contains("calls=[10]"), plan);
    }
  }

  @Test
  void explain_ofAJoin_listsTheCallsOfEachScan() throws SQLException {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      String plan =
          explain(s, "SELECT COUNT(*) FROM Orders o JOIN OrderItems i ON o.Order_No = i.Order_No");
      assertEquals(2, plan.split("calls=\\[").length - 1, plan);
    }
  }

  @Test
  void insertOverBudget_isRefusedBeforeTheFirstRow() throws SQLException {
    // v3 sends one POST per row (v4 would send the three in one bulk call, within budget).
    try (Connection c = fixture.connect("&maxCallsPerStatement=2&apiVersion=v3");
        Statement s = c.createStatement()) {
      drain(s, "SELECT COUNT(*) FROM Items");
      long before = fixture.emulator.store().rowCount(Items.TABLE);
      fixture.clear();
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> s.executeUpdate("INSERT INTO Items (Name) VALUES ('b1'), ('b2'), ('b3')"));
      assertEquals("54K01", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("needs 3 calls"), e.getMessage());
      assertEquals(0, fixture.count("POST"), "nothing half-written");
      assertEquals(before, fixture.emulator.store().rowCount(Items.TABLE));
      assertEquals(2, s.executeUpdate("INSERT INTO Items (Name) VALUES ('b1'), ('b2')"));
      assertEquals(2, fixture.count("POST"));
      s.executeUpdate("DELETE FROM Items WHERE Name LIKE 'b%'");
    }
  }

  @Test
  void connectionBudget_stopsTheConnection_untilReset() throws SQLException {
    try (Connection c = fixture.connect("&maxCallsPerConnection=4");
        Statement s = c.createStatement()) {
      CaspioCallStats calls = c.unwrap(CaspioCallStats.class);
      calls.resetCalls();
      fixture.clear();
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> {
                for (int i = 0; i < 10; i++) {
                  drain(s, "SELECT COUNT(*) FROM Products");
                }
              });
      assertEquals("54K01", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("connection"), e.getMessage());
      assertEquals(4, sent());
      assertEquals(4, calls.calls().calls());
      calls.resetCalls();
      assertEquals(1, drain(s, "SELECT COUNT(*) FROM Products"));
    }
  }
}
