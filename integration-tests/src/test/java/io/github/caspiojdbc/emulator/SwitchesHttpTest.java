/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import static io.github.caspiojdbc.emulator.CaspioEmulator.DEFAULT_CLIENT_ID;
import static io.github.caspiojdbc.emulator.TestHttp.bearer;
import static io.github.caspiojdbc.emulator.TestHttp.json;
import static io.github.caspiojdbc.emulator.TestHttp.postForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.caspiojdbc.emulator.store.Switches;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The switches the emulator's HTTP layer applies (token error bodies, v2's {@code PK_ID}, unknown
 * and legacy query parameters), each flipped on a running emulator: the default first, then the
 * other answer, over real HTTP. The store's own switches are pinned in {@code SwitchesTest}.
 */
class SwitchesHttpTest {
  @RegisterExtension
  final EmulatorFixture fixture =
      EmulatorFixture.builder().empty().table(People.withSecret()).with(People::adults).perTest();

  private final CaspioEmulator emulator = fixture.emulator;
  private final String token = TestHttp.token(emulator);

  @BeforeEach
  void rows() {
    People.threeRows(emulator);
  }

  private void flip(Enum<?> setting) {
    emulator.store().switches(Switches.STRICT.with(setting));
  }

  @Test
  void tokenErrorBody_default_rfc6749_envelopeSwitchKeepsStatusAndNamesTheErrorAsCode()
      throws Exception {
    String badSecret =
        "grant_type=client_credentials&client_id=" + DEFAULT_CLIENT_ID + "&client_secret=nope";
    HttpResponse<String> rfc = postForm(emulator.tokenUrl(), null, badSecret);
    assertEquals(400, rfc.statusCode());
    assertEquals("invalid_client", json(rfc).get("error").asText());
    assertNull(json(rfc).get("Code"));

    flip(Switches.TokenErrorBody.CASPIO_ENVELOPE);
    HttpResponse<String> env = postForm(emulator.tokenUrl(), null, badSecret);
    assertEquals(400, env.statusCode());
    JsonNode body = json(env);
    assertEquals("invalid_client", body.get("Code").asText());
    assertEquals("/oauth/token", body.get("Resource").asText());
    assertEquals(
        env.headers().firstValue(RequestHandler.REQUEST_ID_HEADER).orElseThrow(),
        body.get("RequestId").asText());
    assertNull(body.get("error"));
    assertEquals("no-store", env.headers().firstValue("Cache-Control").orElse(""));
    HttpResponse<String> grant =
        postForm(
            emulator.tokenUrl(),
            null,
            "grant_type=refresh_token&refresh_token=abc&client_id="
                + DEFAULT_CLIENT_ID
                + "&client_secret="
                + CaspioEmulator.DEFAULT_CLIENT_SECRET);
    assertEquals(400, grant.statusCode());
    assertEquals("invalid_grant", json(grant).get("Code").asText());
    assertEquals(200, postForm(emulator.tokenUrl(), null, goodForm()).statusCode());
  }

  @Test
  void v2PkId_default_included_omittedSwitchDropsItFromSelectStarOnlyAndOnlyOnV2()
      throws Exception {
    assertTrue(firstRow(emulator.v2Url(), "").has("PK_ID"));

    flip(Switches.V2PkId.OMITTED);
    JsonNode star = firstRow(emulator.v2Url(), "");
    assertFalse(star.has("PK_ID"), star.toString());
    assertTrue(star.has("Name"));
    assertFalse(firstRow(emulator.v2Url(), "?q.select=*").has("PK_ID"));
    assertTrue(firstRow(emulator.v2Url(), "?q.select=PK_ID,Name").has("PK_ID"));
    assertTrue(firstRow(emulator.v3Url(), "").has("PK_ID"), "v3 includes it (notes 9.7)");
  }

  @Test
  void unknownQueryParam_default_ignored_rejectedSwitchRefusesItButNotKnownOnes() throws Exception {
    assertEquals(200, get(emulator.v3Url(), "?q.skip=7").statusCode());
    assertEquals(200, get(emulator.v2Url(), "?q.getPaginationInfo=true").statusCode());

    flip(Switches.UnknownQueryParam.REJECTED);
    HttpResponse<String> r = get(emulator.v3Url(), "?q.skip=7");
    assertEquals(400, r.statusCode());
    assertEquals("IncorrectQueryParameter", json(r).get("Code").asText());
    assertEquals(400, get(emulator.v2Url(), "?q.getPaginationInfo=true").statusCode());
    assertEquals(
        200,
        get(emulator.v3Url(), "?Q.ORDERBY=Name&q.pageSize=5&q.getPaginationInfo=true&skip=1")
            .statusCode());
  }

  @Test
  void legacyQueryJson_default_rejected_ignoredReturnsEveryRow_parsedFilters() throws Exception {
    String legacy = "?q=" + enc("{\"where\":\"Name='Cy'\",\"select\":\"Name\"}");
    HttpResponse<String> r = get(emulator.v3Url(), legacy);
    assertEquals(400, r.statusCode());
    assertEquals("IncorrectQueryParameter", json(r).get("Code").asText());

    flip(Switches.LegacyQueryJson.IGNORED);
    JsonNode all = json(get(emulator.v2Url(), legacy)).get("Result");
    assertEquals(3, all.size());
    assertTrue(all.get(0).has("Age"));

    flip(Switches.LegacyQueryJson.PARSED);
    JsonNode parsed = json(get(emulator.v3Url(), legacy)).get("Result");
    assertEquals("[{\"Name\":\"Cy\"}]", parsed.toString());
    assertEquals(400, get(emulator.v3Url(), legacy + "&q.where=Age%3E1").statusCode());
  }

  private JsonNode firstRow(String base, String query) throws Exception {
    HttpResponse<String> r = get(base, query);
    assertEquals(200, r.statusCode(), r.body());
    return json(r).get("Result").get(0);
  }

  private HttpResponse<String> get(String base, String query) throws Exception {
    return TestHttp.send("GET", base + "/tables/People/records" + query, bearer(token), null);
  }

  private static String goodForm() {
    return "grant_type=client_credentials&client_id="
        + DEFAULT_CLIENT_ID
        + "&client_secret="
        + CaspioEmulator.DEFAULT_CLIENT_SECRET;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
