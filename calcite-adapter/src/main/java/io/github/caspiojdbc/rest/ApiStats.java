/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

/**
 * A snapshot of one connection's traffic counters, for tests, benchmarks and diagnostics.
 *
 * @param calls HTTP requests sent (every attempt counts: Caspio bills each one)
 * @param bytesReceived response body bytes read after gzip decoding (the JSON that was parsed)
 * @param wireBytes response body bytes as they arrived on the network, before gzip decoding; 0 when
 *     the HTTP client was not built by {@link CaspioHttpClients}
 * @param retries attempts that repeated an earlier failed attempt
 * @param throttles replies that said "slow down" (429 or Caspio's rate-limit 400)
 * @param unauthorized 401 replies
 * @param parallelism the current limit on concurrent requests, lowered after throttling
 */
public record ApiStats(
    long calls,
    long bytesReceived,
    long wireBytes,
    long retries,
    long throttles,
    long unauthorized,
    int parallelism) {}
