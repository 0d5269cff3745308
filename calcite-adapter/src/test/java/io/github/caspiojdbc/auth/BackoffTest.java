/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exponential growth, cap, jitter bounds and Retry-After of {@link Backoff}. */
class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8));

  @ParameterizedTest
  @CsvSource({"0, 500", "1, 1000", "2, 2000", "3, 4000", "4, 8000", "5, 8000", "30, 8000"})
  void delay_retryN_betweenHalfAndFullNominalDelay(int retry, long nominalMillis) {
    for (int i = 0; i < 200; i++) {
      long d = backoff.delay(retry, null).toMillis();
      assertTrue(d >= nominalMillis / 2 && d <= nominalMillis, retry + " -> " + d);
    }
  }

  @ParameterizedTest
  @CsvSource({"3, 3000", "100, 8000", "0, 250"})
  void delay_retryAfter_honouredUpToTheCap(long retryAfterSeconds, long minimumMillis) {
    long d = backoff.delay(0, Duration.ofSeconds(retryAfterSeconds)).toMillis();
    assertTrue(d >= minimumMillis && d <= Math.max(minimumMillis, 500), "got " + d);
  }

  @ParameterizedTest
  @CsvSource({"0", "3"})
  void delay_zeroBackoff_neverWaits(int retry) {
    assertEquals(Duration.ZERO, new Backoff(Duration.ZERO, Duration.ZERO).delay(retry, null));
  }
}
