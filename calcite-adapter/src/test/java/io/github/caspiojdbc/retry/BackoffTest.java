/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Growth, cap, both jitters and Retry-After. */
class BackoffTest {
  private final Backoff equal =
      new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8), Backoff.Jitter.EQUAL);
  private final Backoff full =
      new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), Backoff.Jitter.FULL);

  @ParameterizedTest
  @CsvSource({"0, 500", "1, 1000", "2, 2000", "3, 4000", "4, 8000", "5, 8000", "30, 8000"})
  void delay_equalJitter_betweenHalfAndFullNominalDelay(int retry, long nominalMillis) {
    for (int i = 0; i < 200; i++) {
      long d = equal.delay(retry).toMillis();
      assertTrue(d >= nominalMillis / 2 && d <= nominalMillis, retry + " -> " + d);
    }
  }

  @Test
  void delay_fullJitter_staysWithinCappedExponentialBound() {
    for (int retry = 0; retry < 40; retry++) {
      long bound = Math.min(1000, 100L << Math.min(retry, 20));
      for (int i = 0; i < 50; i++) {
        long ms = full.delay(retry).toMillis();
        assertTrue(ms >= 0 && ms <= bound, retry + ": " + ms);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"3, 3000", "100, 8000", "0, 250"})
  void delay_retryAfter_honouredUpToTheCap(long retryAfterSeconds, long minimumMillis) {
    long d = equal.delay(0, Duration.ofSeconds(retryAfterSeconds)).toMillis();
    assertTrue(d >= minimumMillis && d <= Math.max(minimumMillis, 500), "got " + d);
  }

  @ParameterizedTest
  @CsvSource({"0", "3"})
  void delay_zeroBackoff_neverWaits(int retry) {
    Backoff none = new Backoff(Duration.ZERO, Duration.ZERO, Backoff.Jitter.EQUAL);
    assertEquals(Duration.ZERO, none.delay(retry, null));
  }

  @Test
  void retryAfter_secondsDateAndGarbage() {
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    assertEquals(Duration.ofSeconds(7), Backoff.retryAfter(" 7 ", clock));
    assertEquals(
        Duration.ofSeconds(30), Backoff.retryAfter("Thu, 01 Jan 2026 00:00:30 GMT", clock));
    assertEquals(Duration.ZERO, Backoff.retryAfter("Wed, 31 Dec 2025 23:00:00 GMT", clock));
    assertNull(Backoff.retryAfter("soon", clock));
    assertNull(Backoff.retryAfter("-3", clock));
    assertNull(Backoff.retryAfter(null, clock));
  }
}
