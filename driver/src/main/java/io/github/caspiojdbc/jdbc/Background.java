/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads for checks that must respect a deadline ({@code isValid}, {@code loginTimeout})
 * while the blocking HTTP call runs on. Daemon, so that the driver never keeps a JVM alive; idle
 * threads end after a minute.
 */
final class Background {
  private static final AtomicInteger COUNT = new AtomicInteger();
  private static final ExecutorService EXECUTOR =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "caspio-jdbc-check-" + COUNT.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  private Background() {}

  static Future<?> submit(Runnable task) {
    return EXECUTOR.submit(task);
  }
}
