/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.bench;

import io.github.caspiojdbc.emulator.CaspioEmulator;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Entry point of the child JVMs the harness starts (see {@link ChildJvm}); not for direct use.
 *
 * <ul>
 *   <li>{@code cold-driver <port>}: connect and read the first row of a single-table query.
 *   <li>{@code cold-bare <port>}: the same with the bare client (token request, one GET).
 *   <li>{@code heap <port> <maxPk> <every>}: scan OrderItems (all rows when maxPk is 0) and report
 *       the largest heap in use right after a full GC forced every {@code every} rows.
 * </ul>
 *
 * Results are printed as {@code bench.key=value} lines.
 */
public final class ChildMain {
  /** The first query of the cold-start measurement: one table, filter pushed, one row. */
  static final String COLD_SQL = "select PK_ID, Name from Customers where PK_ID = 1";

  private ChildMain() {}

  /**
   * Runs one mode.
   *
   * @param args mode and its arguments
   * @throws Exception any failure ends the child with a stack trace and a non-zero status
   */
  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    int port = Integer.parseInt(args[1]);
    switch (args[0]) {
      case "cold-driver" -> coldDriver(port, t0);
      case "cold-bare" -> coldBare(port, t0);
      case "heap" -> heap(port, Long.parseLong(args[2]), Long.parseLong(args[3]));
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  private static void coldDriver(int port, long t0) throws Exception {
    long connected;
    long firstRow;
    try (Connection c = connect(port)) {
      connected = System.nanoTime();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(COLD_SQL)) {
        if (!rs.next()) {
          throw new IllegalStateException("no first row");
        }
        firstRow = System.nanoTime();
      }
    }
    print("connectMs", (connected - t0) / 1e6);
    print("firstQueryMs", (firstRow - connected) / 1e6);
    print("totalMs", (firstRow - t0) / 1e6);
    print("jvmToMainMs", jvmToMainMillis(t0));
  }

  private static void coldBare(int port, long t0) {
    String base = "http://127.0.0.1:" + port;
    try (BareClient bare =
        new BareClient(
            base,
            base + "/integrations/rest/v3",
            CaspioEmulator.DEFAULT_CLIENT_ID,
            CaspioEmulator.DEFAULT_CLIENT_SECRET)) {
      bare.token();
      BareClient.Page page = bare.get("tables/Customers", StatementCostMetric.coldRequest());
      if (page.rows() != 1) {
        throw new IllegalStateException("expected one row, got " + page.rows());
      }
    }
    print("totalMs", (System.nanoTime() - t0) / 1e6);
    print("jvmToMainMs", jvmToMainMillis(t0));
  }

  private static void heap(int port, long maxPk, long every) throws Exception {
    String sql =
        "select * from " + BenchEnv.BIG_TABLE + (maxPk > 0 ? " where PK_ID <= " + maxPk : "");
    try (Connection c = connect(port);
        Statement s = c.createStatement()) {
      // Warm-up: load and plan once so that the first sample is not class loading.
      try (ResultSet rs =
          s.executeQuery("select * from " + BenchEnv.BIG_TABLE + " where PK_ID <= 2000")) {
        CallsAndBytesMetric.drain(rs);
      }
      long idle = liveHeap();
      long peak = idle;
      long rows = 0;
      int samples = 0;
      try (ResultSet rs = s.executeQuery(sql)) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= columns; i++) {
            rs.getObject(i);
          }
          rows++;
          if (rows % every == 0) {
            peak = Math.max(peak, liveHeap());
            samples++;
          }
        }
      }
      print("rows", rows);
      print("idleBytes", idle);
      print("peakBytes", peak);
      print("samples", samples);
    }
  }

  /** Heap in use after a full collection (the child runs the serial collector: a full GC). */
  private static long liveHeap() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static Connection connect(int port) throws Exception {
    return DriverManager.getConnection(
        "jdbc:caspio://127.0.0.1:" + port + "?useHttps=false",
        CaspioEmulator.DEFAULT_CLIENT_ID,
        CaspioEmulator.DEFAULT_CLIENT_SECRET);
  }

  /** From JVM start to main (the part of a cold start no library can change). */
  private static double jvmToMainMillis(long mainNanos) {
    long ageMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    return ageMs - (System.nanoTime() - mainNanos) / 1e6;
  }

  private static void print(String key, Object value) {
    System.out.println(ChildJvm.PREFIX + key + "=" + value);
  }
}
