/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

/**
 * The statement whose calls the current thread sends. The JDBC layer enters a statement's meter
 * around each execution and each result-set call; a request captures it when its {@link
 * CallControl} is made, so pages fetched later on pool threads still count for that statement, and
 * the connection's worker threads inherit the scope of the task's submitter.
 *
 * <p>A thread-local because Calcite's generated code stands between the statement and the REST
 * client, and it passes no context of ours through.
 */
public final class CallScope implements AutoCloseable {
  private static final ThreadLocal<CallMeter> CURRENT = new ThreadLocal<>();

  private final CallMeter previous;
  private boolean closed;

  private CallScope(CallMeter previous) {
    this.previous = previous;
  }

  /**
   * Makes {@code meter} the current statement's until {@link #close()}, which restores the one
   * before (scopes nest).
   */
  public static CallScope enter(CallMeter meter) {
    CallScope s = new CallScope(CURRENT.get());
    CURRENT.set(meter);
    return s;
  }

  /** The current statement's meter, or null outside any statement. */
  static CallMeter current() {
    return CURRENT.get();
  }

  /** {@code task} running in the scope current now, wherever it runs later. */
  public static Runnable carried(Runnable task) {
    CallMeter meter = CURRENT.get();
    if (meter == null) {
      return task;
    }
    return () -> {
      CallScope scope = enter(meter);
      try {
        task.run();
      } finally {
        scope.close();
      }
    };
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }
}
