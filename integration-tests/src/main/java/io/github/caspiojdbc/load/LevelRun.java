/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.load;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One concurrency level: {@code threads} workers share a pool of as many connections and take
 * operations 0..ops-1 of the {@link Workload} in turn. Measures throughput, latency percentiles,
 * calls and 429s (from the emulator's log), errors by SQLState and wrong results, and afterwards
 * checks that the store holds exactly the rows the level's INSERTs reported.
 */
final class LevelRun {
  /**
   * What one level gave.
   *
   * @param callsPerSecond API calls per second the emulator answered during the level
   * @param throttledPer1000 429 replies per 1000 API calls
   * @param errors failed operations by SQLState
   * @param wrong reads whose answer differed from the oracle, and INSERTs whose row is missing,
   *     duplicated or unexpected in the store
   */
  record Result(
      int threads,
      int ops,
      double seconds,
      double opsPerSecond,
      double p50Millis,
      double p99Millis,
      long calls,
      double callsPerSecond,
      double throttledPer1000,
      long tokenRequests,
      Map<String, Integer> errors,
      long wrong) {}

  private LevelRun() {}

  static Result run(LoadWorld world, Workload workload, int threads, int ops) throws Exception {
    String tag = "t" + threads;
    double[] millis = new double[ops];
    Map<String, Integer> errors = new ConcurrentHashMap<>();
    LongAdder wrong = new LongAdder();
    boolean[] inserted = new boolean[ops];
    boolean[] unknown = new boolean[ops];
    AtomicInteger next = new AtomicInteger();
    try (HikariDataSource pool = world.pool(threads)) {
      // The pool is full before the clock starts: connecting is not what a level measures.
      List<Connection> warm = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        warm.add(pool.getConnection());
      }
      for (Connection c : warm) {
        c.close();
      }
      LoadWorld.Traffic before = world.traffic();
      long t0 = System.nanoTime();
      ExecutorService workers = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
          done.add(
              workers.submit(
                  () -> {
                    for (int op = next.getAndIncrement(); op < ops; op = next.getAndIncrement()) {
                      long s = System.nanoTime();
                      try (Connection c = pool.getConnection()) {
                        boolean right = workload.run(c, tag, op);
                        if (!right) {
                          wrong.increment();
                        } else if (Workload.kind(op) == Workload.Kind.INSERT) {
                          inserted[op] = true;
                        }
                      } catch (SQLException e) {
                        errors.merge(String.valueOf(e.getSQLState()), 1, Integer::sum);
                        // 08007: the row may or may not be there; either is accounted for.
                        unknown[op] = "08007".equals(e.getSQLState());
                      }
                      millis[op] = (System.nanoTime() - s) / 1e6;
                    }
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        workers.shutdownNow();
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      LoadWorld.Traffic t = world.traffic().minus(before);
      wrong.add(missingWrites(world, tag, inserted, unknown));
      double[] sorted = millis.clone();
      Arrays.sort(sorted);
      return new Result(
          threads,
          ops,
          seconds,
          ops / seconds,
          percentile(sorted, 0.50),
          percentile(sorted, 0.99),
          t.calls(),
          t.calls() / seconds,
          t.calls() == 0 ? 0 : 1000.0 * t.throttled() / t.calls(),
          t.tokens(),
          new TreeMap<>(errors),
          wrong.sum());
    }
  }

  /** INSERTs reported written whose row is not there exactly once, plus rows nobody reported. */
  private static long missingWrites(
      LoadWorld world, String tag, boolean[] inserted, boolean[] unknown) {
    Map<String, Integer> names = world.writtenNames();
    long bad = 0;
    for (int op = 0; op < inserted.length; op++) {
      Integer n = names.get(tag + "-" + op);
      if (unknown[op] ? n != null && n != 1 : inserted[op] ? n == null || n != 1 : n != null) {
        bad++;
      }
    }
    return bad;
  }

  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
