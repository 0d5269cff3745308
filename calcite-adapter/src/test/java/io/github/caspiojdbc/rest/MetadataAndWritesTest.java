/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metadata reads, set-based writes, password fields and the v2 path. */
class MetadataAndWritesTest extends ApiTestBase {

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private LoggedRequest only() {
    List<LoggedRequest> all = server.findAll(anyRequestedFor(anyUrl()));
    assertEquals(1, all.size());
    return all.get(0);
  }

  @Test
  void fields_tableWithListAndTimestamp_keepsEveryKeyTheAdapterNeeds() {
    server.stubFor(
        get(urlPathEqualTo("/integrations/rest/v3/tables/Pets/fields"))
            .willReturn(
                json(
                    "{\"Result\":[{\"Name\":\"Kind\",\"Type\":\"LIST-STRING\",\"Unique\":false,"
                        + "\"Editable\":true,\"Label\":\"Kind of pet\",\"Description\":\"d\","
                        + "\"DisplayOrder\":2,\"IsFormula\":false,"
                        + "\"ListField\":{\"2\":\"Dog\",\"1\":\"Cat\"}},"
                        + "{\"Name\":\"Stamp\",\"Type\":\"TIMESTAMP\",\"OnInsert\":true,"
                        + "\"OnUpdate\":false,\"TimeZone\":\"UTC\"},"
                        + "{\"Name\":\"Code\",\"Type\":\"RANDOM ID\",\"Unique\":true,"
                        + "\"Format\":\"0U\",\"Prefix\":\"P-\",\"Length\":8}]}")));
    List<FieldInfo> fields = api().fields(ObjectKind.TABLE, "Pets");

    assertEquals(3, fields.size());
    FieldInfo kind = fields.get(0);
    assertEquals("LIST-STRING", kind.type());
    assertEquals("Kind of pet", kind.label());
    assertEquals(2, kind.displayOrder());
    assertEquals(List.of("2", "1"), List.copyOf(kind.listItems().keySet()));
    assertEquals(Boolean.TRUE, kind.editable());
    assertTrue(kind.writable());
    FieldInfo stamp = fields.get(1);
    assertTrue(stamp.onInsert());
    assertEquals("UTC", stamp.timeZone());
    assertNull(stamp.editable(), "v2-style replies omit Editable");
    assertFalse(stamp.writable());
    FieldInfo code = fields.get(2);
    assertTrue(code.unique());
    assertEquals("0U", code.format());
    assertEquals("P-", code.prefix());
    assertEquals(8, code.length());
  }

  @Test
  void fields_view_readsTableFieldName() {
    server.stubFor(
        get(urlPathEqualTo("/integrations/rest/v3/views/V/fields"))
            .willReturn(
                json(
                    "{\"Result\":[{\"Name\":\"A\",\"Type\":\"STRING\","
                        + "\"TableFieldName\":\"T.A\"}]}")));
    assertEquals("T.A", api().fields(ObjectKind.VIEW, "V").get(0).tableFieldName());
  }

  @Test
  void fields_missingType_isRemoteError() {
    server.stubFor(
        get(urlPathEqualTo("/integrations/rest/v3/tables/T/fields"))
            .willReturn(json("{\"Result\":[{\"Name\":\"A\"}]}")));
    CaspioException e =
        assertThrows(CaspioException.class, () -> api().fields(ObjectKind.TABLE, "T"));
    assertEquals(ErrorKind.REMOTE, e.kind());
  }

  @Test
  void listViews_onV2_usesTheV2Path() {
    server.stubFor(get(urlPathEqualTo("/rest/v2/views")).willReturn(json("{\"Result\":[\"V\"]}")));
    assertEquals(List.of("V"), api(b -> b.version(ApiVersion.V2)).listViews());
  }

  @Test
  void listTables_nameWithSpace_isEncodedInPath() {
    server.stubFor(
        get(urlPathEqualTo("/integrations/rest/v3/tables/My%20Table/fields"))
            .willReturn(json("{\"Result\":[]}")));
    assertEquals(List.of(), api().fields(ObjectKind.TABLE, "My Table"));
  }

  @Test
  void update_sendsWhereAndBodyAndReadsRecordsAffected() {
    server.stubFor(
        put(urlPathEqualTo(RECORDS)).willReturn(json("{\"RecordsAffected\":3,\"Result\":[]}")));
    RecordsAffected n =
        api().update(ObjectKind.TABLE, "T", "Name='O''Brien' AND X>1", Map.of("Active", false));
    assertEquals(3, n.count());
    LoggedRequest r = only();
    assertEquals("Name='O''Brien' AND X>1", r.queryParameter("q.where").firstValue());
    assertEquals("{\"Active\":false}", r.getBodyAsString());
    assertTrue(r.getUrl().contains("q.where=Name%3D'O''Brien'%20AND%20X%3E1"), r.getUrl());
  }

