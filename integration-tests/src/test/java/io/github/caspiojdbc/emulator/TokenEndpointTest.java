/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import static io.github.caspiojdbc.emulator.CaspioEmulator.DEFAULT_CLIENT_ID;
import static io.github.caspiojdbc.emulator.CaspioEmulator.DEFAULT_CLIENT_SECRET;
import static io.github.caspiojdbc.emulator.TestHttp.basic;
import static io.github.caspiojdbc.emulator.TestHttp.json;
import static io.github.caspiojdbc.emulator.TestHttp.postForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code /oauth/token}: every grant variant and every RFC 6749 error the emulator gives. */
class TokenEndpointTest {
  private static final String BODY_CREDS =
      "client_id=" + DEFAULT_CLIENT_ID + "&client_secret=" + DEFAULT_CLIENT_SECRET;
  private static final String GOOD_BASIC = basic(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET);

  private final MutableClock clock = new MutableClock();

  @RegisterExtension
  final EmulatorFixture fixture =
      EmulatorFixture.builder()
          .empty()
          .emulator(
              b ->
                  b.clock(clock)
                      .accessTokenLifetime(Duration.ofSeconds(600))
                      .refreshTokenLifetime(Duration.ofHours(2)))
          .perTest();

  private final CaspioEmulator emulator = fixture.emulator;

