/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.bench;

import io.github.caspiojdbc.emulator.RateLimitReply;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * Metric 8: a scan against an emulator that answers every call beyond B per second with 429 and
 * {@code Retry-After: 1}, as an account's burst limit would. The ceiling is B pages of 1000 rows
 * per second; the cost of getting there is the 429 replies, each of which Caspio bills.
 */
final class RateLimitMetric {
  private final BenchEnv env;
  private final BenchOptions options;

  RateLimitMetric(BenchEnv env, BenchOptions options) {
    this.env = env;
    this.options = options;
  }

  List<MetricRow> run() throws SQLException {
    int pages = options.rateLimitedPages();
    int b = BenchOptions.RATE_LIMIT;
    String sql = "select * from " + BenchEnv.BIG_TABLE + " where PK_ID <= " + pages * 1000L;
    long rows;
    double seconds;
    long calls;
    long throttled;
    // The pace a Caspio host gets by default; a loopback emulator is unpaced unless told.
    try (Connection conn = env.connect("&maxCallsPerSecond=" + (b - 1));
        Statement s = conn.createStatement()) {
      // Token and field list first: the limit is about data calls.
      try (ResultSet rs = s.executeQuery("explain plan for " + sql)) {
        rs.next();
      }
      env.emulator.faults().rateLimit(b, RateLimitReply.STATUS_429_WITH_RETRY_AFTER);
      try {
        env.clearLog();
        long t0 = System.nanoTime();
        try (ResultSet rs = s.executeQuery(sql)) {
          rows = CallsAndBytesMetric.drain(rs);
        }
        seconds = Stats.millisSince(t0) / 1000;
        calls = env.calls().size();
        throttled = env.throttled();
      } finally {
        env.emulator.faults().clear();
      }
    }
    double rate = rows / seconds;
    double ceiling = b * 1000.0;
    double per1000 = calls == 0 ? 0 : 1000.0 * throttled / calls;
    String how =
        String.format(
            Locale.ROOT,
            "%d pages, B=%d calls/s, %d calls of which %d got 429, %.1f s",
            pages,
            b,
            calls,
            throttled,
            seconds);
    return List.of(
        new MetricRow(
            "8a",
            "Scan under a rate limit: rows/s vs B x 1000",
            rate,
            "rows/s",
            ceiling,
            "B x 1000 rows/s",
            rate / ceiling,
            ">= 0.90",
            rate / ceiling >= 0.90,
            how),
        new MetricRow(
            "8b",
            "Scan under a rate limit: 429 replies per 1000 calls",
            per1000,
            "per 1000",
            null,
            "",
            per1000,
            "<= 5",
            per1000 <= 5,
            how));
  }
}
