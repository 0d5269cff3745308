/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.github.caspiojdbc.it.support.EmulatorFixture.SCAN;
import static io.github.caspiojdbc.it.support.EmulatorFixture.millisSince;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.emulator.ConnectionFault;
import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.emulator.store.ObjectKind;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Leftovers;
import io.github.caspiojdbc.it.support.Rows;
import io.github.caspiojdbc.rest.CaspioApi;
import java.io.File;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * R10 (a write whose reply is lost), R16-R18 and R21: cancel, query timeout, rows changing between
 * pages, and no leaks after many statements.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ControlIT {

  @Test
  void r16_cancelWhilePage5IsInFlight_abortsAtOnceAndSendsNothingMore() throws Exception {
    try (CaspioEmulator emulator = EmulatorFixture.builder().big().startEmulator();
        FaultProxy proxy = new FaultProxy(emulator);
        Connection c = EmulatorFixture.connect(proxy.port(), "")) {
      Rows.of(c, "SELECT COUNT(*) FROM OrderItems");
      proxy.times(
          1,
          () -> FaultProxy.page("OrderItems", 5),
          aResponse().proxiedFrom(emulator.baseUrl()).withFixedDelay(10_000));
      Statement s = c.createStatement();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      long[] failedAt = {0};
      Thread reader =
          new Thread(
              () -> {
                try (ResultSet rs = s.executeQuery(SCAN)) {
                  while (rs.next()) {
                    // read on until page 5 blocks
                  }
                } catch (Throwable t) {
                  failedAt[0] = System.nanoTime();
                  failure.set(t);
                }
              });
      reader.start();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (proxy.pageAttempts(5) == 0 && System.nanoTime() < end) {
        Thread.sleep(5);
      }
      assertEquals(1, proxy.pageAttempts(5), "page 5 is in flight");
      // Parallel key ranges keep fetching the pages after 5; wait until nothing new arrives, so
      // that a request counted below can only have been started after cancel().
      long before = proxy.records();
      for (int stable = 0; stable < 10 && System.nanoTime() < end; ) {
        Thread.sleep(50);
        long now = proxy.records();
        stable = now == before ? stable + 1 : 0;
        before = now;
      }
      long t0 = System.nanoTime();
      s.cancel();
      long cancelMs = millisSince(t0);
      reader.join(5000);
      long endedMs = (failedAt[0] - t0) / 1_000_000;
      assertTrue(cancelMs < 100, "cancel() took " + cancelMs + " ms");
      assertTrue(endedMs < 300, "the reader stopped " + endedMs + " ms after cancel()");
      SQLException e = assertInstanceOf(SQLException.class, failure.get());
      assertEquals("57014", e.getSQLState(), e.toString());
      Thread.sleep(500);
      assertEquals(before, proxy.records(), "no request after cancel()");
      s.close();
      assertEquals(250, Rows.of(c, "SELECT * FROM Customers").count(), "connection usable");
    }
  }

  @Test
  void r17_queryTimeout1sAgainst2sPages_timesOutInTime() throws Exception {
    try (CaspioEmulator emulator = EmulatorFixture.builder().startEmulator();
        Connection c = EmulatorFixture.connect(emulator.port(), FaultProxy.V3 + "")) {
      Rows.of(c, "SELECT COUNT(*) FROM Orders"); // metadata loaded before the clock starts
      int threads = Thread.activeCount();
      emulator.faults().setLatency(Duration.ofSeconds(2));
      try (Statement s = c.createStatement()) {
        s.setQueryTimeout(1);
        emulator.clearLog();
        long t0 = System.nanoTime();
        SQLException e =
            assertThrows(SQLException.class, () -> Rows.of(s.executeQuery("SELECT * FROM Orders")));
        long ms = millisSince(t0);
        assertInstanceOf(SQLTimeoutException.class, e, e.toString());
        assertTrue(ms >= 900 && ms < 1100, "timed out after " + ms + " ms");
      }
      emulator.faults().setLatency(Duration.ZERO);
      Thread.sleep(2500); // let the emulator finish the abandoned reply
      assertEquals(1, EmulatorFixture.recordCount(emulator), "no retry after the deadline");
      Leftovers.assertThreadsSettle(threads);
    }
  }

  @Test
  void r18_rowsInsertedAndDeletedBetweenPages_noUnchangedRowDuplicatedOrSkipped() throws Exception {
    try (CaspioEmulator emulator = EmulatorFixture.builder().big().startEmulator();
        Connection c = EmulatorFixture.connect(emulator.port(), FaultProxy.V3 + "&prefetch=0");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT PK_ID FROM OrderItems")) {
      Set<Integer> seen = new HashSet<>();
      int n = 0;
      while (rs.next()) {
        assertTrue(seen.add(rs.getInt(1)), "duplicate " + rs.getInt(1));
        if (++n == 2500) {
          // Delete rows already read and rows not read yet, and insert new ones.
          emulator.store().delete(ObjectKind.TABLE, "OrderItems", "PK_ID IN (10, 20, 1500)");
          emulator.store().delete(ObjectKind.TABLE, "OrderItems", "PK_ID IN (7000, 7001)");
          for (int i = 0; i < 3; i++) {
            ObjectNode row = JsonNodeFactory.instance.objectNode();
            row.put("Order_No", 1).put("Product_No", "P-00001").put("Quantity", 1);
            emulator.store().insert(ObjectKind.TABLE, "OrderItems", row);
          }
        }
      }
      for (int id = 1; id <= EmulatorFixture.BIG_ROWS; id++) {
        if (id != 7000 && id != 7001) {
          assertTrue(seen.contains(id), "row " + id + " was skipped");
        }
      }
      assertTrue(!seen.contains(7000) && !seen.contains(7001));
    }
  }

  @Test
  void r10_jdbcInsertWhoseReplyIsLost_isUnknownOutcomeAfterExactlyOnePost() throws Exception {
    try (CaspioEmulator emulator = EmulatorFixture.builder().startEmulator();
        Connection c = EmulatorFixture.connect(emulator.port(), FaultProxy.V3 + "");
        Statement s = c.createStatement()) {
      long before = emulator.store().rowCount("OrderItems");
      Rows.of(c, "SELECT COUNT(*) FROM OrderItems");
      emulator.faults().dropNextAfterProcessing(1, ConnectionFault.CONNECTION_RESET, "/records");
      emulator.clearLog();
      long t0 = System.nanoTime();
      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  s.executeUpdate(
                      "INSERT INTO OrderItems (Order_No, Product_No, Quantity)"
                          + " VALUES (1, 'P-00001', 3)"));
      assertTrue(millisSince(t0) < 3000);
      assertEquals("08007", e.getSQLState(), e.toString());
      long posts =
          emulator.log().entries().stream()
              .filter(x -> x.method().equals("POST") && !x.path().contains("oauth"))
              .count();
      assertEquals(1, posts, "exactly one insert POST, never repeated blindly");
      assertEquals(before + 1, emulator.store().rowCount("OrderItems"), "the write happened");
    }
  }

  @Test
  void r10_connectionResetAfterInsertWasSent_isUnknownOutcomeAfterExactlyOnePost() {
    // The same case one layer down, on the REST client the driver's INSERT uses.
    try (CaspioEmulator emulator = EmulatorFixture.builder().startEmulator();
        CaspioApi api = EmulatorFixture.api(emulator)) {
      long before = emulator.store().rowCount("OrderItems");
      emulator.faults().dropNextAfterProcessing(1, ConnectionFault.CONNECTION_RESET, "/records");
      emulator.clearLog();
      long t0 = System.nanoTime();
      CaspioException e =
          assertThrows(
              CaspioException.class,
              () ->
                  api.insert(
                      io.github.caspiojdbc.rest.ObjectKind.TABLE,
                      "OrderItems",
                      Map.of("Order_No", 1, "Product_No", "P-00001", "Quantity", 3)));
      assertTrue(millisSince(t0) < 3000);
      assertEquals(ErrorKind.UNKNOWN_OUTCOME, e.kind(), e.toString());
      assertEquals("08007", e.sqlState());
      long posts = emulator.log().entries().stream().filter(x -> x.method().equals("POST")).count();
      long tokenPosts =
          emulator.log().entries().stream()
              .filter(x -> x.method().equals("POST"))
              .map(LoggedCall::path)
              .filter(p -> p.contains("oauth"))
              .count();
      assertEquals(1, posts - tokenPosts, "exactly one insert POST");
      assertEquals(before + 1, emulator.store().rowCount("OrderItems"), "the write happened");
    }
  }

  @Test
  void r21_tenThousandStatementsClosedEarlyOrFailing_leakNoConnectionsOrThreads() throws Exception {
    try (CaspioEmulator emulator = EmulatorFixture.builder().startEmulator();
        Connection c = EmulatorFixture.connect(emulator.port(), FaultProxy.V3 + "&maxRetries=0")) {
      Rows.of(c, "SELECT * FROM Customers");
      java.util.List<String> threads = List.of();
      int sockets = 0;
      long t0 = System.nanoTime();
      int failed = 0;
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM Customers WHERE PK_ID > ?")) {
        for (int i = 0; i < 10_000; i++) {
          if (i == 500) {
            // Baseline after warm-up: pools and watcher threads exist by now; from here on the
            // counts must not grow with the number of statements.
            threads = clientThreads();
            sockets = openSockets();
          }
          if (i % 100 == 0) {
            emulator.faults().failNext(1, 500, "/records");
          }
          ps.setInt(1, i % 7);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next(); // closed early: one row of up to 50
          } catch (SQLException expected) {
            failed++;
          }
        }
      }
      for (int i = 0; i < 200; i++) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT * FROM Orders")) {
          rs.next();
        }
      }
      assertEquals(100, failed);
      assertTrue(millisSince(t0) < 150_000);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (clientThreads().size() > threads.size() + 2 && System.nanoTime() < end) {
        Thread.sleep(50);
      }
      java.util.List<String> now = clientThreads();
      assertTrue(now.size() <= threads.size() + 2, threads + " -> " + now);
      int after = openSockets();
      assertTrue(after <= sockets + 4, "sockets " + sockets + " -> " + after);
      assertEquals(50, Rows.of(c, "SELECT * FROM Customers").count(), "still usable");
    }
  }

  /**
   * Live threads other than the emulator's server pool (Jetty's {@code qtp…} threads grow with the
   * server's load and are not the driver's), sorted by name.
   */
  static java.util.List<String> clientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> !n.startsWith("qtp"))
        .sorted()
        .toList();
  }

  /** Open socket descriptors of this JVM (Linux), or 0 where /proc is missing. */
  static int openSockets() {
    File[] fds = new File("/proc/self/fd").listFiles();
    if (fds == null) {
      return 0;
    }
    int n = 0;
    for (File f : fds) {
      try {
        if (java.nio.file.Files.readSymbolicLink(f.toPath()).toString().startsWith("socket:")) {
          n++;
        }
      } catch (java.io.IOException gone) {
        // closed while listing
      }
    }
    return n;
  }
}
