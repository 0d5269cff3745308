/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import static io.github.caspiojdbc.emulator.TestHttp.bearer;
import static io.github.caspiojdbc.emulator.TestHttp.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.caspiojdbc.emulator.store.FieldDef;
import io.github.caspiojdbc.emulator.store.FieldType;
import io.github.caspiojdbc.emulator.store.TableDef;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each injected fault: rate limits, forced failures, broken connections, delays, bad replies. */
class FaultsTest {
  private final MutableClock clock = new MutableClock();

  @RegisterExtension
  final EmulatorFixture fixture =
      EmulatorFixture.builder()
          .empty()
          .emulator(b -> b.clock(clock))
          .table(TableDef.of("People", FieldDef.of("Name", FieldType.STRING)))
          .perTest();

  private final CaspioEmulator emulator = fixture.emulator;
  private final String token = TestHttp.token(emulator);

  @Test
  void rateLimit_429_overBudgetWithinOneSecond_thenRenewsWhenClockMoves() throws Exception {
    emulator.faults().rateLimit(2, RateLimitReply.STATUS_429);

    assertEquals(200, tables().statusCode());
    assertEquals(200, tables().statusCode());
    HttpResponse<String> limited = tables();
    assertEquals(429, limited.statusCode());
    assertEquals("TooManyRequests", json(limited).get("Code").asText());
    assertFalse(limited.headers().firstValue("Retry-After").isPresent());
    assertEquals(200, token().statusCode(), "token requests are not rate limited");

    clock.advance(Duration.ofSeconds(1));
    assertEquals(200, tables().statusCode());
  }

  @Test
  void rateLimit_429WithRetryAfter_sendsRetryAfterOne() throws Exception {
    emulator.faults().rateLimit(0, RateLimitReply.STATUS_429_WITH_RETRY_AFTER);

    HttpResponse<String> limited = tables();

    assertEquals(429, limited.statusCode());
    assertEquals("1", limited.headers().firstValue("Retry-After").orElse(""));
  }

  @Test
  void rateLimit_400Array_sendsCaspiosOddArrayBody() throws Exception {
    emulator.faults().rateLimit(0, RateLimitReply.STATUS_400_ARRAY);

    HttpResponse<String> limited = tables();

    assertEquals(400, limited.statusCode());
    assertEquals(
        "[{\"message\":\"You have exceeded your API call rate limits.\",\"name\":\"api-calls-rate\"}]",
        limited.body());
  }

  @Test
  void rateLimit_defaultReply_is429_builderSwitchMakesIt400Array() throws Exception {
    emulator.faults().rateLimit(0);
    assertEquals(429, tables().statusCode());

    try (CaspioEmulator other =
        CaspioEmulator.builder().rateLimitReply(RateLimitReply.STATUS_400_ARRAY).build().start()) {
      other.faults().rateLimit(0);
      HttpResponse<String> limited =
          TestHttp.send("GET", other.v3Url() + "/tables", bearer(TestHttp.token(other)), null);
      assertEquals(400, limited.statusCode());
      assertTrue(limited.body().contains("\"name\":\"api-calls-rate\""), limited.body());
    }
  }

  @Test
  void failNext_twoTimes503_thenServesNormally() throws Exception {
    emulator.faults().failNext(2, 503);

    HttpResponse<String> first = tables();
    assertEquals(503, first.statusCode());
    assertEquals("InjectedFault", json(first).get("Code").asText());
    assertEquals(503, tables().statusCode());
    assertEquals(200, tables().statusCode());
  }

  @Test
  void failNext_500_usesInternalErrorCode() throws Exception {
    emulator.faults().failNext(1, 500);

    HttpResponse<String> r = tables();

    assertEquals(500, r.statusCode());
    assertEquals("InternalError", json(r).get("Code").asText());
  }

  @Test
  void failNext_withPathPattern_countsOnlyMatchingRequests() throws Exception {
    emulator.faults().failNext(1, 502, "/records");

    assertEquals(200, tables().statusCode());
    assertEquals(502, records().statusCode());
    assertEquals(200, records().statusCode());
  }

