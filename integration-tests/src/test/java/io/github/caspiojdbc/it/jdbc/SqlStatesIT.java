/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.jdbc;

import static io.github.caspiojdbc.it.support.EmulatorFixture.chain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * Failures that used to escape as errors, HY000 or internal text: each is an SQLException with the
 * SQLState documented in docs/sql.md and a short message without internal class names.
 */
class SqlStatesIT {
  /** Package names that must never reach a user's message. */
  private static final Pattern INTERNAL =
      Pattern.compile("org\\.apache|io\\.github\\.caspiojdbc|shaded|Exception|Error\\b");

  @RegisterExtension static final EmulatorFixture fixture = new EmulatorFixture();

  @Test
  void constantReduction_divisionByZero_22012() throws Exception {
    SQLException e = query("select 1/0");
    assertState("22012", e);
    assertTrue(e.getMessage().contains("zero"), e.getMessage());
  }

  @Test
  void constantReduction_badDateCast_22007() throws Exception {
    SQLException e = query("select cast('x' as date)");
    assertState("22007", e);
    assertTrue(e.getMessage().contains("'x'"), e.getMessage());
  }

  @Test
  void comparison_dateColumnWithText_22018() throws Exception {
    SQLException e = query("select Name from Customers where Joined > 'not a date'");
    assertState("22018", e);
    assertTrue(e.getMessage().contains("'not a date'"), e.getMessage());
  }

