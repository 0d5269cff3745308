/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.writes;

import static io.github.caspiojdbc.it.support.EmulatorFixture.update;
import static io.github.caspiojdbc.it.support.Items.TABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.caspiojdbc.adapter.CaspioWriteException;
import io.github.caspiojdbc.emulator.ConnectionFault;
import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Items;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * REST v4 through the driver: bulk inserts at one call per 1,000 rows on every insert path, exact
 * counts when a 207 reports refused records, the schema in one call, and the automatic fallback to
 * v3 when the account has no v4. Every call is counted from the emulator's own request log.
 */
class V4BulkIT {
  private static final String INSERT = "INSERT INTO " + TABLE + " (Name, Qty) VALUES (?, ?)";
  private static final String BULK = "/integrations/rest/v4/tables/" + TABLE + "/records/bulk";

  private EmulatorFixture f;

  @TempDir Path dir;

  private EmulatorFixture start(boolean v4) throws SQLException {
    Path log = dir.resolve("requests-" + System.nanoTime() + ".jsonl");
    f =
        EmulatorFixture.builder()
            .empty()
            .table(Items.driverTable())
            .emulator(b -> b.v4Enabled(v4).requestLogFile(log))
            .start();
    requestLog = log;
    return f;
  }

  private Path requestLog;

