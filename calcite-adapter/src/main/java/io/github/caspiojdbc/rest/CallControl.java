/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.concurrent.Cancellable;

/**
 * Cancellation and deadline shared by every request of one statement (a cursor or a single call).
 * {@link #cancel()} and {@link #expire()} may run on any thread: they abort the requests in flight
 * and wake any backoff sleep, so no further request is sent.
 */
final class CallControl {
  private final long deadlineNanos;
  private final Set<Cancellable> inFlight = ConcurrentHashMap.newKeySet();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile ErrorKind stopReason;
  private final CallMeter meter;

  /**
   * A control whose deadline is {@code timeout} from now, or none when null. Its requests count for
   * the statement current on this thread ({@link CallScope}).
   */
  CallControl(Duration timeout) {
    this.deadlineNanos = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    this.meter = CallScope.current();
  }

  /** The meter of the statement these requests belong to, or null outside any statement. */
  CallMeter meter() {
    return meter;
  }

  /** Whether a finite deadline applies. */
  boolean hasDeadline() {
    return deadlineNanos != Long.MAX_VALUE;
  }

  /** Nanoseconds left until the deadline; {@link Long#MAX_VALUE} without one, never negative. */
  long remainingNanos() {
    if (!hasDeadline()) {
      return Long.MAX_VALUE;
    }
    return Math.max(0, deadlineNanos - System.nanoTime());
  }

  /** Stops the statement on behalf of the user. */
  void cancel() {
    stop(ErrorKind.CANCELLED);
  }

  /** Stops the statement because its deadline passed. */
  void expire() {
    stop(ErrorKind.TIMEOUT);
  }

  private void stop(ErrorKind reason) {
    if (stopReason == null) {
      stopReason = reason;
    }
    stopped.countDown();
    for (Cancellable c : inFlight) {
      c.cancel();
    }
  }

  /** Why the statement was stopped, or null while it runs. */
  ErrorKind stopReason() {
    if (stopReason == null && hasDeadline() && remainingNanos() == 0) {
      return ErrorKind.TIMEOUT;
    }
    return stopReason;
  }

  /** Throws CANCELLED or TIMEOUT when the statement must not go on. */
  void check() {
    ErrorKind reason = stopReason();
    if (reason != null) {
      throw stopped(reason);
    }
  }

  /** The exception for a stopped statement. */
  static CaspioException stopped(ErrorKind reason) {
    String message =
        reason == ErrorKind.CANCELLED
            ? "The Caspio request was cancelled"
            : "The Caspio request did not finish before the statement deadline";
    return new CaspioException(reason, message, null);
  }

  /** Tracks a request so that {@link #cancel()} can abort it; aborts it at once if stopped. */
  void register(Cancellable request) {
    inFlight.add(request);
    if (stopReason != null) {
      request.cancel();
    }
  }

  /** Stops tracking a finished request. */
  void unregister(Cancellable request) {
    inFlight.remove(request);
  }

  /**
   * Waits up to {@code delay} unless the statement is stopped first.
   *
   * @return true when the full delay passed, false when stopped
   */
  boolean await(Duration delay) {
    try {
      return !stopped.await(delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      // A pool thread is interrupted when its page is no longer wanted: abandon this request only.
      Thread.currentThread().interrupt();
      throw stopped(ErrorKind.CANCELLED);
    }
  }
}