  static Stream<Arguments> grants() {
    return Stream.of(
        Arguments.of("body credentials", null, "grant_type=client_credentials&" + BODY_CREDS),
        Arguments.of("basic credentials", GOOD_BASIC, "grant_type=client_credentials"),
        Arguments.of(
            "lower-case basic scheme",
            GOOD_BASIC.replace("Basic", "basic"),
            "grant_type=client_credentials"),
        Arguments.of(
            "form-encoded basic credentials (RFC 6749 2.3.1)",
            basic("emulator%2Dclient%2Did", DEFAULT_CLIENT_SECRET),
            "grant_type=client_credentials"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("grants")
  void clientCredentials_validClient_issuesCaspioShapedTokens(
      String label, String authorization, String form) throws Exception {
    HttpResponse<String> r = postForm(emulator.tokenUrl(), authorization, form);

    assertEquals(200, r.statusCode(), r.body());
    JsonNode body = json(r);
    assertEquals("bearer", body.get("token_type").asText());
    assertEquals(600, body.get("expires_in").asLong());
    String access = body.get("access_token").asText();
    assertEquals(400, access.length());
    assertTrue(access.matches("[-A-Za-z0-9._~+/]+=*"), access);
    assertTrue(body.get("refresh_token").asText().matches("[0-9a-f]{64}"));
    assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
    assertTrue(r.headers().firstValue(RequestHandler.REQUEST_ID_HEADER).isPresent());
  }

  @Test
  void clientCredentials_textPlainBody_isAcceptedLikeCaspio() throws Exception {
    HttpResponse<String> r =
        TestHttp.send(
            "POST",
            emulator.tokenUrl(),
            null,
            "grant_type=client_credentials&" + BODY_CREDS,
            "text/plain");

    assertEquals(200, r.statusCode(), r.body());
  }

  @Test
  void clientCredentials_twice_issuesDifferentTokensAndKeepsTheFirstValid() throws Exception {
    String first = TestHttp.token(emulator);
    String second = TestHttp.token(emulator);

    assertNotEquals(first, second);
    assertEquals(200, getTables(first).statusCode());
  }

  static Stream<Arguments> refreshClients() {
    return Stream.of(
        Arguments.of("basic credentials", GOOD_BASIC, ""),
        Arguments.of("body credentials", null, "&" + BODY_CREDS));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refreshClients")
  void refreshToken_validToken_rotatesAndOldRefreshTokenStaysValid(
      String label, String authorization, String creds) throws Exception {
    String refresh = TestHttp.tokens(emulator).get("refresh_token").asText();

    HttpResponse<String> first =
        postForm(
            emulator.tokenUrl(),
            authorization,
            "grant_type=refresh_token&refresh_token=" + refresh + creds);
    HttpResponse<String> again =
        postForm(
            emulator.tokenUrl(),
            authorization,
            "grant_type=refresh_token&refresh_token=" + refresh + creds);

    assertEquals(200, first.statusCode(), first.body());
    assertEquals(200, again.statusCode(), again.body());
    String rotated = json(first).get("refresh_token").asText();
    assertNotEquals(refresh, rotated);
    assertEquals(200, getTables(json(first).get("access_token").asText()).statusCode());
    HttpResponse<String> viaRotated =
        postForm(
            emulator.tokenUrl(),
            authorization,
            "grant_type=refresh_token&refresh_token=" + rotated + creds);
    assertEquals(200, viaRotated.statusCode(), viaRotated.body());
  }

  @Test
  void refreshToken_afterItsLifetime_isInvalidGrant() throws Exception {
    String refresh = TestHttp.tokens(emulator).get("refresh_token").asText();
    clock.advance(Duration.ofHours(2));

    HttpResponse<String> r =
        postForm(
            emulator.tokenUrl(), GOOD_BASIC, "grant_type=refresh_token&refresh_token=" + refresh);

    assertEquals(400, r.statusCode());
    assertEquals("invalid_grant", json(r).get("error").asText());
  }

  @Test
  void refreshToken_afterExpireAllTokens_isInvalidGrant() throws Exception {
    String refresh = TestHttp.tokens(emulator).get("refresh_token").asText();
    emulator.expireAllTokens();

    HttpResponse<String> r =
        postForm(
            emulator.tokenUrl(), GOOD_BASIC, "grant_type=refresh_token&refresh_token=" + refresh);

    assertEquals("invalid_grant", json(r).get("error").asText());
  }

  static Stream<Arguments> errors() {
    String cc = "grant_type=client_credentials";
    return Stream.of(
        Arguments.of(
            "wrong secret in body",
            null,
            cc + "&client_id=" + DEFAULT_CLIENT_ID + "&client_secret=nope",
            400,
            "invalid_client"),
        Arguments.of(
            "wrong id in body",
            null,
            cc + "&client_id=x&client_secret=" + DEFAULT_CLIENT_SECRET,
            400,
            "invalid_client"),
        Arguments.of("no credentials at all", null, cc, 400, "invalid_client"),
        Arguments.of(
            "wrong secret in basic", basic(DEFAULT_CLIENT_ID, "nope"), cc, 401, "invalid_client"),
        Arguments.of(
            "basic without colon",
            "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString("abc".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            cc,
            401,
            "invalid_client"),
        Arguments.of("basic not base64", "Basic !!!", cc, 401, "invalid_client"),
        Arguments.of("bearer instead of basic", "Bearer abc", cc, 401, "invalid_client"),
        Arguments.of(
            "only client_id", null, cc + "&client_id=" + DEFAULT_CLIENT_ID, 400, "invalid_request"),
        Arguments.of(
            "only client_secret",
            null,
            cc + "&client_secret=" + DEFAULT_CLIENT_SECRET,
            400,
            "invalid_request"),
        Arguments.of(
            "basic and body credentials",
            GOOD_BASIC,
            cc + "&" + BODY_CREDS,
            400,
            "invalid_request"),
        Arguments.of("missing grant_type", null, BODY_CREDS, 400, "invalid_request"),
        Arguments.of("empty body", null, "", 400, "invalid_request"),
        Arguments.of(
            "grant_type twice", null, cc + "&" + cc + "&" + BODY_CREDS, 400, "invalid_request"),
        Arguments.of("bad percent escape", null, "grant_type=%zz", 400, "invalid_request"),
        Arguments.of(
            "password grant",
            GOOD_BASIC,
            "grant_type=password&username=a&password=b",
            400,
            "unsupported_grant_type"),
        Arguments.of(
            "refresh without refresh_token",
            GOOD_BASIC,
            "grant_type=refresh_token",
            400,
            "invalid_request"),
        Arguments.of(
            "unknown refresh token",
            GOOD_BASIC,
            "grant_type=refresh_token&refresh_token=abc",
            400,
            "invalid_grant"),
        Arguments.of(
            "refresh with wrong client",
            basic(DEFAULT_CLIENT_ID, "nope"),
            "grant_type=refresh_token&refresh_token=abc",
            401,
            "invalid_client"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void tokenRequest_invalid_answersRfc6749Error(
      String label, String authorization, String form, int status, String error) throws Exception {
    HttpResponse<String> r = postForm(emulator.tokenUrl(), authorization, form);

    assertEquals(status, r.statusCode(), r.body());
    assertEquals(error, json(r).get("error").asText());
    assertTrue(json(r).hasNonNull("error_description"));
    assertEquals(
        status == 401,
        r.headers().firstValue("WWW-Authenticate").isPresent(),
        "WWW-Authenticate exactly on 401");
    assertTrue(r.headers().firstValue(RequestHandler.REQUEST_ID_HEADER).isPresent());
  }

  @Test
  void tokenEndpoint_get_is405WithAllowPost() throws Exception {
    HttpResponse<String> r = TestHttp.send("GET", emulator.tokenUrl(), null, null);

    assertEquals(405, r.statusCode());
    assertEquals("POST", r.headers().firstValue("Allow").orElse(""));
    assertEquals("invalid_request", json(r).get("error").asText());
  }

  private HttpResponse<String> getTables(String accessToken) throws Exception {
    return TestHttp.send("GET", emulator.v3Url() + "/tables", TestHttp.bearer(accessToken), null);
  }
}
