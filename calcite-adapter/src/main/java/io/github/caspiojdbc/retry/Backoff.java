/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between attempts: a nominal delay that doubles with each retry up to a cap, with jitter so
 * that clients failing together do not retry in lockstep.
 */
public final class Backoff {
  /**
   * The most retries any request may make after a transient failure, so that a broken server cannot
   * hold a thread for long. The driver's {@code maxRetries} property is checked against it once, at
   * the edge; the layers below take the value as given.
   */
  public static final int MAX_RETRIES = 10;

  /** How much of the nominal delay is random. */
  public enum Jitter {
    /**
     * Uniform between zero and the nominal delay. Spreads the retries of parallel page fetches,
     * which all fail together when Caspio throttles the account.
     */
    FULL,
    /**
     * Half fixed, half random: every retry still waits at least half its nominal delay. Suits the
     * token endpoint, where many JVMs restarted together would otherwise retry at once.
     */
    EQUAL
  }

  private final Duration base;
  private final Duration cap;
  private final Jitter jitter;

  /**
   * @param base the nominal delay of the first retry
   * @param cap the largest nominal delay, and the most a {@code Retry-After} may raise a delay to
   */
  public Backoff(Duration base, Duration cap, Jitter jitter) {
    this.base = base;
    this.cap = cap;
    this.jitter = jitter;
  }

  /** The delay before retry number {@code retry} (0 for the first retry). */
  public Duration delay(int retry) {
    long capMs = cap.toMillis();
    long nominal = base.toMillis();
    for (int i = 0; i < retry && nominal < capMs; i++) {
      nominal *= 2;
    }
    nominal = Math.min(nominal, capMs);
    if (nominal <= 0) {
      return Duration.ZERO;
    }
    long fixed = jitter == Jitter.EQUAL ? nominal / 2 : 0;
    return Duration.ofMillis(fixed + ThreadLocalRandom.current().nextLong(nominal - fixed + 1));
  }

  /**
   * The delay before retry number {@code retry}, raised to the server's {@code Retry-After} but
   * never above the cap: failing within a bounded time beats hanging.
   */
  public Duration delay(int retry, Duration retryAfter) {
    Duration d = delay(retry);
    if (retryAfter != null && !retryAfter.isNegative()) {
      Duration wanted = retryAfter.compareTo(cap) > 0 ? cap : retryAfter;
      d = wanted.compareTo(d) > 0 ? wanted : d;
    }
    return d;
  }

  /**
   * The wait a {@code Retry-After} header asks for, in delta-seconds or HTTP-date form; null when
   * absent or unreadable (the header is a hint, never required). A date in the past is zero.
   */
  public static Duration retryAfter(String header, Clock clock) {
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
