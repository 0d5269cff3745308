/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static io.github.caspiojdbc.auth.FakeTokenServer.caspioToken;
import static io.github.caspiojdbc.auth.FakeTokenServer.oauthError;
import static io.github.caspiojdbc.auth.FakeTokenServer.token;
import static io.github.caspiojdbc.auth.FakeTokenServer.tokenPost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Caching, the fresh/stale/expired states, single flight, invalidation and renewal paths of {@link
 * OAuthTokenManager}, with a movable clock and WireMock as token endpoint.
 */
class OAuthTokenManagerTest {
  private static final String ID = "client-id-1";
  private static final String SECRET = "Sup3rSecretValue42";
  private static final Duration DAY = Duration.ofSeconds(86399);

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
        .backoff(Duration.ZERO, Duration.ZERO)
        .clock(clock);
  }

  private OAuthTokenManager manager(TokenManagerConfig config) {
    return new OAuthTokenManager(
        config, config.tokenUri() == null ? null : new HttpTokenEndpoint(config, http, sleeper));
  }

  private OAuthTokenManager manager() {
    return manager(config().build());
  }

  @Test
  void accessToken_calledTwice_oneRequest() {
    server.stub(tokenPost("client_credentials").willReturn(caspioToken("acc-1", "ref-1")));
    OAuthTokenManager m = manager();

    assertEquals("acc-1", m.accessToken());
    assertEquals("acc-1", m.accessToken());
    assertEquals(1, server.count());
  }

  @Test
  void accessToken_freshUntilRefreshMargin_noRequest() {
    server.stub(tokenPost("client_credentials").willReturn(caspioToken("acc-1", "ref-1")));
    OAuthTokenManager m = manager();
    m.accessToken();

    clock.advance(DAY.minusMinutes(5).minusSeconds(1));

    assertEquals("acc-1", m.accessToken());
    assertEquals(1, server.count());
  }

  @Test
  void accessToken_expiredDuringUse_renewedWithRefreshToken() {
    server.stub(tokenPost("client_credentials").willReturn(caspioToken("acc-1", "ref-1")));
    server.stub(
        tokenPost("refresh_token")
            .withFormParam("refresh_token", equalTo("ref-1"))
            .willReturn(caspioToken("acc-2", null)));
    OAuthTokenManager m = manager();
    assertEquals("acc-1", m.accessToken());

    clock.advance(DAY.minusMinutes(2));

    assertEquals("acc-2", m.accessToken());
    assertEquals(1, server.count("client_credentials"));
    assertEquals(1, server.count("refresh_token"));
  }

  @Test
  void accessToken_refreshReturnsRotatedToken_nextRefreshUsesIt() {
    server.stub(tokenPost("client_credentials").willReturn(caspioToken("acc-1", "ref-1")));
    server.stub(
        tokenPost("refresh_token")
            .withFormParam("refresh_token", equalTo("ref-1"))
            .willReturn(caspioToken("acc-2", "ref-2")));
    server.stub(
        tokenPost("refresh_token")
            .withFormParam("refresh_token", equalTo("ref-2"))
            .willReturn(caspioToken("acc-3", "ref-3")));
    OAuthTokenManager m = manager();
    m.accessToken();
    clock.advance(DAY);
    assertEquals("acc-2", m.accessToken());

    clock.advance(DAY);

    assertEquals("acc-3", m.accessToken());
    assertEquals(2, server.count("refresh_token"));
  }

  @Test
  void accessToken_refreshReturnsNoRefreshToken_keepsTheOldOne() {
    server.stub(tokenPost("client_credentials").willReturn(caspioToken("acc-1", "ref-1")));
    server.stub(
        tokenPost("refresh_token")
            .withFormParam("refresh_token", equalTo("ref-1"))
            .willReturn(caspioToken("acc-n", null)));
    OAuthTokenManager m = manager();
    m.accessToken();
    clock.advance(DAY);
    m.accessToken();
    clock.advance(DAY);

    assertEquals("acc-n", m.accessToken());
    assertEquals(2, server.count("refresh_token"));
    assertEquals(1, server.count("client_credentials"));
  }

  @Test
  void accessToken_refreshTokenRejected_fallsBackToClientCredentials() {
    server.stub(tokenPost("client_credentials").willReturn(caspioToken("acc-cc", "ref-1")));
    server.stub(tokenPost("refresh_token").willReturn(oauthError(400, "invalid_grant", "expired")));
    OAuthTokenManager m = manager();
    m.accessToken();
    clock.advance(DAY);

    assertEquals("acc-cc", m.accessToken());
    assertEquals(1, server.count("refresh_token"));
    assertEquals(2, server.count("client_credentials"));
  }

  @Test
  void accessToken_refreshEndpointDown_failsWithoutFallback() {
    server.stub(tokenPost("client_credentials").willReturn(caspioToken("acc-1", "ref-1")));
    server.stub(tokenPost("refresh_token").willReturn(aResponse().withStatus(503)));
    OAuthTokenManager m = manager();
    m.accessToken();
    clock.advance(DAY);

    CaspioException e = assertThrows(CaspioException.class, m::accessToken);

    assertEquals(ErrorKind.TRANSPORT, e.kind());
    assertEquals(1, server.count("client_credentials"));
    assertEquals(4, server.count("refresh_token"));
  }

  @Test
  void accessToken_serverGivesNoRefreshToken_clientCredentialsAgain() {
    server.stub(tokenPost("client_credentials").willReturn(token("acc-x", null, 86400, "Bearer")));
    OAuthTokenManager m = manager();
    m.accessToken();
    clock.advance(Duration.ofDays(1));

    m.accessToken();

    assertEquals(2, server.count("client_credentials"));
    assertEquals(0, server.count("refresh_token"));
  }

  @Test
  void accessToken_noExpiresIn_assumesOneHour() {
    server.stub(tokenPost("client_credentials").willReturn(token("acc-x", null, null, null)));
    OAuthTokenManager m = manager();
    m.accessToken();
    clock.advance(Duration.ofMinutes(54));
    m.accessToken();
    assertEquals(1, server.count());

    clock.advance(Duration.ofMinutes(4));
    m.accessToken();

    assertEquals(2, server.count());
  }

  @Test
  void accessToken_jwtWithoutExpiresIn_renewedBeforeExp() {
    String jwt = TokenReplyParserTest.jwt(clock.instant().plusSeconds(1800).getEpochSecond());
    server.stub(tokenPost("client_credentials").willReturn(token(jwt, null, null, "Bearer")));
    OAuthTokenManager m = manager();
    assertEquals(jwt, m.accessToken());
    clock.advance(Duration.ofMinutes(24));
    m.accessToken();
    assertEquals(1, server.count());

    clock.advance(Duration.ofMinutes(4));
    m.accessToken();

    assertEquals(2, server.count());
  }

  @Test
  void accessToken_shortLivedToken_marginsShrinkSoItIsCached() {
    server.stub(tokenPost("client_credentials").willReturn(token("short", null, 60, "bearer")));
    OAuthTokenManager m = manager();
    m.accessToken();
    m.accessToken();
    clock.advance(Duration.ofSeconds(29));
    m.accessToken();
    assertEquals(1, server.count());

    clock.advance(Duration.ofSeconds(17));
    m.accessToken();

    assertEquals(2, server.count());
  }

  @Test
  void accessToken_stale_ownerRenewsWhileOthersGetTheOldToken() throws Exception {
    server.stub(tokenPost("client_credentials").willReturn(caspioToken("acc-1", "ref-1")));
    server.stub(
        tokenPost("refresh_token").willReturn(caspioToken("acc-2", "ref-2").withFixedDelay(1500)));
    OAuthTokenManager m = manager();
    m.accessToken();
    clock.advance(DAY.minusMinutes(4));

    CompletableFuture<String> owner = CompletableFuture.supplyAsync(m::accessToken);
    awaitRequests("refresh_token", 1);
    String other = m.accessToken();

    assertEquals("acc-1", other);
    assertEquals("acc-2", owner.get(30, TimeUnit.SECONDS));
    assertEquals("acc-2", m.accessToken());
    assertEquals(1, server.count("refresh_token"));
  }

  @Test
  void accessToken_staleRenewalFails_oneAttemptKeepsOldTokenAndPauses() {
    server.stub(tokenPost("client_credentials").willReturn(caspioToken("acc-1", "ref-1")));
    server.stub(tokenPost("refresh_token").willReturn(aResponse().withStatus(503)));
    OAuthTokenManager m = manager();
    m.accessToken();
    clock.advance(DAY.minusMinutes(4));

    assertEquals("acc-1", m.accessToken());
    assertEquals("acc-1", m.accessToken());
    assertEquals(1, server.count("refresh_token"));

    clock.advance(OAuthTokenManager.PROACTIVE_PAUSE.plusSeconds(1));
    assertEquals("acc-1", m.accessToken());
    assertEquals(2, server.count("refresh_token"));
  }

  @Test
  void accessToken_proactiveRenewalFailsAfterTokenExpired_waitersGetAFullRenewal()
      throws Exception {
    server.sequence(
        caspioToken("acc-1", "ref-1"),
        aResponse().withStatus(503).withFixedDelay(1000),
        caspioToken("acc-2", "ref-2"));
    OAuthTokenManager m = manager();
    m.accessToken();
    clock.advance(DAY.minusMinutes(4));

    CompletableFuture<String> owner = CompletableFuture.supplyAsync(m::accessToken);
    awaitRequests("refresh_token", 1);
    clock.advance(Duration.ofMinutes(2));

    assertEquals("acc-2", m.accessToken());
    assertEquals("acc-2", owner.get(30, TimeUnit.SECONDS));
    assertEquals(2, server.count("refresh_token"));
  }

  @Test
  void accessToken_64ConcurrentCallersWhileStale_oneRenewalOthersKeepOldToken() throws Exception {
    server.stub(tokenPost("client_credentials").willReturn(caspioToken("acc-1", "ref-1")));
    server.stub(
        tokenPost("refresh_token").willReturn(caspioToken("acc-2", "ref-2").withFixedDelay(500)));
    OAuthTokenManager m = manager();
    m.accessToken();
    clock.advance(DAY.minusMinutes(4));

    List<Concurrently.Outcome<String>> outcomes = Concurrently.run(64, m::accessToken);

    long old = outcomes.stream().filter(o -> "acc-1".equals(o.value())).count();
    long fresh = outcomes.stream().filter(o -> "acc-2".equals(o.value())).count();
    assertEquals(64, old + fresh);
    assertTrue(fresh >= 1, "the renewing caller gets the new token");
    assertTrue(old >= 1, "callers arriving during the renewal keep the old token");
    assertEquals(1, server.count("refresh_token"));
  }

  @Test
  void accessToken_64ConcurrentCallersOnColdManager_oneRequest() throws Exception {
    server.stub(
        tokenPost("client_credentials")
            .willReturn(caspioToken("acc-1", "ref-1").withFixedDelay(300)));
    OAuthTokenManager m = manager();

    List<Concurrently.Outcome<String>> outcomes = Concurrently.run(64, m::accessToken);

    for (Concurrently.Outcome<String> o : outcomes) {
      assertNull(o.error());
      assertEquals("acc-1", o.value());
    }
    assertEquals(1, server.count());
  }

  @Test
  void accessToken_64ConcurrentCallersAfterExpiry_oneRenewal() throws Exception {
    server.stub(tokenPost("client_credentials").willReturn(caspioToken("acc-1", "ref-1")));
    server.stub(
        tokenPost("refresh_token").willReturn(caspioToken("acc-2", "ref-2").withFixedDelay(300)));
    OAuthTokenManager m = manager();
    m.accessToken();
    clock.advance(DAY);

    List<Concurrently.Outcome<String>> outcomes = Concurrently.run(64, m::accessToken);

    outcomes.forEach(o -> assertEquals("acc-2", o.value()));
    assertEquals(1, server.count("refresh_token"));
    assertEquals(1, server.count("client_credentials"));
  }

  @Test
  void accessToken_concurrentCallersAndCredentialError_allFailFromOneRequest() throws Exception {
    server.stub(
        tokenPost("client_credentials")
            .willReturn(
                oauthError(401, "invalid_client", "Invalid client_id").withFixedDelay(300)));
    OAuthTokenManager m = manager();

    List<Concurrently.Outcome<String>> outcomes = Concurrently.run(16, m::accessToken);

    Set<Throwable> distinct = new HashSet<>();
    for (Concurrently.Outcome<String> o : outcomes) {
      CaspioException e = assertInstanceOf(CaspioException.class, o.error());
      assertEquals(ErrorKind.AUTHENTICATION, e.kind());
      assertTrue(e.getMessage().contains("Invalid client_id"), e.getMessage());
      distinct.add(e);
    }
    assertEquals(16, distinct.size(), "each caller gets its own exception");
    assertEquals(1, server.count());
  }

  @Test
  void accessToken_afterFailure_nextCallTriesAgainAndRecovers() {
    server.stub(tokenPost("client_credentials").willReturn(aResponse().withStatus(500)));
    OAuthTokenManager m = manager(config().maxRetries(0).build());
    assertThrows(CaspioException.class, m::accessToken);

    server.wireMock.resetMappings();
    server.stub(tokenPost("client_credentials").willReturn(caspioToken("acc-ok", null)));

    assertEquals("acc-ok", m.accessToken());
    assertEquals(2, server.count());
  }

  @Test
  void invalidate_manyThreadsReportTheSameToken_oneRenewal() throws Exception {
    server.stub(tokenPost("client_credentials").willReturn(caspioToken("acc-1", "ref-1")));
    server.stub(
        tokenPost("refresh_token").willReturn(caspioToken("acc-2", "ref-2").withFixedDelay(200)));
    OAuthTokenManager m = manager();
    String rejected = m.accessToken();

    List<Concurrently.Outcome<String>> outcomes =
        Concurrently.run(
            32,
            () -> {
              m.invalidate(rejected);
              return m.accessToken();
            });

    outcomes.forEach(o -> assertEquals("acc-2", o.value()));
    assertEquals(1, server.count("refresh_token"));
    m.invalidate(rejected);
    assertEquals("acc-2", m.accessToken());
    assertEquals(1, server.count("refresh_token"));
  }

  @Test
  void invalidate_otherOrNullToken_ignored() {
    server.stub(tokenPost("client_credentials").willReturn(caspioToken("acc-1", "ref-1")));
    OAuthTokenManager m = manager();
    m.accessToken();

    m.invalidate("some-other-token");
    m.invalidate(null);

    assertEquals("acc-1", m.accessToken());
    assertEquals(1, server.count());
  }

  @Test
  void invalidate_beforeAnyToken_noEffect() {
    server.stub(tokenPost("client_credentials").willReturn(caspioToken("acc-1", "ref-1")));
    OAuthTokenManager m = manager();

    m.invalidate("acc-1");

    assertEquals("acc-1", m.accessToken());
    assertEquals(1, server.count());
  }

  @Test
  void preIssuedToken_alone_servedWithoutAnyRequest() {
    OAuthTokenManager m =
        manager(
            TokenManagerConfig.builder()
                .preIssuedToken("pre-tok", null, null)
                .clock(clock)
                .build());

    clock.advance(Duration.ofDays(400));

    assertEquals("pre-tok", m.accessToken());
    assertEquals(0, server.count());
  }

  @Test
  void preIssuedToken_aloneAndRejected_authenticationSayingWhatToDo() {
    OAuthTokenManager m =
        manager(
            TokenManagerConfig.builder()
                .preIssuedToken("pre-tok", null, null)
                .clock(clock)
                .build());
    m.invalidate(m.accessToken());

    CaspioException e = assertThrows(CaspioException.class, m::accessToken);

    assertEquals(ErrorKind.AUTHENTICATION, e.kind());
    assertEquals("28000", e.sqlState());
    assertTrue(e.getMessage().contains("pre-issued access token"), e.getMessage());
    assertTrue(e.getMessage().contains("Supply a new access token"), e.getMessage());
    assertFalse(e.getMessage().contains("pre-tok"), e.getMessage());
  }

  @Test
  void preIssuedToken_jwtPastItsExp_authenticationWithoutRequest() {
    String jwt = TokenReplyParserTest.jwt(clock.instant().plusSeconds(3600).getEpochSecond());
    OAuthTokenManager m =
        manager(TokenManagerConfig.builder().preIssuedToken(jwt, null, null).clock(clock).build());
    assertEquals(jwt, m.accessToken());

    clock.advance(Duration.ofHours(1));

    assertEquals(
        ErrorKind.AUTHENTICATION, assertThrows(CaspioException.class, m::accessToken).kind());
    assertEquals(0, server.count());
  }

  @Test
  void preIssuedToken_explicitExpiryPassed_authentication() {
    OAuthTokenManager m =
        manager(
            TokenManagerConfig.builder()
                .preIssuedToken("pre-tok", null, clock.instant().plusSeconds(60))
                .clock(clock)
                .build());
    clock.advance(Duration.ofSeconds(60));

    assertEquals(
        ErrorKind.AUTHENTICATION, assertThrows(CaspioException.class, m::accessToken).kind());
  }

  @Test
  void preIssuedToken_withRefreshToken_renewedAndRotated() {
    server.stub(
        tokenPost("refresh_token")
            .withFormParam("refresh_token", equalTo("pre-ref"))
            .withFormParam("client_id", equalTo(ID))
            .willReturn(caspioToken("acc-2", "ref-2")));
    OAuthTokenManager m =
        manager(
            TokenManagerConfig.builder()
                .tokenUri(server.tokenUri())
                .clientId(ID)
                .preIssuedToken("pre-tok", "pre-ref", null)
                .clock(clock)
                .build());
    m.invalidate(m.accessToken());

    assertEquals("acc-2", m.accessToken());
    assertEquals(1, server.count("refresh_token"));
  }

  @Test
  void preIssuedToken_refreshRejectedAndNoSecret_authentication() {
    server.stub(tokenPost("refresh_token").willReturn(oauthError(400, "invalid_grant", "revoked")));
    OAuthTokenManager m =
        manager(
            TokenManagerConfig.builder()
                .tokenUri(server.tokenUri())
                .preIssuedToken("pre-tok", "pre-ref", null)
                .clock(clock)
                .build());
    m.invalidate("pre-tok");

    CaspioException e = assertThrows(CaspioException.class, m::accessToken);

    assertEquals(ErrorKind.AUTHENTICATION, e.kind());
    assertTrue(e.getMessage().contains("refresh token was refused"), e.getMessage());
    assertTrue(e.getMessage().contains("revoked"), e.getMessage());
    assertFalse(e.getMessage().contains("pre-ref"), e.getMessage());
  }

  @Test
  void preIssuedToken_withClientSecretAndRejected_clientCredentials() {
    server.stub(tokenPost("client_credentials").willReturn(caspioToken("acc-cc", null)));
    OAuthTokenManager m = manager(config().preIssuedToken("pre-tok", null, null).build());
    assertEquals("pre-tok", m.accessToken());
    m.invalidate("pre-tok");

    assertEquals("acc-cc", m.accessToken());
  }

  @Test
  void toString_withToken_masksIt() {
    server.stub(tokenPost("client_credentials").willReturn(caspioToken("acc-secret-1", "ref-1")));
    OAuthTokenManager m = manager();
    m.accessToken();

    assertFalse(m.toString().contains("acc-secret-1"), m.toString());
    assertFalse(m.toString().contains(SECRET), m.toString());
    assertNotSame(null, m.toString());
  }

  /** Waits (bounded) until WireMock has received the given number of requests for a grant. */
  private void awaitRequests(String grant, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (server.count(grant) < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + grant + " request arrived");
      }
      Thread.sleep(10);
    }
  }
}
