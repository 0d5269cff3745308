/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import java.time.Duration;
import java.time.Instant;

/**
 * The rate-limit replies one account gave this JVM's open connections: how many, and the last one's
 * time, status and {@code Retry-After}. Shared per account like {@link AccountPacer}, because
 * Caspio throttles the account, not the connection (caspio-api.md 6.4); a connection's own count is
 * in its call counters. Guarded by itself.
 */
final class ThrottleLog {
  private static final PerAccount<ThrottleLog> ACCOUNTS = new PerAccount<>();

  private long replies;
  private Instant lastAt;
  private int lastStatus;
  private Duration lastRetryAfter;

  /** The log of an account, shared with the other open connections to it. */
  static PerAccount<ThrottleLog>.Lease join(String account) {
    return ACCOUNTS.join(account, ThrottleLog::new);
  }

  /** A 429 or Caspio's rate-limit 400, with its {@code Retry-After} or null. */
  synchronized void record(int status, Duration retryAfter, Instant at) {
    replies++;
    lastAt = at;
    lastStatus = status;
    lastRetryAfter = retryAfter;
  }

  /** The log as it is now, added to a reading of Caspio's own limits. */
  synchronized AccountLimits onto(AccountLimits caspio, double pacePerSecond) {
    return caspio.withDriverView(
        pacePerSecond,
        replies,
        lastAt,
        lastAt == null ? null : lastStatus,
        lastRetryAfter == null ? null : lastRetryAfter.toMillis() / 1000.0);
  }
}
