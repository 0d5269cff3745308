/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import static io.github.caspiojdbc.emulator.TestHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** Bearer checks on resource calls: 401 envelope for missing, unknown and expired tokens. */
class BearerAuthTest {
  private final MutableClock clock = new MutableClock();

  @RegisterExtension
  final EmulatorFixture fixture =
      EmulatorFixture.builder()
          .empty()
          .emulator(b -> b.clock(clock).accessTokenLifetime(Duration.ofSeconds(60)))
          .perTest();

  private final CaspioEmulator emulator = fixture.emulator;

  static Stream<Arguments> badAuthorization() {
    return Stream.of(
        Arguments.of("no header", null),
        Arguments.of("unknown token", "Bearer abc"),
        Arguments.of("scheme only", "Bearer"),
        Arguments.of("basic credentials", TestHttp.basic("a", "b")),
        Arguments.of("empty header", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badAuthorization")
  void resourceCall_withoutValidBearer_is401Envelope(String label, String authorization)
      throws Exception {
    for (String url :
        new String[] {
          emulator.v3Url() + "/tables", emulator.v2Url() + "/tables/X/records", emulator.v3Url()
        }) {
      HttpResponse<String> r = TestHttp.send("GET", url, authorization, null);

      assertEquals(401, r.statusCode(), url);
      assertUnauthorizedEnvelope(r);
    }
  }

  @Test
  void resourceCall_lowerCaseBearerScheme_isAccepted() throws Exception {
    String token = TestHttp.token(emulator);

    HttpResponse<String> r =
        TestHttp.send("GET", emulator.v3Url() + "/tables", "bearer " + token, null);

    assertEquals(200, r.statusCode(), r.body());
  }

  @Test
  void resourceCall_afterAccessTokenLifetime_is401() throws Exception {
    String token = TestHttp.token(emulator);
    clock.advance(Duration.ofSeconds(59));
    assertEquals(200, tables(token).statusCode());

    clock.advance(Duration.ofSeconds(1));

    HttpResponse<String> r = tables(token);
    assertEquals(401, r.statusCode());
    assertUnauthorizedEnvelope(r);
  }

  @Test
  void expireAccessTokens_oldTokenIs401_refreshStillWorks() throws Exception {
    JsonNode issued = TestHttp.tokens(emulator);
    emulator.expireAccessTokens();

    assertEquals(401, tables(issued.get("access_token").asText()).statusCode());
    HttpResponse<String> refreshed =
        TestHttp.postForm(
            emulator.tokenUrl(),
            TestHttp.basic(CaspioEmulator.DEFAULT_CLIENT_ID, CaspioEmulator.DEFAULT_CLIENT_SECRET),
            "grant_type=refresh_token&refresh_token=" + issued.get("refresh_token").asText());
    assertEquals(200, refreshed.statusCode(), refreshed.body());
    assertEquals(200, tables(json(refreshed).get("access_token").asText()).statusCode());
  }

  @Test
  void expireAllTokens_accessTokenIs401() throws Exception {
    String token = TestHttp.token(emulator);

    emulator.expireAllTokens();

    assertEquals(401, tables(token).statusCode());
  }

  private HttpResponse<String> tables(String token) throws Exception {
    return TestHttp.send("GET", emulator.v3Url() + "/tables", TestHttp.bearer(token), null);
  }

  private static void assertUnauthorizedEnvelope(HttpResponse<String> r) {
    JsonNode body = json(r);
    assertEquals("Unauthorized", body.get("Code").asText());
    assertEquals(
        r.headers().firstValue(RequestHandler.REQUEST_ID_HEADER).orElseThrow(),
        body.get("RequestId").asText());
    assertEquals(r.uri().getPath(), body.get("Resource").asText());
    assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(""));
  }
}
