/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import java.time.Instant;

/**
 * What a statement, a connection or the whole JVM has cost in Caspio calls, as a snapshot. Caspio
 * bills every request it receives, so every attempt counts: a read retried twice is three reads and
 * two retries.
 *
 * @param reads record requests that read rows ({@code GET .../records})
 * @param writes requests that change rows ({@code POST}, {@code PUT}, {@code DELETE})
 * @param metadata requests for table, view and field lists
 * @param retries attempts that repeated an earlier failed attempt (already in the three above)
 * @param throttled replies that said "slow down" (HTTP 429 or Caspio's rate-limit 400)
 * @param tokenRequests requests to the OAuth token endpoint, not in {@link #calls()}
 * @param bytesReceived reply body bytes read, after gzip decoding
 * @param cacheHits read requests answered from the driver's reply cache, not sent and not billed
 * @param since when counting started: creation or the last reset
 */
public record CallCounts(
    long reads,
    long writes,
    long metadata,
    long retries,
    long throttled,
    long tokenRequests,
    long bytesReceived,
    long cacheHits,
    Instant since) {

  /** Every request sent to the REST API: reads, writes and metadata (token requests aside). */
  public long calls() {
    return reads + writes + metadata;
  }
}