  @Test
  void delete_zeroMatches_isZeroNotAnError() {
    server.stubFor(delete(urlPathEqualTo(RECORDS)).willReturn(json("{\"RecordsAffected\":0}")));
    assertEquals(0, api().delete(ObjectKind.TABLE, "T", "PK_ID=999").count());
  }

  @Test
  void delete_withoutWhere_isRefusedBeforeSending() {
    CaspioException e =
        assertThrows(CaspioException.class, () -> api().delete(ObjectKind.TABLE, "T", " "));
    assertEquals(ErrorKind.INVALID_PARAMETER, e.kind());
    assertEquals(0, server.findAll(anyRequestedFor(anyUrl())).size());
  }

  @Test
  void delete_replyWithoutRecordsAffected_isRemoteError() {
    server.stubFor(delete(urlPathEqualTo(RECORDS)).willReturn(json("{\"Result\":[]}")));
    CaspioException e =
        assertThrows(CaspioException.class, () -> api().delete(ObjectKind.TABLE, "T", "PK_ID=1"));
    assertEquals(ErrorKind.REMOTE, e.kind());
  }

  @Test
  void update_appliedButOddReply_saysItWasApplied() {
    server.stubFor(put(urlPathEqualTo(RECORDS)).willReturn(aResponse().withStatus(204)));
    CaspioException e =
        assertThrows(
            CaspioException.class,
            () -> api().update(ObjectKind.TABLE, "T", "PK_ID=1", Map.of("A", 1)));
    assertEquals(ErrorKind.REMOTE, e.kind());
    assertTrue(e.getMessage().contains("was applied (HTTP 204)"), e.getMessage());
    assertEquals(1, server.findAll(anyRequestedFor(anyUrl())).size());
  }

  @Test
  void listTables_gzipReply_isDecoded() throws Exception {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(buf)) {
      gz.write("{\"Result\":[\"Zipped\"]}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    server.stubFor(
        get(urlPathEqualTo("/integrations/rest/v3/tables"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Content-Encoding", "gzip")
                    .withBody(buf.toByteArray())));
    HttpCaspioApi api = api();
    assertEquals(List.of("Zipped"), api.listTables());
    assertTrue(only().getHeader("Accept-Encoding").contains("gzip"));
    assertEquals("{\"Result\":[\"Zipped\"]}".length(), api.stats().bytesReceived());
    assertEquals(buf.size(), api.stats().wireBytes());
  }

  @Test
  void setPassword_putsValueToPasswordFieldPath() {
    server.stubFor(
        put(urlPathEqualTo("/integrations/rest/v3/tables/Users/passwordFields/Pw"))
            .willReturn(json("{\"RecordsAffected\":1}")));
    assertEquals(1, api().setPassword("Users", "Pw", "PK_ID=4", "s3cret").count());
    LoggedRequest r = only();
    assertEquals("{\"Value\":\"s3cret\"}", r.getBodyAsString());
    assertEquals("PK_ID=4", r.queryParameter("q.where").firstValue());
  }

  @Test
  void insert_unsupportedValueType_isRefusedBeforeSending() {
    CaspioException e =
        assertThrows(
            CaspioException.class,
            () -> api().insert(ObjectKind.TABLE, "T", Map.of("A", new Object())));
    assertEquals(ErrorKind.DATA, e.kind());
    assertEquals(0, server.findAll(anyRequestedFor(anyUrl())).size());
  }

  @Test
  void insert_emptyReply_returnsEmptyMap() {
    server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(RECORDS))
            .willReturn(aResponse().withStatus(201)));
    assertEquals(Map.of(), api().insert(ObjectKind.TABLE, "T", Map.of("Tags", List.of(1, 3))));
    assertEquals("{\"Tags\":[1,3]}", only().getBodyAsString());
  }

  @Test
  void stats_countCallsAndBytes() {
    server.stubFor(
        get(urlPathEqualTo("/integrations/rest/v3/tables")).willReturn(json("{\"Result\":[]}")));
    HttpCaspioApi api = api();
    api.listTables();
    api.listTables();
    ApiStats s = api.stats();
    assertEquals(2, s.calls());
    assertEquals(2 * "{\"Result\":[]}".length(), s.bytesReceived());
    assertTrue(s.wireBytes() > 0, "WireMock gzips replies, so wire bytes are counted separately");
    assertEquals(0, s.retries());
    assertEquals(4, s.parallelism());
  }
}
