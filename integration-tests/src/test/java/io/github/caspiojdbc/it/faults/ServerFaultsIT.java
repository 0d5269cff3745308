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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Rows;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * R7-R9 (throttling and server errors), R11-R13 and R15 (tokens): scripted replies on exact pages
 * of a ten-page scan, with exact request counts and bounded elapsed time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerFaultsIT {
  @RegisterExtension static final EmulatorFixture fixture = FaultProxy.tenPages();
  private static final Rows clean = FaultProxy.directScan(fixture);
  @RegisterExtension final FaultProxy proxy = FaultProxy.perTest(fixture.emulator);

  private static ResponseDefinitionBuilder caspioError(int status, String code, String id) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader("X-Caspio-Request-ID", id)
        .withBody(
            "{\"Code\":\""
                + code
                + "\",\"Message\":\"Injected.\",\"Resource\":\"/records\",\"RequestId\":\""
                + id
                + "\"}");
  }

  @Test
  void r07_503ThreeTimesThen200_succeedsAfterExactlyFourCallsHonouringRetryAfter()
      throws Exception {
    try (Connection c = proxy.warm("")) {
      proxy.times(
          3,
          () -> FaultProxy.page("OrderItems", 4),
          caspioError(503, "ServiceUnavailable", "r7").withHeader("Retry-After", "1"));
      long t0 = System.nanoTime();
      assertEquals(clean, Rows.of(c, SCAN));
      long ms = millisSince(t0);
      assertEquals(4, proxy.pageAttempts(4));
      assertEquals(13, proxy.records(), "10 pages + 3 retries");
      assertTrue(ms >= 3000, "each retry waited Retry-After: " + ms + " ms");
      assertTrue(ms < 15_000, ms + " ms");
    }
  }

  @Test
  void r08_429WithRetryAfterSeconds_waitsThenSucceeds() throws Exception {
    try (Connection c = proxy.warm("")) {
      proxy.times(
          1,
          () -> FaultProxy.page("OrderItems", 2),
          caspioError(429, "TooManyRequests", "r8a").withHeader("Retry-After", "2"));
      long t0 = System.nanoTime();
      assertEquals(clean, Rows.of(c, SCAN));
      long ms = millisSince(t0);
      assertEquals(11, proxy.records());
      assertTrue(ms >= 2000 && ms < 8000, ms + " ms");
    }
  }

  @Test
  void r08_429WithRetryAfterHttpDate_waitsUntilThenSucceeds() throws Exception {
    try (Connection c = proxy.warm("")) {
      String date =
          DateTimeFormatter.RFC_1123_DATE_TIME.format(
              ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3));
      proxy.times(
          1,
          () -> FaultProxy.page("OrderItems", 2),
          caspioError(429, "TooManyRequests", "r8b").withHeader("Retry-After", date));
      long t0 = System.nanoTime();
      assertEquals(clean, Rows.of(c, SCAN));
      long ms = millisSince(t0);
      assertEquals(11, proxy.records());
      // The date has whole seconds, so the wait is between 2 and 3 seconds.
      assertTrue(ms >= 1900 && ms < 8000, ms + " ms");
    }
  }

  @Test
  void r08_429WithoutRetryAfter_usesComputedBackoffThenSucceeds() throws Exception {
    try (Connection c = proxy.warm("")) {
      proxy.times(
          1, () -> FaultProxy.page("OrderItems", 2), caspioError(429, "TooManyRequests", "r8c"));
      long t0 = System.nanoTime();
      assertEquals(clean, Rows.of(c, SCAN));
      assertTrue(millisSince(t0) < 6000);
      assertEquals(11, proxy.records());
    }
  }

  @Test
  void r08_caspioRateLimit400ArrayBody_isWaitedAndRetried() throws Exception {
    try (Connection c = proxy.warm("")) {
      proxy.times(
          1,
          () -> FaultProxy.page("OrderItems", 2),
          aResponse()
              .withStatus(400)
              .withHeader("Content-Type", "application/json")
              .withBody(
                  "[{\"message\":\"You have exceeded your API call rate limits.\","
                      + "\"name\":\"api-calls-rate\"}]"));
      long t0 = System.nanoTime();
      assertEquals(clean, Rows.of(c, SCAN));
      assertTrue(millisSince(t0) < 6000);
      assertEquals(11, proxy.records());
    }
  }

  @Test
  void r09_persistent500_stopsAfterMaxAttemptsNamingStatusCodeAndRequestId() throws Exception {
    try (Connection c = proxy.warm("&maxRetries=3");
        Statement s = c.createStatement()) {
      proxy.always(FaultProxy.page("OrderItems", 2), caspioError(500, "InternalError", "r9-id"));
      long t0 = System.nanoTime();
      SQLException e = assertThrows(SQLException.class, () -> Rows.of(s.executeQuery(SCAN)));
      long ms = millisSince(t0);
      assertEquals(4, proxy.pageAttempts(2), "1 + maxRetries");
      proxy.assertAttempts(2, 4);
      assertEquals(500, e.getErrorCode());
      assertTrue(e.getMessage().contains("500"), e.getMessage());
      assertTrue(e.getMessage().contains("InternalError"), e.getMessage());
      assertTrue(e.getMessage().contains("r9-id"), e.getMessage());
      // Full jitter: at most 1 + 2 + 4 s of backoff.
      assertTrue(ms < 8000, ms + " ms");
    }
  }

  @Test
  void r09_persistent500_stopsAtTheStatementDeadline() throws Exception {
    try (Connection c = proxy.warm("&maxRetries=10");
        Statement s = c.createStatement()) {
      proxy.always(FaultProxy.page("OrderItems", 2), caspioError(500, "InternalError", "r9b"));
      s.setQueryTimeout(2);
      long t0 = System.nanoTime();
      SQLException e = assertThrows(SQLException.class, () -> Rows.of(s.executeQuery(SCAN)));
      long ms = millisSince(t0);
      assertInstanceOf(SQLTimeoutException.class, e, e.toString());
      assertTrue(ms < 3000, ms + " ms");
      assertTrue(proxy.pageAttempts(2) < 11, "stopped before maxRetries: " + proxy.pageAttempts(2));
    }
  }

  @Test
  void r11_401OnPage7Of20_renewsTheTokenOnceAndRowsAreIdentical() throws Exception {
    try (CaspioEmulator twenty = EmulatorFixture.builder().sampleData(7, 20_000).startEmulator()) {
      Rows clean20;
      try (Connection c = EmulatorFixture.connect(twenty.port(), "")) {
        clean20 = Rows.of(c, SCAN);
      }
      assertEquals(20_000, clean20.count());
      try (FaultProxy p20 = new FaultProxy(twenty);
          Connection c = EmulatorFixture.connect(p20.port(), "")) {
        Rows.of(c, "SELECT COUNT(*) FROM OrderItems");
        p20.server.resetRequests();
        p20.times(
            1,
            () -> FaultProxy.page("OrderItems", 7),
            caspioError(401, "Unauthorized", "r11").withHeader("WWW-Authenticate", "Bearer"));
        long t0 = System.nanoTime();
        assertEquals(clean20, Rows.of(c, SCAN));
        assertTrue(millisSince(t0) < 10_000);
        assertEquals(1, p20.tokens(), "one token request");
        assertEquals(2, p20.pageAttempts(7));
        assertEquals(21, p20.records(), "20 pages + page 7 again");
      }
    }
  }

  @Test
  void r12_401AgainAfterAFreshToken_fails28000WithoutLooping() throws Exception {
    try (Connection c = proxy.warm("");
        Statement s = c.createStatement()) {
      proxy.always(
          FaultProxy.page("OrderItems", 7),
          caspioError(401, "Unauthorized", "r12").withHeader("WWW-Authenticate", "Bearer"));
      long t0 = System.nanoTime();
      SQLException e = assertThrows(SQLException.class, () -> Rows.of(s.executeQuery(SCAN)));
      assertTrue(millisSince(t0) < 5000);
      assertInstanceOf(SQLInvalidAuthorizationSpecException.class, e, e.toString());
      assertEquals("28000", e.getSQLState());
      assertEquals(1, proxy.tokens(), "one renewal, no loop");
      assertEquals(2, proxy.pageAttempts(7));
    }
  }

  @Test
  void pageSizeProperty_500_scansTenThousandRowsInTwentyPages() throws Exception {
    try (Connection c = proxy.warm("&pageSize=500")) {
      assertEquals(clean, Rows.of(c, SCAN));
      assertEquals(20, proxy.records());
    }
  }

  @Test
  void r12_genuineBadQuery400_isNotRetriedAndDoesNotRenewTheToken() throws Exception {
    try (Connection c = proxy.warm("");
        Statement s = c.createStatement()) {
      proxy.always(
          FaultProxy.page("OrderItems", 2), caspioError(400, "IncorrectQueryParameter", "r12b"));
      SQLException e = assertThrows(SQLException.class, () -> Rows.of(s.executeQuery(SCAN)));
      assertTrue(e.getMessage().contains("IncorrectQueryParameter"), e.getMessage());
      assertEquals(1, proxy.pageAttempts(2));
      assertEquals(0, proxy.tokens());
    }
  }

  @Test
  void r13_64ThreadsOnAColdTokenCache_causeExactlyOneTokenRequest() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(64);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Integer>> counts = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        counts.add(
            pool.submit(
                () -> {
                  go.await();
                  // About token single flight, not the call rate: 64 connections of one account
                  // at the default pace of 9 calls/s would need over 30 s for their calls.
                  try (Connection c =
                      EmulatorFixture.connect(proxy.port(), "&maxCallsPerSecond=0")) {
                    return Rows.of(c, "SELECT * FROM Customers").count();
                  }
                }));
      }
      long t0 = System.nanoTime();
      go.countDown();
      for (Future<Integer> f : counts) {
        assertEquals(250, f.get(30, TimeUnit.SECONDS));
      }
      assertTrue(millisSince(t0) < 30_000);
      assertEquals(1, proxy.tokens(), "single flight");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void r15_tokenEndpoint503Then200_connectsAfterOneRetry() throws Exception {
    proxy.times(
        1,
        () -> com.github.tomakehurst.wiremock.client.WireMock.post("/oauth/token"),
        aResponse().withStatus(503));
    long t0 = System.nanoTime();
    try (Connection c = EmulatorFixture.connect(proxy.port(), "")) {
      assertTrue(c.isValid(5));
    }
    assertTrue(millisSince(t0) < 8000);
    assertEquals(2, proxy.tokens());
  }

  @Test
  void r15_invalidClient_fails28000FastWithoutTheSecret() {
    Properties p = EmulatorFixture.credentials();
    p.setProperty("password", "wrong-secret-value-123");
    long t0 = System.nanoTime();
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> DriverManager.getConnection(EmulatorFixture.url(proxy.port(), ""), p).close());
    assertTrue(millisSince(t0) < 3000);
    assertEquals("28000", e.getSQLState(), e.toString());
    assertEquals(1, proxy.tokens(), "credential errors are not retried");
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains("wrong-secret-value-123"));
      assertFalse(t.toString().contains("wrong-secret-value-123"));
    }
  }
}
