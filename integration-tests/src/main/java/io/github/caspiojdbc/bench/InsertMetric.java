/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.bench;

import io.github.caspiojdbc.emulator.PathKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Metric 7: rows per second of one JDBC batch INSERT (a PreparedStatement with addBatch and
 * executeBatch), on REST v4 and on v3, against the bare client POSTing the same rows one after
 * another. Both write into an extra table of their own, so the read metrics never see these rows.
 */
final class InsertMetric {
  private static final String INSERT =
      "insert into "
          + BenchEnv.INSERT_TABLE
          + " (Order_No, Product_No, Quantity, Unit_Price, Comment) values (?, ?, ?, ?, ?)";

  private final BenchEnv env;
  private final BenchOptions options;

  InsertMetric(BenchEnv env, BenchOptions options) {
    this.env = env;
    this.options = options;
  }

  /**
   * Metric 7 on REST v4 (the default {@code apiVersion=auto} on an account that has it: bulk POSTs
   * of 1,000 rows) and 7b on REST v3 (one POST per row), each against the same bare sequential
   * POSTs, with the write calls of each counted from the emulator's request log.
   */
  List<MetricRow> run() throws SQLException {
    int n = options.insertRows();
    List<MetricRow> rows = new ArrayList<>();
    rows.add(run("7", "REST v4", "", n));
    rows.add(run("7b", "REST v3", "&apiVersion=v3", n));
    return rows;
  }

  private MetricRow run(String id, String generation, String extra, int n) throws SQLException {
    String name = String.format(Locale.ROOT, "Inserts, one %,d-row JDBC batch, %s", n, generation);
    try (Connection conn = env.connect(extra)) {
      try (PreparedStatement ps = conn.prepareStatement(INSERT)) {
        // Probe: a driver without write support fails here, before anything is timed.
        bind(ps, 0);
        ps.executeUpdate();
      } catch (SQLException e) {
        return MetricRow.notMeasured(
            id,
            name,
            "(no target; ratio to bare POSTs)",
            "not measured: writes not merged (INSERT failed with SQLState "
                + e.getSQLState()
                + ": "
                + abbreviate(e.getMessage())
                + ")");
      }
      int warm = Math.max(1, n / 10);
      batch(conn, 1, warm);
      posts(1, warm);
      long before = env.emulator.store().rowCount(BenchEnv.INSERT_TABLE);
      long t0 = System.nanoTime();
      posts(warm + 1, n);
      double bareSeconds = Stats.millisSince(t0) / 1000;
      long callsBefore = env.emulator.log().calls(PathKind.RECORDS);
      t0 = System.nanoTime();
      batch(conn, warm + 1, n);
      double driverSeconds = Stats.millisSince(t0) / 1000;
      long calls = env.emulator.log().calls(PathKind.RECORDS) - callsBefore;
      long written = env.emulator.store().rowCount(BenchEnv.INSERT_TABLE) - before;
      if (written != 2L * n) {
        throw new IllegalStateException("expected " + 2L * n + " new rows, found " + written);
      }
      double d = n / driverSeconds;
      double b = n / bareSeconds;
      return new MetricRow(
          id,
          name,
          d,
          "rows/s",
          b,
          "bare sequential POSTs",
          d / b,
          "(no target; ratio to bare POSTs)",
          null,
          String.format(
              Locale.ROOT,
              "%,d write calls for %,d rows (emulator log; bare: %,d); after a %d-row warm-up each;"
                  + " driver %.2f s, bare %.2f s",
              calls,
              n,
              n,
              warm,
              driverSeconds,
              bareSeconds));
    }
  }

  private static void batch(Connection conn, int first, int count) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(INSERT)) {
      for (int i = first; i < first + count; i++) {
        bind(ps, i);
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      if (counts.length != count) {
        throw new IllegalStateException("batch returned " + counts.length + " counts");
      }
    }
  }

  private void posts(int first, int count) {
    for (int i = first; i < first + count; i++) {
      env.bare.insert(
          "tables/" + BenchEnv.INSERT_TABLE,
          String.format(
              Locale.ROOT,
              "{\"Order_No\":%d,\"Product_No\":\"P-%05d\",\"Quantity\":%d,"
                  + "\"Unit_Price\":%s,\"Comment\":\"bench row %d\"}",
              i,
              1 + i % 40,
              i % 7,
              price(i),
              i));
    }
  }

  private static void bind(PreparedStatement ps, int i) throws SQLException {
    ps.setInt(1, i);
    ps.setString(2, String.format(Locale.ROOT, "P-%05d", 1 + i % 40));
    ps.setInt(3, i % 7);
    ps.setBigDecimal(4, new java.math.BigDecimal(price(i)));
    ps.setString(5, "bench row " + i);
  }

  private static String price(int i) {
    return (i % 100) + ".99";
  }

  private static String abbreviate(String s) {
    return s == null || s.length() <= 160 ? s : s.substring(0, 160) + "...";
  }
}
