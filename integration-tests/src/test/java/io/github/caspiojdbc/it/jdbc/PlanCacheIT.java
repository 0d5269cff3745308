/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.jdbc;

import static io.github.caspiojdbc.emulator.store.FieldType.INTEGER;
import static io.github.caspiojdbc.emulator.store.FieldType.STRING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.emulator.store.FieldDef;
import io.github.caspiojdbc.emulator.store.TableDef;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Items;
import io.github.caspiojdbc.it.support.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The connection's plan cache ({@code planCacheSize}) seen through the driver: the same SQL text
 * again is not parsed and planned again, and a reused plan gives exactly what a new one gives, rows
 * and requests alike. Planning is counted with Calcite's parse hook, which runs once for every
 * statement parsed and planned on the calling thread.
 */
class PlanCacheIT {
  @RegisterExtension
  static final EmulatorFixture fixture = EmulatorFixture.of(Items::driverFixture);

  private static final String ORDERS =
      "SELECT Order_No, Total FROM Orders WHERE Total > 100 ORDER BY Order_No";

  private static final String CONNECTION_CALLS =
      "SELECT CALLS FROM caspio_system.calls WHERE CALL_SCOPE = 'CONNECTION'";

  /** Statements a tool might repeat: pushed filters, aggregates, a join, a local predicate. */
  private static final List<String> SCRIPT =
      List.of(
          ORDERS,
          "SELECT COUNT(*) FROM OrderItems",
          "SELECT Status, COUNT(*) AS n FROM Orders GROUP BY Status ORDER BY Status",
          "SELECT o.Order_No, c.Name FROM Orders o JOIN Customers c"
              + " ON o.Customer_ID = c.Customer_ID ORDER BY o.Order_No LIMIT 7",
          "SELECT Name FROM Customers WHERE Name LIKE 'A%' ORDER BY Name",
          "SELECT PK_ID FROM Customers WHERE Name = '" + "x".repeat(2500) + "' OR PK_ID = 3",
          "SELECT * FROM Products ORDER BY Product_No");

  private final List<String> parsed = new ArrayList<>();
  private Hook.Closeable parseHook;

  @BeforeEach
  void watchParsing() {
    parseHook = Hook.PARSE_TREE.<Object[]>addThread(tree -> parsed.add((String) tree[0]));
  }

  @AfterEach
  void stopWatching() {
    parseHook.close();
  }

  private long parses(String sql) {
    return parsed.stream().filter(sql::equals).count();
  }

