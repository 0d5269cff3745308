/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Metrics 3 and 4: a full scan of the R-row table through JDBC against the bare client reading the
 * same pages, with no injected latency and with {@value BenchOptions#LATENCY_MS} ms per reply, and
 * the time to the scan's first row against one page round trip.
 *
 * <p>Both sides read every value of every row. Driver and bare runs alternate so that a burst of
 * load from other processes hits both; the figure is the median of the measured runs after one
 * warm-up run each.
 */
final class ScanMetric {
  /**
   * Pages in flight the latency figure is judged against: the driver's prefetch, set explicitly.
   */
  static final int PREFETCH = 2;

  private static final String SCAN = "select * from " + BenchEnv.BIG_TABLE;

  private static final int WARM_UP_ROWS = 200_000;

  private final BenchEnv env;
  private final BenchOptions options;

  ScanMetric(BenchEnv env, BenchOptions options) {
    this.env = env;
    this.options = options;
  }

  List<MetricRow> run() throws SQLException {
    List<MetricRow> rows = new ArrayList<>();
    try (Connection conn = env.connect("&prefetch=" + PREFETCH)) {
      rows.add(throughput(conn));
      rows.add(firstRow(conn, 0, "4a"));
      env.latency(BenchOptions.LATENCY_MS);
      try {
        rows.add(firstRow(conn, BenchOptions.LATENCY_MS, "4b"));
        rows.addAll(latencyHiding(conn));
      } finally {
        env.latency(0);
      }
    }
    return rows;
  }

  /** 3a: rows/s at 0 ms, driver vs bare keyset loop over the same pages. */
  private MetricRow throughput(Connection conn) throws SQLException {
    // Warm-up on at most WARM_UP_ROWS: enough for the JIT, cheaper than a third full scan.
    int warm = Math.min(env.rows, WARM_UP_ROWS);
    scanDriver(conn, SCAN + " where PK_ID <= " + warm);
    env.bare.rangeScan("tables/" + BenchEnv.BIG_TABLE, "PK_ID <= " + warm, PREFETCH);
    int reps = options.scanRepetitions();
    double[] driver = new double[reps];
    double[] bare = new double[reps];
    for (int i = 0; i < reps; i++) {
      long t0 = System.nanoTime();
      long n = scanDriver(conn, SCAN);
      driver[i] = n / (Stats.millisSince(t0) / 1000);
      t0 = System.nanoTime();
      long m = env.bare.rangeScan("tables/" + BenchEnv.BIG_TABLE, null, PREFETCH);
      bare[i] = m / (Stats.millisSince(t0) / 1000);
      requireRows(n, "driver");
      requireRows(m, "bare loop");
    }
    double d = Stats.median(driver);
    double b = Stats.median(bare);
    return new MetricRow(
        "3a",
        String.format(Locale.ROOT, "Full scan of %,d rows, 0 ms latency", env.rows),
        d,
        "rows/s",
        b,
        "bare HttpClient+Jackson, same pages, same k",
        d / b,
        ">= 0.90",
        d / b >= 0.90,
        String.format(
            Locale.ROOT,
            "median of %d runs each, alternating, after a warm-up; driver %s; bare %s",
            reps,
            summary(driver),
            summary(bare)));
  }

  /**
   * 3b/3c: at {@value BenchOptions#LATENCY_MS} ms per reply, the driver's scan time against the
   * ideal ceil(P/k) x latency, and the bare client with k pages in flight for comparison.
   */
  private List<MetricRow> latencyHiding(Connection conn) throws SQLException {
    long pages = (env.rows + 999) / 1000;
    double idealSeconds = Math.ceil((double) pages / PREFETCH) * BenchOptions.LATENCY_MS / 1000.0;
    long t0 = System.nanoTime();
    long n = scanDriver(conn, SCAN);
    double driverSeconds = Stats.millisSince(t0) / 1000;
    requireRows(n, "driver");
    t0 = System.nanoTime();
    long m = env.bare.rangeScan("tables/" + BenchEnv.BIG_TABLE, null, PREFETCH);
    double bareSeconds = Stats.millisSince(t0) / 1000;
    requireRows(m, "bare loop");
    String name =
        String.format(
            Locale.ROOT,
            "Full scan, %d ms latency, k=%d: ideal ceil(P/k)*d / actual",
            BenchOptions.LATENCY_MS,
            PREFETCH);
    MetricRow driver =
        new MetricRow(
            "3b",
            name,
            driverSeconds,
            "s",
            idealSeconds,
            "ideal ceil(P/k) x latency",
            idealSeconds / driverSeconds,
            ">= 0.90",
            idealSeconds / driverSeconds >= 0.90,
            String.format(
                Locale.ROOT,
                "P=%d pages, prefetch=%d, one run (latency-bound); %,.0f rows/s",
                pages,
                PREFETCH,
                n / driverSeconds));
    MetricRow bare =
        new MetricRow(
            "3c",
            name.replace("Full scan", "Bare client, same scan"),
            bareSeconds,
            "s",
            idealSeconds,
            "ideal ceil(P/k) x latency",
            idealSeconds / bareSeconds,
            "reference",
            null,
            String.format(
                Locale.ROOT,
                "the driver's P pages (first page, then key ranges), %d requests in flight",
                PREFETCH));
    return List.of(driver, bare);
  }

  /** 4a/4b: executeQuery to first row of the full scan, vs one bare round trip for that page. */
  private MetricRow firstRow(Connection conn, int latencyMs, String id) throws SQLException {
    Map<String, String> firstPage = new LinkedHashMap<>();
    firstPage.put("q.orderBy", "PK_ID ASC");
    firstPage.put("q.pageNumber", "1");
    firstPage.put("q.pageSize", "1000");
    firstPage.put("q.getPaginationInfo", "true");
    int reps = options.firstRowRepetitions();
    double[] driver = new double[reps];
    double[] bare = new double[reps];
    for (int i = -1; i < reps; i++) { // i = -1: warm-up
      long t0 = System.nanoTime();
      try (Statement s = conn.createStatement();
          ResultSet rs = s.executeQuery(SCAN)) {
        if (!rs.next()) {
          throw new IllegalStateException("the scan returned no row");
        }
        if (i >= 0) {
          driver[i] = Stats.millisSince(t0);
        }
      }
      t0 = System.nanoTime();
      env.bare.get("tables/" + BenchEnv.BIG_TABLE, firstPage);
      if (i >= 0) {
        bare[i] = Stats.millisSince(t0);
      }
    }
    double d = Stats.median(driver);
    double b = Stats.median(bare);
    return new MetricRow(
        id,
        String.format(Locale.ROOT, "Time to first row of the full scan, %d ms latency", latencyMs),
        d,
        "ms",
        b,
        "one bare round trip for the first page",
        d / b,
        "<= 1.1",
        d / b <= 1.1,
        String.format(
            Locale.ROOT,
            "median of %d; includes parsing and planning the SQL (no plan cache)",
            reps));
  }

  private long scanDriver(Connection conn, String sql) throws SQLException {
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return CallsAndBytesMetric.drain(rs);
    }
  }

  private void requireRows(long n, String who) {
    if (n != env.rows) {
      throw new IllegalStateException(
          who + " read " + n + " rows of " + BenchEnv.BIG_TABLE + ", expected " + env.rows);
    }
  }

  private static String summary(double[] values) {
    StringBuilder b = new StringBuilder();
    for (double v : values) {
      b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,.0f", v));
    }
    return b.append(" rows/s").toString();
  }
}
