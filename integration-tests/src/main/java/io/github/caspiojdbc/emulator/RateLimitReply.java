/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

/** How the emulator answers a call over the per-second rate limit. */
public enum RateLimitReply {
  /** 429 with the Caspio error envelope (Code {@code TooManyRequests}), no Retry-After header. */
  STATUS_429,
  /** Like {@link #STATUS_429} plus {@code Retry-After: 1}; real Caspio is not known to send it. */
  STATUS_429_WITH_RETRY_AFTER,
  /**
   * 400 with the odd array body one production client saw: {@code [{"message":"You have exceeded
   * your API call rate limits.","name":"api-calls-rate"}]}.
   */
  STATUS_400_ARRAY
}
