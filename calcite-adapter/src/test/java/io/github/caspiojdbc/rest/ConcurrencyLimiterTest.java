/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Concurrency and rate admission, on a clock the test moves. */
class ConcurrencyLimiterTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final ConcurrencyLimiter limiter = new ConcurrencyLimiter(4, nanos::get);
  private final CallControl control = new CallControl(null);

  private void call() {
    limiter.acquire(control);
    limiter.release();
  }

  @Test
  void beforeAnyThrottle_nothingIsPaced() {
    for (int i = 0; i < 50; i++) {
      call();
    }
    assertEquals(Integer.MAX_VALUE, limiter.rateCap());
  }

  @Test
  void throttle_capsStartsAtNinetyPercentOfTheLastSecond() {
    for (int i = 0; i < 12; i++) {
      call();
    }
    limiter.onThrottle();
    assertEquals(10, limiter.rateCap());
    assertEquals(2, limiter.limit());
  }

  @Test
  void pacedCall_waitsUntilTheOldestStartLeavesTheWindow() throws Exception {
    for (int i = 0; i < 3; i++) {
      call();
    }
    limiter.onThrottle(); // cap 2: three starts in the window already
    CompletableFuture<Void> next = CompletableFuture.runAsync(this::call);
    // The clock does not move: the call must stay blocked.
    assertFalse(completesWithin(next, 200));
    nanos.addAndGet(1_000_000_001L);
    assertTrue(completesWithin(next, 5_000), "released once the window has room");
  }

  @Test
  void successes_raiseTheRateCapSlowly() {
    for (int i = 0; i < 12; i++) {
      call();
    }
    limiter.onThrottle();
    for (int i = 0; i < ConcurrencyLimiter.RATE_RECOVERY_SUCCESSES - 1; i++) {
      limiter.onSuccess();
    }
    assertEquals(10, limiter.rateCap());
    limiter.onSuccess();
    assertEquals(11, limiter.rateCap());
  }

  private static boolean completesWithin(CompletableFuture<Void> f, long millis) throws Exception {
    try {
      f.get(millis, TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    }
  }
}
