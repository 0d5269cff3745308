/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import io.github.caspiojdbc.auth.QuietConnectionFactory;
import io.github.caspiojdbc.net.HttpNetwork;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.LongAdder;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Builds the HTTP client of one connection. Redirects are off (a 3xx is an error, so the bearer
 * token never goes to another host), the proxy and trusted certificates are the connection's
 * ({@link HttpNetwork}), cookies are off, the client's own retries are off (the driver's retry loop
 * decides), gzip is on, and the pool is sized for prefetch. The client belongs to the connection
 * and is closed with it; nothing is cached statically.
 */
public final class CaspioHttpClients {
  /**
   * Context attribute holding a {@link LongAdder} that receives the response body bytes as they
   * arrive on the wire, before gzip decoding.
   */
  static final String WIRE_BYTES = "io.github.caspiojdbc.rest.wireBytes";

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
    PoolingHttpClientConnectionManagerBuilder poolBuilder =
        PoolingHttpClientConnectionManagerBuilder.create()
            // Every request carries a Bearer token: keep HttpClient's wire and header logs silent.
            .setConnectionFactory(QuietConnectionFactory.INSTANCE)
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
                    .build());
    HttpClientBuilder client = HttpClients.custom();
    HttpNetwork.apply(config.network(), client, poolBuilder);
    PoolingHttpClientConnectionManager pool = poolBuilder.build();
    return client
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
        // Below the decompression step, so it sees the bytes the network delivered.
        .addExecInterceptorAfter(
            ChainElement.COMPRESS.name(), "caspio-wire-bytes", CaspioHttpClients::countWireBytes)
        .build();
  }

  private static ClassicHttpResponse countWireBytes(
      ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
      throws IOException, HttpException {
    ClassicHttpResponse response = chain.proceed(request, scope);
    Object target = scope.clientContext.getAttribute(WIRE_BYTES);
    HttpEntity entity = response.getEntity();
    if (target instanceof LongAdder adder && entity != null) {
      response.setEntity(
          new HttpEntityWrapper(entity) {
            @Override
            public InputStream getContent() throws IOException {
              return new CountingInputStream(super.getContent(), adder);
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
              try (InputStream in = getContent()) {
                in.transferTo(out);
              }
            }
          });
    }
    return response;
  }

  /** Adds every byte read to an adder. */
  static final class CountingInputStream extends FilterInputStream {
    private final LongAdder adder;

    CountingInputStream(InputStream in, LongAdder adder) {
      super(in);
      this.adder = adder;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        adder.increment();
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        adder.add(n);
      }
      return n;
    }
  }
}
