/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import static io.github.caspiojdbc.emulator.TestHttp.bearer;
import static io.github.caspiojdbc.emulator.TestHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** REST v4 writes: bulk insert/update/delete, the tautology guard and per-record calls. */
class V4RecordsTest {
  @RegisterExtension final EmulatorFixture fixture = People.v4PerTest();
  private final CaspioEmulator emulator = fixture.emulator;
  private final String token = TestHttp.token(emulator);

  @Test
  void bulkInsert_allSucceed_is201WithTheRecords() throws Exception {
    HttpResponse<String> r =
        call(
            "POST",
            "/tables/People/records/bulk",
            "[{\"Name\":\"Di\",\"Age\":1},{\"Name\":\"Ed\"}]");
    assertEquals(201, r.statusCode(), r.body());
    JsonNode data = json(r).get("data");
    assertEquals(2, data.size());
    assertEquals("Di", data.get(0).get("Name").asText());
    assertEquals(4, data.get(0).get("PK_ID").asInt());
    assertEquals(4, data.get(0).get("Code").asInt(), "generated like a v3 POST");
    assertEquals(5, emulator.store().rowCount("People"));
  }

  @Test
  void bulkInsert_someFail_is207WithOneStatusPerItem() throws Exception {
    HttpResponse<String> r =
        call(
            "POST",
            "/tables/People/records/bulk",
            "[{\"Name\":\"Di\"},{\"Name\":\"Ann\"},{\"Nope\":1},{\"Age\":\"x\"},"
                + "{\"Code\":7},5,{\"Name\":\"Fay\"}]");
    assertEquals(207, r.statusCode(), r.body());
    JsonNode data = json(r).get("data");
    assertEquals(7, data.size());
    for (int i = 0; i < data.size(); i++) {
      assertEquals(i, data.get(i).get("index").asInt());
    }
    assertEquals(201, data.get(0).get("status").asInt());
    assertEquals("Di", data.get(0).get("record").get("Name").asText());
    assertEquals("SqlServerError", data.get(1).get("error").get("Code").asText(), "unique Name");
    assertEquals(400, data.get(1).get("status").asInt());
    assertEquals(404, data.get(2).get("status").asInt());
    assertEquals("FieldNotFound", data.get(2).get("error").get("Code").asText());
    assertEquals("InvalidInputValue", data.get(3).get("error").get("Code").asText());
    assertEquals("AlterReadOnlyData", data.get(4).get("error").get("Code").asText());
    assertEquals("IncorrectBodyParameter", data.get(5).get("error").get("Code").asText());
    assertEquals(201, data.get(6).get("status").asInt());
    assertEquals(5, emulator.store().rowCount("People"), "successful items stay");
  }

  @Test
  void bulkInsert_over1000OrEmptyOrNotArray_is400AndWritesNothing() throws Exception {
    StringBuilder many = new StringBuilder("[");
    for (int i = 0; i < 1001; i++) {
      many.append(i == 0 ? "" : ",").append("{\"Age\":").append(i).append('}');
    }
    many.append(']');
    for (String body : new String[] {many.toString(), "[]", "{\"Name\":\"X\"}", "[{]"}) {
      HttpResponse<String> r = call("POST", "/tables/People/records/bulk", body);
      assertEquals(400, r.statusCode(), r.body());
      assertEquals("IncorrectBodyParameter", json(r).get("Code").asText());
      V4RouterTest.assertV4Error(json(r), r);
    }
    assertEquals(3, emulator.store().rowCount("People"));
  }

  @Test
  void bulkInsert_exactly1000_isAccepted() throws Exception {
    StringBuilder many = new StringBuilder("[");
    for (int i = 0; i < 1000; i++) {
      // Name is unique without UniqueAllowNulls, so every item needs its own.
      many.append(i == 0 ? "" : ",").append("{\"Name\":\"N").append(i).append("\"}");
    }
    many.append(']');
    HttpResponse<String> r = call("POST", "/tables/People/records/bulk", many.toString());
    assertEquals(201, r.statusCode());
    assertEquals(1003, emulator.store().rowCount("People"));
  }

  @Test
  void bulkInsert_unknownTable_isOne404() throws Exception {
    HttpResponse<String> r = call("POST", "/tables/Nope/records/bulk", "[{\"Age\":1}]");
    assertEquals(404, r.statusCode());
    assertEquals("ObjectNotFound", json(r).get("Code").asText());
  }

  @Test
  void bulkInsert_readOnlyView_isOneError() throws Exception {
    try (CaspioEmulator shop = CaspioEmulator.builder().sampleData(42, 20).build().start()) {
      HttpResponse<String> r =
          TestHttp.send(
              "POST",
              shop.v4Url() + "/views/OrderDetails/records/bulk",
              bearer(TestHttp.token(shop)),
              "[{\"Quantity\":1}]");
      assertEquals(400, r.statusCode(), r.body());
      assertEquals("AlterReadOnlyData", json(r).get("Code").asText());
    }
  }

