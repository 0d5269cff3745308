/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Builds the HTTP client of one connection. Redirects are off (a 3xx is an error, so the bearer
 * token never goes to another host), cookies are off, the client's own retries are off (the
 * driver's retry loop decides), gzip is on, and the pool is sized for prefetch. The client belongs
 * to the connection and is closed with it; nothing is cached statically.
 */
public final class CaspioHttpClients {
  private CaspioHttpClients() {}

  /** The {@code User-Agent} sent with every request: {@code caspio-jdbc/<version>}. */
  public static String userAgent() {
    String v = CaspioHttpClients.class.getPackage().getImplementationVersion();
    return "caspio-jdbc/" + (v == null ? "dev" : v);
  }

  /** A new client for {@code config}; the caller owns and closes it. */
  public static CloseableHttpClient create(CaspioApiConfig config) {
    // Every in-flight page holds a connection; two more serve metadata and writes meanwhile.
    int perRoute = config.prefetchDepth() + 2;
    PoolingHttpClientConnectionManager pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnPerRoute(perRoute)
            .setMaxConnTotal(perRoute)
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.of(config.connectTimeout()))
                    .setSocketTimeout(Timeout.of(config.responseTimeout()))
                    // Check idle connections early: a stale keep-alive connection would turn a
                    // POST into an unknown outcome.
                    .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                    .setTimeToLive(TimeValue.ofMinutes(5))
                    .build())
            .build();
    return HttpClients.custom()
        .setConnectionManager(pool)
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableAutomaticRetries()
        .disableAuthCaching()
        .setUserAgent(userAgent())
        .setDefaultRequestConfig(
            RequestConfig.custom()
                .setResponseTimeout(Timeout.of(config.responseTimeout()))
                .setConnectionRequestTimeout(Timeout.of(config.responseTimeout()))
                .setRedirectsEnabled(false)
                .setContentCompressionEnabled(true)
                .build())
        .evictExpiredConnections()
        .build();
  }
}
