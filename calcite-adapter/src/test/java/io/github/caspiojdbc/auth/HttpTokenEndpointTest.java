/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.caspiojdbc.auth.FakeTokenServer.caspioToken;
import static io.github.caspiojdbc.auth.FakeTokenServer.oauthError;
import static io.github.caspiojdbc.auth.FakeTokenServer.token;
import static io.github.caspiojdbc.auth.FakeTokenServer.tokenPost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Request shapes, retries and failure mapping of {@link HttpTokenEndpoint} against WireMock. */
class HttpTokenEndpointTest {
  private static final String ID = "client-id-1";
  private static final String SECRET = "Sup3rSecretValue42";

  private FakeTokenServer server;
  private CloseableHttpClient http;
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final MutableClock clock = new MutableClock();

  @BeforeEach
  void start() {
    server = new FakeTokenServer();
    http = TokenManagers.newHttpClient(io.github.caspiojdbc.net.NetworkConfig.SYSTEM);
  }

  @AfterEach
  void stop() throws IOException {
    http.close();
    server.close();
  }

  private TokenManagerConfig.Builder config() {
    return TokenManagerConfig.builder()
        .tokenUri(server.tokenUri())
        .clientCredentials(ID, SECRET)
        .backoff(Duration.ofMillis(100), Duration.ofSeconds(8))
        .clock(clock);
  }

  private HttpTokenEndpoint endpoint(TokenManagerConfig config) {
    return new HttpTokenEndpoint(config, http, sleeper);
  }

  private HttpTokenEndpoint endpoint() {
    return endpoint(config().build());
  }

  @Test
  void clientCredentials_bodyStyle_idAndSecretInFormNoAuthorizationHeader() {
    server.stub(
        tokenPost("client_credentials")
            .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded; charset=UTF-8"))
            .withHeader("Authorization", absent())
            .withFormParam("client_id", equalTo(ID))
            .withFormParam("client_secret", equalTo(SECRET))
            .willReturn(caspioToken("acc-1", "ref-1")));

    TokenResponse r = endpoint().clientCredentials(true);

    assertEquals("acc-1", r.accessToken().value());
    assertEquals(clock.instant().plusSeconds(86399), r.accessToken().expiresAt());
    assertEquals("ref-1", r.refreshToken());
    assertEquals(1, server.count());
  }

  @ParameterizedTest
  @CsvSource({
    // Plain credentials: RFC 6749 encoding changes nothing, header equals RFC 2045
    // Base64(id:secret).
    "client-id-1, Sup3rSecretValue42",
    // Reserved characters are form-urlencoded first (RFC 6749 section 2.3.1).
    "'my client:1', 'p+ss/w=rd é'",
  })
  void clientCredentials_basicStyle_rfc6749HeaderAndOnlyGrantInBody(String id, String secret) {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (URLEncoder.encode(id, StandardCharsets.UTF_8)
                            + ":"
                            + URLEncoder.encode(secret, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8));
    server.stub(
        tokenPost("client_credentials")
            .withHeader("Authorization", equalTo(expected))
            .withRequestBody(equalTo("grant_type=client_credentials"))
            .willReturn(caspioToken("acc-basic", null)));
    TokenManagerConfig c =
        config()
            .clientCredentials(id, secret)
            .clientAuthentication(ClientAuthentication.BASIC)
            .build();

    assertEquals("acc-basic", endpoint(c).clientCredentials(true).accessToken().value());
  }

  @Test
  void clientCredentials_basicStylePlainCredentials_sameAsRfc2045() {
    String plain =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
    server.stub(
        tokenPost("client_credentials")
            .withHeader("Authorization", equalTo(plain))
            .willReturn(caspioToken("acc", null)));
    TokenManagerConfig c = config().clientAuthentication(ClientAuthentication.BASIC).build();

    assertEquals("acc", endpoint(c).clientCredentials(true).accessToken().value());
  }

  @Test
  void clientCredentials_scopeAndAudience_sentAsFormParameters() {
    server.stub(
        tokenPost("client_credentials")
            .withFormParam("scope", equalTo("read write"))
            .withFormParam("audience", equalTo("https://api.example.com/"))
            .willReturn(token("acc-aud", null, 86400, "Bearer")));
    TokenManagerConfig c =
        config().scope("read write").audience("https://api.example.com/").build();

    TokenResponse r = endpoint(c).clientCredentials(true);

    assertEquals("acc-aud", r.accessToken().value());
    assertEquals(clock.instant().plusSeconds(86400), r.accessToken().expiresAt());
    assertNull(r.refreshToken());
  }

