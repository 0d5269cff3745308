/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One benchmark run: builds the emulator's sample data, runs the metrics of issue 8 in order, each
 * with its baseline, and collects the rows. Progress goes to the given stream; results are
 * returned, not printed.
 */
final class Bench {
  private final BenchOptions options;
  private final PrintStream progress;
  private final long t0 = System.nanoTime();

  private Bench(BenchOptions options, PrintStream progress) {
    this.options = options;
    this.progress = progress;
  }

  static BenchReport run(BenchOptions options, PrintStream progress) throws SQLException {
    return new Bench(options, progress).run();
  }

  private BenchReport run() throws SQLException {
    String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    Map<String, String> machine = machine();
    step(String.format(Locale.ROOT, "building sample data, %s", options.describe()));
    List<MetricRow> metrics = new ArrayList<>();
    List<QueryResult> queries;
    try (BenchEnv env = BenchEnv.start(options.rows())) {
      step("1-2: calls and bytes, " + QuerySuite.queries().size() + "-query suite");
      try (Connection conn = env.connect()) {
        queries = new CallsAndBytesMetric(env).run(conn);
      }
      metrics.addAll(CallsAndBytesMetric.rows(queries));
      step("3-4: full scans (0 ms, then " + BenchOptions.LATENCY_MS + " ms latency)");
      List<MetricRow> scans = new ScanMetric(env, options).run();
      scans.stream().filter(m -> m.id().startsWith("3")).forEach(metrics::add);
      step("5: per-statement cost (cold child JVMs, warm connection)");
      List<MetricRow> statements = new StatementCostMetric(env, options).run();
      step("6: peak heap (child JVMs)");
      MetricRow heap = new HeapMetric(env).run();
      step("7: inserts");
      List<MetricRow> inserts = new InsertMetric(env, options).run();
      step("8: scan under a rate limit of " + BenchOptions.RATE_LIMIT + " calls/s");
      List<MetricRow> limited = new RateLimitMetric(env, options).run();
      scans.stream().filter(m -> m.id().startsWith("4")).forEach(metrics::add);
      metrics.addAll(statements);
      metrics.add(heap);
      metrics.addAll(inserts);
      metrics.addAll(limited);
    }
    machine.put("loadAfter", load());
    double seconds = Stats.millisSince(t0) / 1000;
    step("done");
    return new BenchReport(started, seconds, options, machine, metrics, queries);
  }

  private void step(String what) {
    progress.printf(Locale.ROOT, "[%6.1f s] %s%n", Stats.millisSince(t0) / 1000, what);
    progress.flush();
  }

  private static Map<String, String> machine() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
    m.put(
        "java",
        System.getProperty("java.runtime.version", System.getProperty("java.version"))
            + " ("
            + System.getProperty("java.vm.name")
            + ")");
    m.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    m.put("maxHeapMb", Long.toString(Runtime.getRuntime().maxMemory() / (1024 * 1024)));
    m.put("loadBefore", load());
    return m;
  }

  /** One-minute load average: shows how much else was running. */
  private static String load() {
    double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return l < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", l);
  }
}
