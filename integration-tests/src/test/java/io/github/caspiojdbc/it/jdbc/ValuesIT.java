/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Values through ResultSet getters, java.time above all, whatever the JVM's default zone. */
class ValuesIT {
  @RegisterExtension static final EmulatorFixture fixture = new EmulatorFixture();
  private static final TimeZone ORIGINAL = TimeZone.getDefault();

  @AfterEach
  void restoreZone() {
    TimeZone.setDefault(ORIGINAL);
  }

  /** Order dates as LocalDateTime, read with the given default zone. */
  private static List<LocalDateTime> orderDates(String zone) throws SQLException {
    TimeZone.setDefault(TimeZone.getTimeZone(zone));
    List<LocalDateTime> out = new ArrayList<>();
    try (Connection c = fixture.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT Order_Date FROM Orders ORDER BY PK_ID")) {
      while (rs.next()) {
        out.add(rs.getObject(1, LocalDateTime.class));
      }
    }
    return out;
  }

  @Test
  void getObjectLocalDateTime_sameInEveryDefaultZone() throws SQLException {
    List<LocalDateTime> utc = orderDates("UTC");
    assertFalse(utc.isEmpty());
    assertEquals(utc, orderDates("America/Los_Angeles"));
    assertEquals(utc, orderDates("Asia/Kathmandu"));
    assertEquals(utc, orderDates("Pacific/Kiritimati"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"UTC", "America/Los_Angeles", "Europe/Berlin", "Asia/Kolkata"})
  void getObject_javaTime_wallClockExact(String zone) throws SQLException {
    TimeZone.setDefault(TimeZone.getTimeZone(zone));
    // 02:30 on 2024-03-10 does not exist in Los Angeles (DST gap); it must survive unchanged.
    String sql =
        "SELECT TIMESTAMP '2024-03-10 02:30:15', DATE '2024-02-29', TIME '23:59:59',"
            + " CAST(NULL AS TIMESTAMP)";
    try (Connection c = fixture.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      LocalDateTime ts = LocalDateTime.of(2024, 3, 10, 2, 30, 15);
      assertEquals(ts, rs.getObject(1, LocalDateTime.class));
      assertEquals(ts.toLocalDate(), rs.getObject(1, LocalDate.class));
      assertEquals(ts.toLocalTime(), rs.getObject(1, LocalTime.class));
      assertEquals(ts.atOffset(ZoneOffset.UTC), rs.getObject(1, OffsetDateTime.class));
      assertEquals(ts.toInstant(ZoneOffset.UTC), rs.getObject(1, Instant.class));
      assertEquals(LocalDate.of(2024, 2, 29), rs.getObject(2, LocalDate.class));
      assertEquals(LocalTime.of(23, 59, 59), rs.getObject(3, LocalTime.class));
      assertNull(rs.getObject(4, LocalDateTime.class));
      assertTrue(rs.wasNull());
      assertEquals("2024-03-10 02:30:15", rs.getString(1));
    }
  }

  @Test
  void getObject_scalarClasses_byIndexAndLabel() throws SQLException {
    try (Connection c = fixture.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT PK_ID, Name, Credit_Limit, Active, Rating FROM Customers WHERE PK_ID ="
                    + " ?")) {
      ps.setInt(1, 1);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(1L, rs.getObject(1, Long.class));
        assertEquals(1, rs.getObject("PK_ID", Integer.class));
        assertEquals(rs.getString(2), rs.getObject("name", String.class));
        BigDecimal credit = rs.getObject(3, BigDecimal.class);
        assertEquals(rs.getBigDecimal(3), credit);
        assertEquals(
            rs.getObject(4) == null ? null : rs.getBoolean(4), rs.getObject(4, Boolean.class));
        assertThrows(SQLException.class, () -> rs.getObject(2, LocalDate.class));
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void setMaxRows_limitsRows() throws SQLException {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      s.setMaxRows(7);
      s.setFetchSize(500);
      assertTrue(s.execute("SELECT * FROM Orders"));
      int n = 0;
      try (ResultSet rs = s.getResultSet()) {
        while (rs.next()) {
          n++;
        }
        assertEquals(s, rs.getStatement());
        assertEquals(c, rs.getStatement().getConnection());
      }
      assertEquals(7, n);
      assertEquals(-1, s.getLargeUpdateCount());
      assertFalse(s.getMoreResults());
    }
  }

  @Test
  void currency_alwaysScaleFour_plainAndAggregated() throws SQLException {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      int n = 0;
      try (ResultSet rs = s.executeQuery("SELECT Price, Price_With_Tax FROM Products")) {
        assertEquals(4, rs.getMetaData().getScale(1));
        while (rs.next()) {
          for (int i = 1; i <= 2; i++) {
            BigDecimal v = rs.getBigDecimal(i);
            if (v != null) {
              assertEquals(4, v.scale(), v.toPlainString());
              assertEquals(v.toPlainString(), rs.getString(i));
              n++;
            }
          }
        }
      }
      assertTrue(n > 0);
      // Pushed to Caspio (numeric GROUP BY) and computed locally (text GROUP BY).
      for (String sql :
          List.of(
              "SELECT SUM(Price), MIN(Price), MAX(Price) FROM Products GROUP BY In_Stock",
              "SELECT SUM(Price), MIN(Price), MAX(Price) FROM Products GROUP BY Category",
              "SELECT SUM(Line_Total), AVG(Unit_Price) FROM OrderItems")) {
        try (ResultSet rs = s.executeQuery(sql)) {
          while (rs.next()) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
              BigDecimal v = rs.getBigDecimal(i);
              if (v != null) {
                assertEquals(4, v.scale(), sql + ": " + v);
                assertEquals(rs.getMetaData().getScale(i), v.scale(), sql);
              }
            }
          }
        }
      }
    }
  }

  @Test
  void textOfCaseAndUnion_notPadded() throws SQLException {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT CASE WHEN Stock < 10 THEN 'low' ELSE 'high' END, Stock FROM Products")) {
        int n = 0;
        while (rs.next()) {
          if (rs.getObject(2) != null) {
            assertEquals(rs.getInt(2) < 10 ? "low" : "high", rs.getString(1));
            n++;
          }
        }
        assertTrue(n > 0);
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT x, CHAR_LENGTH(x) FROM (SELECT 'a' AS x UNION SELECT 'abc') ORDER BY 2")) {
        assertTrue(rs.next());
        assertEquals("a", rs.getString(1));
        assertEquals(1, rs.getInt(2));
        assertTrue(rs.next());
        assertEquals("abc", rs.getString(1));
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void statisticsOfIntegerColumn_notTruncated() throws SQLException {
    List<Integer> stock = new ArrayList<>();
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT Stock FROM Products WHERE Stock IS NOT NULL")) {
        while (rs.next()) {
          stock.add(rs.getInt(1));
        }
      }
      double mean = stock.stream().mapToDouble(i -> i).average().orElseThrow();
      double squares = stock.stream().mapToDouble(i -> (i - mean) * (i - mean)).sum();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT AVG(Stock), STDDEV(Stock), VAR_POP(Stock), STDDEV_POP(Stock),"
                  + " VAR_SAMP(Stock) FROM Products")) {
        for (int i = 1; i <= 5; i++) {
          assertEquals(java.sql.Types.DOUBLE, rs.getMetaData().getColumnType(i));
        }
        assertTrue(rs.next());
        int n = stock.size();
        assertEquals(mean, rs.getDouble(1), 1e-9 * Math.abs(mean));
        assertEquals(Math.sqrt(squares / (n - 1)), rs.getDouble(2), 1e-6);
        assertEquals(squares / n, rs.getDouble(3), 1e-6);
        assertEquals(Math.sqrt(squares / n), rs.getDouble(4), 1e-6);
        assertEquals(squares / (n - 1), rs.getDouble(5), 1e-6);
      }
    }
  }

  @Test
  void initcap_unicodeWords() throws SQLException {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT INITCAP('élan ÉCOLE straße'), INITCAP(Name || ' ärger')"
                    + " FROM Customers WHERE PK_ID = 1")) {
      assertTrue(rs.next());
      assertEquals("Élan École Straße", rs.getString(1));
      assertTrue(rs.getString(2).endsWith(" Ärger"), rs.getString(2));
    }
  }
}
