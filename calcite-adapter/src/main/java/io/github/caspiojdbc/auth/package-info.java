/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
/**
 * OAuth 2.0 client-credentials tokens for Caspio: obtains, caches, refreshes and shares access
 * tokens, and never lets a secret or token reach a log, a message or {@code toString()}. Knows
 * nothing of Calcite or JDBC.
 *
 * <p>Public surface:
 *
 * <ul>
 *   <li>{@link io.github.caspiojdbc.auth.TokenManagerConfig} (and its builder): the validated
 *       settings;
 *   <li>{@link io.github.caspiojdbc.auth.TokenManagers#lease(TokenManagerConfig)}: a connection's
 *       lease on the shared {@link io.github.caspiojdbc.auth.AccessTokenSource} for those settings;
 *   <li>{@link io.github.caspiojdbc.auth.Loopback}: the one definition of a loopback host, the only
 *       kind reached over plain HTTP;
 *   <li>{@link io.github.caspiojdbc.auth.QuietConnectionFactory}: HttpClient connections that keep
 *       {@code Authorization} headers and bodies out of HttpClient's header and wire logs, for any
 *       client that carries credentials.
 * </ul>
 *
 * <p>The REST client's side of the contract: call {@link
 * io.github.caspiojdbc.auth.AccessTokenSource#accessToken()} before each request; on a 401, call
 * {@link io.github.caspiojdbc.auth.AccessTokenSource#invalidate(String)} with the token that was
 * rejected and retry once with a new {@code accessToken()}; a second 401 is an authentication
 * failure (SQLState 28000). Any number of threads reporting the same token cause one renewal.
 *
 * <p>Ownership: shared token managers outlive JDBC connections, so they use an HTTP client owned by
 * the token cache, never one that a connection closes; the cache counts its leases and closes that
 * client when the last one closes. Logging goes to {@code java.util.logging} under {@code
 * io.github.caspiojdbc.auth} at FINE and below, and never carries a secret.
 */
package io.github.caspiojdbc.auth;
