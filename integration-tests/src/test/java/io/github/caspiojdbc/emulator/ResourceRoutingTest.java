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
import io.github.caspiojdbc.emulator.store.FieldDef;
import io.github.caspiojdbc.emulator.store.FieldType;
import io.github.caspiojdbc.emulator.store.TableDef;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** REST v2/v3 routes, envelopes, parameter rules, URI limit and request ids. */
class ResourceRoutingTest {
  @RegisterExtension
  final EmulatorFixture fixture =
      EmulatorFixture.builder().empty().table(People.withSecret()).with(People::adults).perTest();

  private final CaspioEmulator emulator = fixture.emulator;
  private final String token = TestHttp.token(emulator);

  @BeforeEach
  void rows() throws Exception {
    for (String row :
        new String[] {
          "{\"Name\":\"Ann\",\"Age\":30}",
          "{\"Name\":\"Bob\",\"Age\":12}",
          "{\"Name\":\"Cy\",\"Age\":45}"
        }) {
      assertEquals(201, call("POST", "/tables/People/records", row, "v3").statusCode());
    }
  }

  static Stream<Arguments> schemaRoutes() {
    return Stream.of(
        Arguments.of("v3", "/tables", 200, "[\"People\"]"),
        Arguments.of("v2", "/tables", 200, "[\"People\"]"),
        Arguments.of("v3", "/tables/People", 200, "Name=People"),
        Arguments.of("v2", "/tables/people", 200, "Name=People"),
        Arguments.of("v3", "/tables/People/fields", 200, "array"),
        Arguments.of("v2", "/tables/People/fields", 200, "array"),
        Arguments.of("v3", "/tables/People/passwordFields", 200, "[\"Secret\"]"),
        Arguments.of("v2", "/tables/People/passwordFields", 200, "[\"Secret\"]"),
        Arguments.of("v3", "/views", 200, "[\"Adults\"]"),
        Arguments.of("v2", "/views", 200, "[\"Adults\"]"),
        Arguments.of("v3", "/views/Adults", 200, "Name=Adults"),
        Arguments.of("v2", "/views/Adults", 200, "Name=Adults"),
        Arguments.of("v3", "/views/Adults/fields", 200, "array"),
        Arguments.of("v2", "/views/Adults/fields", 404, "NotFound"),
        Arguments.of("v3", "/tables/", 200, "[\"People\"]"),
        Arguments.of("v3", "/tables/Nope", 404, "ObjectNotFound"),
        Arguments.of("v3", "/tables/Nope/records", 404, "ObjectNotFound"),
        Arguments.of("v3", "/nonsense", 404, "NotFound"),
        Arguments.of("v3", "", 404, "NotFound"),
        Arguments.of("v3", "/tables/People/nonsense", 404, "NotFound"),
        Arguments.of("v3", "/tables//records", 404, "NotFound"));
  }

  @ParameterizedTest(name = "{0} GET {1}")
  @MethodSource("schemaRoutes")
  void get_schemaRoute_answersEnvelope(String version, String path, int status, String expect)
      throws Exception {
    HttpResponse<String> r = call("GET", path, null, version);

    assertEquals(status, r.statusCode(), r.body());
    JsonNode body = json(r);
    if (status != 200) {
      assertEquals(expect, body.get("Code").asText());
      return;
    }
    JsonNode result = body.get("Result");
    if (expect.equals("array")) {
      assertTrue(result.isArray() && result.size() > 0, r.body());
    } else if (expect.startsWith("Name=")) {
      assertEquals(expect.substring(5), result.get("Name").asText());
    } else {
      assertEquals(expect, result.toString());
    }
  }

