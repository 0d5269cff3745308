/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import static io.github.caspiojdbc.emulator.TestHttp.bearer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.caspiojdbc.emulator.store.AttachmentArea;
import io.github.caspiojdbc.emulator.store.FieldDef;
import io.github.caspiojdbc.emulator.store.FieldType;
import io.github.caspiojdbc.emulator.store.ObjectKind;
import io.github.caspiojdbc.emulator.store.TableDef;
import io.github.caspiojdbc.emulator.store.ViewDef;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * v3's attachment fields over HTTP: bytes in and out, fileInfo, rename, deletes by where, the
 * errors, how records calls see the field, views, and that v2 has no such endpoints.
 */
class AttachmentsRouteTest {
  private static final String BOUNDARY = "----attach-7f3a9c51e0";

  @RegisterExtension
  final EmulatorFixture fixture =
      EmulatorFixture.builder().empty().with(AttachmentsRouteTest::account).perTest();

  private final CaspioEmulator emulator = fixture.emulator;
  private final String token = TestHttp.token(emulator);
  private final AttachmentArea area = emulator.store().attachments();

  /**
   * Photos (Title, Photo, Doc) with Ann, Bob and Cy as PK_IDs 1-3; the single-table view Shown
   * leaves out Bob, and the two-table view Joined pairs Photos with Tags.
   */
  static void account(CaspioEmulator emulator) {
    emulator
        .store()
        .createTable(
            TableDef.of(
                "Photos",
                FieldDef.of("Title", FieldType.STRING),
                FieldDef.of("Photo", FieldType.ATTACHMENT),
                FieldDef.of("Doc", FieldType.ATTACHMENT)));
    for (String title : new String[] {"Ann", "Bob", "Cy"}) {
      emulator
          .store()
          .insert(ObjectKind.TABLE, "Photos", TestHttp.JSON.createObjectNode().put("Title", title));
    }
    emulator
        .store()
        .createView(
            ViewDef.of("Shown", "Photos")
                .field("Photos", "Title")
                .field("Photos", "Photo")
                .where("Photos.Title <> 'Bob'"));
    emulator
        .store()
        .createTable(
            TableDef.of(
                "Tags",
                FieldDef.of("Title", FieldType.STRING),
                FieldDef.of("Tag", FieldType.STRING)));
    emulator
        .store()
        .createView(
            ViewDef.of("Joined", "Photos")
                .join("Tags", "Title", "Photos", "Title")
                .field("Photos", "Photo")
                .field("Tags", "Tag"));
  }

  // ---- HTTP helpers ----

  private HttpResponse<byte[]> send(
      String method, String version, String path, byte[] body, String contentType)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create(emulator.baseUrl() + "/integrations/rest/" + version + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", bearer(token))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null) {
      b.header("Content-Type", contentType);
    }
    return TestHttp.CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> v3(String method, String path) throws Exception {
    return send(method, "v3", path, null, null);
  }

  private HttpResponse<byte[]> v3Json(String method, String path, String json) throws Exception {
    return send(method, "v3", path, json.getBytes(StandardCharsets.UTF_8), "application/json");
  }

  private HttpResponse<byte[]> upload(String path, String fileName, String type, byte[] content)
      throws Exception {
    return send(
        "PUT",
        "v3",
        path,
        multipart("File", fileName, type, content),
        "multipart/form-data; boundary=" + BOUNDARY);
  }

  static byte[] multipart(String part, String fileName, String type, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String head =
        "--"
            + BOUNDARY
            + "\r\nContent-Disposition: form-data; name=\""
            + part
            + "\""
            + (fileName == null ? "" : "; filename=\"" + fileName + "\"")
            + "\r\nContent-Type: "
            + type
            + "\r\n\r\n";
    out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  static JsonNode json(HttpResponse<byte[]> r) {
    try {
      return TestHttp.JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "not JSON: " + new String(r.body(), StandardCharsets.UTF_8), e);
    }
  }

  static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  static String enc(String where) {
    return URLEncoder.encode(where, StandardCharsets.UTF_8);
  }

