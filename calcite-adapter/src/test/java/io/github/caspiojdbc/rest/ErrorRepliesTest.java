/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How Caspio's error replies become exceptions. */
class ErrorRepliesTest extends ApiTestBase {

  static Stream<Arguments> mapping() {
    return Stream.of(
        Arguments.of(404, "ObjectNotFound", "Table not found", ErrorKind.TABLE_NOT_FOUND, "42S02"),
        Arguments.of(404, "FieldNotFound", "No field X", ErrorKind.COLUMN_NOT_FOUND, "42S22"),
        Arguments.of(400, "ColumnNotFound", "No column X", ErrorKind.COLUMN_NOT_FOUND, "42S22"),
        Arguments.of(400, "SqlServerError", "Incorrect syntax near", ErrorKind.SYNTAX, "42000"),
        Arguments.of(400, "IncorrectQueryParameter", "q.where", ErrorKind.SYNTAX, "42000"),
        Arguments.of(
            400,
            "SqlServerError",
            "Violation of UNIQUE KEY constraint 'x'. Cannot insert duplicate key",
            ErrorKind.INTEGRITY,
            "23000"),
        Arguments.of(
            400,
            "SqlServerError",
            "Conversion failed when converting the varchar value",
            ErrorKind.DATA,
            "22000"),
        Arguments.of(400, "InvalidInputValue", "doesn't match", ErrorKind.DATA, "22000"),
        Arguments.of(400, "IncorrectBodyParameter", "body", ErrorKind.DATA, "22000"),
        Arguments.of(500, "AlterReadOnlyData", "PK_ID", ErrorKind.READ_ONLY, "25006"),
        Arguments.of(400, "ProfileDisabled", "off", ErrorKind.FORBIDDEN, "42501"),
        Arguments.of(403, "IpForbidden", "ip", ErrorKind.FORBIDDEN, "42501"),
        Arguments.of(403, null, null, ErrorKind.FORBIDDEN, "42501"),
        Arguments.of(401, "Unauthorized", "token", ErrorKind.AUTHENTICATION, "28000"),
        Arguments.of(414, null, null, ErrorKind.UNSUPPORTED, "0A000"),
        Arguments.of(500, null, null, ErrorKind.REMOTE, "HY000"),
        Arguments.of(500, "InternalError", "x", ErrorKind.REMOTE, "HY000"),
        Arguments.of(503, null, null, ErrorKind.TRANSPORT, "08S01"),
        Arguments.of(429, null, null, ErrorKind.TRANSPORT, "08S01"),
        Arguments.of(404, null, null, ErrorKind.REMOTE, "HY000"));
  }

  @ParameterizedTest
  @MethodSource("mapping")
  void kind_statusAndCode_mapsToKindAndSqlState(
      int status, String code, String message, ErrorKind kind, String sqlState) {
    ErrorKind actual = ErrorReplies.kind(status, code, message);
    assertEquals(kind, actual);
    assertEquals(sqlState, actual.sqlState());
  }

  @Test
  void parse_envelope_readsCodeMessageAndRequestId() {
    ErrorReplies.Envelope e =
        ErrorReplies.parse(
            bytes(
                "{\"Code\":\"ObjectNotFound\",\"Message\":\"m\",\"Resource\":\"/x\","
                    + "\"RequestId\":\"abc\"}"),
            new ObjectMapper());
    assertEquals("ObjectNotFound", e.code());
    assertEquals("m", e.message());
    assertEquals("abc", e.requestId());
    assertFalse(e.rateLimit());
  }

  @Test
  void parse_rateLimitArray_isRecognised() {
    ErrorReplies.Envelope e =
        ErrorReplies.parse(
            bytes(
                "[{\"message\":\"You have exceeded your API call rate limits.\","
                    + "\"name\":\"api-calls-rate\"}]"),
            new ObjectMapper());
    assertTrue(e.rateLimit());
  }

  @Test
  void parse_html_isEmptyEnvelope() {
    ErrorReplies.Envelope e = ErrorReplies.parse(bytes("<html>oops</html>"), new ObjectMapper());
    assertNull(e.code());
    assertFalse(e.rateLimit());
  }

  @Test
  void sanitize_controlCharsSecretAndLength_areCleaned() {
    String s = ErrorReplies.sanitize("a\nb tok-1 " + "x".repeat(500), "tok-1", 20);
    assertFalse(s.contains("\n"));
    assertFalse(s.contains("tok-1"));
    assertEquals(21, s.length());
  }

  @Test
  void listTables_404Envelope_carriesStatusCodeMessageAndHeaderRequestId() {
    server.stubFor(
        get(urlPathEqualTo("/integrations/rest/v3/tables/Nope/fields"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("X-Caspio-Request-ID", "req-42")
                    .withBody(
                        "{\"Code\":\"ObjectNotFound\",\"Message\":\"Cannot find object"
                            + " \\u0007Nope\",\"Resource\":\"/v3/tables/Nope/fields\"}")));
    CaspioException e =
        assertThrows(CaspioException.class, () -> api().fields(ObjectKind.TABLE, "Nope"));
    assertEquals(ErrorKind.TABLE_NOT_FOUND, e.kind());
    assertEquals(404, e.httpStatus());
    assertEquals("ObjectNotFound", e.caspioCode());
    assertEquals("req-42", e.requestId());
    assertTrue(e.getMessage().contains("GET /integrations/rest/v3/tables/Nope/fields"));
    assertTrue(e.getMessage().contains("Cannot find object  Nope"), e.getMessage());
    assertTrue(e.getMessage().contains("req-42"));
    assertEquals("42S02", e.sqlState());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
