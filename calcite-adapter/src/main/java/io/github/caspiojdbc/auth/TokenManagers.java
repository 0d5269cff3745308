/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import io.github.caspiojdbc.net.HttpNetwork;
import io.github.caspiojdbc.net.NetworkConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The shared token cache: every connection with the same credentials shares one token and one
 * renewal, so a JVM asks the token endpoint once per token lifetime however many connections and
 * threads it runs (Caspio bills calls and caps an account at 1,000 refresh tokens).
 *
 * <p>Sharing key: the token URL, the client id, a salted digest of the secret (and of any
 * pre-issued tokens), scope, audience and every other setting. A wrong secret therefore never
 * receives a token obtained with the right one, and different client ids never share.
 *
 * <p>Ownership, by reference count: each connection takes a {@link Lease} and closes it when it
 * closes. The HTTP client for token requests exists only while some lease is open: it is made at
 * the first token request under an open lease and closed, with its pooled sockets, when the last
 * lease closes; the next lease makes a new one. There is one such client per proxy and trust
 * setting ({@link NetworkConfig}) in use. The managers themselves hold no thread and no socket, so
 * they stay cached (a connection opened a minute after the last one closed still reuses the token).
 * The client uses {@link QuietConnectionFactory}, follows no redirects, has HttpClient's automatic
 * retries off (the managers retry themselves), and honours the connection's proxy and trust store,
 * or else the standard JVM proxy and TLS system properties.
 *
 * <p>At most {@value #MAX_MANAGERS} managers are kept; the least recently used one is dropped
 * beyond that (it keeps working for whoever holds it, it is just no longer shared).
 */
public final class TokenManagers {
  static final int MAX_MANAGERS = 64;

  /** Guards the map, {@link #CLIENTS} and {@link #leases}. */
  private static final Map<Object, OAuthTokenManager> SHARED =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, OAuthTokenManager> eldest) {
          return size() > MAX_MANAGERS;
        }
      };

  /** The HTTP clients for token requests, one per proxy and trust setting in use. */
  private static final Map<NetworkConfig, CloseableHttpClient> CLIENTS = new HashMap<>();

  private static int leases;

  private TokenManagers() {}

  /**
   * A lease on the shared token source for these settings, created on first use; close it when the
   * connection closes. Never opens a connection: the first token is requested by the first {@link
   * AccessTokenSource#accessToken()} call.
   *
   * @throws NullPointerException when {@code config} is null
   */
  public static Lease lease(TokenManagerConfig config) {
    Objects.requireNonNull(config, "config");
    Object key = config.sharingKey();
    synchronized (SHARED) {
      OAuthTokenManager manager = SHARED.get(key);
      if (manager == null) {
        TokenEndpoint endpoint =
            config.tokenUri() == null
                ? null
                : new HttpTokenEndpoint(config, () -> client(config.network()), Sleeper.THREAD);
        manager = new OAuthTokenManager(config, endpoint);
        SHARED.put(key, manager);
      }
      leases++;
      return new Lease(manager);
    }
  }

  /**
   * The HTTP client for token requests, made when needed while a lease is open.
   *
   * @throws IllegalStateException when no lease is open (the endpoint reports it as a closed
   *     client)
   */
  private static CloseableHttpClient client(NetworkConfig network) {
    synchronized (SHARED) {
      if (leases == 0) {
        throw new IllegalStateException("no open connection holds the token cache");
      }
      return CLIENTS.computeIfAbsent(network, TokenManagers::newHttpClient);
    }
  }

  private static void release() {
    List<CloseableHttpClient> closing = new ArrayList<>();
    synchronized (SHARED) {
      leases--;
      if (leases == 0) {
        closing.addAll(CLIENTS.values());
        CLIENTS.clear();
      }
    }
    for (CloseableHttpClient c : closing) {
      c.close(CloseMode.IMMEDIATE);
    }
  }

  /** Leases open now, for tests. */
  static int openLeases() {
    synchronized (SHARED) {
      return leases;
    }
  }

  /** Whether the HTTP client for token requests exists now, for tests. */
  static boolean clientOpen() {
    synchronized (SHARED) {
      return !CLIENTS.isEmpty();
    }
  }

  /**
   * One connection's hold on a shared token source. Closing it (once; later calls do nothing) may
   * close the cache's HTTP client, as described on {@link TokenManagers}.
   */
  public static final class Lease implements AccessTokenSource, AutoCloseable {
    private final OAuthTokenManager manager;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Lease(OAuthTokenManager manager) {
      this.manager = manager;
    }

    @Override
    public String accessToken() {
      return manager.accessToken();
    }

    @Override
    public void invalidate(String rejectedToken) {
      manager.invalidate(rejectedToken);
    }

    /** The shared manager behind the lease, for tests of sharing. */
    AccessTokenSource source() {
      return manager;
    }

    @Override
    public Object identity() {
      return manager;
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        release();
      }
    }
  }

  /** An HTTP client fit for token requests, as described in the class comment. */
  static CloseableHttpClient newHttpClient(NetworkConfig network) {
    HttpClientBuilder client = HttpClients.custom();
    PoolingHttpClientConnectionManagerBuilder pool =
        PoolingHttpClientConnectionManagerBuilder.create();
    HttpNetwork.apply(network, client, pool);
    return client
        .setConnectionManager(
            pool.setConnectionFactory(QuietConnectionFactory.INSTANCE)
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