  /** The non-GET record requests in the emulator's {@code --request-log} file, as JSON lines. */
  private List<JsonNode> loggedWrites() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(requestLog)) {
      JsonNode n = json.readTree(line);
      if (n.path("kind").asText().equals("RECORDS") && !n.path("method").asText().equals("GET")) {
        out.add(n);
      }
    }
    return out;
  }

  @AfterEach
  void stop() {
    if (f != null) {
      f.close();
    }
  }

  private List<LoggedCall> writes() {
    return f.apiCalls().stream().filter(c -> !c.method().equals("GET")).toList();
  }

  @Test
  void preparedBatch_10000Rows_tenBulkPosts_exactCountsAndKeys() throws Exception {
    start(true);
    try (Connection c = f.connect();
        PreparedStatement p = c.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
      f.clear();
      for (int i = 0; i < 10_000; i++) {
        p.setString(1, "n" + i);
        p.setInt(2, i);
        p.addBatch();
      }
      int before = loggedWrites().size();
      int[] counts = p.executeBatch();
      List<JsonNode> fromFile = loggedWrites().subList(before, loggedWrites().size());
      assertEquals(10, fromFile.size(), "write requests in the --request-log file");
      for (JsonNode w : fromFile) {
        assertEquals("POST", w.path("method").asText());
        assertEquals(BULK, w.path("path").asText());
        assertEquals(201, w.path("status").asInt());
      }
      assertEquals(10_000, counts.length);
      for (int n : counts) {
        assertEquals(1, n);
      }
      List<LoggedCall> writes = writes();
      assertEquals(10, writes.size(), "write requests: " + writes.size());
      for (LoggedCall w : writes) {
        assertEquals("POST", w.method());
        assertEquals(BULK, w.path());
        assertEquals(201, w.status());
      }
      assertEquals(10_000, f.rows());
      Set<Long> keys = new HashSet<>();
      try (ResultSet k = p.getGeneratedKeys()) {
        while (k.next()) {
          keys.add(k.getLong("PK_ID"));
        }
      }
      assertEquals(10_000, keys.size());
      assertEquals("REST API v4", c.getMetaData().getDatabaseProductVersion());
      assertEquals(4, c.getMetaData().getDatabaseMajorVersion());
    }
  }

  @Test
  void preparedBatch_v4Off_fallsBackToV3AndStillWorks() throws Exception {
    start(false);
    try (Connection c = f.connect();
        PreparedStatement p = c.prepareStatement(INSERT)) {
      for (int i = 0; i < 30; i++) {
        p.setString(1, "n" + i);
        p.setInt(2, i);
        p.addBatch();
      }
      f.clear();
      assertEquals(30, p.executeBatch().length);
      assertEquals(30, f.rows());
      assertEquals(30, writes().size(), "one POST per row on v3");
      assertTrue(writes().stream().allMatch(w -> w.path().startsWith("/integrations/rest/v3/")));
      assertEquals("REST API v3", c.getMetaData().getDatabaseProductVersion());
    }
  }

  @Test
  void connect_v4_schemaInOneCall_v4Off_oneProbeThenV3() throws Exception {
    start(true);
    try (Connection c = f.connect()) {
      int columns = 0;
      try (ResultSet rs = c.getMetaData().getColumns(null, null, "%", "%")) {
        while (rs.next()) {
          columns++;
        }
      }
      assertTrue(columns > 5, "columns: " + columns);
      List<LoggedCall> calls = f.apiCalls();
      assertEquals(1, calls.size(), "connect and list every column: " + calls);
      assertEquals("/integrations/rest/v4/schemas", calls.get(0).path());
    }
    f.close();
    start(false);
    try (Connection c = f.connect()) {
      try (ResultSet rs = c.getMetaData().getColumns(null, null, TABLE, "%")) {
        assertTrue(rs.next());
      }
      List<String> paths = f.apiCalls().stream().map(LoggedCall::path).toList();
      assertEquals("/integrations/rest/v4/schemas", paths.get(0));
      assertEquals(404, f.apiCalls().get(0).status());
      assertTrue(paths.subList(1, paths.size()).stream().allMatch(p -> p.contains("/rest/v3/")));
    }
  }

  @Test
  void forcedV4_onAnAccountWithout_failsToConnectWithAClearMessage() throws Exception {
    start(false);
    SQLException e = assertThrows(SQLException.class, () -> f.connect("&apiVersion=v4"));
    assertEquals("08001", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("does not serve REST API v4"), e.getMessage());
    assertTrue(e.getMessage().contains("apiVersion=auto"), e.getMessage());
  }

  @Test
  void preparedBatch_207_exactCountsAndTheKeysOfTheRowsWritten() throws Exception {
    start(true);
    try (Connection c = f.connect();
        PreparedStatement p = c.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
      update(c, "INSERT INTO " + TABLE + " (Name, Qty) VALUES ('taken', 0)");
      f.clear();
      // 1,500 entries: the first request carries 1,000; entries 3 and 700 duplicate a unique Name.
      for (int i = 0; i < 1500; i++) {
        p.setString(1, i == 2 || i == 699 ? "taken" : "n" + i);
        p.setInt(2, i);
        p.addBatch();
      }
      BatchUpdateException e = assertThrows(BatchUpdateException.class, p::executeBatch);
      long[] counts = e.getLargeUpdateCounts();
      assertEquals(1000, counts.length, "entries after the failed request have no count");
      for (int i = 0; i < 1000; i++) {
        assertEquals(i == 2 || i == 699 ? Statement.EXECUTE_FAILED : 1, counts[i], "entry " + i);
      }
      assertEquals("23000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("failed: entries 3,700"), e.getMessage());
      assertTrue(e.getMessage().contains("not sent: entries 1001-1500"), e.getMessage());
      assertEquals(1, writes().size(), "the second request is not sent");
      assertEquals(207, writes().get(0).status());
      assertEquals(1 + 998, f.rows());
      int keys = 0;
      try (ResultSet k = p.getGeneratedKeys()) {
        while (k.next()) {
          keys++;
        }
      }
      assertEquals(998, keys);
    }
  }

  @Test
  void multiRowValues_207_perRowOutcomes() throws Exception {
    start(true);
    try (Connection c = f.connect()) {
      update(c, "INSERT INTO " + TABLE + " (Name, Qty) VALUES ('taken', 0)");
      f.clear();
      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  update(
                      c,
                      "INSERT INTO "
                          + TABLE
                          + " (Name, Qty) VALUES ('a', 1), ('taken', 2), ('c', 3), ('d', 4)"));
      CaspioWriteException w = find(e, CaspioWriteException.class);
      assertEquals(
          List.of(
              CaspioWriteException.Outcome.WRITTEN,
              CaspioWriteException.Outcome.FAILED,
              CaspioWriteException.Outcome.WRITTEN,
              CaspioWriteException.Outcome.WRITTEN),
          w.outcomes());
      assertEquals(3, w.writtenCount());
      assertEquals("23000", e.getSQLState(), e.getMessage());
      assertEquals(1, writes().size());
      assertEquals(4, f.rows());
    }
  }

  @Test
  void insertSelect_2500Rows_threeBulkPosts() throws Exception {
    start(true);
    try (Connection c = f.connect();
        PreparedStatement p = c.prepareStatement(INSERT)) {
      for (int i = 0; i < 2500; i++) {
        p.setString(1, "s" + i);
        p.setInt(2, i);
        p.addBatch();
      }
      p.executeBatch();
      f.clear();
      long n =
          update(
              c,
              "INSERT INTO "
                  + TABLE
                  + " (Name, Qty) SELECT 'copy' || Name, Qty FROM "
                  + TABLE
                  + " WHERE Name LIKE 's%'");
      assertEquals(2500, n);
      assertEquals(3, writes().size(), "ceil(2500/1000) bulk POSTs");
      assertEquals(5000, f.rows());
    }
  }

  @Test
  void insertSelect_207_perRowOutcomesAndNothingAfterTheFailedRequest() throws Exception {
    start(true);
    try (Connection c = f.connect();
        PreparedStatement p = c.prepareStatement(INSERT)) {
      for (int i = 0; i < 1200; i++) {
        p.setString(1, "s" + i);
        p.setInt(2, i);
        p.addBatch();
      }
      p.executeBatch();
      // Rows come in PK_ID order: the 6th copy (of s5) and the 901st (of s900) are taken.
      update(c, "INSERT INTO " + TABLE + " (Name, Qty) VALUES ('copys5', 0), ('copys900', 0)");
      f.clear();
      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  update(
                      c,
                      "INSERT INTO "
                          + TABLE
                          + " (Name, Qty) SELECT 'copy' || Name, Qty FROM "
                          + TABLE
                          + " WHERE Name LIKE 's%' ORDER BY Qty"));
      CaspioWriteException w = find(e, CaspioWriteException.class);
      List<CaspioWriteException.Outcome> o = w.outcomes();
      assertEquals(1200, o.size());
      for (int i = 0; i < 1200; i++) {
        CaspioWriteException.Outcome expected =
            i == 5 || i == 900
                ? CaspioWriteException.Outcome.FAILED
                : i < 1000
                    ? CaspioWriteException.Outcome.WRITTEN
                    : CaspioWriteException.Outcome.NOT_SENT;
        assertEquals(expected, o.get(i), "row " + (i + 1));
      }
      assertEquals(998, w.writtenCount());
      assertEquals(998, w.insertedRows().size());
      assertEquals("23000", e.getSQLState(), e.getMessage());
      assertEquals(1, writes().size(), "the second bulk request is not sent");
      assertEquals(1200 + 2 + 998, f.rows());
    }
  }

  @Test
  void updateAndDelete_useBulkPatchAndDelete_everyRecordGoesThroughV3() throws Exception {
    start(true);
    try (Connection c = f.connect()) {
      update(c, "INSERT INTO " + TABLE + " (Name, Qty) VALUES ('a', 1), ('b', 2), ('c', 3)");
      f.clear();
      assertEquals(2, update(c, "UPDATE " + TABLE + " SET Qty = 9 WHERE Qty >= 2"));
      assertEquals(1, update(c, "DELETE FROM " + TABLE + " WHERE Qty < 2"));
      List<LoggedCall> w = writes();
      assertEquals(List.of("PATCH", "DELETE"), w.stream().map(LoggedCall::method).toList());
      assertTrue(w.stream().allMatch(x -> x.path().equals(BULK)), w.toString());
      assertTrue(w.get(0).body().contains("\"recordValues\""), w.get(0).body());
      f.clear();
      // v4's guard refuses always-true filters, so a statement without WHERE goes through v3.
      assertEquals(2, update(c, "DELETE FROM " + TABLE));
      LoggedCall all = writes().get(0);
      assertEquals("/integrations/rest/v3/tables/" + TABLE + "/records", all.path());
      assertEquals(0, f.rows());
    }
  }

  @Test
  void bulkPost_resetAfterProcessing_is08007AndNotRetried() throws Exception {
    start(true);
    try (Connection c = f.connect();
        PreparedStatement p = c.prepareStatement(INSERT)) {
      for (int i = 0; i < 20; i++) {
        p.setString(1, "r" + i);
        p.setInt(2, i);
        p.addBatch();
      }
      f.clear();
      f.emulator
          .faults()
          .dropNextAfterProcessing(1, ConnectionFault.CONNECTION_RESET, ".*/records/bulk");
      BatchUpdateException e = assertThrows(BatchUpdateException.class, p::executeBatch);
      assertEquals("08007", e.getSQLState(), e.getMessage());
      assertEquals(1, writes().size(), "never retried");
      long[] counts = e.getLargeUpdateCounts();
      assertEquals(20, counts.length);
      for (long n : counts) {
        assertEquals(Statement.EXECUTE_FAILED, n);
      }
      assertEquals(20, f.rows(), "the emulator applied the request before the reset");
    }
  }

  @Test
  void explain_showsTheV4Requests() throws Exception {
    start(true);
    try (Connection c = f.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("EXPLAIN PLAN FOR SELECT Name FROM " + TABLE + " WHERE Qty > 3")) {
      List<String> lines = new ArrayList<>();
      while (rs.next()) {
        lines.add(rs.getString(1));
      }
      String plan = String.join("\n", lines);
      assertTrue(plan.contains("/integrations/rest/v4/tables/" + TABLE + "/records"), plan);
      assertTrue(plan.contains("where=Qty > 3"), plan);
      assertFalse(plan.contains("q.where"), plan);
    }
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " under " + t, t);
  }
}
