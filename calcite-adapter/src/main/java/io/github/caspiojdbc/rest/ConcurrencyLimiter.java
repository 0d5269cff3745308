/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

/**
 * Admission control for one connection's requests, adapted to throttling.
 *
 * <p>Concurrency: the requests in flight are capped, the cap halved on each 429 or rate-limit reply
 * and raised by one after a run of successes (additive increase, multiplicative decrease).
 *
 * <p>Rate: Caspio's burst limit is per second and account-wide, so fewer requests in flight alone
 * do not stop 429s when each request is fast. After the first throttle the limiter also paces
 * request starts: at most 90% of the starts seen in the second before the throttle, raised by one
 * per second only after a long run of successes, so the limit is probed rarely and each 429 is
 * followed by many answered calls. Until a throttle is seen nothing is paced.
 */
final class ConcurrencyLimiter {
  /** Successful replies needed before the concurrency cap grows by one. */
  static final int RECOVERY_SUCCESSES = 8;

  /** Successful replies needed before the rate cap grows by one call per second. */
  static final int RATE_RECOVERY_SUCCESSES = 100;

  private static final long SECOND = 1_000_000_000L;

  private final int max;
  private final java.util.function.LongSupplier nanoClock;
  private final java.util.ArrayDeque<Long> starts = new java.util.ArrayDeque<>();
  private int limit;
  private int inUse;
  private int successes;
  private int rateCap = Integer.MAX_VALUE;
  private int rateSuccesses;

  ConcurrencyLimiter(int max) {
    this(max, System::nanoTime);
  }

  ConcurrencyLimiter(int max, java.util.function.LongSupplier nanoClock) {
    this.max = max;
    this.limit = max;
    this.nanoClock = nanoClock;
  }

  /** Waits for a slot and for the pace, giving up when the statement is stopped. */
  void acquire(CallControl control) {
    synchronized (this) {
      while (true) {
        long now = nanoClock.getAsLong();
        prune(now);
        long paceWaitNanos = starts.size() < rateCap ? 0 : starts.peekFirst() + SECOND - now;
        if (inUse < limit && paceWaitNanos <= 0) {
          break;
        }
        control.check();
        try {
          long waitMs = paceWaitNanos > 0 ? Math.min(20, paceWaitNanos / 1_000_000 + 1) : 20;
          wait(waitMs);
        } catch (InterruptedException e) {
          // The page is no longer wanted; abandon this request only.
          Thread.currentThread().interrupt();
          throw CallControl.stopped(io.github.caspiojdbc.error.ErrorKind.CANCELLED);
        }
      }
      inUse++;
      starts.addLast(nanoClock.getAsLong());
    }
  }

  /** Forgets request starts older than one second. */
  private void prune(long now) {
    while (!starts.isEmpty() && starts.peekFirst() <= now - SECOND) {
      starts.pollFirst();
    }
  }

  /** Returns a slot. */
  synchronized void release() {
    inUse--;
    notifyAll();
  }

  /** Records a throttled reply. */
  synchronized void onThrottle() {
    limit = Math.max(1, limit / 2);
    successes = 0;
    prune(nanoClock.getAsLong());
    rateCap = Math.max(1, Math.min(rateCap, starts.size() * 9 / 10));
    rateSuccesses = 0;
  }

  /** Records a successful reply. */
  synchronized void onSuccess() {
    if (limit < max && ++successes >= RECOVERY_SUCCESSES) {
      limit++;
      successes = 0;
    }
    if (rateCap != Integer.MAX_VALUE && ++rateSuccesses >= RATE_RECOVERY_SUCCESSES) {
      rateCap++;
      rateSuccesses = 0;
    }
  }

  /** The most request starts per second, or {@link Integer#MAX_VALUE} before any throttle. */
  synchronized int rateCap() {
    return rateCap;
  }

  /** The current cap. */
  synchronized int limit() {
    return limit;
  }
}
