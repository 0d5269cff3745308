/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.bench;

import java.util.List;
import java.util.Locale;

/**
 * Metric 6: peak heap of a scan of all R rows against a scan of 10,000 rows, each in its own child
 * JVM (so the emulator's data is not counted) with the serial collector and a small heap.
 *
 * <p>Method: after connecting and one warm-up query, the child forces a full GC every R/10 rows
 * while it reads the scan and records the heap in use right after each; the peak is the largest of
 * these (and of the idle value before the scan). Heap in use after a full GC is the live data,
 * which is what must stay O(prefetch depth) rather than O(R); garbage between collections is not
 * counted. A driver holding all rows would also fail with OutOfMemoryError at this heap size.
 */
final class HeapMetric {
  /** Rows of the small reference scan. */
  static final int SMALL_ROWS = 10_000;

  static final List<String> CHILD_JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC");

  private final BenchEnv env;

  HeapMetric(BenchEnv env) {
    this.env = env;
  }

  MetricRow run() {
    String port = Integer.toString(env.emulator.port());
    int small = Math.min(SMALL_ROWS, env.rows);
    ChildJvm.Result big =
        ChildJvm.run(CHILD_JVM_OPTIONS, "heap", port, "0", Long.toString(env.rows / 10));
    ChildJvm.Result ref =
        ChildJvm.run(
            CHILD_JVM_OPTIONS, "heap", port, Integer.toString(small), Long.toString(small / 10));
    double bigMb = big.number("peakBytes") / 1e6;
    double refMb = ref.number("peakBytes") / 1e6;
    double ratio = bigMb / refMb;
    return new MetricRow(
        "6",
        String.format(Locale.ROOT, "Peak live heap, %,d-row scan vs %,d-row scan", env.rows, small),
        bigMb,
        "MB",
        refMb,
        String.format(Locale.ROOT, "%,d-row scan", small),
        ratio,
        "<= 1.2",
        ratio <= 1.2,
        String.format(
            Locale.ROOT,
            "child JVMs %s, full GC every 1/10 of the scan; idle after connect %.1f / %.1f MB",
            String.join(" ", CHILD_JVM_OPTIONS),
            big.number("idleBytes") / 1e6,
            ref.number("idleBytes") / 1e6));
  }
}
