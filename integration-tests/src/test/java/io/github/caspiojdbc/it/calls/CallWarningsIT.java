/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.PathKind;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The warnings about what a statement cost (full scans over {@code fullScanWarningRows}, predicates
 * evaluated locally, throttling) and {@code pushdown=strict}, which refuses local predicates before
 * any record request.
 */
class CallWarningsIT {
  /** Caspio cannot take a condition over its 2047-character URI limit: it stays in Calcite. */
  private static final String LOCAL =
      "SELECT PK_ID FROM Customers WHERE Name = '" + "x".repeat(2500) + "' OR PK_ID = 3";

  @RegisterExtension
  static final EmulatorFixture fixture =
      EmulatorFixture.of(() -> EmulatorFixture.builder().big().start()).clearingFaults();

  private static List<String> states(SQLWarning w) {
    List<String> out = new ArrayList<>();
    for (; w != null; w = w.getNextWarning()) {
      out.add(w.getSQLState());
    }
    return out;
  }

  private static void drain(ResultSet rs) throws SQLException {
    while (rs.next()) {
      rs.getObject(1);
    }
  }

  @Test
  void fullScanOverTheThreshold_warnsOnStatementAndResultSet() throws SQLException {
    try (Connection c = fixture.connect("&fullScanWarningRows=5000");
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery(EmulatorFixture.SCAN)) {
        drain(rs);
        assertEquals(List.of("01K01"), states(rs.getWarnings()));
      }
      SQLWarning w = s.getWarnings();
      assertEquals(List.of("01K01"), states(w));
      assertTrue(w.getMessage().contains("OrderItems: 10000 rows"), w.getMessage());
      s.clearWarnings();
      assertNull(s.getWarnings());
      try (ResultSet rs = s.executeQuery("SELECT * FROM OrderItems WHERE Quantity = 2")) {
        drain(rs);
      }
      assertNull(s.getWarnings(), "a filtered read is no full scan");
    }
    try (Connection c = fixture.connect("&fullScanWarningRows=20000");
        Statement s = c.createStatement()) {
      drain(s.executeQuery(EmulatorFixture.SCAN));
      assertNull(s.getWarnings(), "under the threshold");
    }
  }

  @Test
  void localPredicate_warns_andStrictRefusesItBeforeAnyRead() throws SQLException {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      drain(s.executeQuery(LOCAL));
      SQLWarning w = s.getWarnings();
      assertEquals(List.of("01K02"), states(w));
      assertTrue(w.getMessage().contains("on Customers"), w.getMessage());
      try (PreparedStatement p = c.prepareStatement(LOCAL)) {
        drain(p.executeQuery());
        assertEquals(List.of("01K02"), states(p.getWarnings()));
      }
      drain(s.executeQuery("SELECT PK_ID FROM Customers WHERE PK_ID = 3"));
      assertNull(s.getWarnings(), "a pushed predicate");
    }
    try (Connection c = fixture.connect("&pushdown=strict");
        Statement s = c.createStatement()) {
      drain(s.executeQuery("SELECT PK_ID FROM Customers WHERE PK_ID = 3"));
      fixture.clear();
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(LOCAL));
      assertEquals("0A000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("pushdown=strict"), e.getMessage());
      assertEquals(0, fixture.calls(PathKind.RECORDS).size(), "nothing read");
      SQLException p = assertThrows(SQLException.class, () -> c.prepareStatement(LOCAL));
      assertEquals("0A000", p.getSQLState(), p.getMessage());
      assertEquals(0, fixture.calls(PathKind.RECORDS).size());
    }
  }

  @Test
  void throttledStatement_warns() throws SQLException {
    try (Connection c = fixture.connect("&maxRetries=2");
        Statement s = c.createStatement()) {
      drain(s.executeQuery("SELECT COUNT(*) FROM Products"));
      assertNull(s.getWarnings());
      fixture.emulator.faults().failNext(1, 429, ".*/records.*");
      drain(s.executeQuery("SELECT COUNT(*) FROM Products"));
      SQLWarning w = s.getWarnings();
      assertNotNull(w);
      assertEquals(List.of("01K03"), states(w));
      assertTrue(w.getMessage().contains("throttled this statement 1 time"), w.getMessage());
    }
  }
}
