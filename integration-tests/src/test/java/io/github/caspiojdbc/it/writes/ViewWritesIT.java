/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.writes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Items;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Writes through views, over the sample data's Orders: {@code OpenOrders} (Orders alone, filtered
 * on Status = 'Open') takes INSERT, UPDATE and DELETE, which land in Orders; {@code OrderDetails}
 * (Orders joined to Customers) is refused before any request. Calls are counted from the emulator's
 * request log.
 */
class ViewWritesIT {

  private static final String MARK = "VIEWTEST";

  /** An update's method: PUT in REST v2/v3, PATCH in v4 (the driver's default). */
  private static final List<String> UPDATES = List.of("PUT", "PATCH");

  @RegisterExtension final EmulatorFixture f = Items.driver().perTest();

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  /** The record writes (POST, PUT, DELETE) logged since the last clear. */
  private List<LoggedCall> writes() {
    return f.records().stream().filter(c -> !c.method().equals("GET")).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"v3", "v4"})
  void insertUpdateDelete_throughSingleTableView_landInBaseTable(String version) throws Exception {
    try (Connection c = f.connect("&apiVersion=" + version);
        Statement s = c.createStatement()) {
      long orders = f.emulator.store().rowCount("Orders");
      f.clear();
      assertEquals(
          2,
          s.executeUpdate(
              "INSERT INTO OpenOrders (Customer_ID, Status, Total) VALUES ('"
                  + MARK
                  + "', 'Open', 10), ('"
                  + MARK
                  + "', 'Open', 20)"));
      List<LoggedCall> posts = writes();
      // v3 sends one POST per row; v4 both rows in one bulk POST. Either way through the view.
      assertEquals(version.equals("v3") ? 2 : 1, posts.size(), posts.toString());
      for (LoggedCall p : posts) {
        assertEquals("POST", p.method());
        assertTrue(p.path().contains("/views/OpenOrders/records"), p.path());
      }
      assertEquals(orders + 2, f.emulator.store().rowCount("Orders"));
      assertEquals(2, count(s, "SELECT COUNT(*) FROM Orders WHERE Customer_ID = '" + MARK + "'"));

      // An exact WHERE: one update through the view with that where.
      f.clear();
      assertEquals(
          1,
          s.executeUpdate(
              "UPDATE OpenOrders SET Total = 11 WHERE Customer_ID = '"
                  + MARK
                  + "' AND Total = 10"));
      assertEquals(1, writes().size());
      assertTrue(UPDATES.contains(writes().get(0).method()), writes().toString());
      assertTrue(writes().get(0).path().contains("/views/OpenOrders/records"));
      assertEquals(
          1,
          count(
              s, "SELECT COUNT(*) FROM Orders WHERE Customer_ID = '" + MARK + "' AND Total = 11"));

      // A WHERE Caspio would match differently (text compares ignoring case there): the view's
      // keys, strings, are read first and written by list.
      f.clear();
      assertEquals(
          2,
          s.executeUpdate(
              "UPDATE OpenOrders SET Shipped = true WHERE Customer_ID = '" + MARK + "'"));
      List<LoggedCall> puts = writes();
      assertEquals(1, puts.size());
      assertTrue(UPDATES.contains(puts.get(0).method()), puts.toString());
      // v2/v3 send the where as q.where; v4's bulk update carries it in the body.
      String where = EmulatorFixture.where(puts.get(0));
      String sent = where != null ? where : puts.get(0).body();
      assertTrue(sent.contains("PK_ID IN ('"), puts.toString());
      assertEquals(
          2,
          count(s, "SELECT COUNT(*) FROM Orders WHERE Shipped AND Customer_ID = '" + MARK + "'"));

      f.clear();
      assertEquals(2, s.executeUpdate("DELETE FROM OpenOrders WHERE Customer_ID = '" + MARK + "'"));
      assertTrue(writes().stream().allMatch(w -> w.method().equals("DELETE")));
      assertTrue(writes().stream().allMatch(w -> w.path().contains("/views/OpenOrders/")));
      assertEquals(orders, f.emulator.store().rowCount("Orders"));
    }
  }

  @Test
  void joinedView_refusedWith0A000_namingViewAndTables_noRequest() throws Exception {
    try (Connection c = f.connect();
        Statement s = c.createStatement()) {
      // Loads the view's fields first, so that the only requests the writes could send are writes.
      count(s, "SELECT COUNT(*) FROM OrderDetails WHERE 1 = 0");
      f.clear();
      for (String sql :
          new String[] {
            "INSERT INTO OrderDetails (Status) VALUES ('Open')",
            "UPDATE OrderDetails SET Status = 'x'",
            "DELETE FROM OrderDetails WHERE Order_No = 1"
          }) {
        SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(sql));
        assertEquals("0A000", e.getSQLState(), sql + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("OrderDetails"), e.getMessage());
        assertTrue(e.getMessage().contains("Orders, Customers"), e.getMessage());
        assertTrue(e.getMessage().contains("write to one of those tables"), e.getMessage());
      }
      assertEquals(List.of(), f.apiCalls());
    }
  }

  @Test
  void counts_rightAfterWritesThroughViewAndTable_withReplyCache() throws Exception {
    try (Connection c = f.connect("&cacheTtl=60");
        Statement s = c.createStatement()) {
      long orders = count(s, "SELECT COUNT(*) FROM Orders");
      long open = count(s, "SELECT COUNT(*) FROM OpenOrders");
      f.clear();
      assertEquals(orders, count(s, "SELECT COUNT(*) FROM Orders"));
      assertEquals(open, count(s, "SELECT COUNT(*) FROM OpenOrders"));
      assertEquals(0, f.count("GET"), "both served from memory");

      // A write through the view changes its base table's count.
      s.executeUpdate(
          "INSERT INTO OpenOrders (Customer_ID, Status) VALUES ('" + MARK + "', 'Open')");
      assertEquals(orders + 1, count(s, "SELECT COUNT(*) FROM Orders"));
      assertEquals(open + 1, count(s, "SELECT COUNT(*) FROM OpenOrders"));

      // A write to the table changes the view's count.
      s.executeUpdate("INSERT INTO Orders (Customer_ID, Status) VALUES ('" + MARK + "', 'Open')");
      assertEquals(open + 2, count(s, "SELECT COUNT(*) FROM OpenOrders"));
      s.executeUpdate("DELETE FROM Orders WHERE Customer_ID = '" + MARK + "'");
      assertEquals(open, count(s, "SELECT COUNT(*) FROM OpenOrders"));
      assertEquals(orders, count(s, "SELECT COUNT(*) FROM Orders"));
    }
  }

  @Test
  void metadata_singleTableViewColumnsWritable_joinedNot() throws Exception {
    try (Connection c = f.connect();
        Statement s = c.createStatement();
        ResultSet open = s.executeQuery("SELECT Status FROM OpenOrders WHERE 1 = 0")) {
      assertTrue(open.getMetaData().isWritable(1));
      try (Statement s2 = c.createStatement();
          ResultSet joined = s2.executeQuery("SELECT Status FROM OrderDetails WHERE 1 = 0")) {
        assertFalse(joined.getMetaData().isWritable(1));
      }
    }
  }
}
