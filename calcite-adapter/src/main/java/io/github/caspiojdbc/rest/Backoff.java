/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between attempts: capped exponential backoff with full jitter (a uniform delay between
 * zero and {@code min(cap, base * 2^(n-1))}), raised to the server's {@code Retry-After} when one
 * was sent. Full jitter spreads the retries of parallel page fetches, which all fail together when
 * Caspio throttles the account.
 */
final class Backoff {
  private final Duration base;
  private final Duration cap;
  private final Clock clock;

  Backoff(Duration base, Duration cap, Clock clock) {
    this.base = base;
    this.cap = cap;
    this.clock = clock;
  }

  /** The jittered delay after failed attempt number {@code attempt} (1-based). */
  Duration delay(int attempt) {
    long baseMs = base.toMillis();
    long capMs = cap.toMillis();
    int shift = Math.min(attempt - 1, 30);
    long bound = baseMs > (capMs >> shift) ? capMs : Math.min(capMs, baseMs << shift);
    if (bound <= 0) {
      return Duration.ZERO;
    }
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(bound + 1));
  }

  /**
   * The wait a {@code Retry-After} header asks for, in delta-seconds or HTTP-date form; null when
   * absent or unparseable (the header is a hint, never required).
   */
  Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String v = header.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(clock.instant(), at.toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }
}
