/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Retry and non-retry decisions, with exact request counts. */
class RetryTest extends ApiTestBase {
  static final String TABLES = "/integrations/rest/v3/tables";
  static final String OK_TABLES = "{\"Result\":[\"A\",\"B\"]}";
  static final String ROW = "{\"Result\":[{\"PK_ID\":7,\"Name\":\"x\"}]}";

  /** Serves the given responses in turn; the last one repeats. */
  private void sequence(Supplier<MappingBuilder> base, ResponseDefinitionBuilder... responses) {
    for (int i = 0; i < responses.length; i++) {
      String state = i == 0 ? Scenario.STARTED : "s" + i;
      ScenarioMappingBuilder m = base.get().inScenario("seq").whenScenarioStateIs(state);
      if (i + 1 < responses.length) {
        m = m.willSetStateTo("s" + (i + 1));
      }
      server.stubFor(m.willReturn(responses[i]));
    }
  }

  private static ResponseDefinitionBuilder status(int code) {
    return aResponse().withStatus(code);
  }

  private static ResponseDefinitionBuilder json(int code, String body) {
    return aResponse()
        .withStatus(code)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private int count() {
    return server.findAll(anyRequestedFor(anyUrl())).size();
  }

  @Test
  void get_503ThreeTimesThen200_succeedsOnTheFourthRequest() {
    sequence(
        () -> get(urlPathEqualTo(TABLES)),
        status(503),
        status(503),
        status(503),
        json(200, OK_TABLES));
    HttpCaspioApi api = api();
    assertEquals(List.of("A", "B"), api.listTables());
    assertEquals(4, count());
    assertEquals(3, api.stats().retries());
    assertEquals(3, sleeper.delays.size());
    assertTrue(sleeper.delays.stream().allMatch(d -> d.toMillis() <= 50), sleeper.delays::toString);
  }

  @Test
  void get_429WithRetryAfterSeconds_waitsAtLeastThatLong() {
    sequence(
        () -> get(urlPathEqualTo(TABLES)),
        status(429).withHeader("Retry-After", "2"),
        json(200, OK_TABLES));
    HttpCaspioApi api = api();
    api.listTables();
    assertEquals(2, count());
    assertEquals(Duration.ofSeconds(2), sleeper.delays.get(0));
    assertEquals(1, api.stats().throttles());
  }

  @Test
  void get_429WithRetryAfterDate_waitsUntilThatDate() {
    Instant now = Instant.parse("2026-01-01T10:00:00Z");
    clock = Clock.fixed(now, ZoneOffset.UTC);
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(5).atOffset(ZoneOffset.UTC));
    sequence(
        () -> get(urlPathEqualTo(TABLES)),
        status(429).withHeader("Retry-After", date),
        json(200, OK_TABLES));
    api().listTables();
    assertEquals(2, count());
    assertEquals(Duration.ofSeconds(5), sleeper.delays.get(0));
  }

  @Test
  void get_retryAfterBeyondCap_givesUpAtOnce() {
    server.stubFor(
        get(urlPathEqualTo(TABLES)).willReturn(status(429).withHeader("Retry-After", "3600")));
    CaspioException e = assertThrows(CaspioException.class, () -> api().listTables());
    assertEquals(ErrorKind.TRANSPORT, e.kind());
    assertEquals(429, e.httpStatus());
    assertEquals(1, count());
  }

  @Test
  void get_caspioRateLimitAs400_isRetried() {
    sequence(
        () -> get(urlPathEqualTo(TABLES)),
        json(
            400,
            "[{\"message\":\"You have exceeded your API call rate limits.\","
                + "\"name\":\"api-calls-rate\"}]"),
        json(200, OK_TABLES));
    HttpCaspioApi api = api();
    assertEquals(List.of("A", "B"), api.listTables());
    assertEquals(2, count());
    assertEquals(1, api.stats().throttles());
    assertEquals(2, api.stats().parallelism(), "a throttle halves the parallelism");
  }

  @Test
  void get_ordinary400_isNotRetried() {
    server.stubFor(
        get(urlPathEqualTo(TABLES))
            .willReturn(
                json(400, "{\"Code\":\"IncorrectQueryParameter\",\"Message\":\"bad where\"}")));
    CaspioException e = assertThrows(CaspioException.class, () -> api().listTables());
    assertEquals(ErrorKind.SYNTAX, e.kind());
    assertEquals(1, count());
  }

