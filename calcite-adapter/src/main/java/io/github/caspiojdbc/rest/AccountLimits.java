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
 * @param rateLimitPerSecond calls per second Caspio says the account may make, or null
 * @param tokenExpiresAt when the access token used for the reading expires, or null
 * @param readAt when the reading was taken
 */
public record AccountLimits(Integer rateLimitPerSecond, Instant tokenExpiresAt, Instant readAt) {

  /** A reading with nothing known, for accounts or replies that report no limits. */
  public static AccountLimits unknown(Instant readAt) {
    return new AccountLimits(null, null, readAt);
  }
}