  private void assertError(HttpResponse<byte[]> r, int status, String code) {
    assertEquals(status, r.statusCode(), text(r));
    assertEquals(code, json(r).get("Code").asText(), text(r));
  }

  private void seed(long pk, String name) {
    area.put("Photos", "Photo", pk, name, "image/jpeg", name.getBytes(StandardCharsets.UTF_8));
  }

  // ---- download and upload ----

  @Test
  void upload_then_download_givesTheExactBytes_everyByteValue() throws Exception {
    byte[] content = new byte[256 + 10_000];
    for (int i = 0; i < 256; i++) {
      content[i] = (byte) i;
    }
    byte[] random = new byte[10_000];
    new Random(42).nextBytes(random);
    System.arraycopy(random, 0, content, 256, random.length);

    HttpResponse<byte[]> put =
        upload("/tables/Photos/attachments/Photo/2", "photo.jpg", "image/jpeg", content);
    assertEquals(204, put.statusCode(), text(put));
    assertEquals(0, put.body().length);

    HttpResponse<byte[]> get = v3("GET", "/tables/Photos/attachments/Photo/2");
    assertEquals(200, get.statusCode());
    assertEquals("image/jpeg", get.headers().firstValue("Content-Type").orElse(""));
    assertArrayEquals(content, get.body());

    AttachmentArea.Attachment stored = area.get("Photos", "Photo", 2).orElseThrow();
    assertEquals("photo", stored.fileName());
    assertEquals("jpg", stored.fileType());
    assertArrayEquals(content, stored.bytes());
    assertTrue(area.get("Photos", "Doc", 2).isEmpty(), "another field of the record is apart");
    assertEquals(1, area.count());
    assertEquals(2, fixture.calls(PathKind.ATTACHMENTS).size());
  }

  @Test
  void upload_again_replacesTheFile_keepsDateCreated() throws Exception {
    seed(1, "old.png");
    AttachmentArea.Attachment before = area.get("Photos", "Photo", 1).orElseThrow();
    byte[] next = {9, 8, 7};
    assertEquals(
        204,
        upload("/tables/photos/attachments/photo/1", "new.gif", "image/gif", next).statusCode());
    AttachmentArea.Attachment after = area.get("Photos", "Photo", 1).orElseThrow();
    assertEquals("new", after.fileName());
    assertEquals("gif", after.fileType());
    assertEquals("image/gif", after.contentType());
    assertArrayEquals(next, after.bytes());
    assertEquals(before.dateCreated(), after.dateCreated());
    assertEquals(1, area.count());
  }

  @Test
  void upload_overTheLimit_is413_andStoresNothing() throws Exception {
    byte[] tooBig = new byte[AttachmentArea.MAX_BYTES + 1];
    HttpResponse<byte[]> r =
        upload("/tables/Photos/attachments/Photo/1", "big.bin", "application/octet-stream", tooBig);
    assertEquals(413, r.statusCode(), text(r));
    assertEquals(0, area.count());
  }

  @Test
  void upload_badMultipart_is400() throws Exception {
    byte[] one = {1};
    assertError(
        send(
            "PUT",
            "v3",
            "/tables/Photos/attachments/Photo/1",
            multipart("Files", "a.txt", "text/plain", one),
            "multipart/form-data; boundary=" + BOUNDARY),
        400,
        "IncorrectBodyParameter");
    assertError(
        send(
            "PUT",
            "v3",
            "/tables/Photos/attachments/Photo/1",
            multipart("File", null, "text/plain", one),
            "multipart/form-data; boundary=" + BOUNDARY),
        400,
        "IncorrectBodyParameter");
    assertError(
        v3Json("PUT", "/tables/Photos/attachments/Photo/1", "{}"), 400, "IncorrectBodyParameter");
    assertEquals(0, area.count());
  }

