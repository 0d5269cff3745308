/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.bench;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What one run measures and how hard: the row count R of the largest sample table and the run size,
 * from which repetition counts and side workloads follow.
 *
 * @param rows R, the rows of the scanned table (OrderItems)
 * @param size how many repetitions and how large the side workloads are
 * @param out where the JSON results go
 * @param callsOnly whether only metrics 1 and 2 (calls and bytes of the query suite) are run
 */
record BenchOptions(int rows, Size size, Path out, boolean callsOnly) {

  /** Run sizes. Every size produces every metric; smaller ones are noisier. */
  enum Size {
    /** The published run: R = 1,000,000, medians of several repetitions. */
    FULL(1_000_000),
    /** About two minutes: R = 20,000, fewer repetitions. */
    QUICK(20_000),
    /** For CI: R = 2,000 and single repetitions; shows that everything runs, not how fast. */
    SMOKE(2_000);

    final int defaultRows;

    Size(int defaultRows) {
      this.defaultRows = defaultRows;
    }
  }

  /** The account's burst limit the rate-limited scan runs against (calls per second). */
  static final int RATE_LIMIT = 10;

  /** Injected latency for the latency-hiding scan, as in reliability-performance.md P8. */
  static final int LATENCY_MS = 50;

  static final String USAGE =
      String.join(
          System.lineSeparator(),
          "Usage: caspio-bench [--rows N] [--quick | --smoke] [--calls-only] [--out FILE]",
          "Starts the Caspio emulator in-process, runs every benchmark of issue 8 with its baseline",
          "in the same run, prints a table and writes the results as JSON.",
          "",
          "  --rows N    rows in the largest sample table (default 1,000,000; --quick 20,000;",
          "              --smoke 2,000)",
          "  --quick     fewer repetitions and smaller side workloads (about two minutes)",
          "  --smoke     single repetitions at a tiny size: checks that everything runs",
          "  --calls-only  only metrics 1 and 2, the query suite's calls and bytes (minutes at",
          "              R = 1,000,000 instead of the whole run)",
          "  --out FILE  results file (default target/bench/results.json)",
          "  --help      print this help and exit");

  BenchOptions {
    if (rows < 1000) {
      throw new IllegalArgumentException("--rows must be at least 1000, was " + rows);
    }
  }

  /** Every metric. */
  BenchOptions(int rows, Size size, Path out) {
    this(rows, size, out, false);
  }

  /**
   * Parses the command line.
   *
   * @throws IllegalArgumentException with a message for the user on a bad argument
   */
  static BenchOptions parse(String[] args, Path defaultOut) {
    Integer rows = null;
    Size size = Size.FULL;
    Path out = defaultOut;
    boolean callsOnly = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--quick" -> size = Size.QUICK;
        case "--smoke" -> size = Size.SMOKE;
        case "--rows" -> rows = parseRows(value(args, ++i, a));
        case "--out" -> out = Path.of(value(args, ++i, a));
        case "--calls-only" -> callsOnly = true;
        default -> throw new IllegalArgumentException("Unknown argument: " + a);
      }
    }
    return new BenchOptions(rows != null ? rows : size.defaultRows, size, out, callsOnly);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int parseRows(String s) {
    try {
      return Integer.parseInt(s.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--rows needs a whole number, got " + s, e);
    }
  }

  /** Measured repetitions of the throughput runs (after one warm-up). */
  int scanRepetitions() {
    return pick(3, 2, 1);
  }

  /** Iterations of the per-statement timings (after as many warm-up iterations). */
  int statementIterations() {
    return pick(200, 50, 5);
  }

  /** Child JVMs started per cold-start measurement. */
  int coldStarts() {
    return pick(3, 1, 1);
  }

  /** Rows of the insert batch. */
  int insertRows() {
    return pick(10_000, 1000, 50);
  }

  /** Pages read under the rate limit (each takes 1/B s at best). */
  int rateLimitedPages() {
    return Math.min(rows / 1000, pick(100, 30, 2));
  }

  /** Repetitions of the time-to-first-row measurement. */
  int firstRowRepetitions() {
    return pick(7, 3, 1);
  }

  String describe() {
    return String.format(
        Locale.ROOT,
        "R=%,d%s",
        rows,
        (size == Size.FULL ? "" : " (" + size.name().toLowerCase(Locale.ROOT) + ")")
            + (callsOnly ? ", metrics 1-2 only" : ""));
  }

  private int pick(int full, int quick, int smoke) {
    return switch (size) {
      case FULL -> full;
      case QUICK -> quick;
      case SMOKE -> smoke;
    };
  }
}
