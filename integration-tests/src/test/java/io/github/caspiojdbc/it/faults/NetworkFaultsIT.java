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

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Leftovers;
import io.github.caspiojdbc.it.support.Rows;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * R1-R6, R19, R20: the network misbehaves under a full JDBC scan of ten keyset pages. A scan that
 * succeeds returns exactly the rows of a clean run; one that fails does so with the right SQLState,
 * after the right number of requests, in bounded time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NetworkFaultsIT {
  @RegisterExtension static final EmulatorFixture fixture = FaultProxy.tenPages();
  private static final Rows clean = FaultProxy.directScan(fixture);
  @RegisterExtension final FaultProxy proxy = FaultProxy.perTest(fixture.emulator);

  @BeforeAll
  static void cleanScanReadsEveryRow() {
    assertEquals(EmulatorFixture.BIG_ROWS, clean.count());
  }

  @Test
  void r01_connectNeverCompletes_fails08001WithinConnectTimeout() throws Exception {
    // A listener with a full accept queue: Linux drops further SYNs, so connect() hangs.
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> fillers = new ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          Socket s = new Socket();
          try {
            s.connect(full.getLocalSocketAddress(), 200);
            fillers.add(s);
          } catch (java.io.IOException queueFull) {
            s.close();
            break;
          }
        }
        long t0 = System.nanoTime();
        SQLException e =
            assertThrows(
                SQLException.class,
                () ->
                    EmulatorFixture.connect(
                            full.getLocalPort(), "&connectTimeout=1000&maxRetries=0")
                        .close());
        long ms = millisSince(t0);
        assertEquals("08001", e.getSQLState(), e.toString());
        assertTrue(ms >= 900 && ms < 2500, "failed after " + ms + " ms");
      } finally {
        for (Socket s : fillers) {
          s.close();
        }
      }
    }
  }

  @Test
  void r02_listenerNeverAnswersToken_failsWithinLoginTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      long t0 = System.nanoTime();
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> EmulatorFixture.connect(silent.getLocalPort(), "&loginTimeout=1").close());
      long ms = millisSince(t0);
      assertEquals("08001", e.getSQLState(), e.toString());
      assertTrue(ms >= 900 && ms < 2500, "connect returned after " + ms + " ms");
    }
  }

  @Test
  void r02_listenerNeverAnswersToken_releasesTheSocketAfterLoginTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      silent.setSoTimeout(5000);
      int threadsBefore = Thread.activeCount();
      long t0 = System.nanoTime();
      Thread client =
          new Thread(
              () -> {
                try {
                  EmulatorFixture.connect(silent.getLocalPort(), "&loginTimeout=1").close();
                } catch (SQLException expected) {
                  Thread.currentThread().setName("failed-" + expected.getSQLState());
                }
              });
      client.start();
      try (Socket accepted = silent.accept()) {
        client.join(5000);
        long ms = millisSince(t0);
        assertTrue(!client.isAlive() && ms < 2500, "connect returned after " + ms + " ms");
        assertEquals("failed-08001", client.getName());
        // The abandoned token request must not keep its socket until socketTimeout (60 s).
        accepted.setSoTimeout(3000);
        try (InputStream in = accepted.getInputStream()) {
          byte[] buf = new byte[8192];
          int n;
          try {
            do {
              n = in.read(buf);
            } while (n > 0);
          } catch (java.net.SocketException reset) {
            // HttpClient aborts a timed-out exchange with a reset: the socket is released too.
            n = -1;
          }
          assertEquals(-1, n, "the driver closed its end of the token connection");
        }
      }
      Leftovers.assertThreadsSettle(threadsBefore);
    }
  }

  @Test
  void r03_readStallOnce_isRetriedAndRowsAreIdentical() throws Exception {
    try (Connection c = proxy.warm("&socketTimeout=500")) {
      proxy.times(
          1, () -> FaultProxy.page("OrderItems", 3), proxied().withChunkedDribbleDelay(4, 2000));
      long t0 = System.nanoTime();
      assertEquals(clean, Rows.of(c, SCAN));
      assertTrue(millisSince(t0) < 10_000);
      assertEquals(11, proxy.records());
    }
  }

  @Test
  void r03_readStallEveryTime_endsInTimeoutWithinTheStatementDeadline() throws Exception {
    try (Connection c = proxy.warm("&socketTimeout=500")) {
      proxy.always(FaultProxy.page("OrderItems", 3), proxied().withChunkedDribbleDelay(4, 2000));
      long t0 = System.nanoTime();
      try (Statement s = c.createStatement()) {
        s.setQueryTimeout(2);
        SQLException e = assertThrows(SQLException.class, () -> Rows.of(s.executeQuery(SCAN)));
        long ms = millisSince(t0);
        assertInstanceOf(SQLTimeoutException.class, e, e.toString());
        // Deadline plus one capped backoff step.
        assertTrue(ms < 2000 + 1500, "failed after " + ms + " ms");
      }
      long stalled = proxy.pageAttempts(3);
      assertTrue(stalled >= 1 && stalled <= 4, "page 3 attempts: " + stalled);
      proxy.server.resetScenarios();
      proxy.server.resetMappings();
      proxy.server.stubFor(
          com.github.tomakehurst.wiremock.client.WireMock.any(
                  com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
              .willReturn(proxied()));
      assertEquals(clean, Rows.of(c, SCAN), "the connection is still usable");
    }
  }

  /** R4 and R19's failure shapes that happen before any byte of the reply. */
  enum Drop {
    CONNECTION_RESET_BY_PEER,
    EMPTY_RESPONSE
  }

  @ParameterizedTest
  @EnumSource(Drop.class)
  void r04_dropOnPage3Of10_retriesTransparentlyWithIdenticalRows(Drop drop) throws Exception {
    try (Connection c = proxy.warm("")) {
      proxy.times(
          1,
          () -> FaultProxy.page("OrderItems", 3),
          aResponse().withFault(Fault.valueOf(drop.name())));
      long t0 = System.nanoTime();
      assertEquals(clean, Rows.of(c, SCAN));
      assertTrue(millisSince(t0) < 10_000);
      assertEquals(11, proxy.records(), "10 pages + 1 retry");
    }
  }

  /** Replies that are garbage on the wire or in the JSON. */
  enum Garbage {
    MALFORMED_RESPONSE_CHUNK(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)),
    RANDOM_DATA_THEN_CLOSE(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)),
    TRUNCATED_JSON(
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"Result\":[{\"PK_ID\":2001,\"Order_No\":1"));

    final ResponseDefinitionBuilder reply;

    Garbage(ResponseDefinitionBuilder reply) {
      this.reply = reply;
    }
  }

  @ParameterizedTest
  @EnumSource(Garbage.class)
  void r05_garbageOnceOnPage3_isRetriedWithIdenticalRows(Garbage g) throws Exception {
    try (Connection c = proxy.warm("")) {
      proxy.times(1, () -> FaultProxy.page("OrderItems", 3), g.reply);
      assertEquals(clean, Rows.of(c, SCAN));
      assertEquals(11, proxy.records());
    }
  }

  @ParameterizedTest
  @EnumSource(Garbage.class)
  void r05_garbageEveryTime_fails08S01AfterMaxAttemptsWithoutPartialSuccess(Garbage g)
      throws Exception {
    try (Connection c = proxy.warm("&maxRetries=2");
        Statement s = c.createStatement()) {
      proxy.always(FaultProxy.page("OrderItems", 3), g.reply);
      long t0 = System.nanoTime();
      int[] seen = {0};
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> {
                try (ResultSet rs = s.executeQuery(SCAN)) {
                  while (rs.next()) {
                    seen[0]++;
                  }
                }
              });
      assertEquals("08S01", e.getSQLState(), e.toString());
      assertTrue(millisSince(t0) < 15_000);
      assertTrue(seen[0] <= 2000, "no row of page 3 or later was returned: " + seen[0]);
      assertEquals(3, proxy.pageAttempts(3), "1 attempt + maxRetries=2");
      proxy.assertAttempts(3, 3);
    }
  }

  /** R6: a reply that is not data must never be parsed as data. */
  enum NotData {
    HTML_200(
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "text/html")
            .withHeader("X-Caspio-Request-ID", "req-html-1")
            .withBody("<!DOCTYPE html><html><body>Sign in</body></html>"),
        "req-html-1"),
    JSON_WRONG_SHAPE(
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "application/json")
            .withHeader("X-Caspio-Request-ID", "req-shape-2")
            .withBody("{\"Rows\":[{\"PK_ID\":1}]}"),
        "req-shape-2"),
    CASPIO_ERROR_400(
        aResponse()
            .withStatus(400)
            .withHeader("Content-Type", "application/json")
            .withBody(
                "{\"Code\":\"SqlServerError\",\"Message\":\"Invalid column name.\","
                    + "\"Resource\":\"/tables/OrderItems/records\",\"RequestId\":\"req-42-xyz\"}"),
        "SqlServerError");

    final ResponseDefinitionBuilder reply;
    final String named;

    NotData(ResponseDefinitionBuilder reply, String named) {
      this.reply = reply;
      this.named = named;
    }
  }

  @ParameterizedTest
  @EnumSource(NotData.class)
  void r06_replyThatIsNotData_isAClassifiedErrorNamingStatusAndCode(NotData n) throws Exception {
    try (Connection c = proxy.warm("&maxRetries=2");
        Statement s = c.createStatement()) {
      proxy.always(FaultProxy.page("OrderItems", 1), n.reply);
      long t0 = System.nanoTime();
      SQLException e = assertThrows(SQLException.class, () -> Rows.of(s.executeQuery(SCAN)));
      assertTrue(millisSince(t0) < 15_000);
      assertTrue(e.getMessage().contains(n.named), e.getMessage());
      if (n == NotData.CASPIO_ERROR_400) {
        assertTrue(e.getMessage().contains("req-42-xyz"), e.getMessage());
        assertEquals(400, e.getErrorCode());
        assertEquals("42000", e.getSQLState(), e.toString());
      } else {
        assertTrue(e.getMessage().contains("HTTP 200"), e.getMessage());
        assertEquals(200, e.getErrorCode());
        assertEquals("HY000", e.getSQLState(), e.toString());
      }
      assertEquals(1, proxy.records(), "a reply that is not data is final, not retried");
    }
  }

  @Test
  void r19_idleConnectionClosedByServer_nextQueryRetriesTransparently() throws Exception {
    try (FaultProxy shortIdle = new FaultProxy(fixture.emulator, 300L);
        Connection c = EmulatorFixture.connect(shortIdle.port(), "")) {
      Rows first = Rows.of(c, "SELECT * FROM Customers");
      Thread.sleep(1000); // the server has closed the kept-alive connection by now
      fixture.emulator.clearLog();
      long t0 = System.nanoTime();
      assertEquals(first, Rows.of(c, "SELECT * FROM Customers"));
      assertTrue(millisSince(t0) < 5000);
      assertEquals(
          1, EmulatorFixture.recordCount(fixture.emulator), "one page served, no visible error");
    }
  }

  @Test
  void r20_connectionRefused_fails08001Fast() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    long t0 = System.nanoTime();
    SQLException e =
        assertThrows(SQLException.class, () -> EmulatorFixture.connect(port, "").close());
    assertEquals("08001", e.getSQLState(), e.toString());
    assertTrue(millisSince(t0) < 5000, "not retried for long: " + millisSince(t0) + " ms");
  }

  @Test
  void r20_unknownHost_fails08001Fast() {
    long t0 = System.nanoTime();
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                java.sql.DriverManager.getConnection(
                        "jdbc:caspio://no-such-account.invalid", EmulatorFixture.credentials())
                    .close());
    assertEquals("08001", e.getSQLState(), e.toString());
    assertTrue(millisSince(t0) < 10_000, "not retried for long: " + millisSince(t0) + " ms");
  }

  private ResponseDefinitionBuilder proxied() {
    return aResponse().proxiedFrom(fixture.emulator.baseUrl());
  }
}
