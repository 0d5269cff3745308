/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import static io.github.caspiojdbc.emulator.CaspioEmulator.DEFAULT_CLIENT_ID;
import static io.github.caspiojdbc.emulator.CaspioEmulator.DEFAULT_CLIENT_SECRET;
import static io.github.caspiojdbc.emulator.TestHttp.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Request log entries, counters and redaction of secrets. */
class RequestLogTest {
  @RegisterExtension
  final EmulatorFixture fixture =
      EmulatorFixture.builder().empty().table(People.withSecret()).perTest();

  private final CaspioEmulator emulator = fixture.emulator;

  @Test
  void apiCall_isLoggedWithDecodedQueryStatusAndSize() throws Exception {
    String token = TestHttp.token(emulator);
    HttpResponse<String> r =
        TestHttp.send(
            "GET",
            emulator.v3Url()
                + "/tables/People/records?q.where=Name%3D%27A%20B%27&q.limit=5&q.limit=6",
            bearer(token),
            null);

    LoggedCall call = emulator.log().last();
    assertEquals("GET", call.method());
    assertEquals("/integrations/rest/v3/tables/People/records", call.path());
    assertEquals(
        Map.of("q.where", List.of("Name='A B'"), "q.limit", List.of("5", "6")), call.query());
    assertEquals("Name='A B'", call.queryParam("Q.WHERE"));
    assertEquals(r.statusCode(), call.status());
    assertEquals(r.body().length(), call.responseBytes());
    assertEquals(PathKind.RECORDS, call.kind());
    assertEquals(r.headers().firstValue("X-Caspio-Request-ID").orElseThrow(), call.requestId());
    assertEquals("Bearer " + RequestLog.REDACTED, call.authorization());
  }

  @Test
  void postBody_isLoggedAsText() throws Exception {
    String token = TestHttp.token(emulator);

    TestHttp.send(
        "POST", emulator.v3Url() + "/tables/People/records", bearer(token), "{\"Name\":\"Z\"}");

    assertEquals("{\"Name\":\"Z\"}", emulator.log().last().body());
    assertEquals(201, emulator.log().last().status());
    assertEquals(0, emulator.log().last().responseBytes());
  }

  @Test
  void tokenRequests_neverExposeSecretsOrTokens() throws Exception {
    JsonNode issued = TestHttp.tokens(emulator);
    String refresh = issued.get("refresh_token").asText();
    String basic = TestHttp.basic(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET);
    TestHttp.postForm(
        emulator.tokenUrl(), basic, "grant_type=refresh_token&refresh_token=" + refresh);
    TestHttp.postForm(
        emulator.tokenUrl() + "?client_secret=" + DEFAULT_CLIENT_SECRET, null, "grant_type=x");
    TestHttp.send(
        "PUT",
        emulator.v3Url() + "/tables/People/passwordFields/Secret?q.where=Name%3D%27Z%27",
        bearer(issued.get("access_token").asText()),
        "{\"Value\":\"hunter2\"}");

    List<LoggedCall> calls = emulator.log().entries();
    assertEquals(4, calls.size());
    String everything = calls.toString();
    for (String secret :
        List.of(
            DEFAULT_CLIENT_SECRET,
            refresh,
            issued.get("access_token").asText(),
            basic.substring(6),
            "hunter2")) {
      assertFalse(everything.contains(secret), "log leaks a secret: " + everything);
    }
    LoggedCall first = calls.get(0);
    assertEquals(List.of(DEFAULT_CLIENT_ID), first.form().get("client_id"));
    assertEquals(List.of(RequestLog.REDACTED), first.form().get("client_secret"));
    assertEquals(List.of(RequestLog.REDACTED), calls.get(1).form().get("refresh_token"));
    assertEquals("Basic " + RequestLog.REDACTED, calls.get(1).authorization());
    assertEquals(List.of(RequestLog.REDACTED), calls.get(2).query().get("client_secret"));
    assertNull(first.body());
    assertEquals(RequestLog.REDACTED, calls.get(3).body());
  }

  @Test
  void counters_countByKindAndClearResetsThem() throws Exception {
    String token = TestHttp.token(emulator);
    TestHttp.send("GET", emulator.v3Url() + "/tables", bearer(token), null);
    TestHttp.send("GET", emulator.v2Url() + "/tables/People/fields", bearer(token), null);
    TestHttp.send("GET", emulator.v3Url() + "/views", bearer(token), null);
    TestHttp.send("GET", emulator.v3Url() + "/tables/People/records", bearer(token), null);
    TestHttp.send("GET", emulator.v2Url() + "/views/V/records", bearer(token), null);
    TestHttp.send("GET", emulator.v3Url() + "/tables/People/passwordFields", bearer(token), null);
    TestHttp.send("GET", emulator.baseUrl() + "/elsewhere", null, null);

    RequestLog log = emulator.log();
    assertEquals(8, log.totalCalls());
    assertEquals(1, log.tokenRequests());
    assertEquals(2, log.calls(PathKind.TABLE_SCHEMA));
    assertEquals(1, log.calls(PathKind.VIEW_SCHEMA));
    assertEquals(2, log.calls(PathKind.RECORDS));
    assertEquals(1, log.calls(PathKind.PASSWORD_FIELDS));
    assertEquals(1, log.calls(PathKind.OTHER));

    emulator.clearLog();

    assertEquals(0, log.totalCalls());
    assertEquals(0, log.calls(PathKind.RECORDS));
    assertTrue(log.entries().isEmpty());
    assertNull(log.last());
  }

  @Test
  void faultedCalls_areLoggedToo() throws Exception {
    emulator.faults().failNext(1, 503);

    TestHttp.send("GET", emulator.v3Url() + "/tables", null, null);

    assertEquals(503, emulator.log().last().status());
    assertEquals(1, emulator.log().totalCalls());
  }
}
