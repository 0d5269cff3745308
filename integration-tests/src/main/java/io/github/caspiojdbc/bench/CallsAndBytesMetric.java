/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.bench;

import io.github.caspiojdbc.emulator.LoggedCall;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Metrics 1 and 2: for every query of {@link QuerySuite}, the calls and response bytes the driver
 * caused (from the emulator's log) next to those of the minimal requests, sent by the bare client
 * to the same emulator right after.
 */
final class CallsAndBytesMetric {
  /** Tables and views the suite reads; their field lists are cached before anything is counted. */
  private static final List<String> OBJECTS =
      List.of("Products", "Customers", "Orders", "OrderItems", "OrderDetails");

  /** Requests kept per query in the results file. */
  private static final int REQUESTS_KEPT = 3;

  private final BenchEnv env;

  CallsAndBytesMetric(BenchEnv env) {
    this.env = env;
  }

  /** Runs the suite on a warm connection (token and metadata cached, as P1 specifies). */
  List<QueryResult> run(Connection conn) throws SQLException {
    try (Statement s = conn.createStatement()) {
      for (String object : OBJECTS) {
        // EXPLAIN plans without reading rows, but loads the table's fields.
        try (ResultSet rs = s.executeQuery("explain plan for select * from " + object)) {
          rs.next();
        }
      }
    }
    List<QueryResult> results = new ArrayList<>();
    for (QuerySuite.Query q : QuerySuite.queries()) {
      env.clearLog();
      long rows = execute(conn, q);
      List<LoggedCall> driverCalls = env.calls();
      env.clearLog();
      long minCalls = 0;
      for (QuerySuite.Minimal m : q.minimal()) {
        minCalls += runMinimal(m);
      }
      long minBytes = BenchEnv.bytes(env.calls());
      results.add(
          new QueryResult(
              q.sql(),
              rows,
              driverCalls.size(),
              minCalls,
              BenchEnv.bytes(driverCalls),
              minBytes,
              describe(driverCalls)));
    }
    env.clearLog();
    return results;
  }

  /** The metric rows for the whole suite. */
  static List<MetricRow> rows(List<QueryResult> results) {
    long calls = 0;
    long minCalls = 0;
    long bytes = 0;
    long minBytes = 0;
    int callsAtMinimum = 0;
    int bytesWithinTarget = 0;
    QueryResult worstCalls = results.get(0);
    QueryResult worstBytes = results.get(0);
    for (QueryResult r : results) {
      calls += r.calls();
      minCalls += r.minCalls();
      bytes += r.bytes();
      minBytes += r.minBytes();
      callsAtMinimum += r.calls() == r.minCalls() ? 1 : 0;
      bytesWithinTarget += r.byteRatio() <= 1.02 ? 1 : 0;
      worstCalls = r.callRatio() > worstCalls.callRatio() ? r : worstCalls;
      worstBytes = r.byteRatio() > worstBytes.byteRatio() ? r : worstBytes;
    }
    int n = results.size();
    MetricRow callRow =
        new MetricRow(
            "1",
            "REST calls, " + n + "-query suite (sum)",
            (double) calls,
            "calls",
            (double) minCalls,
            "API minimum",
            (double) calls / minCalls,
            "1.00 for every query",
            callsAtMinimum == n,
            String.format(
                Locale.ROOT,
                "%d of %d queries at the minimum; worst %.2f: %s (%d calls, minimum %d)",
                callsAtMinimum,
                n,
                worstCalls.callRatio(),
                worstCalls.sql(),
                worstCalls.calls(),
                worstCalls.minCalls()));
    double byteRatio = (double) bytes / minBytes;
    MetricRow byteRow =
        new MetricRow(
            "2",
            "Bytes received, same suite (sum)",
            (double) bytes,
            "bytes",
            (double) minBytes,
            "minimal requests",
            byteRatio,
            "<= 1.02",
            byteRatio <= 1.02,
            String.format(
                Locale.ROOT,
                "%d of %d queries within 1.02; worst %.2f: %s",
                bytesWithinTarget,
                n,
                worstBytes.byteRatio(),
                worstBytes.sql()));
    return List.of(callRow, byteRow);
  }

  private static long execute(Connection conn, QuerySuite.Query q) throws SQLException {
    if (q.parameters().isEmpty()) {
      try (Statement s = conn.createStatement();
          ResultSet rs = s.executeQuery(q.sql())) {
        return drain(rs);
      }
    }
    try (PreparedStatement ps = conn.prepareStatement(q.sql())) {
      for (int i = 0; i < q.parameters().size(); i++) {
        ps.setObject(i + 1, q.parameters().get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        return drain(rs);
      }
    }
  }

  /** Reads every value, as an application would. */
  static long drain(ResultSet rs) throws SQLException {
    int columns = rs.getMetaData().getColumnCount();
    long rows = 0;
    while (rs.next()) {
      for (int c = 1; c <= columns; c++) {
        rs.getObject(c);
      }
      rows++;
    }
    return rows;
  }

  /** Sends one minimal request (all its pages) and returns the API minimum of calls for it. */
  private long runMinimal(QuerySuite.Minimal m) {
    if (!m.paged()) {
      env.bare.get(m.resource(), m.params());
      return 1;
    }
    long rows = 0;
    for (int page = 1; ; page++) {
      Map<String, String> p = new LinkedHashMap<>(m.params());
      p.put("q.pageNumber", Integer.toString(page));
      p.put("q.pageSize", "1000");
      int n = env.bare.get(m.resource(), p).rows();
      rows += n;
      if (n < 1000) {
        return Math.max(1, (rows + 999) / 1000);
      }
    }
  }

  private static List<String> describe(List<LoggedCall> calls) {
    List<String> out = new ArrayList<>();
    for (LoggedCall c : calls.subList(0, Math.min(REQUESTS_KEPT, calls.size()))) {
      StringBuilder b = new StringBuilder(c.method()).append(' ').append(c.path());
      char sep = '?';
      for (Map.Entry<String, List<String>> e : new TreeMap<>(c.query()).entrySet()) {
        for (String v : e.getValue()) {
          b.append(sep).append(e.getKey()).append('=').append(v);
          sep = '&';
        }
      }
      out.add(b.toString());
    }
    if (calls.size() > REQUESTS_KEPT) {
      out.add("... " + (calls.size() - REQUESTS_KEPT) + " more");
    }
    return out;
  }
}
