/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.emulator.PathKind;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The defects a new user met (issue 17), each pinned by what the emulator was sent: Yes/No
 * comparisons inside compound filters, {@code setMaxRows} as the page size, and a lossy INSERT.
 */
class NewUserDefectsIT {
  @RegisterExtension static final EmulatorFixture fixture = new EmulatorFixture();

  private static long count(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        long n = 0;
        while (rs.next()) {
          n++;
        }
        return n;
      }
    }
  }

  @Test
  void yesNoParametersInsideCompoundFilter_pushedAndAnswered() throws SQLException {
    try (Connection c = fixture.connect()) {
      long all = count(c, "SELECT Order_No FROM Orders");
      fixture.clear();
      long both =
          count(
              c,
              "SELECT Order_No FROM Orders WHERE Order_No IS NOT NULL AND (Shipped = ? OR Shipped"
                  + " = ?)",
              false,
              true);
      long nulls = count(c, "SELECT Order_No FROM Orders WHERE Shipped IS NULL");
      assertEquals(all, both + nulls, "every row is Yes, No or null");
      List<LoggedCall> reads = fixture.calls(PathKind.RECORDS);
      assertTrue(
          reads.stream().anyMatch(r -> EmulatorFixture.where(r).contains("Shipped")),
          () -> "the Yes/No filter is pushed: " + reads);
      assertTrue(reads.stream().allMatch(r -> r.status() == 200), () -> "no 400: " + reads);
    }
  }

  @Test
  void yesNoLiteralsInsideCompoundFilter_pushedAndAnswered() throws SQLException {
    try (Connection c = fixture.connect()) {
      long yes = count(c, "SELECT Order_No FROM Orders WHERE Shipped");
      long no = count(c, "SELECT Order_No FROM Orders WHERE NOT Shipped");
      fixture.clear();
      long either =
          count(
              c,
              "SELECT Order_No FROM Orders WHERE Order_No IS NOT NULL AND (Shipped = TRUE OR"
                  + " Shipped = FALSE)");
      assertEquals(yes + no, either);
      assertTrue(fixture.calls(PathKind.RECORDS).stream().allMatch(r -> r.status() == 200));
    }
  }

  @Test
  void setMaxRows_asksForThatManyRows() throws SQLException {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      s.setMaxRows(7);
      fixture.clear();
      int n = 0;
      try (ResultSet rs = s.executeQuery(EmulatorFixture.SCAN)) {
        while (rs.next()) {
          n++;
        }
      }
      assertEquals(7, n);
      List<LoggedCall> reads = fixture.calls(PathKind.RECORDS);
      assertEquals(1, reads.size(), () -> "one request: " + reads);
      assertEquals("7", pageSize(reads.get(0)), () -> "page of 7: " + reads.get(0));
    }
  }

  @Test
  void setMaxRowsOnPrepared_asksForThatManyRowsEachExecution() throws SQLException {
    try (Connection c = fixture.connect();
        PreparedStatement ps = c.prepareStatement(EmulatorFixture.SCAN)) {
      ps.setMaxRows(3);
      for (int round = 0; round < 2; round++) {
        fixture.clear();
        int n = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            n++;
          }
        }
        assertEquals(3, n);
        List<LoggedCall> reads = fixture.calls(PathKind.RECORDS);
        assertEquals(1, reads.size(), () -> "one request: " + reads);
        assertEquals("3", pageSize(reads.get(0)));
      }
      ps.setMaxRows(0);
      fixture.clear();
      assertTrue(count(c, EmulatorFixture.SCAN) > 3);
    }
  }

  @Test
  void setMaxRows_givesTheFirstRowsOfTheUncappedResult() throws SQLException {
    String[] queries = {
      "SELECT Order_No, Total FROM Orders ORDER BY Total DESC, Order_No",
      "SELECT Order_No FROM Orders WHERE UPPER(Status) = 'OPEN' ORDER BY Order_No",
      // Caspio compares text ignoring case and trailing blanks: the filter is re-checked locally.
      "SELECT Order_No FROM Orders WHERE Status = 'Open' ORDER BY Order_No",
      "SELECT Order_No FROM Orders WHERE Status = 'Open'",
      "SELECT o.Order_No, c.Name FROM Orders o JOIN Customers c ON o.Customer_ID = c.Customer_ID"
          + " ORDER BY o.Order_No",
      "SELECT Status, COUNT(*) FROM Orders GROUP BY Status ORDER BY Status",
      "SELECT Order_No FROM Orders ORDER BY Order_No OFFSET 5 ROWS FETCH NEXT 20 ROWS ONLY",
      "SELECT Order_No FROM Orders ORDER BY Order_No FETCH FIRST 2 ROWS ONLY",
    };
    try (Connection c = fixture.connect()) {
      for (String sql : queries) {
        List<String> all = rows(c, sql, 0);
        for (int cap : new int[] {1, 3, 500}) {
          List<String> capped = rows(c, sql, cap);
          assertEquals(
              all.subList(0, Math.min(cap, all.size())), capped, sql + " capped at " + cap);
        }
      }
    }
  }

  private static List<String> rows(Connection c, String sql, int maxRows) throws SQLException {
    List<String> out = new java.util.ArrayList<>();
    for (boolean prepared : new boolean[] {false, true}) {
      List<String> got = new java.util.ArrayList<>();
      try (Statement s = prepared ? c.prepareStatement(sql) : c.createStatement()) {
        s.setMaxRows(maxRows);
        try (ResultSet rs =
            prepared ? ((PreparedStatement) s).executeQuery() : s.executeQuery(sql)) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            StringBuilder b = new StringBuilder();
            for (int i = 1; i <= n; i++) {
              b.append(rs.getString(i)).append('|');
            }
            got.add(b.toString());
          }
        }
      }
      if (prepared) {
        assertEquals(out, got, "prepared and plain agree: " + sql);
      } else {
        out = got;
      }
    }
    return out;
  }

  /** The most rows the request asks for: its limit or its page size, whichever is smaller. */
  private static String pageSize(LoggedCall call) {
    long least = Long.MAX_VALUE;
    for (String p : List.of("q.limit", "limit", "q.pageSize", "pageSize")) {
      String v = call.queryParam(p);
      if (v != null) {
        least = Math.min(least, Long.parseLong(v));
      }
    }
    return least == Long.MAX_VALUE ? "(no cap)" : Long.toString(least);
  }

  @Test
  void insertFractionIntoInteger_refusedNotTruncated() throws SQLException {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      fixture.clear();
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> s.executeUpdate("INSERT INTO Products (Name, Stock) VALUES ('Half', 1.5)"));
      assertTrue(
          e.getSQLState().equals("22003") || e.getSQLState().equals("22018"), e::getSQLState);
      assertEquals(0, fixture.count("POST"), "nothing sent");
    }
  }
}