  @Test
  void get_persistent500_stopsAfterMaxAttempts() {
    server.stubFor(
        get(urlPathEqualTo(TABLES))
            .willReturn(
                json(
                    500,
                    "{\"Code\":\"InternalError\",\"Message\":\"boom\",\"RequestId\":\"r-9\"}")));
    HttpCaspioApi api = api();
    CaspioException e = assertThrows(CaspioException.class, api::listTables);
    assertEquals(ErrorKind.REMOTE, e.kind());
    assertEquals(500, e.httpStatus());
    assertEquals("r-9", e.requestId());
    assertTrue(e.getMessage().contains("gave up after 4 attempts"), e.getMessage());
    assertEquals(4, count());
    assertEquals(3, api.stats().retries());
  }

  @Test
  void get_connectionResetThenSuccess_isRetriedTransparently() {
    sequence(
        () -> get(urlPathEqualTo(TABLES)),
        aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
        json(200, OK_TABLES));
    assertEquals(List.of("A", "B"), api().listTables());
    assertEquals(2, count());
  }

  @Test
  void get_redirect_isNotFollowedAndNoTokenLeavesTheHost() {
    WireMockServer other = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    other.start();
    try {
      other.stubFor(any(anyUrl()).willReturn(json(200, OK_TABLES)));
      server.stubFor(
          get(urlPathEqualTo(TABLES))
              .willReturn(
                  status(302).withHeader("Location", "http://127.0.0.1:" + other.port() + "/x")));
      CaspioException e = assertThrows(CaspioException.class, () -> api().listTables());
      assertEquals(ErrorKind.REMOTE, e.kind());
      assertTrue(e.getMessage().contains("redirect"), e.getMessage());
      assertEquals(1, count());
      assertEquals(0, other.findAll(anyRequestedFor(anyUrl())).size());
    } finally {
      other.stop();
    }
  }

  @Test
  void get_401ThenSuccess_renewsTheTokenOnce() {
    server.stubFor(
        get(urlPathEqualTo(TABLES))
            .withHeader("Authorization", equalTo("Bearer tok-1"))
            .willReturn(status(401)));
    server.stubFor(
        get(urlPathEqualTo(TABLES))
            .withHeader("Authorization", equalTo("Bearer tok-2"))
            .willReturn(json(200, OK_TABLES)));
    HttpCaspioApi api = api();
    assertEquals(List.of("A", "B"), api.listTables());
    assertEquals(2, count());
    assertEquals(1, tokens.invalidations.get());
    assertEquals(1, api.stats().unauthorized());
  }

  @Test
  void get_401Twice_isAuthenticationFailure() {
    server.stubFor(get(urlPathEqualTo(TABLES)).willReturn(status(401)));
    HttpCaspioApi api = api();
    CaspioException e = assertThrows(CaspioException.class, api::listTables);
    assertEquals(ErrorKind.AUTHENTICATION, e.kind());
    assertEquals("28000", e.sqlState());
    assertEquals(2, count());
    assertEquals(1, tokens.invalidations.get());
    assertEquals(2, api.stats().unauthorized());
  }

  @Test
  void get_retriesBeyondTheStatementDeadline_failWithTimeout() {
    server.stubFor(
        get(urlPathEqualTo(TABLES)).willReturn(status(503).withHeader("Retry-After", "5")));
    CaspioException e =
        assertThrows(
            CaspioException.class,
            () -> api(b -> b.statementTimeout(Duration.ofSeconds(2))).listTables());
    assertEquals(ErrorKind.TIMEOUT, e.kind());
    assertEquals(1, count());
  }

