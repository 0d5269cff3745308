/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static io.github.caspiojdbc.auth.FakeTokenServer.caspioToken;
import static io.github.caspiojdbc.auth.FakeTokenServer.oauthError;
import static io.github.caspiojdbc.auth.FakeTokenServer.tokenPost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The process-wide registry: connections with the same credentials share one token; different
 * client ids or secrets never do. Each test has its own server port and clock, so its keys are its
 * own.
 */
class TokenManagersTest {
  private static final String SECRET = "Sup3rSecretValue42";

  private FakeTokenServer server;
  private final MutableClock clock = new MutableClock();

  @BeforeEach
  void start() {
    server = new FakeTokenServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** What a new JDBC connection would build from its properties. */
  private TokenManagerConfig connection(String clientId, String secret) {
    return TokenManagerConfig.builder()
        .tokenUri(server.tokenUri())
        .clientCredentials(clientId, secret)
        .clock(clock)
        .build();
  }

  @Test
  void shared_twoConnectionsSameCredentials_sameSourceOneRequest() {
    server.stub(tokenPost("client_credentials").willReturn(caspioToken("acc-1", "ref-1")));

    TokenManagers.Lease first = TokenManagers.lease(connection("id-a", SECRET));
    TokenManagers.Lease second = TokenManagers.lease(connection("id-a", SECRET));

    assertSame(first.source(), second.source());
    assertEquals(0, server.count(), "creating a source must not request a token");
    assertEquals("acc-1", first.accessToken());
    assertEquals("acc-1", second.accessToken());
    assertEquals(1, server.count());
  }

  @Test
  void shared_64ThreadsEachOpeningAConnection_oneRequest() throws Exception {
    server.stub(
        tokenPost("client_credentials")
            .willReturn(caspioToken("acc-1", "ref-1").withFixedDelay(300)));

    List<Concurrently.Outcome<String>> outcomes =
        Concurrently.run(64, () -> TokenManagers.lease(connection("id-b", SECRET)).accessToken());

    for (Concurrently.Outcome<String> o : outcomes) {
      assertNull(o.error());
      assertEquals("acc-1", o.value());
    }
    assertEquals(1, server.count());
  }

  @Test
  void shared_differentClientIds_neverShare() {
    server.stub(
        tokenPost("client_credentials")
            .withFormParam("client_id", equalTo("id-c1"))
            .willReturn(caspioToken("acc-c1", null)));
    server.stub(
        tokenPost("client_credentials")
            .withFormParam("client_id", equalTo("id-c2"))
            .willReturn(caspioToken("acc-c2", null)));

    TokenManagers.Lease one = TokenManagers.lease(connection("id-c1", SECRET));
    TokenManagers.Lease two = TokenManagers.lease(connection("id-c2", SECRET));

    assertNotSame(one.source(), two.source());
    assertEquals("acc-c1", one.accessToken());
    assertEquals("acc-c2", two.accessToken());
    assertEquals(2, server.count());
  }

  @Test
  void shared_wrongSecret_neverGetsTheTokenOfTheRightOne() {
    server.stub(
        tokenPost("client_credentials")
            .withFormParam("client_secret", equalTo(SECRET))
            .willReturn(caspioToken("acc-right", null)));
    server.stub(
        tokenPost("client_credentials")
            .withFormParam("client_secret", equalTo("wrong-secret"))
            .willReturn(oauthError(401, "invalid_client", "Invalid client secret")));
    TokenManagers.Lease right = TokenManagers.lease(connection("id-d", SECRET));
    assertEquals("acc-right", right.accessToken());

    TokenManagers.Lease wrong = TokenManagers.lease(connection("id-d", "wrong-secret"));
    CaspioException e = assertThrows(CaspioException.class, wrong::accessToken);

    assertNotSame(right.source(), wrong.source());
    assertEquals(ErrorKind.AUTHENTICATION, e.kind());
    assertEquals("acc-right", right.accessToken());
    assertEquals(2, server.count());
  }

  @Test
  void shared_moreCredentialsThanTheBound_leastRecentlyUsedNoLongerShared() {
    TokenManagers.Lease first = TokenManagers.lease(connection("id-e0", SECRET));
    for (int i = 1; i <= TokenManagers.MAX_MANAGERS; i++) {
      TokenManagers.lease(connection("id-e" + i, SECRET));
    }

    assertNotSame(first.source(), TokenManagers.lease(connection("id-e0", SECRET)).source());
  }

  @Test
  void lease_lastOneClosed_closesTheClientAndKeepsTheToken() {
    server.stub(tokenPost("client_credentials").willReturn(caspioToken("acc-f", "ref-f")));
    int before = TokenManagers.openLeases();
    TokenManagers.Lease one = TokenManagers.lease(connection("id-f", SECRET));
    TokenManagers.Lease two = TokenManagers.lease(connection("id-f", SECRET));
    assertEquals("acc-f", one.accessToken());
    assertEquals(before + 2, TokenManagers.openLeases());

    one.close();
    one.close(); // a second close releases nothing more
    assertEquals(before + 1, TokenManagers.openLeases());
    assertTrue(TokenManagers.clientOpen(), "still leased by the second connection");
    two.close();
    assertEquals(before, TokenManagers.openLeases());
    if (before == 0) {
      assertFalse(TokenManagers.clientOpen(), "the last lease closed the HTTP client");
    }

    try (TokenManagers.Lease three = TokenManagers.lease(connection("id-f", SECRET))) {
      assertEquals("acc-f", three.accessToken(), "the cached token outlives the client");
    }
    assertEquals(1, server.count());
  }
}
