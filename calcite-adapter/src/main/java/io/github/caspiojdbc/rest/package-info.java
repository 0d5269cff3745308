/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
/**
 * The only code that talks to Caspio's resource API (REST v4 where the account has it, else v3; v2
 * selectable): typed operations, streamed pages, bounded prefetch, safe retries, the account's pace
 * and the URI length limit. Nothing here imports Calcite or JDBC.
 *
 * <h2>Entry points</h2>
 *
 * <ul>
 *   <li>{@link io.github.caspiojdbc.rest.CaspioApi}: list tables and views, describe fields ({@link
 *       io.github.caspiojdbc.rest.FieldInfo}), read records ({@link
 *       io.github.caspiojdbc.rest.RecordQuery} in, {@link io.github.caspiojdbc.rest.RecordCursor}
 *       out), insert, update, delete, set a password, traffic counters ({@link
 *       io.github.caspiojdbc.rest.ApiStats}).
 *   <li>{@link io.github.caspiojdbc.rest.HttpCaspioApi#create}: the production implementation,
 *       configured by {@link io.github.caspiojdbc.rest.CaspioApiConfig}; one per connection.
 *   <li>{@link io.github.caspiojdbc.rest.CaspioHttpClients#create}: the HTTP client factory (no
 *       redirects, no cookies, no library retries, gzip, pool sized for prefetch, the connection's
 *       proxy and trust store through {@code net}).
 * </ul>
 *
 * <h2>API generations</h2>
 *
 * <p>What differs between REST v2, v3 and v4 lives in one package-private {@code ApiGeneration} per
 * generation ({@code RestV2}, {@code RestV3}, {@code RestV4}): base path, record parameter names,
 * reply envelope, error body, reported product version. {@link
 * io.github.caspiojdbc.rest.ApiVersion} selects one by name; callers above this package never
 * compare generations, and the architecture test keeps it so.
 *
 * <h2>Reading</h2>
 *
 * <p>A read of at most 1000 rows is one request with {@code q.limit}. Larger reads page on a unique
 * order: keyset paging ({@code PK_ID > last} AND-ed onto the where clause, page number always 1)
 * for tables ordered by nothing or by {@code PK_ID} alone, which stays exact while rows are
 * inserted or deleted; otherwise page numbers with {@code PK_ID} (or the GROUP BY items) appended
 * as tie-breaker. {@code q.limit} is never combined with paging parameters. A page that does not
 * advance (keys not beyond the last one, or a page equal to the previous one) stops the read with
 * an error instead of looping. Rows of a page are handed out only after the whole page was parsed,
 * so a truncated reply is an exception, never a short result.
 *
 * <p>Prefetch: page-number reads keep up to {@code prefetchDepth} pages in flight (page 1 first,
 * carrying {@code q.getPaginationInfo} on v3 so no request goes past the end). Keyset reads are
 * serial by nature; the next page is requested as soon as the consumer takes the current one, so
 * the download overlaps the consumer's work on that page. A connection-wide limiter halves the
 * allowed parallelism on every 429 or rate-limit reply and regains one step after a run of
 * successes. Memory is bounded by page size times (depth + 1).
 *
 * <h2>Failures</h2>
 *
 * <p>One retry loop (see {@code Exchange}) with capped exponential backoff and full jitter,
 * honouring {@code Retry-After}, bounded by attempts, a retry budget and the statement deadline.
 * GETs retry on transport failures, truncated bodies, 408, 429, 5xx and Caspio's rate-limit 400.
 * Writes retry only when they certainly were not processed (connect failure, 429, rate-limit 400,
 * 503 with {@code Retry-After}); otherwise they fail with UNKNOWN_OUTCOME. A 401 renews the token
 * once. Not handled: the 400 {@code IncorrectQueryParameter} that Caspio sometimes sends for a
 * stale token is treated as a genuine error, since renewing on it would renew on every bad query.
 *
 * <h2>Observability</h2>
 *
 * <p>Every attempt is logged at FINE on logger {@code io.github.caspiojdbc.rest} (method, path,
 * decoded query, status, bytes, milliseconds, attempt), never with the Authorization header. The
 * {@link io.github.caspiojdbc.rest.CaspioApiConfig#requestListener()} sees each logical request
 * once, on the caller's thread, before it is scheduled.
 */
package io.github.caspiojdbc.rest;
