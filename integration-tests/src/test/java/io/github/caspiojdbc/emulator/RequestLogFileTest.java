/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.caspiojdbc.emulator.store.FieldDef;
import io.github.caspiojdbc.emulator.store.FieldType;
import io.github.caspiojdbc.emulator.store.TableDef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request log file: one JSON line per request, flushed as it goes, never a secret. */
class RequestLogFileTest {

  @Test
  void everyRequest_isOneJsonLine_writtenBeforeTheEmulatorStops(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("requests.jsonl");
    try (CaspioEmulator emulator = CaspioEmulator.builder().requestLogFile(file).build().start()) {
      emulator.store().createTable(TableDef.of("People", FieldDef.of("Name", FieldType.STRING)));
      String token = TestHttp.token(emulator);
      TestHttp.send(
          "GET",
          emulator.v3Url() + "/tables/People/records?q.where=Name%3D%27A%20B%27",
          TestHttp.bearer(token),
          null);
      TestHttp.send("GET", emulator.v3Url() + "/tables/Nope/records", null, null);

      // Read while the emulator still runs: each line is flushed when its reply goes out.
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      assertEquals(3, lines.size(), String.join("\n", lines));
      ObjectMapper json = new ObjectMapper();
      JsonNode token0 = json.readTree(lines.get(0));
      assertEquals("POST", token0.get("method").asText());
      assertEquals("/oauth/token", token0.get("path").asText());
      JsonNode read = json.readTree(lines.get(1));
      assertEquals("GET", read.get("method").asText());
      assertEquals("/integrations/rest/v3/tables/People/records", read.get("path").asText());
      assertEquals("Name='A B'", read.get("query").get("q.where").get(0).asText());
      assertEquals(200, read.get("status").asInt());
      assertEquals("RECORDS", read.get("kind").asText());
      assertEquals(401, json.readTree(lines.get(2)).get("status").asInt());
      String all = Files.readString(file);
      assertFalse(all.contains(token), "no token in the file");
      assertFalse(all.contains(CaspioEmulator.DEFAULT_CLIENT_SECRET), "no secret in the file");
    }
  }
}
