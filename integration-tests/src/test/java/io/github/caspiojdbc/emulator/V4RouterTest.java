/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import static io.github.caspiojdbc.emulator.TestHttp.bearer;
import static io.github.caspiojdbc.emulator.TestHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** REST v4 reads: schema calls, records GET, {@code /me}, the error body and turning v4 off. */
class V4RouterTest {
  @RegisterExtension final EmulatorFixture fixture = People.v4PerTest();
  private final CaspioEmulator emulator = fixture.emulator;
  private final String token = TestHttp.token(emulator);

  @Test
  void tablesViewsAndFields_answerDataEnvelopes() throws Exception {
    assertEquals("[\"People\"]", data(get("/tables")).toString());
    assertEquals("[\"Adults\"]", data(get("/views")).toString());
    assertEquals("People", data(get("/tables/people")).get("Name").asText());
    JsonNode fields = data(get("/tables/People/fields"));
    assertEquals("Name", fields.get(0).get("Name").asText());
    assertEquals(3, fields.size());
    assertEquals(2, data(get("/views/Adults/fields")).size());
  }

  @Test
  void records_pagedWithCamelCaseParams_alwaysCarryPagination() throws Exception {
    HttpResponse<String> r =
        get(
            "/tables/People/records?select=Name,Age&where="
                + enc("Age >= 18")
                + "&orderBy="
                + enc("Age DESC")
                + "&pageNumber=1&pageSize=5");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode body = json(r);
    assertEquals("Cy", body.get("data").get(0).get("Name").asText());
    assertEquals(2, body.get("data").size());
    assertEquals(
        "{\"totalCount\":2,\"pageNumber\":1,\"pageSize\":5}", body.get("pagination").toString());

    JsonNode plain = json(get("/tables/People/records"));
    assertEquals(3, plain.get("data").size());
    assertEquals(
        "{\"totalCount\":3,\"pageNumber\":1,\"pageSize\":100}", plain.get("pagination").toString());
    assertEquals(1, json(get("/tables/People/records?limit=1")).get("data").size());
  }

  @Test
  void records_groupByWithHaving_andViews() throws Exception {
    JsonNode body =
        json(
            get(
                "/tables/People/records?select="
                    + enc("COUNT(*) AS n")
                    + "&groupBy="
                    + enc("Age HAVING COUNT(*) > 0")));
    assertEquals(3, body.get("data").size());
    assertEquals(2, json(get("/views/Adults/records")).get("data").size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"q.where=Age%3D1", "offset=2", "pageSize=4", "pageSize=1001", "limit=x"})
  void records_badOrUnknownParam_is400InV4Envelope(String query) throws Exception {
    HttpResponse<String> r = get("/tables/People/records?" + query);
    assertEquals(400, r.statusCode(), r.body());
    JsonNode body = json(r);
    assertEquals("IncorrectQueryParameter", body.get("Code").asText());
    assertV4Error(body, r);
  }

  @Test
  void pageSizeError_namesTheV4Parameter() throws Exception {
    HttpResponse<String> r = get("/tables/People/records?pageSize=2");
    assertEquals(400, r.statusCode());
    assertTrue(json(r).get("Message").asText().startsWith("pageSize"), r.body());
  }

  @Test
  void uriOverLimit_is414InV4Envelope() throws Exception {
    HttpResponse<String> r =
        get("/tables/People/records?where=" + enc("Name = '" + "x".repeat(2100) + "'"));
    assertEquals(414, r.statusCode());
    assertV4Error(json(r), r);
  }

  @Test
  void schemas_everyObjectWithFieldsInOneReply() throws Exception {
    JsonNode all = data(get("/schemas"));
    assertEquals(2, all.size());
    assertEquals("People", all.get(0).get("Name").asText());
    assertEquals("Table", all.get(0).get("ObjectType").asText());
    assertEquals(3, all.get(0).get("Fields").size());
    assertEquals("View", all.get(1).get("ObjectType").asText());
    assertEquals(1, data(get("/schemas/tables")).size());
    assertEquals("Adults", data(get("/schemas/views")).get(0).get("Name").asText());
    assertEquals(404, get("/schemas/nope").statusCode());
  }

