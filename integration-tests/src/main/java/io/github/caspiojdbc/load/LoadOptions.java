/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one run of the load harness does.
 *
 * @param threads the concurrency levels, each run for {@code opsPerLevel} operations
 * @param opsPerLevel operations per level (every thread takes the next one until none is left)
 * @param callsPerSecond the emulator's account-wide rate limit (Caspio's is about 10)
 * @param latencyMillis latency the emulator adds to every reply
 * @param writeThreads threads of the writes-under-resets phase
 * @param writesPerThread INSERTs each of them sends
 * @param soakMinutes minutes of the soak phase; 0 for none
 * @param out where the JSON report goes, or null
 */
record LoadOptions(
    List<Integer> threads,
    int opsPerLevel,
    int callsPerSecond,
    int latencyMillis,
    int writeThreads,
    int writesPerThread,
    int soakMinutes,
    Path out) {

  /** A run of at most a minute for CI: the harness's shape, never its figures. */
  static LoadOptions smoke() {
    return new LoadOptions(List.of(1, 8), 40, 200, 2, 4, 10, 0, null);
  }

  /** The published run: 1, 8, 32 and 128 threads at Caspio's rate, then a 30-minute soak. */
  static LoadOptions full() {
    return new LoadOptions(List.of(1, 8, 32, 128), 400, 10, 20, 8, 40, 30, null);
  }

  /**
   * Parses {@code --smoke}, {@code --threads 1,8}, {@code --ops N}, {@code --rate N}, {@code
   * --latency-ms N}, {@code --soak-minutes N}, {@code --out FILE}, starting from {@link #full()}.
   *
   * @throws IllegalArgumentException for anything else
   */
  static LoadOptions parse(String[] args) {
    LoadOptions o = full();
    for (String a : args) {
      if (a.equals("--smoke")) {
        o = smoke();
      }
    }
    List<Integer> threads = o.threads;
    int ops = o.opsPerLevel;
    int rate = o.callsPerSecond;
    int latency = o.latencyMillis;
    int soak = o.soakMinutes;
    Path out = o.out;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--smoke" -> {}
        case "--threads" -> threads = ints(value(args, ++i, a));
        case "--ops" -> ops = positive(value(args, ++i, a), a);
        case "--rate" -> rate = positive(value(args, ++i, a), a);
        case "--latency-ms" -> latency = nonNegative(value(args, ++i, a), a);
        case "--soak-minutes" -> soak = nonNegative(value(args, ++i, a), a);
        case "--out" -> out = Path.of(value(args, ++i, a));
        default -> throw new IllegalArgumentException("unknown option " + a + "; see --help");
      }
    }
    return new LoadOptions(
        threads, ops, rate, latency, o.writeThreads, o.writesPerThread, soak, out);
  }

  static String usage() {
    return String.join(
        "\n",
        "Usage: ./caspio-load [--smoke] [--threads 1,8,32,128] [--ops N] [--rate CALLS_PER_S]",
        "                     [--latency-ms N] [--soak-minutes N] [--out FILE]",
        "  --smoke          a CI-sized run (under a minute); its figures mean nothing",
        "  --threads        concurrency levels, each through a HikariCP pool of that size",
        "  --ops            operations per level (default 400)",
        "  --rate           the emulator's account-wide rate limit (default 10, as Caspio)",
        "  --latency-ms     latency added to every reply (default 20)",
        "  --soak-minutes   minutes of soak with token expiry, drops and 5xx bursts (default 30)",
        "  --out            also write the report as JSON");
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static List<Integer> ints(String s) {
    List<Integer> out = new ArrayList<>();
    for (String p : s.split(",")) {
      out.add(positive(p.trim(), "--threads"));
    }
    return List.copyOf(out);
  }

  private static int positive(String s, String option) {
    int n = nonNegative(s, option);
    if (n == 0) {
      throw new IllegalArgumentException(option + " must be positive: " + s);
    }
    return n;
  }

  private static int nonNegative(String s, String option) {
    try {
      int n = Integer.parseInt(s);
      if (n < 0) {
        throw new IllegalArgumentException(option + " must not be negative: " + s);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " takes a whole number: " + s, e);
    }
  }
}
