/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.emulator.PathKind;
import io.github.caspiojdbc.emulator.RateLimitReply;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 19: the account-wide pacer keeps several connections of one account, used by several
 * threads each, under the emulator's account rate limit of 10 calls per second. The 429s and the
 * rate are counted from the emulator's request log, not from the driver's counters.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PacingIT {
  private static final int CONNECTIONS = 4;
  private static final int THREADS_PER_CONNECTION = 2;
  private static final int STATEMENTS_PER_THREAD = 8;

  /** Runs the workload; returns the wall time in nanoseconds. */
  private static long run(EmulatorFixture f, String extra) throws Exception {
    List<Connection> conns = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS * THREADS_PER_CONNECTION);
    long start = System.nanoTime();
    try {
      for (int i = 0; i < CONNECTIONS; i++) {
        conns.add(f.connect(extra));
      }
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < CONNECTIONS * THREADS_PER_CONNECTION; t++) {
        Connection c = conns.get(t % CONNECTIONS);
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < STATEMENTS_PER_THREAD; i++) {
                    int id = 1 + thread * STATEMENTS_PER_THREAD + i;
                    try (Statement s = c.createStatement();
                        ResultSet rs =
                            s.executeQuery("SELECT * FROM OrderItems WHERE PK_ID = " + id)) {
                      while (rs.next()) {
                        // drain
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> d : done) {
        d.get();
      }
      return System.nanoTime() - start;
    } finally {
      pool.shutdownNow();
      for (Connection c : conns) {
        c.close();
      }
    }
  }

  private static List<LoggedCall> apiCalls(EmulatorFixture f) {
    return f.emulator.log().entries().stream().filter(e -> e.kind() != PathKind.TOKEN).toList();
  }

  @Test
  void paced_eightThreadsOnFourConnections_noThrottleAndUnderTheRate() throws Exception {
    try (EmulatorFixture f = new EmulatorFixture()) {
      f.emulator.faults().rateLimit(10, RateLimitReply.STATUS_429);
      f.emulator.log().clear();
      long nanos = run(f, "&maxCallsPerSecond=9");
      List<LoggedCall> calls = apiCalls(f);
      long throttled = calls.stream().filter(c -> c.status() == 429).count();
      assertEquals(0, throttled, "429s in the emulator's log out of " + calls.size() + " calls.");
      assertTrue(calls.size() >= CONNECTIONS * THREADS_PER_CONNECTION * STATEMENTS_PER_THREAD);
      double perSecond = (calls.size() - 1) / (nanos / 1e9);
      assertTrue(perSecond <= 9.0 * 1.02, "calls per second " + perSecond + ".");
    }
  }

  /**
   * The control: without the pacer the same workload does trip the limit, so the test above can
   * fail.
   */
  @Test
  void unpaced_sameWorkload_isThrottled() throws Exception {
    try (EmulatorFixture f = new EmulatorFixture()) {
      f.emulator.faults().rateLimit(10, RateLimitReply.STATUS_429);
      f.emulator.log().clear();
      try {
        run(f, "&maxCallsPerSecond=0");
      } catch (java.util.concurrent.ExecutionException e) {
        // Retries may run out under throttling; the log below is what counts.
        assertTrue(e.getCause() instanceof SQLException, String.valueOf(e.getCause()));
      }
      long throttled = apiCalls(f).stream().filter(c -> c.status() == 429).count();
      assertTrue(throttled > 0, "no 429 without pacing: the workload is too light to test pacing.");
    }
  }
}