  @Test
  void v3UnderRestPrefix_isNotFound() throws Exception {
    HttpResponse<String> r =
        TestHttp.send("GET", emulator.baseUrl() + "/rest/v3/tables", bearer(token), null);

    assertEquals(404, r.statusCode());
    assertEquals("NotFound", json(r).get("Code").asText());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "POST /tables",
        "DELETE /tables/People",
        "PATCH /tables/People/records",
        "GET /tables/People/passwordFields/Secret",
        "PUT /views/Adults/fields"
      })
  void wrongMethod_onKnownRoute_is405WithAllow(String methodAndPath) throws Exception {
    String[] parts = methodAndPath.split(" ");

    HttpResponse<String> r = call(parts[0], parts[1], "{}", "v3");

    assertEquals(405, r.statusCode(), r.body());
    assertEquals("MethodNotAllowed", json(r).get("Code").asText());
    assertTrue(r.headers().firstValue("Allow").isPresent());
  }

  @ParameterizedTest
  @ValueSource(strings = {"v2", "v3"})
  void post_plain_is201WithEmptyBody(String version) throws Exception {
    HttpResponse<String> r = call("POST", "/tables/People/records", "{\"Name\":\"Dee\"}", version);

    assertEquals(201, r.statusCode());
    assertEquals("", r.body());
    assertEquals(4, emulator.store().rowCount("People"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"v2", "v3"})
  void post_responseRows_returnsResultArrayOfOne(String version) throws Exception {
    HttpResponse<String> r =
        call("POST", "/tables/People/records?response=rows", "{\"Name\":\"Dee\"}", version);

    assertEquals(201, r.statusCode());
    JsonNode result = json(r).get("Result");
    assertEquals(1, result.size());
    assertEquals("Dee", result.get(0).get("Name").asText());
    assertTrue(result.get(0).has("PK_ID"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"v2", "v3"})
  void get_records_returnsResultWithoutPagination(String version) throws Exception {
    HttpResponse<String> r = call("GET", "/tables/People/records?q.orderBy=Name", null, version);

    assertEquals(200, r.statusCode(), r.body());
    JsonNode body = json(r);
    assertEquals(3, body.get("Result").size());
    assertEquals("Ann", body.get("Result").get(0).get("Name").asText());
    assertFalse(body.has("Pagination"));
  }

  @Test
  void get_v3WithPaginationInfo_addsPaginationBlock() throws Exception {
    HttpResponse<String> r =
        call(
            "GET",
            "/tables/People/records?q.pageSize=5&q.pageNumber=1&q.getPaginationInfo=true",
            null,
            "v3");

    assertEquals(200, r.statusCode(), r.body());
    JsonNode pagination = json(r).get("Pagination");
    assertEquals(3, pagination.get("TotalCount").asLong());
    assertEquals(1, pagination.get("PageNumber").asInt());
    assertEquals(5, pagination.get("PageSize").asInt());
  }

  @Test
  void get_v2WithPaginationInfo_ignoresIt() throws Exception {
    HttpResponse<String> r =
        call("GET", "/tables/People/records?q.getPaginationInfo=true", null, "v2");

    assertEquals(200, r.statusCode());
    assertFalse(json(r).has("Pagination"));
  }

  @Test
  void get_viewRecords_appliesTheViewFilter() throws Exception {
    HttpResponse<String> r = call("GET", "/views/Adults/records", null, "v3");

    assertEquals(200, r.statusCode(), r.body());
    assertEquals(2, json(r).get("Result").size());
  }

  static Stream<Arguments> paramSpellings() {
    return Stream.of(
        Arguments.of("q.orderby=Name%20DESC"),
        Arguments.of("Q.ORDERBY=Name%20DESC"),
        Arguments.of("orderBy=Name%20DESC"),
        Arguments.of("q.orderBy=Name%20DESC&q.skip=7&q.unknown=x"));
  }

  @ParameterizedTest
  @MethodSource("paramSpellings")
  void get_paramNamesIgnoreCaseAndPrefix_unknownIgnored(String query) throws Exception {
    HttpResponse<String> r = call("GET", "/tables/People/records?" + query, null, "v3");

    assertEquals(200, r.statusCode(), r.body());
    assertEquals("Cy", json(r).get("Result").get(0).get("Name").asText());
  }

  static Stream<Arguments> badQueries() {
    return Stream.of(
        Arguments.of("q.limit=ten"),
        Arguments.of("q.limit=1.5"),
        Arguments.of("q.pageSize=x"),
        Arguments.of("q.pageNumber="),
        Arguments.of("q.pageNumber=99999999999"),
        Arguments.of("q.getPaginationInfo=maybe"),
        Arguments.of("q.where=Age%3E1&q.where=Age%3E2"),
        Arguments.of("q.where=Age%3E1&where=Age%3E2"));
  }

  @ParameterizedTest
  @MethodSource("badQueries")
  void get_malformedParameter_is400IncorrectQueryParameter(String query) throws Exception {
    HttpResponse<String> r = call("GET", "/tables/People/records?" + query, null, "v3");

    assertEquals(400, r.statusCode(), r.body());
    assertEquals("IncorrectQueryParameter", json(r).get("Code").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"q.where=%zz", "q.where=50%", "q.where=%4", "q.select=a&%=b"})
  void get_strayPercentInQuery_is400EnvelopeNotAServerError(String query) throws Exception {
    RawHttp.Result r =
        RawHttp.exchange(
            emulator.port(),
            "GET",
            "/integrations/rest/v3/tables/People/records?" + query,
            bearer(token));

    assertTrue(r.text().startsWith("HTTP/1.1 400"), r.text());
    assertTrue(r.text().contains("\"Code\":\"IncorrectQueryParameter\""), r.text());
    assertFalse(r.text().contains("Exception"), r.text());
  }

  @ParameterizedTest
  @ValueSource(strings = {"v2", "v3"})
  void put_withWhere_returnsRecordsAffectedAndEmptyResult(String version) throws Exception {
    HttpResponse<String> r =
        call("PUT", "/tables/People/records?q.where=" + enc("Age>18"), "{\"Age\":50}", version);

    assertEquals(200, r.statusCode(), r.body());
    assertEquals("{\"RecordsAffected\":2,\"Result\":[]}", r.body());
  }

  @Test
  void put_responseRows_listsUpdatedRows() throws Exception {
    HttpResponse<String> r =
        call(
            "PUT",
            "/tables/People/records?response=rows&where=" + enc("Name='Bob'"),
            "{\"Age\":13}",
            "v3");

    assertEquals(200, r.statusCode(), r.body());
    JsonNode body = json(r);
    assertEquals(1, body.get("RecordsAffected").asInt());
    assertEquals(13, body.get("Result").get(0).get("Age").asInt());
  }

  @ParameterizedTest
  @ValueSource(strings = {"q.where", "where", "Q.Where"})
  void delete_withWhereSpelling_returnsRecordsAffected(String name) throws Exception {
    HttpResponse<String> r =
        call("DELETE", "/tables/People/records?" + name + "=" + enc("Name='Ann'"), null, "v3");

    assertEquals(200, r.statusCode(), r.body());
    assertEquals("{\"RecordsAffected\":1}", r.body());
  }

  @Test
  void delete_matchingNothing_isStill200WithZero() throws Exception {
    HttpResponse<String> r =
        call("DELETE", "/tables/People/records?q.where=" + enc("Name='Zed'"), null, "v2");

    assertEquals(200, r.statusCode());
    assertEquals("{\"RecordsAffected\":0}", r.body());
  }

  static Stream<Arguments> missingWhere() {
    return Stream.of(
        Arguments.of("PUT", "/tables/People/records", "{\"Age\":1}"),
        Arguments.of("PUT", "/tables/People/records?q.where=", "{\"Age\":1}"),
        Arguments.of("PUT", "/tables/People/records?q.where=%20%20", "{\"Age\":1}"),
        Arguments.of("DELETE", "/tables/People/records", null),
        Arguments.of("DELETE", "/views/Adults/records?response=rows", null),
        Arguments.of("PUT", "/tables/People/passwordFields/Secret", "{\"Value\":\"x\"}"),
        Arguments.of("DELETE", "/tables/People/passwordFields/Secret", null));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("missingWhere")
  void writeWithoutWhere_is400AndChangesNothing(String method, String path, String body)
      throws Exception {
    HttpResponse<String> r = call(method, path, body, "v3");

    assertEquals(400, r.statusCode(), r.body());
    assertEquals("IncorrectQueryParameter", json(r).get("Code").asText());
    assertEquals(3, emulator.store().rowCount("People"));
  }

  static Stream<Arguments> badBodies() {
    return Stream.of(
        Arguments.of("POST", "/tables/People/records", ""),
        Arguments.of("POST", "/tables/People/records", "not json"),
        Arguments.of("POST", "/tables/People/records", "[{\"Name\":\"A\"}]"),
        Arguments.of("POST", "/tables/People/records", "\"Name\""),
        Arguments.of("POST", "/tables/People/records", "{\"Name\":\"A\",\"Name\":\"B\"}"),
        Arguments.of("POST", "/tables/People/records", "{\"Name\":\"A\"} {}"),
        Arguments.of("PUT", "/tables/People/records?q.where=Age%3E1", "{"),
        Arguments.of("PUT", "/tables/People/passwordFields/Secret?q.where=Age%3E1", "{}"),
        Arguments.of(
            "PUT", "/tables/People/passwordFields/Secret?q.where=Age%3E1", "{\"Value\":5}"),
        Arguments.of(
            "PUT",
            "/tables/People/passwordFields/Secret?q.where=Age%3E1",
            "{\"Value\":\"a\",\"x\":1}"));
  }

  @ParameterizedTest(name = "{0} {1} body {2}")
  @MethodSource("badBodies")
  void write_withBadBody_is400IncorrectBodyParameter(String method, String path, String body)
      throws Exception {
    HttpResponse<String> r = call(method, path, body, "v3");

    assertEquals(400, r.statusCode(), r.body());
    assertEquals("IncorrectBodyParameter", json(r).get("Code").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Value", "value"})
  void passwordField_setAndReset_returnRecordsAffected(String key) throws Exception {
    HttpResponse<String> set =
        call(
            "PUT",
            "/tables/People/passwordFields/Secret?q.where=" + enc("Age>18"),
            "{\"" + key + "\":\"s3cret\"}",
            "v3");
    HttpResponse<String> reset =
        call(
            "DELETE",
            "/tables/People/passwordFields/Secret?where=" + enc("Name='Bob'"),
            null,
            "v2");

    assertEquals(200, set.statusCode(), set.body());
    assertEquals("{\"RecordsAffected\":2}", set.body());
    assertEquals(200, reset.statusCode(), reset.body());
    assertEquals("{\"RecordsAffected\":1}", reset.body());
  }

  @Test
  void uriOver2047Chars_is414BeforeAuthentication() throws Exception {
    String path = "/integrations/rest/v3/tables/People/records?q.skip=";
    String exact = path + "x".repeat(2047 - path.length());
    String over = exact + "x";

    HttpResponse<String> ok = TestHttp.send("GET", emulator.baseUrl() + exact, bearer(token), null);
    HttpResponse<String> tooLong = TestHttp.send("GET", emulator.baseUrl() + over, null, null);

    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals(414, tooLong.statusCode());
    assertEquals("RequestUriTooLong", json(tooLong).get("Code").asText());
  }

  @Test
  void uriLength_countsTheEncodedForm() throws Exception {
    String path = "/integrations/rest/v3/tables/People/records?q.skip=";
    // 700 spaces are 2100 characters once encoded, although only 700 decoded.
    String encoded = path + "%20".repeat(700);

    HttpResponse<String> r =
        TestHttp.send("GET", emulator.baseUrl() + encoded, bearer(token), null);

    assertEquals(414, r.statusCode());
  }

  static Stream<Arguments> everyKindOfReply() {
    return Stream.of(
        Arguments.of("GET", "/integrations/rest/v3/tables", true, null),
        Arguments.of(
            "POST", "/integrations/rest/v3/tables/People/records", true, "{\"Name\":\"E\"}"),
        Arguments.of("GET", "/integrations/rest/v3/tables/Nope", true, null),
        Arguments.of("GET", "/integrations/rest/v3/tables", false, null),
        Arguments.of("DELETE", "/rest/v2/tables/People/records", true, null),
        Arguments.of("POST", "/rest/v2/tables", true, "{}"),
        Arguments.of("GET", "/nowhere", false, null),
        Arguments.of("GET", "/rest/v2/tables?" + "x".repeat(2100), false, null),
        Arguments.of("POST", "/oauth/token", false, "grant_type=nope"));
  }

  @ParameterizedTest(name = "{0} {1} token={2}")
  @MethodSource("everyKindOfReply")
  void everyReply_carriesRequestIdHeader_matchingTheErrorBody(
      String method, String path, boolean withToken, String body) throws Exception {
    HttpResponse<String> r =
        TestHttp.send(method, emulator.baseUrl() + path, withToken ? bearer(token) : null, body);

    String id = r.headers().firstValue(RequestHandler.REQUEST_ID_HEADER).orElse(null);
    assertTrue(id != null && !id.isEmpty(), "X-Caspio-Request-ID on " + r.statusCode());
    if (r.statusCode() >= 400 && r.body().contains("\"Code\"")) {
      JsonNode err = json(r);
      assertEquals(id, err.get("RequestId").asText());
      assertEquals(path.split("\\?")[0], err.get("Resource").asText());
      assertTrue(err.hasNonNull("Message"));
    }
  }

  @Test
  void unexpectedFailure_is500InternalErrorWithoutStackTrace() throws Exception {
    io.github.caspiojdbc.emulator.store.CaspioStore broken =
        io.github.caspiojdbc.emulator.store.CaspioStore.inMemory();
    broken.createTable(TableDef.of("T", FieldDef.of("Name", FieldType.STRING)));
    try (CaspioEmulator other = CaspioEmulator.builder().store(broken).build().start()) {
      String otherToken = TestHttp.token(other);
      broken.close();

      HttpResponse<String> r =
          TestHttp.send("GET", other.v3Url() + "/tables/T/records", bearer(otherToken), null);

      assertEquals(500, r.statusCode(), r.body());
      assertEquals("InternalError", json(r).get("Code").asText());
      assertFalse(r.body().contains("Exception"), r.body());
      assertFalse(r.body().contains("\tat "), r.body());
    }
  }

  @Test
  void requestIds_areUniquePerReply() throws Exception {
    String a =
        call("GET", "/tables", null, "v3")
            .headers()
            .firstValue("X-Caspio-Request-ID")
            .orElseThrow();
    String b =
        call("GET", "/tables", null, "v3")
            .headers()
            .firstValue("X-Caspio-Request-ID")
            .orElseThrow();

    assertFalse(a.equals(b));
  }

  private HttpResponse<String> call(String method, String path, String body, String version)
      throws Exception {
    String base = version.equals("v3") ? emulator.v3Url() : emulator.v2Url();
    return TestHttp.send(method, base + path, bearer(token), body);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
