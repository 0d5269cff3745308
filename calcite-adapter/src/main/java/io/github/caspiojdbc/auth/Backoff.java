/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits between token request attempts: capped exponential growth with "equal jitter" (half the
 * delay fixed, half random), so that many JVMs restarted together do not retry in lockstep yet
 * every retry still waits at least half its nominal delay. A server's {@code Retry-After} raises
 * the wait, but never above the cap: the driver prefers failing within a bounded time to hanging.
 */
final class Backoff {
  private final Duration initial;
  private final Duration max;

  Backoff(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max;
  }

  /**
   * The wait before retry number {@code retry} (0 for the first retry).
   *
   * @param retryAfter the server's {@code Retry-After}, or null
   */
  Duration delay(int retry, Duration retryAfter) {
    long maxMillis = max.toMillis();
    long nominal = initial.toMillis();
    for (int i = 0; i < retry && nominal < maxMillis; i++) {
      nominal *= 2;
    }
    nominal = Math.min(nominal, maxMillis);
    long half = nominal / 2;
    long jittered =
        half + (nominal - half == 0 ? 0 : ThreadLocalRandom.current().nextLong(nominal - half + 1));
    if (retryAfter != null && !retryAfter.isNegative()) {
      jittered = Math.max(jittered, Math.min(retryAfter.toMillis(), maxMillis));
    }
    return Duration.ofMillis(jittered);
  }

  /** Sleeps between attempts; tests substitute one that records instead of waiting. */
  interface Sleeper {
    /** The real one. */
    Sleeper THREAD = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
  }
}
