/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The process-wide registry of token managers: every connection with the same credentials shares
 * one token and one renewal, so a JVM asks the token endpoint once per token lifetime however many
 * connections and threads it runs (Caspio bills calls and caps an account at 1,000 refresh tokens).
 *
 * <p>Sharing key: the token URL, the client id, a salted digest of the secret (and of any
 * pre-issued tokens), scope, audience and every other setting. A wrong secret therefore never
 * receives a token obtained with the right one, and different client ids never share.
 *
 * <p>Ownership: shared managers outlive any single JDBC connection, so they must not use an HTTP
 * client that a connection owns and closes. The registry owns its own small HttpClient for token
 * requests, created on first use and kept for the life of the JVM (it holds no threads; pooled
 * connections expire after a minute). It uses {@link QuietConnectionFactory}, follows no redirects,
 * has HttpClient's automatic retries off (the managers retry themselves), and honours the standard
 * JVM proxy and TLS system properties.
 *
 * <p>At most {@value #MAX_MANAGERS} managers are kept; the least recently used one is dropped
 * beyond that (it keeps working for whoever holds it, it is just no longer shared).
 */
public final class TokenManagers {
  static final int MAX_MANAGERS = 64;

  private static final Map<Object, OAuthTokenManager> SHARED =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, OAuthTokenManager> eldest) {
          return size() > MAX_MANAGERS;
        }
      };

  private static CloseableHttpClient client;

  private TokenManagers() {}

  /**
   * The shared token source for these settings, created on first use. Never opens a connection: the
   * first token is requested by the first {@link AccessTokenSource#accessToken()} call.
   *
   * @throws NullPointerException when {@code config} is null
   */
  public static AccessTokenSource shared(TokenManagerConfig config) {
    Objects.requireNonNull(config, "config");
    Object key = config.sharingKey();
    synchronized (SHARED) {
      OAuthTokenManager manager = SHARED.get(key);
      if (manager == null) {
        TokenEndpoint endpoint =
            config.tokenUri() == null
                ? null
                : new HttpTokenEndpoint(config, client(), Sleeper.THREAD);
        manager = new OAuthTokenManager(config, endpoint);
        SHARED.put(key, manager);
      }
      return manager;
    }
  }

  /** The registry's HTTP client; guarded by the registry lock. */
  private static CloseableHttpClient client() {
    if (client == null) {
      client = newHttpClient();
    }
    return client;
  }

  /** An HTTP client fit for token requests, as described in the class comment. */
  static CloseableHttpClient newHttpClient() {
    return HttpClients.custom()
        .setConnectionManager(
            PoolingHttpClientConnectionManagerBuilder.create()
                .setConnectionFactory(QuietConnectionFactory.INSTANCE)
                .setDefaultConnectionConfig(
                    ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(15))
                        .setSocketTimeout(Timeout.ofSeconds(60))
                        .setTimeToLive(TimeValue.of(1, TimeUnit.MINUTES))
                        .build())
                .setMaxConnPerRoute(4)
                .setMaxConnTotal(32)
                .useSystemProperties()
                .build())
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableAuthCaching()
        .useSystemProperties()
        .setUserAgent("caspio-jdbc")
        .build();
  }
}
