/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.jdbc;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Leftovers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Connection-level behaviour: transactions that do not exist, validity checks, timeouts. */
class ConnectionIT {
  @RegisterExtension static final EmulatorFixture fixture = new EmulatorFixture().clearingFaults();

  @Test
  void transactions_noOpsWithoutWrites() throws SQLException {
    try (Connection c = fixture.connect()) {
      assertTrue(c.getAutoCommit());
      assertDoesNotThrow(c::commit);
      assertDoesNotThrow(() -> c.rollback());
      c.setAutoCommit(false);
      assertFalse(c.getAutoCommit());
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM Orders")) {
        assertTrue(rs.next());
      }
      assertDoesNotThrow(() -> c.rollback());
      assertDoesNotThrow(c::commit);
      c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      assertEquals(Connection.TRANSACTION_NONE, c.getTransactionIsolation());
      c.setHoldability(ResultSet.CLOSE_CURSORS_AT_COMMIT);
      c.setReadOnly(true);
      assertTrue(c.isReadOnly());
      c.setReadOnly(false);
      assertFalse(c.isReadOnly());
      c.setCatalog("anything");
      assertNull(c.getCatalog());
      assertNull(c.getWarnings());
    }
  }

  @Test
  void readOnlyProperty_refusesWritesBeforeCallingCaspio() throws SQLException {
    try (Connection c = fixture.connect("&readOnly=true")) {
      assertTrue(c.isReadOnly());
      assertTrue(c.getMetaData().isReadOnly());
      c.setReadOnly(false);
      assertTrue(c.isReadOnly());
      long before = fixture.emulator.log().totalCalls();
      try (Statement s = c.createStatement()) {
        SQLException e =
            assertThrows(
                SQLException.class,
                () -> s.executeUpdate("INSERT INTO Customers (Name) VALUES ('x')"));
        assertEquals("25006", e.getSQLState());
        assertTrue(e.getMessage().contains("readOnly=true"), e.getMessage());
        assertEquals(
            "25006",
            assertThrows(SQLException.class, () -> s.addBatch("DELETE FROM Orders")).getSQLState());
      }
      assertEquals(
          "25006",
          assertThrows(
                  SQLException.class,
                  () -> c.prepareStatement("UPDATE Orders SET Notes = 'x' WHERE PK_ID = 1"))
              .getSQLState());
      assertEquals(before, fixture.emulator.log().totalCalls());
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM Orders")) {
        assertTrue(rs.next());
      }
    }
  }

  @Test
  void setReadOnly_togglesWriteRefusal() throws SQLException {
    String harmless = "UPDATE Orders SET Notes = Notes WHERE 1 = 0";
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      assertFalse(c.getMetaData().isReadOnly());
      c.setReadOnly(true);
      assertEquals(
          "25006", assertThrows(SQLException.class, () -> s.executeUpdate(harmless)).getSQLState());
      c.setReadOnly(false);
      try {
        s.executeUpdate(harmless);
      } catch (SQLException e) {
        // Without write support in this build the statement may fail, but not as read-only.
        assertFalse("25006".equals(e.getSQLState()), EmulatorFixture.chain(e));
      }
    }
  }

  @Test
  void isValid_liveThenStoppedServer() throws Exception {
    CaspioEmulator own = CaspioEmulator.builder().sampleData(3, 100).build().start();
    EmulatorFixture f = new EmulatorFixture(own);
    Connection c = f.connect();
    try {
      assertTrue(c.isValid(5));
      assertTrue(c.isValid(0));
      own.stop();
      assertFalse(c.isValid(5));
      assertThrows(SQLException.class, () -> c.isValid(-1));
    } finally {
      c.close();
      own.close();
    }
  }

  @Test
  void isValid_slowServer_falseWithinTimeout() throws Exception {
    try (Connection c = fixture.connect()) {
      fixture.emulator.faults().setLatency(Duration.ofSeconds(4));
      assertFalse(c.isValid(1));
      fixture.emulator.faults().setLatency(Duration.ZERO);
      assertTrue(c.isValid(5));
    }
  }

  @Test
  void isValid_slowServer_checkRunsOnTheConnectionsOnePool() throws Exception {
    try (Connection c = fixture.connect("&loginTimeout=30")) {
      fixture.emulator.faults().setLatency(Duration.ofSeconds(4));
      assertFalse(c.isValid(1));
      // The abandoned listing still waits for its reply, on a worker of the REST client's pool:
      // the driver has no threads of its own beside it.
      List<String> listing = new ArrayList<>();
      for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
        for (StackTraceElement frame : e.getValue()) {
          if (frame.getClassName().endsWith(".HttpCaspioApi")
              && frame.getMethodName().equals("listTables")) {
            listing.add(e.getKey().getName());
            break;
          }
        }
      }
      assertEquals(1, listing.size(), listing::toString);
      assertTrue(listing.get(0).matches("caspio-conn-\\d+-worker-\\d+"), listing::toString);
      List<String> threads = Leftovers.driverThreads();
      assertTrue(threads.stream().allMatch(n -> n.startsWith("caspio-conn-")), threads::toString);
    }
  }

  @Test
  void networkTimeout_boundsStatementAndIsValid() throws Exception {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      c.setNetworkTimeout(Executors.newSingleThreadExecutor(), 1000);
      assertEquals(1000, c.getNetworkTimeout());
      fixture.emulator.faults().setLatency(Duration.ofSeconds(3));
      assertFalse(c.isValid(10));
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> {
                try (ResultSet rs = s.executeQuery("SELECT * FROM Orders")) {
                  while (rs.next()) {
                    // drain
                  }
                }
              });
      assertEquals("HYT00", e.getSQLState(), EmulatorFixture.chain(e));
      // The application's own setting is still what it reads back.
      assertEquals(0, s.getQueryTimeout());
    }
  }

  @Test
  void queryTimeoutProperty_defaultsStatements() throws SQLException {
    try (Connection c = fixture.connect("&queryTimeout=17");
        Statement s = c.createStatement()) {
      assertEquals(17, s.getQueryTimeout());
    }
  }

  @Test
  void setSchema_caspio_andUnqualifiedNames() throws SQLException {
    try (Connection c = fixture.connect()) {
      c.setSchema("caspio");
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery("SELECT COUNT(*) FROM caspio.\"customers\" WHERE name IS NOT NULL")) {
        assertTrue(rs.next());
        assertTrue(rs.getInt(1) > 0);
      }
    }
  }

  @Test
  void metadataSchema_notQueryable() throws SQLException {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      SQLException e =
          assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM metadata.TABLES"));
      assertEquals("42S02", e.getSQLState());
    }
  }
}
