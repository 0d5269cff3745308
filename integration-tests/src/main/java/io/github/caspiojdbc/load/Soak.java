/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.load;

import com.zaxxer.hikari.HikariDataSource;
import io.github.caspiojdbc.emulator.ConnectionFault;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/**
 * Moderate load for minutes on end with the token forced to expire every few minutes, a burst of
 * connection drops and 5xx replies every minute, and once a minute a sample of what the JVM holds:
 * threads, open file handles, sockets among them, and heap after a full GC. Reported as the slope
 * per hour of each (flat is the target) and the longest operation (nothing may hang past the
 * statement deadline).
 */
final class Soak {
  /** Connections (and threads) of the soak's pool. */
  static final int THREADS = 8;

  /** One minute's sample. */
  record Sample(double minute, int threads, int fileHandles, int sockets, double heapMb) {}

  /**
   * What the soak gave.
   *
   * @param slopes per hour, of threads, file handles, sockets and heap MB, by least squares
   */
  record Result(
      double minutes,
      long ops,
      long wrong,
      Map<String, Integer> errors,
      double longestMillis,
      List<Sample> samples,
      Map<String, Double> slopes) {}

  private Soak() {}

  static Result run(LoadWorld world, Workload workload, double minutes) throws Exception {
    List<Sample> samples = new ArrayList<>();
    Map<String, Integer> errors = new ConcurrentHashMap<>();
    LongAdder wrong = new LongAdder();
    LongAdder ops = new LongAdder();
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    double[] longest = {0};
    long t0 = System.nanoTime();
    long end = t0 + (long) (minutes * 60e9);
    try (HikariDataSource pool = world.pool(THREADS)) {
      ExecutorService workers = Executors.newFixedThreadPool(THREADS);
      for (int w = 0; w < THREADS; w++) {
        workers.submit(
            () -> {
              while (!stop.get()) {
                int op = next.getAndIncrement();
                long s = System.nanoTime();
                try (Connection c = pool.getConnection()) {
                  if (!workload.run(c, "soak", op)) {
                    wrong.increment();
                  }
                } catch (SQLException e) {
                  errors.merge(String.valueOf(e.getSQLState()), 1, Integer::sum);
                }
                ops.increment();
                double ms = (System.nanoTime() - s) / 1e6;
                synchronized (longest) {
                  longest[0] = Math.max(longest[0], ms);
                }
              }
              return null;
            });
      }
      samples.add(sample(t0));
      while (System.nanoTime() < end) {
        long wait = Math.min(60_000, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()));
        Thread.sleep(Math.max(1, wait));
        // A burst of faults each minute: drops before processing and 5xx replies, all retried.
        world.emulator.faults().dropNext(2, ConnectionFault.CONNECTION_RESET, ".*/records");
        world.emulator.faults().failNext(3, 503, ".*/records");
        samples.add(sample(t0));
      }
      stop.set(true);
      workers.shutdown();
      if (!workers.awaitTermination(5, TimeUnit.MINUTES)) {
        errors.merge("hung", 1, Integer::sum);
        workers.shutdownNow();
      }
      world.emulator.faults().clear();
    }
    Map<String, Double> slopes = new TreeMap<>();
    slopes.put("threads", slope(samples, Sample::threads));
    slopes.put("fileHandles", slope(samples, Sample::fileHandles));
    slopes.put("sockets", slope(samples, Sample::sockets));
    slopes.put("heapMb", slope(samples, Sample::heapMb));
    return new Result(
        (System.nanoTime() - t0) / 60e9,
        ops.sum(),
        wrong.sum(),
        new TreeMap<>(errors),
        longest[0],
        List.copyOf(samples),
        slopes);
  }

  private static Sample sample(long t0) {
    System.gc();
    double heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6;
    int fds = 0;
    int sockets = 0;
    try (var s = Files.list(Path.of("/proc/self/fd"))) {
      for (Path p : (Iterable<Path>) s::iterator) {
        fds++;
        try {
          if (Files.readSymbolicLink(p).toString().startsWith("socket:")) {
            sockets++;
          }
        } catch (IOException e) {
          // The handle closed while listing.
        }
      }
    } catch (IOException e) {
      fds = -1; // Not Linux: reported as unknown.
      sockets = -1;
    }
    return new Sample(
        (System.nanoTime() - t0) / 60e9,
        ManagementFactory.getThreadMXBean().getThreadCount(),
        fds,
        sockets,
        heap);
  }

  /** Least-squares slope of {@code y} per hour over the samples' minutes. */
  static double slope(List<Sample> samples, ToDoubleFunction<Sample> y) {
    int n = samples.size();
    if (n < 2) {
      return 0;
    }
    double mx = 0;
    double my = 0;
    for (Sample s : samples) {
      mx += s.minute();
      my += y.applyAsDouble(s);
    }
    mx /= n;
    my /= n;
    double num = 0;
    double den = 0;
    for (Sample s : samples) {
      num += (s.minute() - mx) * (y.applyAsDouble(s) - my);
      den += (s.minute() - mx) * (s.minute() - mx);
    }
    return den == 0 ? 0 : 60 * num / den;
  }
}
