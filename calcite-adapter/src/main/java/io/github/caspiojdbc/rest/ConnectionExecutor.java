/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one connection: a worker pool for every request sent off the caller's thread (page
 * prefetch, parallel key ranges, concurrent INSERT rows, and the JDBC layer's checks that wait only
 * until a deadline, through {@link CaspioApi#executor()}) and a timer for statement deadlines. How
 * many requests run at once is the connection's {@link ConcurrencyLimiter}'s business, not the
 * pool's: workers block in the limiter, so the pool grows on demand instead of queueing work behind
 * a fixed size that could starve a statement.
 *
 * <p>All threads are daemon (the driver never keeps a JVM alive) and named {@code
 * caspio-conn-<n>-...} so that a thread dump says which connection they serve. Idle workers and the
 * idle timer end after {@link #IDLE_SECONDS}, so an idle connection holds no thread; {@link
 * #close()} ends them all at once.
 */
final class ConnectionExecutor implements AutoCloseable {
  /** How long an idle thread lingers for the next request before it ends. */
  static final long IDLE_SECONDS = 60;

  private static final AtomicInteger CONNECTIONS = new AtomicInteger();

  private final String prefix;
  private final ThreadPoolExecutor workers;
  private final ScheduledThreadPoolExecutor timer;

  ConnectionExecutor() {
    this.prefix = "caspio-conn-" + CONNECTIONS.incrementAndGet() + "-";
    // A cached pool: a direct hand-off and no upper bound, because the limiter bounds the work.
    // Every task runs in its submitter's CallScope, so a row inserted on a worker still counts
    // for the statement that asked for it (submit and invokeAll all pass through execute).
    this.workers =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            daemon(prefix + "worker-")) {
          @Override
          public void execute(Runnable command) {
            super.execute(CallScope.carried(command));
          }
        };
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemon(prefix + "timer-"));
    // Deadlines of finished statements are dropped at once, and the timer thread ends when no
    // deadline is pending for a while; a new deadline starts it again.
    t.setRemoveOnCancelPolicy(true);
    t.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
    t.allowCoreThreadTimeOut(true);
    this.timer = t;
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread th = new Thread(r, prefix + n.incrementAndGet());
      th.setDaemon(true);
      return th;
    };
  }

  /** The worker pool; tasks submitted after {@link #close()} are rejected. */
  ExecutorService workers() {
    return workers;
  }

  /** Runs {@code task} after {@code nanos}, on the timer thread. */
  ScheduledFuture<?> schedule(Runnable task, long nanos) {
    return timer.schedule(task, nanos, TimeUnit.NANOSECONDS);
  }

  /** The timer, for tests. */
  ScheduledExecutorService timer() {
    return timer;
  }

  /** The start of every thread name of this connection, for tests and diagnostics. */
  String threadPrefix() {
    return prefix;
  }

  /**
   * Interrupts every running task and ends the threads. Requests in flight are aborted by their
   * owners (cursors are cancelled first); the interrupt only wakes threads still waiting.
   */
  @Override
  public void close() {
    workers.shutdownNow();
    timer.shutdownNow();
  }
}
