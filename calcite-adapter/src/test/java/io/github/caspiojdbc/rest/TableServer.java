/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WireMock response transformer that serves a table's records the way Caspio pages them: ordered
 * by PK_ID, honouring {@code PK_ID>n}, {@code PK_ID<=n} and {@code PK_ID<n} in {@code q.where},
 * {@code q.pageNumber}/{@code q.pageSize}, {@code q.limit} and {@code q.getPaginationInfo}. It
 * records when each request arrived, so tests can count overlapping requests.
 */
final class TableServer implements ResponseDefinitionTransformerV2 {
  static final String NAME = "caspio-table";
  private static final Pattern KEY = Pattern.compile("PK_ID(>|<=|<)(-?\\d+)");

  final NavigableMap<Long, String> rows = new ConcurrentSkipListMap<>();
  final List<long[]> arrivals = new CopyOnWriteArrayList<>();
  final AtomicInteger requests = new AtomicInteger();
  volatile int delayMs;
  volatile IntConsumer beforeServe = n -> {};
  volatile IntPredicate throttled = n -> false;
  final List<Long> throttledAt = new CopyOnWriteArrayList<>();

  /** Fills the table with rows 1..n. */
  TableServer fill(int n) {
    for (long i = 1; i <= n; i++) {
      put(i);
    }
    return this;
  }

  void put(long pk) {
    rows.put(pk, "{\"PK_ID\":" + pk + ",\"Name\":\"n" + pk + "\",\"Price\":" + pk + ".5}");
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    long start = System.nanoTime();
    int n = requests.incrementAndGet();
    beforeServe.accept(n);
    Request r = event.getRequest();
    String where = param(r, "q.where");
    String order = param(r, "q.orderBy");
    boolean desc = order != null && order.startsWith("PK_ID DESC");
    NavigableMap<Long, String> view = desc ? rows.descendingMap() : rows;
    if (where != null) {
      Matcher m = KEY.matcher(where);
      NavigableMap<Long, String> range = rows;
      boolean keyed = false;
      while (m.find()) {
        long k = Long.parseLong(m.group(2));
        keyed = true;
        range =
            switch (m.group(1)) {
              case ">" -> range.tailMap(k, false);
              case "<=" -> range.headMap(k, true);
              default -> range.headMap(k, false);
            };
      }
      if (keyed) {
        view = desc ? range.descendingMap() : range;
      }
    }
    List<String> all = new ArrayList<>(view.values());
    int from = 0;
    int count;
    String size = param(r, "q.pageSize");
    if (size != null) {
      int ps = Integer.parseInt(size);
      String page = param(r, "q.pageNumber");
      from = (page == null ? 0 : Integer.parseInt(page) - 1) * ps;
      count = ps;
    } else {
      String limit = param(r, "q.limit");
      count = limit == null ? 100 : Integer.parseInt(limit);
    }
    List<String> slice =
        all.subList(Math.min(from, all.size()), Math.min(from + count, all.size()));
    StringBuilder body = new StringBuilder("{\"Result\":[").append(String.join(",", slice));
    body.append(']');
    if ("true".equals(param(r, "q.getPaginationInfo"))) {
      body.append(",\"Pagination\":{\"TotalCount\":").append(all.size()).append('}');
    }
    body.append('}');
    arrivals.add(new long[] {start, start + delayMs * 1_000_000L});
    int status = throttled.test(n) ? 429 : 200;
    if (status == 429) {
      throttledAt.add(start);
    }
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(status == 429 ? "" : body.toString())
        .withFixedDelay(delayMs)
        .build();
  }

  private static String param(Request r, String name) {
    QueryParameter p = r.queryParameter(name);
    return p.isPresent() ? p.firstValue() : null;
  }

  /** The most requests that were in flight at once, from arrival times and the fixed delay. */
  int maxOverlap() {
    List<long[]> list = new ArrayList<>(arrivals);
    int best = 0;
    for (long[] a : list) {
      int c = 0;
      for (long[] b : list) {
        if (b[0] <= a[0] && a[0] < b[1]) {
          c++;
        }
      }
      best = Math.max(best, c);
    }
    return best;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }
}
