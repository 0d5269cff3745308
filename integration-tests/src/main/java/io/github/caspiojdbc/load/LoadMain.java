/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./caspio-load}: runs the levels, the writes under resets and the soak of {@link
 * LoadOptions}, prints one line per figure with its target and verdict, and writes the JSON report
 * when asked. Exit status 0 when every correctness target holds (no wrong result, nothing lost,
 * only the injected faults' documented errors), 1 otherwise, 2 for bad options.
 */
public final class LoadMain {
  private LoadMain() {}

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help")) {
      System.out.println(LoadOptions.usage());
      return;
    }
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("caspio-load: " + e.getMessage());
      System.exit(2);
      return;
    }
    Map<String, Object> report = run(options, System.out);
    System.exit(Boolean.TRUE.equals(report.get("correct")) ? 0 : 1);
  }

  /** Runs everything and returns the report (also printed to {@code out}). */
  static Map<String, Object> run(LoadOptions o, PrintStream out) throws Exception {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("tool", "caspio-load");
    report.put("started", Instant.now().toString());
    report.put("options", o);
    report.put("processors", Runtime.getRuntime().availableProcessors());
    boolean correct = true;
    out.printf(
        Locale.ROOT,
        "caspio-load: rate limit %d calls/s, latency %d ms, %d ops per level%n%n",
        o.callsPerSecond(),
        o.latencyMillis(),
        o.opsPerLevel());
    out.println(
        "threads  ops/s   p50 ms   p99 ms   calls/s  of limit  429/1000  errors        wrong");
    List<LevelRun.Result> levels = new ArrayList<>();
    try (LoadWorld world = new LoadWorld(o, null)) {
      Workload workload = new Workload(world.oracle);
      for (int threads : o.threads()) {
        LevelRun.Result r = LevelRun.run(world, workload, threads, o.opsPerLevel());
        levels.add(r);
        correct &= r.wrong() == 0 && onlyThrottling(r.errors());
        out.printf(
            Locale.ROOT,
            "%7d  %6.1f  %7.1f  %7.1f  %8.2f  %8.2f  %8.1f  %-12s  %5d%n",
            threads,
            r.opsPerSecond(),
            r.p50Millis(),
            r.p99Millis(),
            r.callsPerSecond(),
            r.callsPerSecond() / o.callsPerSecond(),
            r.throttledPer1000(),
            r.errors().isEmpty() ? "none" : r.errors().toString(),
            r.wrong());
      }
      report.put("levels", levels);
      WritesUnderResets.Result w =
          WritesUnderResets.run(world, o.writeThreads(), o.writesPerThread());
      report.put("writesUnderResets", w);
      correct &= w.lost() == 0;
      out.printf(
          Locale.ROOT,
          "%nwrites under resets (%d threads x %d): %d written, %d unknown (08007; %d stored"
              + " anyway), %d failed, %d lost or duplicated (target 0)%n",
          o.writeThreads(),
          o.writesPerThread(),
          w.written(),
          w.unknown(),
          w.unknownPresent(),
          w.failed(),
          w.lost());
    }
    if (o.soakMinutes() > 0) {
      try (LoadWorld world = new LoadWorld(o, Duration.ofMinutes(3))) {
        Soak.Result s = Soak.run(world, new Workload(world.oracle), o.soakMinutes());
        report.put("soak", s);
        correct &= s.wrong() == 0 && !s.errors().containsKey("hung");
        out.printf(
            Locale.ROOT,
            "%nsoak %.1f min, %d threads, token expiry every 3 min, drops and 5xx each minute:"
                + " %d ops, %d wrong, errors %s, longest %.0f ms%n  slopes per hour: %s%n",
            s.minutes(),
            Soak.THREADS,
            s.ops(),
            s.wrong(),
            s.errors(),
            s.longestMillis(),
            s.slopes());
      }
    }
    report.put("correct", correct);
    out.println(correct ? "\nall correctness targets met" : "\ncorrectness targets NOT met");
    if (o.out() != null) {
      Files.createDirectories(o.out().toAbsolutePath().getParent());
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(o.out().toFile(), report);
      out.println("report written to " + o.out());
    }
    return report;
  }

  /** Whether every error is a documented outcome of throttling (none is expected at all). */
  private static boolean onlyThrottling(Map<String, Integer> errors) {
    return errors.isEmpty();
  }
}