  @Test
  void failNext_statusOutsideErrorRange_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> emulator.faults().failNext(1, 200));
    assertThrows(IllegalArgumentException.class, () -> emulator.faults().failNext(0, 500));
  }

  @ParameterizedTest
  @EnumSource(ConnectionFault.class)
  void dropNext_breaksOneConnectionWithoutAValidReply(ConnectionFault fault) throws Exception {
    emulator.faults().dropNext(1, fault);

    RawHttp.Result broken =
        RawHttp.exchange(emulator.port(), "GET", "/integrations/rest/v3/tables", bearer(token));

    switch (fault) {
      case CONNECTION_RESET:
        assertNotNull(broken.failure(), "expected a reset");
        break;
      case EMPTY_RESPONSE:
        assertEquals(0, broken.bytes().length);
        break;
      case MALFORMED_CHUNK:
        assertTrue(broken.text().startsWith("HTTP/1.1 200"), broken.text());
        String afterHeaders = broken.text().substring(broken.text().indexOf("\r\n\r\n") + 4);
        assertFalse(afterHeaders.startsWith("{"), "garbage instead of the JSON body");
        break;
      case RANDOM_DATA_THEN_CLOSE:
        assertFalse(broken.text().startsWith("HTTP/"), "random bytes, not HTTP");
        break;
    }
    assertEquals(200, tables().statusCode());
    assertEquals(0, emulator.log().entries().get(1).status(), "logged as no status");
  }

  @Test
  void dropNext_beforeProcessing_doesNotInsert() throws Exception {
    emulator.faults().dropNext(1, ConnectionFault.EMPTY_RESPONSE, "/records");

    RawHttp.exchange(
        emulator.port(), "POST", "/integrations/rest/v3/tables/People/records", bearer(token));

    assertEquals(0, emulator.store().rowCount("People"));
  }

  @Test
  void dropNextAfterProcessing_insertsThenBreaksConnection() throws Exception {
    emulator.faults().dropNextAfterProcessing(1, ConnectionFault.EMPTY_RESPONSE, "/records");

    assertThrows(java.io.IOException.class, () -> postOnce("{\"Name\":\"Ann\"}"));

    assertEquals(1, emulator.store().rowCount("People"));
  }

  @Test
  void delayNext_holdsTheReplyBack_thenServesNormally() throws Exception {
    emulator.faults().delayNext(1, Duration.ofSeconds(5));
    HttpRequest impatient =
        HttpRequest.newBuilder(URI.create(emulator.v3Url() + "/tables"))
            .header("Authorization", bearer(token))
            .timeout(Duration.ofMillis(300))
            .build();

    assertThrows(
        HttpTimeoutException.class,
        () -> TestHttp.CLIENT.send(impatient, HttpResponse.BodyHandlers.ofString()));
    assertEquals(200, tables().statusCode());
  }

  @Test
  void builderLatency_delaysEveryReply_untilSetToZero() throws Exception {
    try (CaspioEmulator slow =
        CaspioEmulator.builder().latency(Duration.ofSeconds(5)).build().start()) {
      HttpRequest impatient =
          HttpRequest.newBuilder(URI.create(slow.v3Url() + "/tables"))
              .timeout(Duration.ofMillis(300))
              .build();
      assertThrows(
          HttpTimeoutException.class,
          () -> TestHttp.CLIENT.send(impatient, HttpResponse.BodyHandlers.ofString()));

      slow.faults().setLatency(Duration.ZERO);

      assertEquals(401, TestHttp.send("GET", slow.v3Url() + "/tables", null, null).statusCode());
    }
  }

  @Test
  void latency_isAdjustableAndReported() {
    emulator.faults().setLatency(Duration.ofMillis(5));

    assertEquals(Duration.ofMillis(5), emulator.faults().latency());
    assertThrows(
        IllegalArgumentException.class, () -> emulator.faults().setLatency(Duration.ofMillis(-1)));
  }

  @Test
  void badReply_truncatedBody_isTheFirstHalfOfTheRealReply() throws Exception {
    emulator.faults().badReplyNext(1, BadReply.TRUNCATED_BODY);

    HttpResponse<String> cut = tables();
    HttpResponse<String> whole = tables();

    assertEquals(200, cut.statusCode());
    byte[] full = whole.body().getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(
        Arrays.copyOf(full, full.length / 2), cut.body().getBytes(StandardCharsets.UTF_8));
    assertThrows(JsonProcessingException.class, () -> TestHttp.JSON.readTree(cut.body()));
  }

  @Test
  void badReply_htmlPages_haveHtmlContentType() throws Exception {
    emulator.faults().badReplyNext(1, BadReply.HTML_ERROR_PAGE);
    emulator.faults().badReplyNext(1, BadReply.HTML_OK_PAGE);

    HttpResponse<String> gateway = tables();
    HttpResponse<String> portal = tables();

    assertEquals(502, gateway.statusCode());
    assertEquals(200, portal.statusCode());
    for (HttpResponse<String> r : java.util.List.of(gateway, portal)) {
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
      assertTrue(r.body().contains("<html"));
    }
  }

  @Test
  void clear_removesRateLimitAndPendingFaults() throws Exception {
    emulator.faults().rateLimit(0, RateLimitReply.STATUS_429);
    emulator.faults().failNext(5, 500);
    emulator.faults().dropNext(5, ConnectionFault.CONNECTION_RESET);

    emulator.faults().clear();

    assertEquals(200, tables().statusCode());
  }

  @Test
  void faults_applyToTheTokenEndpointWhenThePatternSaysSo() throws Exception {
    emulator.faults().failNext(1, 503, "^/oauth/token$");

    assertEquals(200, tables().statusCode());
    assertEquals(503, token().statusCode());
    assertEquals(200, token().statusCode());
  }

  private HttpResponse<String> tables() throws Exception {
    return TestHttp.send("GET", emulator.v3Url() + "/tables", bearer(token), null);
  }

  private HttpResponse<String> records() throws Exception {
    return TestHttp.send("GET", emulator.v3Url() + "/tables/People/records", bearer(token), null);
  }

  private HttpResponse<String> token() throws Exception {
    return TestHttp.postForm(
        emulator.tokenUrl(),
        TestHttp.basic(CaspioEmulator.DEFAULT_CLIENT_ID, CaspioEmulator.DEFAULT_CLIENT_SECRET),
        "grant_type=client_credentials");
  }

  /** The JDK HttpClient never retries a POST on its own, so this sends exactly one request. */
  private void postOnce(String json) throws Exception {
    TestHttp.send("POST", emulator.v3Url() + "/tables/People/records", bearer(token), json);
  }
}
