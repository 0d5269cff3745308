/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads one connection uses for checks that must respect a deadline ({@code isValid}, {@code
 * loginTimeout}, the metadata a statement needs) while the blocking HTTP call runs on. The
 * connection owns it and closes it, so a dropped connection keeps no thread; idle threads also end
 * after a minute. Daemon, so that the driver never keeps a JVM alive, and named {@value #PREFIX}
 * followed by the connection's number, so a thread dump says whose they are.
 */
final class Background implements AutoCloseable {
  /** The start of every thread name; tests look for leftovers by it. */
  static final String PREFIX = "caspio-jdbc-check-";

  private static final AtomicInteger CONNECTIONS = new AtomicInteger();

  private final ExecutorService executor;

  Background() {
    String prefix = PREFIX + CONNECTIONS.incrementAndGet() + "-";
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, prefix + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Runs {@code task} on one of the connection's threads.
   *
   * @throws java.util.concurrent.RejectedExecutionException after {@link #close()}
   */
  Future<?> submit(Runnable task) {
    return executor.submit(task);
  }

  /** Interrupts what still runs and ends every thread. */
  @Override
  public void close() {
    executor.shutdownNow();
  }
}