  @Test
  void refresh_basicStyle_refreshGrantWithBasicHeader() {
    server.stub(
        tokenPost("refresh_token")
            .withFormParam("refresh_token", equalTo("ref-1"))
            .withHeader("Authorization", equalTo(basic(ID, SECRET)))
            .withFormParam("client_secret", absent())
            .willReturn(caspioToken("acc-2", "ref-2")));
    TokenManagerConfig c = config().clientAuthentication(ClientAuthentication.BASIC).build();

    TokenResponse r = endpoint(c).refresh("ref-1", true);

    assertEquals("acc-2", r.accessToken().value());
    assertEquals("ref-2", r.refreshToken());
  }

  @Test
  void refresh_publicClientWithPreIssuedRefreshToken_onlyClientIdInBody() {
    server.stub(
        tokenPost("refresh_token")
            .withFormParam("client_id", equalTo(ID))
            .withFormParam("client_secret", absent())
            .withHeader("Authorization", absent())
            .willReturn(caspioToken("acc-3", null)));
    TokenManagerConfig c =
        TokenManagerConfig.builder()
            .tokenUri(server.tokenUri())
            .clientId(ID)
            .preIssuedToken("old-access", "ref-9", null)
            .clock(clock)
            .build();

    assertEquals("acc-3", endpoint(c).refresh("ref-9", true).accessToken().value());
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 500, 502, 503, 504})
  void clientCredentials_transientStatusTwiceThenToken_threeRequestsTwoWaits(int status) {
    server.sequence(
        aResponse().withStatus(status), aResponse().withStatus(status), caspioToken("acc", null));

    assertEquals("acc", endpoint().clientCredentials(true).accessToken().value());
    assertEquals(3, server.count());
    assertEquals(2, sleeper.waits.size());
  }

  @Test
  void clientCredentials_persistent503_maxRetriesPlusOneRequestsThenTransport() {
    server.stub(tokenPost(null).willReturn(oauthError(503, "temporarily_unavailable", "busy")));

    CaspioException e =
        assertThrows(CaspioException.class, () -> endpoint().clientCredentials(true));

    assertEquals(ErrorKind.TRANSPORT, e.kind());
    assertEquals("08S01", e.sqlState());
    assertEquals(503, e.httpStatus());
    assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
    assertTrue(e.getMessage().contains("after 4 attempts"), e.getMessage());
    assertEquals(4, server.count());
    assertEquals(3, sleeper.waits.size());
  }

  @Test
  void clientCredentials_noRetriesConfigured_oneRequest() {
    server.stub(tokenPost(null).willReturn(aResponse().withStatus(500)));

    assertThrows(
        CaspioException.class,
        () -> endpoint(config().maxRetries(0).build()).clientCredentials(true));
    assertEquals(1, server.count());
  }

  @Test
  void clientCredentials_withoutRetry_oneRequestDespiteMaxRetries() {
    server.stub(tokenPost(null).willReturn(aResponse().withStatus(503)));

    assertThrows(CaspioException.class, () -> endpoint().clientCredentials(false));
    assertEquals(1, server.count());
    assertTrue(sleeper.waits.isEmpty());
  }

  @Test
  void clientCredentials_backoffGrowsExponentiallyWithJitter() {
    server.stub(tokenPost(null).willReturn(aResponse().withStatus(500)));

    assertThrows(CaspioException.class, () -> endpoint().clientCredentials(true));

    long[][] bounds = {{50, 100}, {100, 200}, {200, 400}};
    for (int i = 0; i < bounds.length; i++) {
      long ms = sleeper.waits.get(i).toMillis();
      assertTrue(ms >= bounds[i][0] && ms <= bounds[i][1], "wait " + i + " = " + ms);
    }
  }

  @ParameterizedTest
  @CsvSource({"3, 3000", "120, 8000"})
  void clientCredentials_429WithRetryAfter_waitsThatLongUpToTheCap(
      String retryAfter, long expectedMillis) {
    server.sequence(
        aResponse().withStatus(429).withHeader("Retry-After", retryAfter),
        caspioToken("acc", null));

    assertEquals("acc", endpoint().clientCredentials(true).accessToken().value());
    assertEquals(expectedMillis, sleeper.waits.get(0).toMillis());
  }

  @Test
  void clientCredentials_retryAfterHttpDate_honoured() {
    server.sequence(
        aResponse().withStatus(503).withHeader("Retry-After", "Thu, 01 Jan 2026 00:00:05 GMT"),
        caspioToken("acc", null));

    endpoint().clientCredentials(true);
    assertEquals(5000, sleeper.waits.get(0).toMillis());
  }

  @ParameterizedTest
  @ValueSource(strings = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE"})
  void clientCredentials_ioFaultThenToken_retried(String fault) {
    server.sequence(aResponse().withFault(Fault.valueOf(fault)), caspioToken("acc", null));

    assertEquals("acc", endpoint().clientCredentials(true).accessToken().value());
    assertEquals(2, server.count());
  }

  @Test
  void clientCredentials_replyNotHttp_remoteNotRetried() {
    server.stub(tokenPost(null).willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));

    CaspioException e =
        assertThrows(CaspioException.class, () -> endpoint().clientCredentials(true));

    assertEquals(ErrorKind.REMOTE, e.kind());
    assertTrue(e.getMessage().contains("not valid HTTP"), e.getMessage());
    assertEquals(1, server.count());
  }

  @Test
  void clientCredentials_responseSlowerThanRequestTimeout_retriedThenTransport() {
    server.stub(tokenPost(null).willReturn(caspioToken("late", null).withFixedDelay(2_000)));
    TokenManagerConfig c = config().requestTimeout(Duration.ofMillis(200)).maxRetries(1).build();

    CaspioException e =
        assertThrows(CaspioException.class, () -> endpoint(c).clientCredentials(true));

    assertEquals(ErrorKind.TRANSPORT, e.kind());
    assertEquals(2, server.count());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "400 | invalid_client | Invalid client_id",
        "401 | invalid_client | Client authentication failed",
        "400 | invalid_request | Invalid client_id",
        "400 | unauthorized_client | The client is not authorized",
        "400 | unsupported_grant_type | grant not supported",
        "403 | access_denied | IP address not allowed",
      })
  void clientCredentials_credentialError_failsFastWithDescription(
      int status, String error, String description) {
    server.stub(tokenPost(null).willReturn(oauthError(status, error, description)));

    CaspioException e =
        assertThrows(CaspioException.class, () -> endpoint().clientCredentials(true));

    assertEquals(ErrorKind.AUTHENTICATION, e.kind());
    assertEquals("28000", e.sqlState());
    assertEquals(status, e.httpStatus());
    assertEquals(error, e.caspioCode());
    assertTrue(e.getMessage().contains(description), e.getMessage());
    assertTrue(e.getMessage().contains(server.tokenUri().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("client id and secret"), e.getMessage());
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    assertEquals(1, server.count());
    assertTrue(sleeper.waits.isEmpty());
  }

  @Test
  void clientCredentials_errorKeysInAnyCase_parsed() {
    server.stub(
        tokenPost(null)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(
                        "{\"Error\":\"invalid_request\","
                            + "\"ERROR_DESCRIPTION\":\"Invalid client_id\"}")));

    CaspioException e =
        assertThrows(CaspioException.class, () -> endpoint().clientCredentials(true));

    assertEquals("invalid_request", e.caspioCode());
    assertTrue(e.getMessage().contains("invalid_request: Invalid client_id"), e.getMessage());
  }

  @Test
  void clientCredentials_404WithoutBody_authenticationFailsFast() {
    server.stub(tokenPost(null).willReturn(aResponse().withStatus(404)));

    CaspioException e =
        assertThrows(CaspioException.class, () -> endpoint().clientCredentials(true));

    assertEquals(ErrorKind.AUTHENTICATION, e.kind());
    assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
    assertEquals(1, server.count());
  }

  @Test
  void clientCredentials_serverEchoesSecret_maskedInMessage() {
    server.stub(
        tokenPost(null)
            .willReturn(oauthError(401, "invalid_client", "secret " + SECRET + " is wrong")));

    CaspioException e =
        assertThrows(CaspioException.class, () -> endpoint().clientCredentials(true));

    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    assertTrue(e.getMessage().contains("secret **** is wrong"), e.getMessage());
  }

  @Test
  void refresh_invalidGrant_authenticationNamingTheRefreshToken() {
    server.stub(tokenPost("refresh_token").willReturn(oauthError(400, "invalid_grant", "expired")));

    CaspioException e =
        assertThrows(CaspioException.class, () -> endpoint().refresh("ref-x", true));

    assertEquals(ErrorKind.AUTHENTICATION, e.kind());
    assertTrue(e.getMessage().contains("rejected the refresh token"), e.getMessage());
    assertFalse(e.getMessage().contains("ref-x"), e.getMessage());
  }

  @Test
  void clientCredentials_htmlWith200_remoteNotRetried() {
    server.stub(
        tokenPost(null)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/html")
                    .withBody("<html>login page</html>")));

    CaspioException e =
        assertThrows(CaspioException.class, () -> endpoint().clientCredentials(true));

    assertEquals(ErrorKind.REMOTE, e.kind());
    assertTrue(e.getMessage().contains("text/html"), e.getMessage());
    assertFalse(e.getMessage().contains("login page"), e.getMessage());
    assertEquals(1, server.count());
  }

  @Test
  void clientCredentials_200WithoutAccessToken_remote() {
    server.stub(tokenPost(null).willReturn(okJson("{\"token_type\":\"bearer\"}")));

    CaspioException e =
        assertThrows(CaspioException.class, () -> endpoint().clientCredentials(true));

    assertEquals(ErrorKind.REMOTE, e.kind());
    assertTrue(e.getMessage().contains("without an access_token"), e.getMessage());
  }

  @Test
  void clientCredentials_hugeBody_remote() {
    server.stub(tokenPost(null).willReturn(okJson("{\"x\":\"" + "a".repeat(100_000) + "\"}")));

    CaspioException e =
        assertThrows(CaspioException.class, () -> endpoint().clientCredentials(true));

    assertEquals(ErrorKind.REMOTE, e.kind());
  }

  @Test
  void clientCredentials_redirect_notFollowedRemote() {
    String elsewhere = "http://127.0.0.1:" + server.wireMock.port() + "/elsewhere";
    server.stub(
        tokenPost(null).willReturn(aResponse().withStatus(307).withHeader("Location", elsewhere)));
    server.stub(post(urlEqualTo("/elsewhere")).willReturn(caspioToken("stolen", null)));
    server.stub(get(urlEqualTo("/elsewhere")).willReturn(caspioToken("stolen", null)));

    CaspioException e =
        assertThrows(CaspioException.class, () -> endpoint().clientCredentials(true));

    assertEquals(ErrorKind.REMOTE, e.kind());
    assertTrue(e.getMessage().contains("redirects are not followed"), e.getMessage());
    assertEquals(0, server.wireMock.findAll(postRequestedFor(urlEqualTo("/elsewhere"))).size());
  }

  @Test
  void clientCredentials_connectionRefused_retriedThenConnectionFailed() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    TokenManagerConfig c =
        config().tokenUri(URI.create("http://127.0.0.1:" + port + "/oauth/token")).build();

    CaspioException e =
        assertThrows(CaspioException.class, () -> endpoint(c).clientCredentials(true));

    assertEquals(ErrorKind.CONNECTION_FAILED, e.kind());
    assertEquals("08001", e.sqlState());
    assertTrue(e.getMessage().contains("Cannot reach the token endpoint"), e.getMessage());
    assertTrue(e.getMessage().contains("after 4 attempts"), e.getMessage());
    assertEquals(3, sleeper.waits.size());
  }

  @Test
  void clientCredentials_unknownHost_connectionFailedWithoutRetry() throws IOException {
    DnsResolver noDns =
        new DnsResolver() {
          @Override
          public InetAddress[] resolve(String host) throws UnknownHostException {
            throw new UnknownHostException(host);
          }

          @Override
          public String resolveCanonicalHostname(String host) throws UnknownHostException {
            throw new UnknownHostException(host);
          }
        };
    try (CloseableHttpClient offline =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(noDns).build())
            .disableAutomaticRetries()
            .build()) {
      TokenManagerConfig c = config().account("c1nosuchaccount.caspio.com").build();

      CaspioException e =
          assertThrows(
              CaspioException.class,
              () -> new HttpTokenEndpoint(c, offline, sleeper).clientCredentials(true));

      assertEquals(ErrorKind.CONNECTION_FAILED, e.kind());
      assertTrue(e.getMessage().contains("UnknownHostException"), e.getMessage());
      assertTrue(e.getMessage().contains("c1nosuchaccount.caspio.com"), e.getMessage());
      assertTrue(sleeper.waits.isEmpty());
    }
  }

  @Test
  void clientCredentials_closedClient_connectionFailed() throws IOException {
    http.close();

    CaspioException e =
        assertThrows(CaspioException.class, () -> endpoint().clientCredentials(true));

    assertEquals(ErrorKind.CONNECTION_FAILED, e.kind());
  }

  static String basic(String id, String secret) {
    return "Basic "
        + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }
}