  @Test
  void post_connectionResetAfterSend_isUnknownOutcomeAfterOneRequest() {
    server.stubFor(
        post(urlPathEqualTo(RECORDS))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    CaspioException e =
        assertThrows(
            CaspioException.class, () -> api().insert(ObjectKind.TABLE, "T", Map.of("Name", "x")));
    assertEquals(ErrorKind.UNKNOWN_OUTCOME, e.kind());
    assertEquals(1, count());
    assertTrue(sleeper.delays.isEmpty());
  }

  @Test
  void post_emptyReply_isUnknownOutcome() {
    server.stubFor(
        post(urlPathEqualTo(RECORDS)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
    CaspioException e =
        assertThrows(
            CaspioException.class, () -> api().insert(ObjectKind.TABLE, "T", Map.of("Name", "x")));
    assertEquals(ErrorKind.UNKNOWN_OUTCOME, e.kind());
    assertEquals(1, count());
  }

  @Test
  void post_429_isRetriedBecauseItWasNotProcessed() {
    sequence(() -> post(urlPathEqualTo(RECORDS)), status(429), json(201, ROW));
    Map<String, Object> row = api().insert(ObjectKind.TABLE, "T", Map.of("Name", "x"));
    assertEquals(7L, row.get("PK_ID"));
    assertEquals(2, count());
  }

  @Test
  void post_503WithRetryAfter_isRetried() {
    sequence(
        () -> post(urlPathEqualTo(RECORDS)),
        status(503).withHeader("Retry-After", "1"),
        json(201, ROW));
    api().insert(ObjectKind.TABLE, "T", Map.of("Name", "x"));
    assertEquals(2, count());
  }

  @Test
  void post_503WithoutRetryAfter_isUnknownOutcome() {
    server.stubFor(post(urlPathEqualTo(RECORDS)).willReturn(status(503)));
    CaspioException e =
        assertThrows(
            CaspioException.class, () -> api().insert(ObjectKind.TABLE, "T", Map.of("Name", "x")));
    assertEquals(ErrorKind.UNKNOWN_OUTCOME, e.kind());
    assertEquals(1, count());
  }

  @Test
  void put_500WithoutCode_isUnknownOutcomeNotRetried() {
    server.stubFor(put(urlPathEqualTo(RECORDS)).willReturn(status(500)));
    CaspioException e =
        assertThrows(
            CaspioException.class,
            () -> api().update(ObjectKind.TABLE, "T", "PK_ID=1", Map.of("Name", "y")));
    assertEquals(ErrorKind.UNKNOWN_OUTCOME, e.kind());
    assertEquals(1, count());
  }

  @Test
  void post_500WithCaspioCode_isDefinitiveError() {
    server.stubFor(
        post(urlPathEqualTo(RECORDS))
            .willReturn(json(500, "{\"Code\":\"AlterReadOnlyData\",\"Message\":\"PK_ID\"}")));
    CaspioException e =
        assertThrows(
            CaspioException.class, () -> api().insert(ObjectKind.TABLE, "T", Map.of("PK_ID", 3)));
    assertEquals(ErrorKind.READ_ONLY, e.kind());
    assertEquals(1, count());
  }

  @Test
  void post_connectionRefused_isRetriedBecauseNothingWasSent() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CaspioApiConfig config =
        CaspioApiConfig.builder(URI.create("http://127.0.0.1:" + port))
            .maxAttempts(3)
            .backoffBase(Duration.ofMillis(1))
            .build();
    try (HttpCaspioApi api =
        new HttpCaspioApi(
            config, tokens, CaspioHttpClients.create(config), sleeper, Clock.systemUTC())) {
      CaspioException e =
          assertThrows(
              CaspioException.class, () -> api.insert(ObjectKind.TABLE, "T", Map.of("a", 1)));
      assertEquals(ErrorKind.TRANSPORT, e.kind());
      assertEquals(2, sleeper.delays.size());
      assertEquals(3, api.stats().calls());
    }
  }

  @Test
  void post_sendsJsonBodyWithResponseRows() {
    server.stubFor(post(urlPathEqualTo(RECORDS)).willReturn(json(201, ROW)));
    api()
        .insert(
            ObjectKind.TABLE,
            "T",
            new java.util.LinkedHashMap<>(
                Map.of("When", java.time.LocalDateTime.of(2024, 2, 29, 10, 0))));
    LoggedRequest r = server.findAll(anyRequestedFor(anyUrl())).get(0);
    assertEquals("rows", r.queryParameter("response").firstValue());
    assertEquals("{\"When\":\"2024-02-29T10:00:00\"}", r.getBodyAsString());
    assertTrue(r.getHeader("Content-Type").startsWith("application/json"));
    assertTrue(r.getHeader("User-Agent").startsWith("caspio-jdbc/"));
  }
}
