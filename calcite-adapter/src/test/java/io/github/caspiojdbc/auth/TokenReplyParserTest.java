/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reply variants of the OAuth client-credentials family, and malformed replies. */
class TokenReplyParserTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String WHERE = "https://c1abc.caspio.com/oauth/token";
  private static final String SECRET = "client-secret-XYZ";

  private static TokenResponse parse(String json) {
    return TokenReplyParser.parseSuccess(
        200, json.getBytes(StandardCharsets.UTF_8), "application/json", T0, WHERE, List.of(SECRET));
  }

  private static CaspioException failure(String body, String contentType) {
    return assertThrows(
        CaspioException.class,
        () ->
            TokenReplyParser.parseSuccess(
                200,
                body.getBytes(StandardCharsets.UTF_8),
                contentType,
                T0,
                WHERE,
                List.of(SECRET)));
  }

  static String jwt(long exp) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(
            ("{\"sub\":\"client\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8))
        + ".c2lnbmF0dXJl";
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"access_token\":\"abc\",\"token_type\":\"bearer\",\"expires_in\":86399,"
            + "\"refresh_token\":\"r1\"} | 86399 | r1",
        "{\"access_token\":\"abc\",\"token_type\":\"Bearer\",\"expires_in\":86400} | 86400 |",
        "{\"access_token\":\"abc\",\"token_type\":\"BEARER\",\"expires_in\":\"3600\"} | 3600 |",
        "{\"access_token\":\"abc\",\"token_type\":\"bearer\"} | 3600 |",
        "{\"access_token\":\"abc\"} | 3600 |",
        "{\"access_token\":\"abc\",\"expires_in\":0} | 3600 |",
        "{\"access_token\":\"abc\",\"expires_in\":-5} | 3600 |",
        "{\"access_token\":\"abc\",\"expires_in\":\"soon\"} | 3600 |",
        "{\"Access_Token\":\"abc\",\"Token_Type\":\"bearer\",\"Expires_In\":120,"
            + "\"Refresh_Token\":\"r2\"} | 120 | r2",
      })
  void parseSuccess_variants_tokenLifetimeAndRefreshToken(
      String json, long lifetimeSeconds, String refresh) {
    TokenResponse r = parse(json);
    assertEquals("abc", r.accessToken().value());
    assertEquals(T0.plusSeconds(lifetimeSeconds), r.accessToken().expiresAt());
    assertEquals(refresh, r.refreshToken());
  }

  @Test
  void parseSuccess_jwtWithoutExpiresIn_usesExp() {
    String token = jwt(T0.plusSeconds(600).getEpochSecond());
    TokenResponse r = parse("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\"}");
    assertEquals(T0.plusSeconds(600), r.accessToken().expiresAt());
  }

  @Test
  void parseSuccess_jwtExpEarlierThanExpiresIn_usesEarlier() {
    String token = jwt(T0.plusSeconds(600).getEpochSecond());
    TokenResponse r = parse("{\"access_token\":\"" + token + "\",\"expires_in\":86400}");
    assertEquals(T0.plusSeconds(600), r.accessToken().expiresAt());
  }

  @Test
  void parseSuccess_jwtExpInThePast_clockSkewIgnoredUsesExpiresIn() {
    String token = jwt(T0.minusSeconds(60).getEpochSecond());
    TokenResponse r = parse("{\"access_token\":\"" + token + "\",\"expires_in\":86400}");
    assertEquals(T0.plusSeconds(86400), r.accessToken().expiresAt());
  }

  @Test
  void parseSuccess_dottedButNotJwt_defaultLifetime() {
    TokenResponse r = parse("{\"access_token\":\"a.b.c\"}");
    assertEquals(T0.plus(TokenReplyParser.DEFAULT_LIFETIME), r.accessToken().expiresAt());
  }

  @Test
  void jwtExpiry_jwtAndOpaque() {
    assertEquals(T0, TokenReplyParser.jwtExpiry(jwt(T0.getEpochSecond())));
    assertNull(TokenReplyParser.jwtExpiry("opaque-token"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "<html><body>Sign in</body></html> | text/html | not a JSON object",
        "[1,2] | application/json | not a JSON object",
        "'' | application/json | not a JSON object",
        "{\"token_type\":\"bearer\"} | application/json | without an access_token",
        "{\"access_token\":\"\"} | application/json | without an access_token",
        "{\"access_token\":\"abc\",\"token_type\":\"mac\"} | application/json | type 'mac'",
        "{\"access_token\":\"ab c\"} | application/json | cannot be sent in an HTTP header",
      })
  void parseSuccess_malformed_remoteWithClearMessage(String body, String type, String fragment) {
    CaspioException e = failure(body, type);
    assertEquals(ErrorKind.REMOTE, e.kind());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
    assertTrue(e.getMessage().contains(WHERE), e.getMessage());
    assertFalse(e.getMessage().contains("Sign in"), "body must not be echoed");
  }

  @Test
  void parseSuccess_errorIn200_authenticationWithDescription() {
    CaspioException e =
        failure("{\"ERROR\":\"invalid_client\",\"Error_Description\":\"Invalid client_id\"}", null);
    assertEquals(ErrorKind.AUTHENTICATION, e.kind());
    assertEquals("invalid_client", e.caspioCode());
    assertTrue(e.getMessage().contains("Invalid client_id"), e.getMessage());
  }

  @Test
  void parseError_secretEchoedAndControlCharacters_sanitised() {
    String body =
        "{\"error\":\"invalid_client\",\"error_description\":\"Bad secret "
            + SECRET
            + "\\r\\nINFO forged log line\"}";
    TokenReplyParser.OAuthError error =
        TokenReplyParser.parseError(body.getBytes(StandardCharsets.UTF_8), List.of(SECRET));
    assertEquals("invalid_client", error.code());
    assertEquals("Bad secret **** INFO forged log line", error.description());
  }

  @Test
  void parseError_caspioEnvelope_readsAsTheRfcBodyOfTheSameError() {
    String rfc =
        "{\"error\":\"invalid_client\",\"error_description\":\"Bad secret " + SECRET + "\"}";
    String envelope =
        "{\"Code\":\"invalid_client\",\"Message\":\"Bad secret "
            + SECRET
            + "\",\"Resource\":\"/oauth/token\",\"RequestId\":\"r1\"}";
    TokenReplyParser.OAuthError fromRfc =
        TokenReplyParser.parseError(rfc.getBytes(StandardCharsets.UTF_8), List.of(SECRET));
    TokenReplyParser.OAuthError fromEnvelope =
        TokenReplyParser.parseError(envelope.getBytes(StandardCharsets.UTF_8), List.of(SECRET));
    assertEquals("invalid_client", fromEnvelope.code());
    assertEquals("Bad secret ****", fromEnvelope.description());
    assertEquals(fromRfc, fromEnvelope);
  }

  @Test
  void parseError_longDescription_truncated() {
    String body = "{\"error\":\"x\",\"error_description\":\"" + "y".repeat(5000) + "\"}";
    TokenReplyParser.OAuthError error =
        TokenReplyParser.parseError(body.getBytes(StandardCharsets.UTF_8), List.of());
    assertEquals(Redaction.MAX_SERVER_TEXT + 3, error.description().length());
  }

  @Test
  void parseError_notJson_emptyError() {
    TokenReplyParser.OAuthError error =
        TokenReplyParser.parseError("oops".getBytes(StandardCharsets.UTF_8), List.of());
    assertNull(error.code());
    assertNull(error.description());
  }

  @Test
  void toString_ofTokens_masksValues() {
    TokenResponse r =
        parse("{\"access_token\":\"abc-secret-token\",\"refresh_token\":\"r-secret\"}");
    assertFalse(r.toString().contains("abc-secret-token"), r.toString());
    assertFalse(r.toString().contains("r-secret"), r.toString());
    assertFalse(r.accessToken().toString().contains("abc-secret-token"));
  }
}
