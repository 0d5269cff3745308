/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Cancellation from another thread, response timeouts and statement deadlines. */
class CancelAndTimeoutTest extends ApiTestBase {
  /** Long enough that only an abort can end the request within the liveness bound. */
  private static final int SLOW_MS = 20_000;

  private int count() {
    return server.findAll(anyRequestedFor(anyUrl())).size();
  }

  @Test
  void cancel_fromAnotherThreadDuringSlowPage_abortsAndStopsFurtherRequests() throws Exception {
    server.stubFor(
        get(urlPathEqualTo(RECORDS)).willReturn(aResponse().withTransformers(TableServer.NAME)));
    table.fill(20);
    table.beforeServe = n -> table.delayMs = n >= 2 ? SLOW_MS : 0;
    RecordCursor c = api().query(RecordQuery.table("T").pageSize(5).build());
    for (int i = 0; i < 5; i++) {
      assertTrue(c.next());
    }
    java.util.concurrent.atomic.AtomicInteger sentBeforeCancel =
        new java.util.concurrent.atomic.AtomicInteger();
    CountDownLatch waiting = new CountDownLatch(1);
    Thread canceller =
        new Thread(
            () -> {
              try {
                waiting.await();
                Thread.sleep(200);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              sentBeforeCancel.set(table.requests.get());
              c.cancel();
            });
    canceller.start();
    CaspioException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () -> {
              waiting.countDown();
              return assertThrows(CaspioException.class, c::next);
            });
    canceller.join();
    assertEquals(ErrorKind.CANCELLED, e.kind());
    assertEquals("57014", e.sqlState());
    assertThrows(CaspioException.class, c::next);
    c.close();
    TimeUnit.MILLISECONDS.sleep(100);
    // Key ranges were already in flight when the cancel came; none may follow it.
    assertEquals(sentBeforeCancel.get(), table.requests.get(), "no request after the cancel");
  }

  @Test
  void responseTimeout_onSlowGet_retriesThenFailsWithTransport() {
    server.stubFor(
        get(urlPathEqualTo(RetryTest.TABLES))
            .willReturn(aResponse().withStatus(200).withFixedDelay(SLOW_MS)));
    HttpCaspioApi api = api(b -> b.responseTimeout(Duration.ofMillis(200)).maxAttempts(2));
    CaspioException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10), () -> assertThrows(CaspioException.class, api::listTables));
    assertEquals(ErrorKind.TRANSPORT, e.kind());
    assertEquals(2, count());
  }

  @Test
  void statementDeadline_onSlowPage_failsWithTimeout() {
    server.stubFor(
        get(urlPathEqualTo(RECORDS)).willReturn(aResponse().withTransformers(TableServer.NAME)));
    table.delayMs = SLOW_MS;
    RecordCursor c =
        api().query(RecordQuery.table("T").maxRows(10).timeout(Duration.ofMillis(300)).build());
    CaspioException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10), () -> assertThrows(CaspioException.class, c::next));
    assertEquals(ErrorKind.TIMEOUT, e.kind());
    assertEquals("HYT00", e.sqlState());
    assertEquals(1, table.requests.get());
  }

  /** The deadline is generous because the first POST of a cold JVM takes a while to arrive. */
  @Test
  void statementDeadline_onSlowInsert_isUnknownOutcome() {
    server.stubFor(
        post(urlPathEqualTo(RECORDS)).willReturn(aResponse().withTransformers(TableServer.NAME)));
    table.delayMs = SLOW_MS;
    HttpCaspioApi api = api(b -> b.statementTimeout(Duration.ofMillis(2000)));
    CaspioException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () ->
                assertThrows(
                    CaspioException.class,
                    () -> api.insert(ObjectKind.TABLE, "T", Map.of("Name", "x"))));
    assertEquals(ErrorKind.UNKNOWN_OUTCOME, e.kind(), e.getMessage());
    assertEquals(1, table.requests.get(), e.getMessage());
  }

  @Test
  void close_cursorsClosedEarlyManyTimes_leakNoConnections() {
    server.stubFor(
        get(urlPathEqualTo(RECORDS)).willReturn(aResponse().withTransformers(TableServer.NAME)));
    server.stubFor(
        get(urlPathEqualTo(RetryTest.TABLES))
            .willReturn(aResponse().withStatus(200).withBody(RetryTest.OK_TABLES)));
    table.fill(100);
    table.delayMs = 5;
    // A leaked pooled connection would make a later lease wait, then fail after 2 s.
    HttpCaspioApi api = api(b -> b.responseTimeout(Duration.ofSeconds(2)).maxAttempts(1));
    RecordQuery q = RecordQuery.table("T").orderBy(SortKey.asc("Name")).pageSize(5).build();
    for (int i = 0; i < 30; i++) {
      try (RecordCursor c = api.query(q)) {
        assertTrue(c.next());
        assertTrue(c.next());
      }
    }
    for (int i = 0; i < 10; i++) {
      assertEquals(2, api.listTables().size());
    }
  }

  @Test
  void cancel_leavesTheConnectionUsable() {
    server.stubFor(
        get(urlPathEqualTo(RECORDS))
            .willReturn(aResponse().withStatus(200).withFixedDelay(SLOW_MS)));
    server.stubFor(
        get(urlPathEqualTo(RetryTest.TABLES))
            .willReturn(aResponse().withStatus(200).withBody(RetryTest.OK_TABLES)));
    HttpCaspioApi api = api();
    RecordCursor c = api.query(RecordQuery.table("T").maxRows(10).build());
    c.cancel();
    assertThrows(CaspioException.class, c::next);
    c.close();
    assertEquals(2, api.listTables().size());
  }

  @Test
  void close_api_abortsOpenCursors() {
    server.stubFor(
        get(urlPathEqualTo(RECORDS))
            .willReturn(aResponse().withStatus(200).withFixedDelay(SLOW_MS)));
    HttpCaspioApi api = api();
    RecordCursor c = api.query(RecordQuery.table("T").maxRows(10).build());
    api.close();
    CaspioException cancelled =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10), () -> assertThrows(CaspioException.class, c::next));
    assertEquals(ErrorKind.CANCELLED, cancelled.kind());
    CaspioException e = assertThrows(CaspioException.class, api::listTables);
    assertEquals(ErrorKind.CONNECTION_FAILED, e.kind());
  }
}
