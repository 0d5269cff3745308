/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.rest.CaspioApi;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Where a connection runs the checks that must respect a deadline ({@code isValid}, {@code
 * loginTimeout}, the metadata a statement needs) while the blocking HTTP call runs on: the
 * connection's one pool, the REST client's {@link CaspioApi#executor()}. The driver keeps no
 * threads of its own, so every thread of a connection is a daemon named {@code caspio-conn-<n>-...}
 * and ends when the REST client closes, which {@code CaspioConnection.close} (or a failed connect)
 * does.
 *
 * <p>The deadline holds because the pool hands every task to a thread at once and grows on demand:
 * a check never queues behind fetches. An {@link Executor} cannot be shut down by its users, so the
 * driver cannot end the REST client's threads by mistake; a {@link FutureTask} gives the caller the
 * bounded wait and the interrupt on cancel that the pool's executor does not.
 */
final class Background {
  private final Executor executor;

  /** The background of a connection over {@code api}, whose executor runs the checks. */
  Background(CaspioApi api) {
    this.executor = api.executor();
  }

  /**
   * Runs {@code task} on one of the connection's threads.
   *
   * @throws java.util.concurrent.RejectedExecutionException once the REST client is closed
   */
  Future<?> submit(Runnable task) {
    FutureTask<Void> f = new FutureTask<>(task, null);
    executor.execute(f);
    return f;
  }
}