  @Test
  void bulkUpdate_setsMatchingRecords_andEchoes() throws Exception {
    HttpResponse<String> r =
        call(
            "PATCH",
            "/tables/People/records/bulk?echo=true",
            "{\"where\":\"Age < 40\",\"recordValues\":{\"Age\":99}}");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(2, json(r).get("recordsAffected").asInt());
    assertEquals(99, json(r).get("data").get(0).get("Age").asInt());
    HttpResponse<String> none =
        call(
            "PATCH",
            "/tables/People/records/bulk",
            "{\"where\":\"Age = 1\",\"recordValues\":{\"Age\":2}}");
    assertEquals("{\"recordsAffected\":0}", none.body());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"recordValues\":{\"Age\":1}}",
        "{\"where\":\"\",\"recordValues\":{\"Age\":1}}",
        "{\"where\":\"1=1\",\"recordValues\":{\"Age\":1}}",
        "{\"where\":\"Age=1\"}",
        "{\"where\":\"Age=1\",\"recordValues\":{\"Age\":1},\"x\":1}"
      })
  void bulkUpdate_badBodyOrTautology_is400(String body) throws Exception {
    HttpResponse<String> r = call("PATCH", "/tables/People/records/bulk", body);
    assertEquals(400, r.statusCode(), r.body());
    assertEquals(
        0, json(get("/tables/People/records?where=Age%3D1")).get("data").size(), "nothing updated");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"where\":\"  \"}",
        "{\"where\":null}",
        "{\"where\":\"1=1\"}",
        "{\"where\":\"'a'='a'\"}",
        "{\"where\":\"N'a' = N'a'\"}",
        "{\"where\":\"(1 = 1)\"}",
        "{\"where\":\"Name = 'Ann' OR 1=1\"}",
        "{\"where\":\"PK_ID IS NOT NULL\"}",
        "{\"where\":\"PK_ID > 0\"}",
        "{\"where\":\"PK_ID >= 1\"}"
      })
  void bulkDelete_tautologyOrMissingWhere_is400AndDeletesNothing(String body) throws Exception {
    HttpResponse<String> r = call("DELETE", "/tables/People/records/bulk", body);
    assertEquals(400, r.statusCode(), r.body());
    V4RouterTest.assertV4Error(json(r), r);
    assertEquals(3, emulator.store().rowCount("People"));
  }

  @Test
  void bulkDelete_scopedWhere_deletesAndCounts() throws Exception {
    HttpResponse<String> r =
        call("DELETE", "/tables/People/records/bulk", "{\"where\":\"PK_ID IN (1,2)\"}");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("{\"recordsAffected\":2}", r.body());
    assertEquals(1, emulator.store().rowCount("People"));
    HttpResponse<String> none =
        call("DELETE", "/tables/People/records/bulk", "{\"where\":\"Name = 'Zed'\"}");
    assertEquals("{\"recordsAffected\":0}", none.body());
  }

  @Test
  void perRecord_getPatchPutDelete_and404WhenMissing() throws Exception {
    JsonNode one = json(get("/tables/People/records/2")).get("data");
    assertEquals("Bob", one.get("Name").asText());

    HttpResponse<String> patched =
        call("PATCH", "/tables/People/records/2?echo=true", "{\"Age\":13}");
    assertEquals(200, patched.statusCode(), patched.body());
    assertEquals(13, json(patched).get("data").get(0).get("Age").asInt());
    assertEquals("Bob", json(patched).get("data").get(0).get("Name").asText(), "partial");

    HttpResponse<String> put = call("PUT", "/tables/People/records/2", "{\"Age\":14}");
    assertEquals("{\"recordsAffected\":1}", put.body());

    assertEquals(200, call("DELETE", "/tables/People/records/2", null).statusCode());
    for (String method : new String[] {"GET", "DELETE", "PATCH", "PUT"}) {
      HttpResponse<String> r =
          call(method, "/tables/People/records/2", method.startsWith("P") ? "{\"Age\":1}" : null);
      assertEquals(404, r.statusCode(), method);
      assertEquals("ObjectNotFound", json(r).get("Code").asText());
    }
    assertEquals(404, get("/tables/People/records/abc").statusCode());
    assertEquals(404, get("/views/Adults/records/1").statusCode());
    assertEquals(405, call("POST", "/tables/People/records/1", "{}").statusCode());
  }

  @Test
  void singlePost_answersThePkIdOrTheRecord() throws Exception {
    HttpResponse<String> r = call("POST", "/tables/People/records", "{\"Name\":\"Di\"}");
    assertEquals(201, r.statusCode(), r.body());
    assertEquals("{\"data\":{\"PK_ID\":4}}", r.body());
    HttpResponse<String> echo =
        call("POST", "/tables/People/records?echo=true", "{\"Name\":\"Ed\"}");
    assertEquals("Ed", json(echo).get("data").get(0).get("Name").asText());
  }

  @Test
  void v3Writes_areUnchanged() throws Exception {
    HttpResponse<String> r =
        TestHttp.send(
            "DELETE",
            emulator.v3Url() + "/tables/People/records?q.where=" + V4RouterTest.enc("1=1"),
            bearer(token),
            null);
    assertEquals(200, r.statusCode(), "v3 has no tautology guard");
    assertEquals("{\"RecordsAffected\":3}", r.body());
    HttpResponse<String> bulk =
        TestHttp.send(
            "POST", emulator.v3Url() + "/tables/People/records/bulk", bearer(token), "[]");
    assertEquals(404, bulk.statusCode(), "bulk is v4 only");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return call("GET", path, null);
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    return TestHttp.send(method, emulator.v4Url() + path, bearer(token), body);
  }
}
