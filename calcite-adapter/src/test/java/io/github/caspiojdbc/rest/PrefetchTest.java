/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Parallel prefetch, measured by the overlap of request arrival intervals at a server with fixed
 * latency rather than by wall time.
 */
class PrefetchTest extends ApiTestBase {

  @BeforeEach
  void tableStub() {
    server.stubFor(
        get(urlPathEqualTo(RECORDS)).willReturn(aResponse().withTransformers(TableServer.NAME)));
  }

  private static RecordQuery numbered(int pageSize) {
    return RecordQuery.table("T").orderBy(SortKey.asc("Name")).pageSize(pageSize).build();
  }

  @Test
  void query_defaultDepthAt50msLatency_overlapsRequestsButNeverBeyondDepth() {
    table.fill(60);
    table.delayMs = 50;
    List<Object[]> rows = drain(api().query(numbered(5)));

    assertEquals(60, rows.size());
    assertEquals(12, table.requests.get());
    int overlap = table.maxOverlap();
    assertTrue(overlap >= 2, "default prefetch must overlap requests, saw " + overlap);
    assertTrue(overlap <= 4, "depth 4 exceeded: " + overlap);
  }

  @Test
  void query_depthOne_isSerial() {
    table.fill(30);
    table.delayMs = 50;
    List<Object[]> rows = drain(api(b -> b.prefetchDepth(1)).query(numbered(5)));
    assertEquals(30, rows.size());
    assertEquals(1, table.maxOverlap());
  }

  @Test
  void query_depthTwo_neverExceedsTwo() {
    table.fill(60);
    table.delayMs = 50;
    drain(api(b -> b.prefetchDepth(2)).query(numbered(5)));
    assertEquals(2, table.maxOverlap());
  }

  @Test
  void query_keysetAfterFirstPage_readsKeyRangesInParallel() {
    table.fill(60);
    table.delayMs = 50;
    List<Object[]> rows = drain(api().query(RecordQuery.table("T").pageSize(5).build()));
    assertEquals(60, rows.size());
    assertEquals(12, table.requests.get(), "dense keys: one request per page, no more");
    int overlap = table.maxOverlap();
    assertTrue(overlap >= 2, "keyset ranges must overlap, saw " + overlap);
    assertTrue(overlap <= 4, "depth 4 exceeded: " + overlap);
  }

  @Test
  void query_keysetDepthOne_isSerial() {
    table.fill(30);
    table.delayMs = 20;
    List<Object[]> rows =
        drain(api(b -> b.prefetchDepth(1)).query(RecordQuery.table("T").pageSize(5).build()));
    assertEquals(30, rows.size());
    assertEquals(1, table.maxOverlap());
  }

  @Test
  void query_throttled_halvesParallelism() {
    table.fill(60);
    table.delayMs = 100;
    table.throttled = n -> n == 2;
    HttpCaspioApi api = api();
    List<Object[]> rows = drain(api.query(numbered(5)));

    assertEquals(60, rows.size());
    assertEquals(1, api.stats().throttles());
    assertEquals(1, table.throttledAt.size());
    long throttleEnd = table.throttledAt.get(0) + 100_000_000L;
    List<long[]> after = new ArrayList<>();
    for (long[] a : table.arrivals) {
      if (a[0] >= throttleEnd) {
        after.add(a);
      }
    }
    after.sort(Comparator.comparingLong(a -> a[0]));
    List<long[]> firstAfter = after.subList(0, Math.min(5, after.size()));
    int overlap = 0;
    for (long[] a : firstAfter) {
      int c = 0;
      for (long[] b : firstAfter) {
        if (b[0] <= a[0] && a[0] < b[1]) {
          c++;
        }
      }
      overlap = Math.max(overlap, c);
    }
    assertTrue(overlap <= 2, "parallelism after a 429 must drop to 2, saw " + overlap);
    assertEquals(1, sleeper.delays.size());
  }
}