  @Test
  void fileName_splitsAtTheLastDot() throws Exception {
    String[][] cases = {
      {"archive.tar.gz", "archive.tar", "gz"}, {"README", "README", ""}, {".env", ".env", ""}
    };
    for (String[] c : cases) {
      assertEquals(
          204,
          upload("/tables/Photos/attachments/Doc/1", c[0], "text/plain", new byte[0]).statusCode());
      AttachmentArea.Attachment a = area.get("Photos", "Doc", 1).orElseThrow();
      assertEquals(c[1], a.fileName(), c[0]);
      assertEquals(c[2], a.fileType(), c[0]);
    }
  }

  // ---- delete by where ----

  @Test
  void delete_byWhere_countsRecordsThatHadOne_andRemovesTheBytes() throws Exception {
    seed(1, "a.jpg");
    seed(3, "c.jpg");
    HttpResponse<byte[]> r =
        v3("DELETE", "/tables/Photos/attachments/Photo?q.where=" + enc("PK_ID<=2"));
    assertEquals(200, r.statusCode(), text(r));
    assertEquals(1, json(r).get("RecordsAffected").asInt());
    assertEquals(Set.of("RecordsAffected"), fieldNames(json(r)));
    assertTrue(area.get("Photos", "Photo", 1).isEmpty());
    assertError(v3("GET", "/tables/Photos/attachments/Photo/1"), 404, "FileNotFound");
    assertTrue(area.get("Photos", "Photo", 3).isPresent());

    // Caspio's own client spells it where= on writes.
    HttpResponse<byte[]> plain =
        v3("DELETE", "/tables/Photos/attachments/Photo?where=" + enc("Title = 'Cy'"));
    assertEquals(1, json(plain).get("RecordsAffected").asInt());
    assertEquals(0, area.count());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "?q.where=", "?where=%20%20", "?q.where=PK_ID%3D1&where=PK_ID%3D1"})
  void delete_withoutWhere_is400_andRemovesNothing(String query) throws Exception {
    seed(1, "a.jpg");
    assertError(
        v3("DELETE", "/tables/Photos/attachments/Photo" + query), 400, "IncorrectQueryParameter");
    assertEquals(1, area.count());
  }

  @Test
  void where_isGuardedAsOnRecordsCalls() throws Exception {
    seed(1, "a.jpg");
    HttpResponse<byte[]> r =
        v3("DELETE", "/tables/Photos/attachments/Photo?q.where=" + enc("1=1; DROP TABLE Photos"));
    assertEquals(400, r.statusCode(), text(r));
    assertEquals(1, area.count());
    assertEquals(3, emulator.store().rowCount("Photos"));
  }

  // ---- fileInfo and rename ----

  @Test
  void fileInfo_listsMatchedRecordsWithAnAttachment() throws Exception {
    area.put("Photos", "Photo", 3, "photo.jpg", "image/jpeg", new byte[1234]);
    seed(1, "README");
    HttpResponse<byte[]> r =
        v3("GET", "/tables/Photos/attachments/Photo/fileInfo?q.where=" + enc("PK_ID > 0"));
    assertEquals(200, r.statusCode(), text(r));
    JsonNode result = json(r).get("Result");
    assertEquals(2, result.size(), result.toString());
    JsonNode first = result.get(0);
    assertEquals(
        Set.of("PK_ID", "FileName", "FileType", "Size", "DateCreated", "DateUpdated"),
        fieldNames(first));
    assertTrue(first.get("PK_ID").isIntegralNumber());
    assertEquals(1, first.get("PK_ID").asLong());
    assertEquals("README", first.get("FileName").asText());
    assertEquals("", first.get("FileType").asText());
    JsonNode photo = result.get(1);
    assertEquals(3, photo.get("PK_ID").asLong());
    assertEquals("photo", photo.get("FileName").asText());
    assertEquals("jpg", photo.get("FileType").asText());
    assertEquals(1234, photo.get("Size").asInt());
    assertTrue(
        photo.get("DateCreated").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"));
    assertTrue(
        photo.get("DateUpdated").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"));

    JsonNode one =
        json(v3("GET", "/tables/Photos/attachments/Photo/fileInfo?where=" + enc("Title='Cy'")));
    assertEquals(1, one.get("Result").size());
    JsonNode none =
        json(v3("GET", "/tables/Photos/attachments/Photo/fileInfo?q.where=" + enc("PK_ID=2")));
    assertEquals(0, none.get("Result").size());
    assertError(
        v3("GET", "/tables/Photos/attachments/Photo/fileInfo"), 400, "IncorrectQueryParameter");
  }

  @Test
  void rename_changesFileNameOnly() throws Exception {
    seed(1, "a.jpg");
    seed(2, "b.jpg");
    byte[] before = area.get("Photos", "Photo", 1).orElseThrow().bytes();
    HttpResponse<byte[]> r =
        v3Json(
            "PUT",
            "/tables/Photos/attachments/Photo/fileInfo?q.where=" + enc("PK_ID IN (1, 3)"),
            "{\"FileName\":\"holiday.v2\"}");
    assertEquals(200, r.statusCode(), text(r));
    assertEquals(1, json(r).get("RecordsAffected").asInt());
    AttachmentArea.Attachment a = area.get("Photos", "Photo", 1).orElseThrow();
    assertEquals("holiday.v2", a.fileName());
    assertEquals("jpg", a.fileType());
    assertArrayEquals(before, a.bytes());
    assertEquals("b", area.get("Photos", "Photo", 2).orElseThrow().fileName());

    String path = "/tables/Photos/attachments/Photo/fileInfo?q.where=PK_ID%3D1";
    assertError(v3Json("PUT", path, "{\"FileName\":\"\"}"), 400, "IncorrectBodyParameter");
    assertError(v3Json("PUT", path, "{\"FileName\":1}"), 400, "IncorrectBodyParameter");
    assertError(
        v3Json("PUT", path, "{\"FileName\":\"x\",\"FileType\":\"png\"}"),
        400,
        "IncorrectBodyParameter");
    assertError(
        v3Json("PUT", "/tables/Photos/attachments/Photo/fileInfo", "{\"FileName\":\"x\"}"),
        400,
        "IncorrectQueryParameter");
    assertEquals("holiday.v2", area.get("Photos", "Photo", 1).orElseThrow().fileName());
  }

  // ---- errors ----

  @Test
  void missing_things_are404() throws Exception {
    seed(1, "a.jpg");
    assertError(v3("GET", "/tables/Photos/attachments/Photo/99"), 404, "ObjectNotFound");
    assertError(
        upload("/tables/Photos/attachments/Photo/99", "a.jpg", "image/jpeg", new byte[] {1}),
        404,
        "ObjectNotFound");
    assertError(v3("GET", "/tables/Photos/attachments/Photo/2"), 404, "FileNotFound");
    assertError(v3("GET", "/tables/Photos/attachments/Nope/1"), 404, "ObjectNotFound");
    assertError(
        v3("DELETE", "/tables/Photos/attachments/Nope?q.where=PK_ID%3D1"), 404, "ObjectNotFound");
    assertError(v3("GET", "/tables/Nope/attachments/Photo/1"), 404, "ObjectNotFound");
    assertError(v3("GET", "/tables/Photos/attachments"), 404, "NotFound");
    assertError(v3("GET", "/tables/Photos/attachments/Photo/1/more"), 404, "NotFound");
    assertEquals(1, area.count());
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "1.5", "-1", "%2B1", "1e3", "1234567890123456789"})
  void pkId_notAnInteger_is400(String pk) throws Exception {
    assertError(
        v3("GET", "/tables/Photos/attachments/Photo/" + pk), 400, "IncorrectQueryParameter");
    assertError(
        upload("/tables/Photos/attachments/Photo/" + pk, "a.jpg", "image/jpeg", new byte[] {1}),
        400,
        "IncorrectQueryParameter");
  }

  @Test
  void field_notOfTypeAttachment_is400() throws Exception {
    HttpResponse<byte[]> r = v3("GET", "/tables/Photos/attachments/Title/1");
    assertEquals(400, r.statusCode(), text(r));
    assertEquals(
        400,
        upload("/tables/Photos/attachments/Title/1", "a.jpg", "image/jpeg", new byte[] {1})
            .statusCode());
    assertEquals(
        400, v3("DELETE", "/tables/Photos/attachments/Title?q.where=PK_ID%3D1").statusCode());
    assertEquals(0, area.count());
  }

  @Test
  void otherMethods_are405() throws Exception {
    HttpResponse<byte[]> r = v3("POST", "/tables/Photos/attachments/Photo/1");
    assertError(r, 405, "MethodNotAllowed");
    assertEquals("GET, PUT", r.headers().firstValue("Allow").orElse(""));
    assertError(
        v3("GET", "/tables/Photos/attachments/Photo?q.where=PK_ID%3D1"), 405, "MethodNotAllowed");
    assertError(v3("DELETE", "/tables/Photos/attachments/Photo/fileInfo"), 405, "MethodNotAllowed");
  }

  // ---- records calls and the field ----

  @Test
  void records_showTheField_asNull_evenWithAnAttachment() throws Exception {
    seed(1, "a.jpg");
    JsonNode rows = json(v3("GET", "/tables/Photos/records?q.orderBy=PK_ID")).get("Result");
    assertEquals(3, rows.size());
    for (JsonNode row : rows) {
      assertTrue(row.has("Photo"), row.toString());
      assertTrue(row.get("Photo").isNull(), row.toString());
    }
  }

  @Test
  void records_writesCarryingTheField_areRefused() throws Exception {
    assertError(
        v3Json("POST", "/tables/Photos/records", "{\"Title\":\"Di\",\"Photo\":\"x.jpg\"}"),
        400,
        "AlterReadOnlyData");
    assertError(
        v3Json("POST", "/tables/Photos/records", "{\"Title\":\"Di\",\"Photo\":null}"),
        400,
        "AlterReadOnlyData");
    assertError(
        v3Json("PUT", "/tables/Photos/records?q.where=PK_ID%3D1", "{\"Photo\":\"x.jpg\"}"),
        400,
        "AlterReadOnlyData");
    assertEquals(3, emulator.store().rowCount("Photos"));
  }

  @Test
  void fieldDefinition_saysAttachment_notEditable() throws Exception {
    JsonNode fields = json(v3("GET", "/tables/Photos/fields")).get("Result");
    JsonNode photo = fields.get(1);
    assertEquals("Photo", photo.get("Name").asText());
    assertEquals("ATTACHMENT", photo.get("Type").asText());
    assertFalse(photo.get("Editable").asBoolean());
    assertFalse(photo.get("Unique").asBoolean());
    assertTrue(photo.get("AttachmentPermittedFileTypes").isArray());
    assertEquals(0, photo.get("AttachmentMaxFileSize").asInt());
  }

  @Test
  void recordDelete_takesItsAttachmentsAlong() throws Exception {
    seed(1, "a.jpg");
    seed(2, "b.jpg");
    area.put("Photos", "Doc", 1, "d.pdf", "application/pdf", new byte[] {1});
    HttpResponse<byte[]> r = v3("DELETE", "/tables/Photos/records?q.where=PK_ID%3D1");
    assertEquals(1, json(r).get("RecordsAffected").asInt());
    assertEquals(1, area.count());
    assertTrue(area.get("Photos", "Photo", 2).isPresent());
    assertTrue(area.get("Photos", "Photo", 1).isEmpty());
    assertTrue(area.get("Photos", "Doc", 1).isEmpty());

    seed(3, "c.jpg");
    HttpResponse<byte[]> throughView =
        v3("DELETE", "/views/Shown/records?q.where=" + enc("Title='Cy'"));
    assertEquals(1, json(throughView).get("RecordsAffected").asInt(), text(throughView));
    assertTrue(area.get("Photos", "Photo", 3).isEmpty(), "a delete through a view too");
    assertEquals(1, area.count());
  }

  // ---- v2, views, the store's own API ----

  @Test
  void v2_hasNoAttachmentEndpoints() throws Exception {
    seed(1, "a.jpg");
    HttpResponse<byte[]> get = send("GET", "v2", "/tables/Photos/attachments/Photo/1", null, null);
    assertError(get, 404, "NotFound");
    HttpResponse<byte[]> put =
        send(
            "PUT",
            "v2",
            "/tables/Photos/attachments/Photo/1",
            multipart("File", "b.jpg", "image/jpeg", new byte[] {1}),
            "multipart/form-data; boundary=" + BOUNDARY);
    assertError(put, 404, "NotFound");
    assertEquals("a", area.get("Photos", "Photo", 1).orElseThrow().fileName());
    assertEquals(0, fixture.calls(PathKind.ATTACHMENTS).size());
  }

  @Test
  void singleTableView_servesTheFamily_withinItsFilter() throws Exception {
    byte[] content = {0, 1, 2, (byte) 255};
    assertEquals(
        204,
        upload("/views/Shown/attachments/Photo/3", "v.png", "image/png", content).statusCode());
    assertArrayEquals(content, area.get("Photos", "Photo", 3).orElseThrow().bytes());
    assertArrayEquals(content, v3("GET", "/views/Shown/attachments/Photo/3").body());
    assertArrayEquals(content, v3("GET", "/tables/Photos/attachments/Photo/3").body());

    seed(2, "hidden.jpg");
    // Bob is outside the view's filter: as missing as no record at all.
    assertError(v3("GET", "/views/Shown/attachments/Photo/2"), 404, "ObjectNotFound");
    JsonNode info =
        json(v3("GET", "/views/Shown/attachments/Photo/fileInfo?q.where=" + enc("PK_ID > '0'")))
            .get("Result");
    assertEquals(1, info.size(), info.toString());
    assertEquals("3", info.get(0).get("PK_ID").asText());
    assertTrue(info.get(0).get("PK_ID").isTextual());
    // The view does not show Doc.
    assertError(v3("GET", "/views/Shown/attachments/Doc/3"), 404, "ObjectNotFound");

    HttpResponse<byte[]> del =
        v3("DELETE", "/views/Shown/attachments/Photo?where=" + enc("Title <> 'nobody'"));
    assertEquals(1, json(del).get("RecordsAffected").asInt());
    assertTrue(area.get("Photos", "Photo", 2).isPresent());
    assertEquals(7, fixture.calls(PathKind.ATTACHMENTS).size());
  }

  @Test
  void multiTableView_servesNone() throws Exception {
    seed(1, "a.jpg");
    assertError(v3("GET", "/views/Joined/attachments/Photo/1"), 400, "AlterReadOnlyData");
    assertError(
        v3("DELETE", "/views/Joined/attachments/Photo?q.where=PK_ID%3D1"),
        400,
        "AlterReadOnlyData");
    assertEquals(1, area.count());
  }

  @Test
  void store_put_refusesWhatTheApiWould() {
    List<Runnable> bad = new ArrayList<>();
    bad.add(() -> area.put("Photos", "Photo", 99, "a.jpg", "image/jpeg", new byte[0]));
    bad.add(() -> area.put("Photos", "Title", 1, "a.jpg", "image/jpeg", new byte[0]));
    bad.add(() -> area.put("Nope", "Photo", 1, "a.jpg", "image/jpeg", new byte[0]));
    bad.add(() -> area.put("Photos", "Photo", 1, " ", "image/jpeg", new byte[0]));
    for (Runnable r : bad) {
      assertThrows(IllegalArgumentException.class, r::run);
    }
    assertEquals(0, area.count());
    byte[] mine = {1, 2};
    area.put("photos", "PHOTO", 1, "x.bin", null, mine);
    mine[0] = 7;
    AttachmentArea.Attachment a = area.get("Photos", "Photo", 1).orElseThrow();
    assertEquals(1, a.bytes()[0], "bytes are copied in");
    a.bytes()[1] = 9;
    assertEquals(2, area.get("Photos", "Photo", 1).orElseThrow().bytes()[1], "and out");
    assertEquals("application/octet-stream", a.contentType());
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> out = new java.util.HashSet<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
