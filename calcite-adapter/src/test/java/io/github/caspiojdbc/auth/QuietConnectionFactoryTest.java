/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.github.caspiojdbc.auth.FakeTokenServer.caspioToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TrustAllStrategy;
import org.apache.hc.core5.ssl.SSLContextBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Quiet connections carry real HTTPS token requests, are reused from the pool with their timeouts
 * restored, and write nothing to HttpClient's header and wire loggers even at the finest level.
 * (The test trusts WireMock's self-signed certificate; production code never does.)
 */
class QuietConnectionFactoryTest {
  private WireMockServer wireMock;
  private CloseableHttpClient client;
  private PoolingHttpClientConnectionManager pool;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private final Logger root = Logger.getLogger("");
  private Level rootLevel;

  @BeforeEach
  void start() throws Exception {
    wireMock =
        new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().dynamicHttpsPort());
    wireMock.start();
    SSLContext trustAll =
        SSLContextBuilder.create()
            .loadTrustMaterial((KeyStore) null, TrustAllStrategy.INSTANCE)
            .build();
    pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setConnectionFactory(QuietConnectionFactory.INSTANCE)
            .setTlsSocketStrategy(
                ClientTlsStrategyBuilder.create()
                    .setSslContext(trustAll)
                    .setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
                    .setHostnameVerifier(NoopHostnameVerifier.INSTANCE)
                    .buildClassic())
            .build();
    client = HttpClients.custom().setConnectionManager(pool).disableAutomaticRetries().build();
    rootLevel = root.getLevel();
    root.setLevel(Level.ALL);
    capture.setLevel(Level.ALL);
    root.addHandler(capture);
  }

  @AfterEach
  void stop() throws Exception {
    root.removeHandler(capture);
    root.setLevel(rootLevel);
    client.close();
    wireMock.stop();
  }

  private HttpTokenEndpoint endpoint(Duration requestTimeout) {
    TokenManagerConfig config =
        TokenManagerConfig.builder()
            .tokenUri(URI.create("https://127.0.0.1:" + wireMock.httpsPort() + "/oauth/token"))
            .clientCredentials("quiet-id", "quiet-secret-value-1")
            .requestTimeout(requestTimeout)
            .maxRetries(0)
            .build();
    return new HttpTokenEndpoint(config, client, new RecordingSleeper());
  }

  @Test
  void https_repeatedRequests_reuseOneConnectionAndLogNoHeadersOrWire() {
    wireMock.stubFor(post(urlEqualTo("/oauth/token")).willReturn(caspioToken("tls-token-1", null)));
    HttpTokenEndpoint endpoint = endpoint(Duration.ofSeconds(30));

    for (int i = 0; i < 3; i++) {
      assertEquals("tls-token-1", endpoint.clientCredentials(true).accessToken().value());
    }

    assertEquals(3, wireMock.findAll(postRequestedFor(urlEqualTo("/oauth/token"))).size());
    assertEquals(1, pool.getTotalStats().getAvailable(), "the connection went back to the pool");
    assertTrue(
        records.stream().anyMatch(r -> r.getLoggerName().startsWith("org.apache.hc.client5")),
        "HttpClient debug logging must be on for this test to mean anything");
    for (LogRecord r : records) {
      assertFalse(r.getLoggerName().equals("org.apache.hc.client5.http.wire"), r.getMessage());
      assertFalse(r.getLoggerName().equals("org.apache.hc.client5.http.headers"), r.getMessage());
    }
  }

  @Test
  void pooledConnection_reactivated_requestTimeoutStillApplies() {
    wireMock.stubFor(post(urlEqualTo("/oauth/token")).willReturn(caspioToken("tls-token-2", null)));
    endpoint(Duration.ofSeconds(30)).clientCredentials(true);
    wireMock.stubFor(
        post(urlEqualTo("/oauth/token"))
            .willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));

    CaspioException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            CaspioException.class, () -> endpoint(Duration.ofMillis(300)).clientCredentials(true));

    assertEquals(ErrorKind.TRANSPORT, e.kind());
  }
}
