/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

/**
 * Caps the requests one connection has in flight and adapts the cap to throttling: halved on each
 * 429 or rate-limit reply, raised by one after a run of successes (additive increase,
 * multiplicative decrease). Caspio's burst limit is account-wide, so more parallelism after a
 * throttle only buys more billed 429s.
 */
final class ConcurrencyLimiter {
  /** Successful replies needed before the cap grows by one. */
  static final int RECOVERY_SUCCESSES = 8;

  private final int max;
  private int limit;
  private int inUse;
  private int successes;

  ConcurrencyLimiter(int max) {
    this.max = max;
    this.limit = max;
  }

  /** Waits for a slot, giving up when the statement is stopped. */
  void acquire(CallControl control) {
    synchronized (this) {
      while (inUse >= limit) {
        control.check();
        try {
          wait(20);
        } catch (InterruptedException e) {
          // The page is no longer wanted; abandon this request only.
          Thread.currentThread().interrupt();
          throw CallControl.stopped(io.github.caspiojdbc.error.ErrorKind.CANCELLED);
        }
      }
      inUse++;
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
  }

  /** Records a successful reply. */
  synchronized void onSuccess() {
    if (limit < max && ++successes >= RECOVERY_SUCCESSES) {
      limit++;
      successes = 0;
    }
  }

  /** The current cap. */
  synchronized int limit() {
    return limit;
  }
}