  private static Rows query(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      return Rows.of(rs);
    }
  }

  private static long single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getLong(1);
    }
  }

  @Test
  void sameText_onAStatement_isParsedOnce_andReadEachTime() throws SQLException {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      Rows first = query(s, ORDERS);
      fixture.clear();
      Rows second = query(s, ORDERS);
      try (Statement other = c.createStatement()) {
        assertEquals(first, query(other, ORDERS));
      }

      assertEquals(1, parses(ORDERS));
      assertEquals(first, second);
      assertTrue(first.count() > 0, "some orders");
      assertEquals(2, fixture.records().size(), "each execution reads");
    }
  }

  @Test
  void newPreparedStatements_ofOneText_areParsedOnce_andBindTheirOwnParameters()
      throws SQLException {
    String sql = "SELECT COUNT(*) FROM Orders WHERE Total > ?";
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      List<Long> counts = new ArrayList<>();
      for (int min : new int[] {0, 100, 100000}) {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          p.setInt(1, min);
          try (ResultSet rs = p.executeQuery()) {
            rs.next();
            counts.add(rs.getLong(1));
          }
        }
      }

      assertEquals(1, parses(sql));
      assertEquals(single(s, "SELECT COUNT(*) FROM Orders WHERE Total > 0"), counts.get(0));
      assertEquals(single(s, "SELECT COUNT(*) FROM Orders WHERE Total > 100"), counts.get(1));
      assertEquals(0L, counts.get(2));
    }
  }

  @Test
  void differentTexts_areEachParsed() throws SQLException {
    String spaced = ORDERS.replace(" WHERE", "  WHERE");
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      Rows a = query(s, ORDERS);
      Rows b = query(s, spaced);

      assertEquals(a, b);
      assertEquals(1, parses(ORDERS));
      assertEquals(1, parses(spaced));
    }
  }

  @Test
  void twoConnections_doNotShare() throws SQLException {
    try (Connection a = fixture.connect();
        Connection b = fixture.connect();
        Statement sa = a.createStatement();
        Statement sb = b.createStatement()) {
      query(sa, ORDERS);
      query(sb, ORDERS);
      query(sa, ORDERS);
      query(sb, ORDERS);

      assertEquals(2, parses(ORDERS), "once per connection");
    }
  }

  @Test
  void leastRecentlyUsed_isDroppedAtPlanCacheSize() throws SQLException {
    String a = "SELECT Name FROM Customers";
    String b = "SELECT City FROM Customers";
    String d = "SELECT Email FROM Customers";
    try (Connection c = fixture.connect("&planCacheSize=2");
        Statement s = c.createStatement()) {
      query(s, a);
      query(s, b);
      query(s, a); // a is the most recently used now
      query(s, d); // drops b
      query(s, a);
      query(s, b);

      assertEquals(1, parses(a), "kept throughout");
      assertEquals(2, parses(b), "dropped for d, planned again");
      assertEquals(1, parses(d));
    }
  }

  @Test
  void planCacheSizeZero_parsesEveryExecution() throws SQLException {
    try (Connection c = fixture.connect("&planCacheSize=0");
        Statement s = c.createStatement()) {
      Rows first = query(s, ORDERS);
      Rows second = query(s, ORDERS);
      try (PreparedStatement p = c.prepareStatement(ORDERS)) {
        p.executeQuery().close();
      }

      assertEquals(first, second);
      assertEquals(3, parses(ORDERS));
    }
  }

  @Test
  void withAndWithoutCache_sameRows_andSameRequests() throws SQLException {
    Run cached = run("");
    Run fresh = run("&planCacheSize=0");

    assertEquals(fresh.rows, cached.rows);
    assertEquals(fresh.requests, cached.requests);
    long executions = fresh.rows.size();
    assertEquals(executions - 1, fresh.parses, "without the cache, all but the prepared re-run");
    assertEquals(SCRIPT.size() * 2 + 1, cached.parses, "one plan per text and row limit");
  }

  /** What one connection's run of the script gave. */
  private record Run(List<Rows> rows, List<String> requests, long parses) {}

  /**
   * {@link #SCRIPT} on a new connection: each text with no row limit, then a limit of 3, then none
   * again (a statement's limit is part of its plan's key, and applied per execution); a prepared
   * statement with two parameter values and a limit set between them.
   */
  private Run run(String extra) throws SQLException {
    List<Rows> rows = new ArrayList<>();
    try (Connection c = fixture.connect(extra)) {
      parsed.clear();
      fixture.clear();
      try (Statement s = c.createStatement()) {
        for (int maxRows : new int[] {0, 3, 0}) {
          s.setMaxRows(maxRows);
          for (String sql : SCRIPT) {
            rows.add(query(s, sql));
          }
        }
      }
      try (PreparedStatement p =
          c.prepareStatement("SELECT Order_No FROM Orders WHERE Total > ? ORDER BY Order_No")) {
        for (int min : new int[] {50, 150}) {
          p.setInt(1, min);
          p.setMaxRows(min == 50 ? 0 : 4);
          try (ResultSet rs = p.executeQuery()) {
            rows.add(Rows.of(rs));
          }
        }
      }
      List<String> requests = new ArrayList<>();
      for (LoggedCall call : fixture.apiCalls()) {
        requests.add(call.method() + " " + call.path() + " " + call.query() + " " + call.body());
      }
      return new Run(rows, requests, parsed.size());
    }
  }

  @Test
  void rowLimit_changedBetweenExecutions_appliesToEachExecution() throws SQLException {
    String sql = "SELECT Order_No FROM Orders ORDER BY Order_No";
    try (Connection c = fixture.connect();
        PreparedStatement p = c.prepareStatement(sql);
        Statement s = c.createStatement()) {
      int all = query(s, sql).count();
      p.setMaxRows(5);
      assertEquals(5, Rows.of(p.executeQuery()).count());
      p.setMaxRows(0);
      assertEquals(all, Rows.of(p.executeQuery()).count());
      assertTrue(all > 5, "more than five orders");
      assertEquals(1, parses(sql), "the statement's plan and the prepared one are one");
    }
  }

  @Test
  void systemTable_isReadAgainByAReusedPlan() throws SQLException {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      query(s, ORDERS); // loads the table list, so the plan below is kept
      long before = single(s, CONNECTION_CALLS);
      query(s, ORDERS);
      long after = single(s, CONNECTION_CALLS);

      assertEquals(1, parses(CONNECTION_CALLS));
      assertTrue(after > before, before + " calls, then " + after);
    }
  }

  @Test
  void defaultSchema_isPartOfTheKey() throws SQLException {
    String sql = "SELECT CALL_SCOPE FROM calls WHERE CALL_SCOPE = 'JVM'";
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      query(s, ORDERS);
      c.setSchema("caspio_system");
      assertEquals(1, query(s, sql).count());
      c.setSchema("caspio");
      SQLException e = assertThrows(SQLException.class, () -> query(s, sql));
      assertEquals("42S02", e.getSQLState(), e.getMessage());
    }
  }

  @Test
  void sameInsert_writesEachTime_andReadOnlyRefusesTheReusedPlan() throws SQLException {
    String table = "PlanCacheWrites";
    fixture
        .emulator
        .store()
        .createTable(TableDef.of(table, FieldDef.of("Name", STRING), FieldDef.of("Qty", INTEGER)));
    String insert = "INSERT INTO " + table + " (Name, Qty) VALUES ('again', 1)";
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      assertEquals(1, s.executeUpdate(insert));
      assertEquals(1, s.executeUpdate(insert));
      assertEquals(2, fixture.emulator.store().rowCount(table));
      assertEquals(1, parses(insert));

      PreparedStatement earlier = c.prepareStatement(insert);
      c.setReadOnly(true);
      fixture.clear();
      SQLException text = assertThrows(SQLException.class, () -> s.executeUpdate(insert));
      assertEquals("25006", text.getSQLState(), text.getMessage());
      SQLException prepared = assertThrows(SQLException.class, earlier::executeUpdate);
      assertEquals("25006", prepared.getSQLState(), prepared.getMessage());
      assertEquals(0, fixture.apiCalls().size(), "nothing sent");
      earlier.close();
    }
  }

  @Test
  void localPredicate_warnsOnEveryExecutionOfAReusedPlan() throws SQLException {
    String local = SCRIPT.get(5);
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      for (int i = 0; i < 2; i++) {
        query(s, local);
        SQLWarning w = s.getWarnings();
        assertTrue(w != null && "01K02".equals(w.getSQLState()), "execution " + i + ": " + w);
      }
      try (PreparedStatement p = c.prepareStatement(local)) {
        Rows.of(p.executeQuery());
        SQLWarning w = p.getWarnings();
        assertTrue(w != null && "01K02".equals(w.getSQLState()), "prepared: " + w);
      }
      assertEquals(1, parses(local));
    }
  }

  @Test
  void cancelledStatement_doesNotCancelAReuseOfItsPlan() throws SQLException {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement();
        Statement other = c.createStatement()) {
      Rows first = query(s, ORDERS);
      s.cancel();
      assertEquals(first, query(other, ORDERS));
      assertEquals(first, query(s, ORDERS));
      assertEquals(1, parses(ORDERS));
    }
  }

  @Test
  void concurrentStatements_shareAPlan_andEachGetsItsRows() throws Exception {
    int threads = 4;
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      Rows expected = query(s, ORDERS);
      CyclicBarrier start = new CyclicBarrier(threads);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<List<Rows>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          results.add(
              pool.submit(
                  () -> {
                    List<Rows> mine = new ArrayList<>();
                    try (Statement own = c.createStatement()) {
                      start.await();
                      for (int i = 0; i < 5; i++) {
                        mine.add(query(own, ORDERS));
                      }
                    }
                    return mine;
                  }));
        }
        for (Future<List<Rows>> f : results) {
          for (Rows r : f.get(60, TimeUnit.SECONDS)) {
            assertEquals(expected, r);
          }
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(1, parses(ORDERS), "the other threads' parses are not counted here");
    }
  }

  @Test
  void parameterMarker_onAStatement_failsAlikeWithAndWithoutTheCache() throws SQLException {
    String sql = "SELECT Order_No FROM Orders WHERE Total > ?";
    List<String> states = new ArrayList<>();
    for (String extra : new String[] {"", "&planCacheSize=0"}) {
      try (Connection c = fixture.connect(extra);
          Statement s = c.createStatement()) {
        c.prepareStatement(sql).close();
        try {
          states.add("rows " + query(s, sql));
        } catch (SQLException e) {
          states.add(e.getSQLState() + " " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
      }
    }
    assertEquals(states.get(1), states.get(0), states.toString());
  }

  @Test
  void explain_isPlannedEveryTime_andShowsWhatReadsLearnt() throws SQLException {
    String scan = "SELECT * FROM OrderItems WHERE Quantity > 1";
    String explain = "EXPLAIN PLAN FOR " + scan;
    try (Connection c = fixture.connect("&pageSize=50&apiVersion=v3");
        Statement s = c.createStatement()) {
      String before = query(s, explain).sha256();
      query(s, scan);
      String after;
      try (ResultSet rs = s.executeQuery(explain)) {
        rs.next();
        after = rs.getString(1);
      }

      assertEquals(2, parses(explain));
      assertNotEquals(before, query(s, explain).sha256(), "the estimate after a read:\n" + after);
    }
  }

  @Test
  void metadataCacheTtlZero_keepsNoPlan_andSeesANewTableAtOnce() throws SQLException {
    try (Connection c = fixture.connect("&metadataCacheTtl=0");
        Statement s = c.createStatement()) {
      Rows first = query(s, ORDERS);
      assertEquals(first, query(s, ORDERS));
      assertEquals(2, parses(ORDERS), "a plan lives no longer than its table list");

      fixture
          .emulator
          .store()
          .createTable(TableDef.of("PlanCacheFresh", FieldDef.of("Name", STRING)));
      assertEquals(0, query(s, "SELECT Name FROM PlanCacheFresh").count());
    }
  }
}
