/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.emulator.PathKind;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Items;
import io.github.caspiojdbc.jdbc.CaspioCallStats;
import io.github.caspiojdbc.rest.CallCounts;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The driver's call counters against the emulator's own request log: every statement, connection
 * and table count equals what the emulator received, for scans, aggregates, joins, writes, retries
 * and throttled replies; the counters are reachable through {@code unwrap} (also via a pool) and as
 * the system table {@code caspio_system.calls}, which {@code DatabaseMetaData} lists.
 */
class CallCountersIT {
  @RegisterExtension
  static final EmulatorFixture fixture = EmulatorFixture.of(Items::driverFixture).clearingFaults();

  /** Record requests with this method since the last clear, failed attempts included. */
  private static long logged(String method) {
    return fixture.records().stream().filter(c -> c.method().equals(method)).count();
  }

  /** Schema (metadata) requests since the last clear. */
  private static long loggedMetadata() {
    return fixture.calls(PathKind.TABLE_SCHEMA).size() + fixture.calls(PathKind.VIEW_SCHEMA).size();
  }

  /** Runs a query to the end on a fresh statement and returns the statement's counts. */
  private static CallCounts drain(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rs.getObject(1);
      }
      return s.unwrap(CaspioCallStats.class).calls();
    }
  }

  private static void assertMatchesLog(CallCounts counts) {
    assertEquals(logged("GET"), counts.reads(), "reads");
    assertEquals(
        fixture.records().stream().filter(c -> !c.method().equals("GET")).count(),
        counts.writes(),
        "writes: " + counts);
    assertEquals(loggedMetadata(), counts.metadata(), "metadata");
    assertEquals(
        fixture.emulator.log().entries().stream().filter(e -> e.kind() != PathKind.TOKEN).count(),
        counts.calls(),
        "calls");
  }

  @Test
  void scan_countsEveryPage_likeTheEmulator() throws SQLException {
    try (Connection c = fixture.connect("&pageSize=5&prefetch=0")) {
      drain(c, "SELECT * FROM OrderItems"); // field lists are cached from here on
      fixture.clear();
      CallCounts counts = drain(c, "SELECT * FROM OrderItems");
      assertMatchesLog(counts);
      assertEquals(0, counts.metadata());
      // 40 rows, 5 a page: 8 full pages and the keyset page that finds no more.
      assertTrue(counts.reads() >= 8, counts.toString());
      assertEquals(0, counts.retries());
      assertTrue(counts.bytesReceived() > 0);
    }
  }

  @Test
  void aggregate_andJoin_countLikeTheEmulator() throws SQLException {
    try (Connection c = fixture.connect()) {
      drain(c, "SELECT * FROM Orders o JOIN OrderItems i ON o.Order_No = i.Order_No");
      fixture.clear();
      CallCounts count = drain(c, "SELECT COUNT(*) FROM OrderItems");
      assertMatchesLog(count);
      assertEquals(1, count.reads(), "COUNT(*) is one request");
      fixture.clear();
      CallCounts join =
          drain(c, "SELECT * FROM Orders o JOIN OrderItems i ON o.Order_No = i.Order_No");
      assertMatchesLog(join);
      assertEquals(2, join.reads(), "one page of each table");
    }
  }

  @Test
  void writes_countEveryRequest_andPerTable_v3() throws SQLException {
    try (Connection c = fixture.connect("&apiVersion=v3");
        Statement s = c.createStatement()) {
      s.executeQuery("SELECT COUNT(*) FROM Items").close();
      CaspioCallStats conn = c.unwrap(CaspioCallStats.class);
      conn.resetCalls();
      fixture.clear();
      s.executeUpdate("INSERT INTO Items (Name, Qty) VALUES ('w1', 1), ('w2', 2), ('w3', 3)");
      CallCounts insert = s.unwrap(CaspioCallStats.class).calls();
      assertMatchesLog(insert);
      assertEquals(3, insert.writes(), "one POST per row");
      fixture.clear();
      s.executeUpdate("UPDATE Items SET Qty = 9 WHERE Name LIKE 'w%'");
      CallCounts update = s.unwrap(CaspioCallStats.class).calls();
      assertMatchesLog(update);
      assertEquals(1, update.writes(), "one PUT with the where clause");
      fixture.clear();
      s.executeUpdate("DELETE FROM Items WHERE Name LIKE 'w%'");
      assertMatchesLog(s.unwrap(CaspioCallStats.class).calls());
      CallCounts items = conn.callsByTable().get("Items");
      assertNotNull(items, conn.callsByTable().toString());
      assertEquals(5, items.writes(), items.toString());
      assertEquals(5, conn.calls().writes());
    }
  }

  @Test
  void writes_v4_bulkInsertIsOneCall() throws SQLException {
    try (Connection c = fixture.connect("&apiVersion=v4");
        Statement s = c.createStatement()) {
      s.executeQuery("SELECT COUNT(*) FROM Items").close();
      fixture.clear();
      s.executeUpdate("INSERT INTO Items (Name, Qty) VALUES ('v1', 1), ('v2', 2), ('v3', 3)");
      CallCounts insert = s.unwrap(CaspioCallStats.class).calls();
      assertMatchesLog(insert);
      assertEquals(1, insert.writes(), "one bulk POST for the three rows");
      fixture.clear();
      s.executeUpdate("DELETE FROM Items WHERE Name LIKE 'v%'");
      CallCounts delete = s.unwrap(CaspioCallStats.class).calls();
      assertMatchesLog(delete);
      assertEquals(1, delete.writes());
    }
  }

  @Test
  void retriesAndThrottles_countEveryAttempt() throws SQLException {
    try (Connection c = fixture.connect("&maxRetries=3")) {
      drain(c, "SELECT COUNT(*) FROM OrderItems");
      fixture.clear();
      fixture.emulator.faults().failNext(2, 503, ".*/records.*");
      CallCounts retried = drain(c, "SELECT COUNT(*) FROM OrderItems");
      assertMatchesLog(retried);
      assertEquals(3, retried.reads(), "two failures and the success: all billed");
      assertEquals(2, retried.retries());
      assertEquals(0, retried.throttled());
      fixture.clear();
      fixture.emulator.faults().failNext(1, 429, ".*/records.*");
      CallCounts throttled = drain(c, "SELECT COUNT(*) FROM OrderItems");
      assertMatchesLog(throttled);
      assertEquals(2, throttled.reads());
      assertEquals(1, throttled.retries());
      assertEquals(1, throttled.throttled());
    }
  }

  @Test
  void connection_countsEverything_tokenRequestsApart() throws SQLException {
    try (EmulatorFixture own = Items.driverFixture();
        Connection c = own.connect()) {
      drain(c, "SELECT * FROM OrderItems");
      CallCounts counts = c.unwrap(CaspioCallStats.class).calls();
      List<LoggedCall> all = own.emulator.log().entries();
      assertEquals(all.stream().filter(e -> e.kind() != PathKind.TOKEN).count(), counts.calls());
      assertEquals(own.calls(PathKind.TOKEN).size(), counts.tokenRequests());
      assertEquals(1, counts.tokenRequests(), "one token for the whole connection");
      CallCounts jvm = c.unwrap(CaspioCallStats.class).jvmCalls();
      assertTrue(jvm.calls() >= counts.calls(), "the JVM counts every connection");
    }
  }

  @Test
  void unwrap_worksThroughAPool() throws SQLException {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(fixture.url());
    cfg.setDataSourceProperties(EmulatorFixture.credentials());
    cfg.setMaximumPoolSize(1);
    try (HikariDataSource pool = new HikariDataSource(cfg);
        Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      fixture.clear();
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM OrderItems")) {
        assertTrue(rs.next());
      }
      assertTrue(s.isWrapperFor(CaspioCallStats.class));
      assertEquals(1, s.unwrap(CaspioCallStats.class).calls().reads());
      assertTrue(c.unwrap(CaspioCallStats.class).calls().calls() >= 1);
    }
  }

  @Test
  void systemTable_showsTheLastStatement() throws SQLException {
    try (Connection c = fixture.connect("&maxCallsPerStatement=50");
        Statement s = c.createStatement()) {
      drain(c, "SELECT * FROM OrderItems");
      fixture.clear();
      CallCounts last;
      try (Statement q = c.createStatement()) {
        q.executeQuery("SELECT COUNT(*) FROM OrderItems").close();
        last = q.unwrap(CaspioCallStats.class).calls();
      }
      fixture.clear();
      Map<String, Object[]> rows = new java.util.HashMap<>();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT call_scope, table_name, calls, read_calls, write_calls, metadata_calls,"
                  + " retries, call_budget"
                  + " FROM caspio_system.calls")) {
        while (rs.next()) {
          String key = rs.getString(1) + (rs.getString(2) == null ? "" : ":" + rs.getString(2));
          rows.put(
              key, new Object[] {rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getObject(8)});
        }
      }
      assertEquals(0, fixture.emulator.log().entries().size(), "the system table costs nothing");
      Object[] stmt = rows.get("LAST_STATEMENT");
      assertNotNull(stmt, rows.keySet().toString());
      assertEquals(last.calls(), stmt[0]);
      assertEquals(1L, stmt[1]);
      assertEquals(50L, ((Number) stmt[3]).longValue());
      Object[] conn = rows.get("CONNECTION");
      assertEquals(c.unwrap(CaspioCallStats.class).calls().calls(), conn[0]);
      assertNull(conn[3], "no connection budget");
      assertTrue(rows.containsKey("TABLE:OrderItems"), rows.keySet().toString());
      assertTrue(rows.containsKey("JVM"));
      try (ResultSet rs =
          s.executeQuery("SELECT * FROM caspio_system.calls WHERE call_scope = 'CONNECTION'")) {
        assertTrue(rs.next());
        assertNotNull(rs.getTimestamp("COUNTING_SINCE"));
        assertTrue(rs.getLong("BYTES_RECEIVED") > 0);
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void metadata_listsTheSystemTable() throws SQLException {
    try (Connection c = fixture.connect()) {
      DatabaseMetaData md = c.getMetaData();
      List<String> schemas = new ArrayList<>();
      try (ResultSet rs = md.getSchemas()) {
        while (rs.next()) {
          schemas.add(rs.getString("TABLE_SCHEM"));
        }
      }
      assertTrue(schemas.contains("caspio_system"), schemas.toString());
      assertTrue(schemas.contains("caspio"), schemas.toString());
      try (ResultSet rs = md.getTables(null, "caspio_system", "%", null)) {
        assertTrue(rs.next());
        assertEquals("account_limits", rs.getString("TABLE_NAME"));
        assertTrue(rs.next());
        assertEquals("calls", rs.getString("TABLE_NAME"));
        assertEquals("SYSTEM TABLE", rs.getString("TABLE_TYPE"));
        assertFalse(rs.next());
      }
      boolean listed = false;
      try (ResultSet rs = md.getTables(null, null, "%", null)) {
        while (rs.next()) {
          listed |= rs.getString("TABLE_NAME").equals("calls");
        }
      }
      assertTrue(listed, "listed with every table");
      try (ResultSet rs = md.getTables(null, null, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          assertFalse(rs.getString("TABLE_SCHEM").equals("caspio_system"));
        }
      }
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = md.getColumns(null, "caspio_system", "calls", "%")) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME"));
        }
      }
      assertEquals("CALL_SCOPE", columns.get(0));
      assertTrue(
          columns.contains("RETRIES") && columns.contains("COUNTING_SINCE"), columns.toString());
      List<String> types = new ArrayList<>();
      try (ResultSet rs = md.getTableTypes()) {
        while (rs.next()) {
          types.add(rs.getString(1));
        }
      }
      assertTrue(types.contains("SYSTEM TABLE"), types.toString());
    }
  }
}