  @Test
  void me_showsTokenExpiryAndRateLimit() throws Exception {
    JsonNode me = data(get("/me"));
    Instant expiry = Instant.parse(me.get("tokenExpiresAt").asText());
    assertTrue(expiry.isAfter(Instant.now().plusSeconds(86_000)), expiry.toString());
    assertTrue(me.get("rateLimit").get("callsPerSecond").isNull());

    emulator.faults().rateLimit(50, RateLimitReply.STATUS_429);
    assertEquals(50, data(get("/me")).get("rateLimit").get("callsPerSecond").asInt());
  }

  @Test
  void errors_carryDocumentationUrlAndHint() throws Exception {
    HttpResponse<String> r = get("/tables/Nope/records");
    assertEquals(404, r.statusCode());
    JsonNode body = json(r);
    assertEquals("ObjectNotFound", body.get("Code").asText());
    assertEquals(
        "/integrations/rest/v4/errors/ObjectNotFound", body.get("DocumentationUrl").asText());
    assertV4Error(body, r);

    HttpResponse<String> unauthorized =
        TestHttp.send("GET", emulator.v4Url() + "/tables", "Bearer nope", null);
    assertEquals(401, unauthorized.statusCode());
    assertV4Error(json(unauthorized), unauthorized);

    HttpResponse<String> unknown = get("/nonsense");
    assertEquals(404, unknown.statusCode());
    assertEquals("NotFound", json(unknown).get("Code").asText());
    assertV4Error(json(unknown), unknown);
  }

  @Test
  void v3AndV2Errors_keepTheirEnvelope() throws Exception {
    HttpResponse<String> r =
        TestHttp.send("GET", emulator.v3Url() + "/tables/Nope", bearer(token), null);
    assertEquals(404, r.statusCode());
    assertFalse(json(r).has("Hint"));
    assertFalse(json(r).has("DocumentationUrl"));
  }

  @Test
  void v4Off_everyV4PathIsAnUnknownPath() throws Exception {
    try (CaspioEmulator off = CaspioEmulator.builder().v4Enabled(false).build().start()) {
      People.v4Account(off);
      String t = TestHttp.token(off);
      for (String path : new String[] {"/tables", "/tables/People/records", "/me", "/schemas"}) {
        HttpResponse<String> r = TestHttp.send("GET", off.v4Url() + path, bearer(t), null);
        assertEquals(404, r.statusCode(), path);
        JsonNode body = json(r);
        assertEquals("NotFound", body.get("Code").asText());
        assertFalse(body.has("Hint"), "an account without v4 knows no v4 envelope");
        HttpResponse<String> unknown =
            TestHttp.send("GET", off.v3Url() + "/nonsense", bearer(t), null);
        assertEquals(
            json(unknown).get("Message").asText(), body.get("Message").asText(), "same as unknown");
      }
      assertEquals(
          200, TestHttp.send("GET", off.v3Url() + "/tables", bearer(t), null).statusCode());
      off.clearLog();
      TestHttp.send("GET", off.v4Url() + "/tables/People/records", bearer(t), null);
      assertEquals(PathKind.OTHER, off.log().last().kind(), "v4 is no API generation here");
    }
  }

  @Test
  void requestLog_classesV4Paths() throws Exception {
    emulator.clearLog();
    get("/tables/People/records");
    get("/tables/People/records/1");
    TestHttp.send("DELETE", emulator.v4Url() + "/tables/People/records/bulk", bearer(token), "{}");
    get("/tables/People/fields");
    get("/schemas");
    get("/views/Adults");
    get("/me");
    RequestLog log = emulator.log();
    assertEquals(3, log.calls(PathKind.RECORDS));
    assertEquals(2, log.calls(PathKind.TABLE_SCHEMA));
    assertEquals(1, log.calls(PathKind.VIEW_SCHEMA));
    assertEquals(1, log.calls(PathKind.OTHER));
  }

  static void assertV4Error(JsonNode body, HttpResponse<String> r) {
    assertTrue(body.get("Message").isTextual(), r.body());
    assertEquals(
        r.headers().firstValue(RequestHandler.REQUEST_ID_HEADER).orElseThrow(),
        body.get("RequestId").asText());
    assertTrue(body.get("DocumentationUrl").asText().startsWith("/integrations/rest/v4/errors/"));
    assertTrue(body.get("Hint").get("Note").isTextual(), r.body());
    assertTrue(body.get("Hint").get("Remediation").isTextual(), r.body());
  }

  private JsonNode data(HttpResponse<String> r) {
    assertEquals(200, r.statusCode(), r.body());
    return json(r).get("data");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return TestHttp.send("GET", emulator.v4Url() + path, bearer(token), null);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