  @Test
  void currencyColumn_text_22018() throws Exception {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> s.executeUpdate("insert into Products (Name, Price) values ('x', 'abc')"));
      assertState("22018", e);
    }
  }

  @Test
  void cancel_idle_laterExecuteWorks() throws Exception {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      s.cancel();
      try (ResultSet rs = s.executeQuery("select count(*) from Orders")) {
        assertTrue(rs.next());
      }
      s.cancel();
      assertEquals(0, s.executeUpdate("delete from Orders where Order_No = -1"));
      try (ResultSet rs = s.executeQuery("select count(*) from Orders")) {
        assertTrue(rs.next());
      }
    }
  }

  @Test
  void executeQuery_write_refusedBeforeAnyRequest() throws Exception {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement();
        PreparedStatement p =
            c.prepareStatement("update Orders set Status = ? where Order_No = 1")) {
      fixture.emulator.clearLog();
      SQLException e =
          failure(() -> s.executeQuery("update Orders set Status = 'x' where Order_No = 1"));
      assertState("07005", e);
      p.setString(1, "y");
      assertState("07005", failure(p::executeQuery));
      assertEquals(
          0,
          fixture.emulator.log().totalCalls(),
          () -> fixture.emulator.log().entries().toString());
    }
  }

  @Test
  void executeUpdate_query_refusedBeforeAnyRequest() throws Exception {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement();
        PreparedStatement p = c.prepareStatement("select Name from Customers")) {
      fixture.emulator.clearLog();
      assertState("07003", failure(() -> s.executeUpdate("select Name from Customers")));
      assertState("07003", failure(() -> s.executeLargeUpdate("select Name from Customers")));
      assertState("07003", failure(p::executeUpdate));
      assertEquals(
          0,
          fixture.emulator.log().totalCalls(),
          () -> fixture.emulator.log().entries().toString());
    }
  }

  @Test
  void getters_textNotNumberOrDate_22018() throws Exception {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select Name from Customers where Name = 'Ann'")) {
      assertTrue(rs.next());
      SQLException e = failure(() -> rs.getInt(1));
      assertState("22018", e);
      assertTrue(e.getMessage().contains("Name"), e.getMessage());
      assertState("22018", failure(() -> rs.getDate("Name")));
      assertState("22018", failure(() -> rs.getTimestamp(1)));
      assertState("22018", failure(() -> rs.getBigDecimal(1)));
    }
  }

  @Test
  void getters_outOfRange_22003() throws Exception {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select 300, 3000000000 from Orders where Order_No = 1")) {
      assertTrue(rs.next());
      SQLException e = failure(() -> rs.getByte(1));
      assertState("22003", e);
      assertState("22003", failure(() -> rs.getInt(2)));
      assertState("22003", failure(() -> rs.getShort(2)));
      assertEquals(3000000000L, rs.getLong(2));
    }
  }

  @Test
  void emptySql_42000() throws Exception {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      for (String sql : new String[] {"", "   ", ";", " ; "}) {
        SQLException e = failure(() -> s.execute(sql));
        assertState("42000", e);
        assertTrue(
            e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("empty"), e.getMessage());
        assertState("42000", failure(() -> c.prepareStatement(sql)));
        assertState("42000", failure(() -> s.addBatch(sql)));
      }
    }
  }

  @Test
  void closedConnection_08003_closedStatementAndResultSet_55000() throws Exception {
    Connection c = fixture.connect();
    Statement s = c.createStatement();
    Statement s2 = c.createStatement();
    ResultSet open = s2.executeQuery("select Name from Customers");
    ResultSet rs = s.executeQuery("select Name from Customers");
    rs.close();
    assertState("55000", failure(rs::next));
    assertState("55000", failure(() -> rs.getString(1)));
    s.close();
    assertState("55000", failure(() -> s.executeQuery("select 1")));
    assertState("55000", failure(() -> s.setFetchSize(5)));
    c.close();
    assertState("08003", failure(c::createStatement));
    assertState("08003", failure(() -> c.prepareStatement("select 1")));
    assertState("08003", failure(c::getMetaData));
    assertState("08003", failure(c::commit));
    assertState("08003", failure(c::setSavepoint));
    assertState("08003", failure(() -> c.prepareCall("x")));
    assertState("08003", failure(() -> c.setClientInfo("a", "b")));
    assertState("08003", failure(() -> s2.executeQuery("select 1")));
    assertState("08003", failure(open::next));
    assertTrue(c.isClosed());
    assertFalse(c.isValid(1));
  }

  @Test
  void unboundParameter_07001() throws Exception {
    try (Connection c = fixture.connect();
        PreparedStatement p =
            c.prepareStatement("select Name from Customers where Name = ? and City = ?")) {
      p.setString(1, "Ann");
      SQLException e = failure(p::executeQuery);
      assertState("07001", e);
      assertTrue(e.getMessage().contains("2"), e.getMessage());
    }
  }

  @Test
  void syntaxErrorAtEnd_shortMessageWithPosition() throws Exception {
    SQLException e = query("select Name from Customers where");
    assertState("42000", e);
    assertTrue(e.getMessage().contains("line 1, column"), e.getMessage());
  }

  @Test
  void currencyColumn_boundTextAndUpdate_22018() throws Exception {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement();
        PreparedStatement p =
            c.prepareStatement("insert into Products (Name, Price) values (?, ?)")) {
      p.setString(1, "x");
      // Refused when bound (the parameter is DECIMAL), before any request.
      SQLException e = failure(() -> p.setString(2, "abc"));
      assertState("22018", e);
      assertTrue(e.getMessage().contains("number"), e.getMessage());
      assertState(
          "22018",
          failure(
              () ->
                  s.executeUpdate(
                      "update Products set Price = 'abc' where Product_No = 'P-00001'")));
    }
  }

  @Test
  void batch_constantReductionInAnEntry_batchUpdateExceptionWith22012() throws Exception {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      s.addBatch("update Orders set Discount = 1/0 where Order_No = -1");
      SQLException e = failure(s::executeBatch);
      assertTrue(e instanceof java.sql.BatchUpdateException, () -> chain(e));
      assertEquals("22012", e.getSQLState(), () -> chain(e));
    }
  }

  @Test
  void prepare_constantReduction_22012() throws Exception {
    try (Connection c = fixture.connect()) {
      assertState("22012", failure(() -> c.prepareStatement("select 1/0").executeQuery().next()));
    }
  }

  @Test
  void getObject_outOfRangeAndWrongType_22003And22018() throws Exception {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select 3000000000, 'abc' from Orders where Order_No = 1")) {
      assertTrue(rs.next());
      assertState("22003", failure(() -> rs.getObject(1, Integer.class)));
      assertEquals(3000000000L, rs.getObject(1, Long.class));
      SQLException e = failure(() -> rs.getObject(2, Integer.class));
      assertState("22018", e);
      assertTrue(e.getMessage().contains("Integer"), e.getMessage());
    }
  }

  private static SQLException query(String sql) throws SQLException {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      return assertThrows(
          SQLException.class,
          () -> {
            try (ResultSet rs = s.executeQuery(sql)) {
              while (rs.next()) {
                rs.getObject(1);
              }
            }
          });
    }
  }

  private static SQLException failure(Executable call) {
    Throwable t = assertThrows(Throwable.class, call);
    assertTrue(t instanceof SQLException, () -> "not an SQLException: " + chain(t));
    return (SQLException) t;
  }

  static void assertState(String state, SQLException e) {
    assertEquals(state, e.getSQLState(), () -> chain(e));
    String m = e.getMessage();
    assertTrue(m != null && !m.isBlank(), () -> chain(e));
    assertFalse(INTERNAL.matcher(m).find(), () -> "internal text in: " + m);
    assertTrue(m.length() < 400, () -> "message too long: " + m);
  }
}
