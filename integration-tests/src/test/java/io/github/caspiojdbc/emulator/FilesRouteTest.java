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

import com.fasterxml.jackson.databind.JsonNode;
import io.github.caspiojdbc.emulator.store.FileArea;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** v3's Files area: listings and paging, bytes, file info, delete, upload, and the request log. */
class FilesRouteTest {
  @RegisterExtension final EmulatorFixture fixture = EmulatorFixture.builder().perTest();

  private final CaspioEmulator emulator = fixture.emulator;
  private final String token = TestHttp.token(emulator);
  private final FileArea area = emulator.store().files();

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    return TestHttp.send(
        method,
        emulator.baseUrl() + "/integrations/rest/v3" + path,
        bearer(token),
        body,
        "multipart/form-data; boundary=XyZ");
  }

  private static List<String> names(JsonNode result) {
    List<String> out = new ArrayList<>();
    result.forEach(n -> out.add(n.get("Name").asText()));
    return out;
  }

  @Test
  void listFiles_root_givesFilesOnlyWithPagination() throws Exception {
    HttpResponse<String> r = call("GET", "/files?externalKey=", null);
    assertEquals(200, r.statusCode());
    JsonNode body = json(r);
    assertEquals(List.of("logo.png", "readme.txt"), names(body.get("Result")));
    JsonNode png = body.get("Result").get(0);
    assertEquals(67, png.get("Size").asInt());
    assertEquals("image/png", png.get("ContentType").asText());
    assertEquals(19, png.get("DateCreated").asText().length(), png.toString());
    assertEquals(2, body.get("Pagination").get("TotalCount").asInt());
    assertEquals(1, body.get("Pagination").get("PageNumber").asInt());
    assertEquals(25, body.get("Pagination").get("PageSize").asInt());
    assertEquals(1, emulator.log().calls(PathKind.FILES));
  }

  @Test
  void listFiles_pages_splitAtPageSize() throws Exception {
    for (int i = 0; i < 7; i++) {
      area.addText(FileArea.ROOT, "f" + i + ".txt", "x");
    }
    JsonNode second = json(call("GET", "/files?pageSize=5&pageNumber=2", null));
    assertEquals(
        List.of("f5.txt", "f6.txt", "logo.png", "readme.txt"), names(second.get("Result")));
    assertEquals(9, second.get("Pagination").get("TotalCount").asInt());
  }

  @ParameterizedTest
  @ValueSource(strings = {"pageSize=4", "pageSize=1001", "pageNumber=0", "pageSize=x"})
  void listFiles_badPaging_is400(String query) throws Exception {
    HttpResponse<String> r = call("GET", "/files?" + query, null);
    assertEquals(400, r.statusCode());
    assertEquals("IncorrectQueryParameter", json(r).get("Code").asText());
  }

  @Test
  void folders_rootAndNested_listSubfolders() throws Exception {
    JsonNode root = json(call("GET", "/files/folders", null)).get("Result");
    assertEquals(List.of("Images", "Invoices"), names(root));
    String invoices = root.get(1).get("ExternalKey").asText();
    JsonNode sub = json(call("GET", "/files/folders?externalKey=" + invoices, null));
    assertEquals(List.of("Archive"), names(sub.get("Result")));
    JsonNode files = json(call("GET", "/files?externalKey=" + invoices, null));
    assertEquals(List.of("2024-001.csv"), names(files.get("Result")));
    HttpResponse<String> missing = call("GET", "/files?externalKey=nope", null);
    assertEquals(404, missing.statusCode());
    assertEquals("FolderNotFound", json(missing).get("Code").asText());
  }

  @Test
  void content_givesExactBytesAndType() throws Exception {
    FileArea.StoredFile png = area.files(FileArea.ROOT).get(0);
    HttpResponse<byte[]> r =
        TestHttp.CLIENT.send(
            HttpRequest.newBuilder(
                    URI.create(
                        emulator.baseUrl() + "/integrations/rest/v3/files/" + png.externalKey()))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", bearer(token))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    assertEquals("image/png", r.headers().firstValue("Content-Type").orElse(""));
    assertArrayEquals(png.bytes(), r.body());
    JsonNode info = json(call("GET", "/files/" + png.externalKey() + "/fileInfo", null));
    assertEquals("logo.png", info.get("Result").get("Name").asText());
  }

  @Test
  void delete_removesOnce_thenFileNotFound() throws Exception {
    String key = area.files(FileArea.ROOT).get(1).externalKey();
    assertEquals(204, call("DELETE", "/files/" + key, null).statusCode());
    HttpResponse<String> again = call("DELETE", "/files/" + key, null);
    assertEquals(404, again.statusCode());
    assertEquals("FileNotFound", json(again).get("Code").asText());
    assertEquals(404, call("GET", "/files/" + key, null).statusCode());
    assertEquals(405, call("DELETE", "/files?externalKey=", null).statusCode());
  }

  @Test
  void upload_new_is201_existing_is409AndStoresNothing() throws Exception {
    String body =
        "--XyZ\r\n"
            + "Content-Disposition: form-data; name=\"Files\"; filename=\"new.txt\"\r\n"
            + "Content-Type: text/plain\r\n\r\n"
            + "hello\r\n"
            + "--XyZ--\r\n";
    HttpResponse<String> r = call("POST", "/files?externalKey=", body);
    assertEquals(201, r.statusCode(), r.body());
    String key = json(r).get("Result").get(0).get("ExternalKey").asText();
    assertEquals(
        "hello", new String(area.file(key).bytes(), java.nio.charset.StandardCharsets.UTF_8));
    String twice =
        body.replace("--XyZ--\r\n", "")
            + "--XyZ\r\n"
            + "Content-Disposition: form-data; name=\"Files\"; filename=\"other.txt\"\r\n\r\n"
            + "x\r\n--XyZ--\r\n";
    HttpResponse<String> conflict = call("POST", "/files", twice);
    assertEquals(409, conflict.statusCode());
    assertEquals(3, area.files(FileArea.ROOT).size(), "other.txt not stored either");
    assertEquals(400, call("POST", "/files", "not multipart").statusCode());
  }
}
