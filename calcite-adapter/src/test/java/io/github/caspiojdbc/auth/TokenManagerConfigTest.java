/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Validation, defaults, URL derivation and redaction of {@link TokenManagerConfig}. */
class TokenManagerConfigTest {
  private static final String SECRET = "s3cr3t-Value-9f8e7d";

  private static TokenManagerConfig.Builder valid() {
    return TokenManagerConfig.builder().account("c1abc.caspio.com").clientCredentials("id", SECRET);
  }

  @ParameterizedTest
  @CsvSource({
    "c1abc.caspio.com, https://c1abc.caspio.com/oauth/token",
    "c1abc.caspio.com:8443, https://c1abc.caspio.com:8443/oauth/token",
    "https://c1abc.caspio.com/rest/v2, https://c1abc.caspio.com/oauth/token",
    "https://c1abc.caspio.com/integrations/rest/v3/, https://c1abc.caspio.com/oauth/token",
    "http://127.0.0.1:9090/rest/v2, http://127.0.0.1:9090/oauth/token",
    "HTTPS://Example.COM:444, https://Example.COM:444/oauth/token",
  })
  void defaultTokenUri_accountHostOrUrl_keepsSchemeHostAndPort(String account, String expected) {
    assertEquals(URI.create(expected), TokenManagerConfig.defaultTokenUri(account));
  }

  @Test
  void build_onlyCredentials_appliesDocumentedDefaults() {
    TokenManagerConfig c = valid().build();
    assertEquals(ClientAuthentication.BODY, c.clientAuthentication());
    assertEquals(Duration.ofMinutes(5), c.refreshMargin());
    assertEquals(Duration.ofMinutes(3), c.expiryMargin());
    assertEquals(3, c.maxRetries());
    assertEquals(Duration.ofMillis(500), c.initialBackoff());
    assertEquals(Duration.ofSeconds(8), c.maxBackoff());
    assertEquals(Duration.ofSeconds(30), c.requestTimeout());
    assertTrue(c.canRenew());
  }

  @ParameterizedTest
  @CsvSource({
    "http://c1abc.caspio.com/oauth/token",
    "http://10.0.0.1/oauth/token",
    "http://localhost.example.com/oauth/token",
    "http://127.0.0.1.nip.io/oauth/token",
  })
  void build_plainHttpToRemoteHost_connectionFailedBeforeAnySocket(String url) {
    CaspioException e = assertThrows(CaspioException.class, () -> valid().tokenUrl(url).build());
    assertEquals(ErrorKind.CONNECTION_FAILED, e.kind());
    assertEquals("08001", e.sqlState());
    assertTrue(e.getMessage().contains("plain HTTP"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "http://127.0.0.1:8080/oauth/token",
    "http://127.1.2.3/oauth/token",
    "http://localhost:8080/oauth/token",
    "http://[::1]:8080/oauth/token",
    "https://c1abc.caspio.com/oauth/token",
  })
  void build_httpsOrLoopback_accepted(String url) {
    assertEquals(URI.create(url), valid().tokenUrl(url).build().tokenUri());
  }

  @Test
  void build_userInfoInUrl_rejectedWithoutEchoingIt() {
    CaspioException e =
        assertThrows(
            CaspioException.class,
            () ->
                valid().tokenUrl("https://id:" + SECRET + "@c1abc.caspio.com/oauth/token").build());
    assertEquals(ErrorKind.INVALID_PARAMETER, e.kind());
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
  }

  @Test
  void build_otherScheme_invalidParameter() {
    CaspioException e =
        assertThrows(
            CaspioException.class, () -> valid().tokenUrl("ftp://c1abc.caspio.com/x").build());
    assertEquals(ErrorKind.INVALID_PARAMETER, e.kind());
  }

  @Test
  void build_noCredentials_connectionFailedNamingWhatToSet() {
    CaspioException e =
        assertThrows(
            CaspioException.class,
            () -> TokenManagerConfig.builder().account("c1abc.caspio.com").build());
    assertEquals(ErrorKind.CONNECTION_FAILED, e.kind());
    assertTrue(e.getMessage().contains("clientSecret"), e.getMessage());
  }

  @Test
  void build_secretWithoutClientId_connectionFailed() {
    CaspioException e =
        assertThrows(
            CaspioException.class,
            () ->
                TokenManagerConfig.builder()
                    .account("c1abc.caspio.com")
                    .clientCredentials(" ", SECRET)
                    .build());
    assertEquals(ErrorKind.CONNECTION_FAILED, e.kind());
  }

  @Test
  void build_secretWithoutTokenUrl_connectionFailed() {
    CaspioException e =
        assertThrows(
            CaspioException.class,
            () -> TokenManagerConfig.builder().clientCredentials("id", SECRET).build());
    assertEquals(ErrorKind.CONNECTION_FAILED, e.kind());
  }

  @Test
  void build_preIssuedTokenAlone_needsNoTokenUrlAndCannotRenew() {
    TokenManagerConfig c =
        TokenManagerConfig.builder().preIssuedToken("tok-abcdef", null, null).build();
    assertEquals(null, c.tokenUri());
    assertFalse(c.canRenew());
  }

  @Test
  void build_preIssuedRefreshTokenWithoutUrl_connectionFailed() {
    assertThrows(
        CaspioException.class,
        () ->
            TokenManagerConfig.builder().preIssuedToken("tok-abcdef", "ref-abcdef", null).build());
  }

  @Test
  void build_badDurationsAndCounts_invalidParameter() {
    for (TokenManagerConfig.Builder b :
        new TokenManagerConfig.Builder[] {
          valid().refreshMargin(Duration.ofSeconds(-1)),
          valid().refreshMargin(Duration.ofMinutes(1)).expiryMargin(Duration.ofMinutes(2)),
          valid().backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)),
          valid().requestTimeout(Duration.ZERO),
        }) {
      CaspioException e = assertThrows(CaspioException.class, b::build);
      assertEquals(ErrorKind.INVALID_PARAMETER, e.kind(), e.getMessage());
    }
  }

  @Test
  void toString_withSecretAndTokens_masksThem() {
    TokenManagerConfig c =
        valid()
            .preIssuedToken("access-TOKEN-123456", "refresh-TOKEN-654321", Instant.EPOCH)
            .scope("read")
            .build();
    String s = c.toString();
    assertFalse(s.contains(SECRET), s);
    assertFalse(s.contains("access-TOKEN-123456"), s);
    assertFalse(s.contains("refresh-TOKEN-654321"), s);
    assertTrue(s.contains("clientSecret=****"), s);
    assertTrue(s.contains("clientId=id"), s);
    assertTrue(s.contains("https://c1abc.caspio.com/oauth/token"), s);
  }

  @Test
  void sharingKey_sameSettings_equalAndHoldsNoSecret() {
    Object a = valid().build().sharingKey();
    Object b = valid().build().sharingKey();
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertFalse(a.toString().contains(SECRET));
  }

  @Test
  void sharingKey_differentSecretOrClientIdOrScope_differs() {
    Object base = valid().build().sharingKey();
    assertNotEquals(base, valid().clientCredentials("id", SECRET + "x").build().sharingKey());
    assertNotEquals(base, valid().clientCredentials("id2", SECRET).build().sharingKey());
    assertNotEquals(base, valid().scope("s").build().sharingKey());
    assertNotEquals(base, valid().audience("a").build().sharingKey());
    assertNotEquals(
        base, valid().tokenUrl("https://other.caspio.com/oauth/token").build().sharingKey());
  }
}
