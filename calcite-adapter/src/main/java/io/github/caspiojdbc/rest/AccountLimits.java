/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import java.time.Instant;

/**
 * What Caspio itself says about an account's limits, as read once from its self-description (REST
 * v4 only). Caspio documents this reply only loosely (research notes 6.4), so every field may be
 * missing: a field Caspio did not send, or sent in a shape the driver does not know, is {@code
 * null}, never an error. Monthly call quota usage is not here because no Caspio API exposes it.
 *
 * <p>Beside Caspio's reading stand what this JVM saw of the account: the pace it keeps and the
 * rate-limit replies its open connections to the account received (forgotten with the last of
 * them).
 *
 * @param rateLimitPerSecond calls per second Caspio says the account may make, or null
 * @param tokenExpiresAt when the access token used for the reading expires, or null
 * @param readAt when Caspio's reading was taken
 * @param pacePerSecond the account-wide pace the driver keeps now ({@code maxCallsPerSecond},
 *     lowered after throttling); 0 when calls are not paced
 * @param throttledReplies 429s and rate-limit 400s the account's open connections in this JVM got
 * @param lastThrottledAt when the last of them arrived, or null
 * @param lastThrottleStatus its HTTP status (429, or 400 for Caspio's rate-limit array), or null
 * @param lastRetryAfterSeconds its {@code Retry-After} in seconds, or null when it sent none
 */
public record AccountLimits(
    Integer rateLimitPerSecond,
    Instant tokenExpiresAt,
    Instant readAt,
    double pacePerSecond,
    long throttledReplies,
    Instant lastThrottledAt,
    Integer lastThrottleStatus,
    Double lastRetryAfterSeconds) {

  /** Caspio's reading alone, before the driver's view is added. */
  public AccountLimits(Integer rateLimitPerSecond, Instant tokenExpiresAt, Instant readAt) {
    this(rateLimitPerSecond, tokenExpiresAt, readAt, 0, 0, null, null, null);
  }

  /** A reading with nothing known, for accounts or replies that report no limits. */
  public static AccountLimits unknown(Instant readAt) {
    return new AccountLimits(null, null, readAt);
  }

  /** This reading of Caspio's with the driver's view of the account beside it. */
  AccountLimits withDriverView(
      double pace, long throttled, Instant lastAt, Integer lastStatus, Double lastRetryAfter) {
    return new AccountLimits(
        rateLimitPerSecond,
        tokenExpiresAt,
        readAt,
        pace,
        throttled,
        lastAt,
        lastStatus,
        lastRetryAfter);
  }
}
