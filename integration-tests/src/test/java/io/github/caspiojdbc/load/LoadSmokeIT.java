/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load harness at its CI size (well under a minute): every level runs with no error and no
 * wrong result, the writes under resets lose and duplicate nothing, and the report is well formed.
 * Its figures are not checked: at this size and on a shared machine they mean nothing.
 */
class LoadSmokeIT {

  @Test
  void smokeRun_isCorrectAndReportsEveryFigure(@TempDir Path dir) throws Exception {
    LoadOptions smoke = LoadOptions.smoke();
    Path out = dir.resolve("load.json");
    LoadOptions o =
        new LoadOptions(
            smoke.threads(),
            smoke.opsPerLevel(),
            smoke.callsPerSecond(),
            smoke.latencyMillis(),
            smoke.writeThreads(),
            smoke.writesPerThread(),
            0,
            out);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    Map<String, Object> report =
        LoadMain.run(o, new PrintStream(text, true, StandardCharsets.UTF_8));
    String printed = text.toString(StandardCharsets.UTF_8);
    assertEquals(Boolean.TRUE, report.get("correct"), printed);

    JsonNode json = new ObjectMapper().readTree(out.toFile());
    assertEquals("caspio-load", json.path("tool").asText());
    JsonNode levels = json.path("levels");
    assertEquals(smoke.threads().size(), levels.size(), printed);
    for (JsonNode l : levels) {
      assertEquals(smoke.opsPerLevel(), l.path("ops").asInt());
      assertEquals(0, l.path("wrong").asLong(), printed);
      assertTrue(l.path("errors").isEmpty(), printed);
      assertTrue(l.path("calls").asLong() >= smoke.opsPerLevel() * 7L / 10, printed);
    }
    JsonNode w = json.path("writesUnderResets");
    assertEquals(0, w.path("lost").asLong(), printed);
    int total = smoke.writeThreads() * smoke.writesPerThread();
    assertEquals(
        total, w.path("written").asInt() + w.path("unknown").asInt() + w.path("failed").asInt());
    assertTrue(w.path("unknown").asInt() > 0, "the injected resets must show as 08007: " + printed);
    assertTrue(
        List.of(printed.split("\n")).stream().anyMatch(s -> s.startsWith("writes under resets")),
        printed);
  }
}
