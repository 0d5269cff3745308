/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.emulator.PathKind;
import io.github.caspiojdbc.emulator.store.AttachmentArea;
import io.github.caspiojdbc.emulator.store.FieldDef;
import io.github.caspiojdbc.emulator.store.FieldType;
import io.github.caspiojdbc.emulator.store.TableDef;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.jdbc.CaspioJdbcConnection;
import java.io.ByteArrayInputStream;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Attachment fields through the driver: {@code caspio_attachment(table, field, PK_ID)} reads one
 * record's file byte for byte (NULL where there is none), {@code CALL caspio_put_attachment} and
 * {@code caspio_delete_attachment} (and the vendor methods) store and remove it, with every call
 * counted from the emulator's own log and every refusal made before any request.
 */
class AttachmentsIT {
  @RegisterExtension static final EmulatorFixture fixture = new EmulatorFixture();

  private static Connection conn;
  private static AttachmentArea area;
  private static final List<Long> keys = new ArrayList<>();

  @BeforeAll
  static void open() throws Exception {
    fixture
        .emulator
        .store()
        .createTable(
            TableDef.of(
                "Docs",
                FieldDef.of("Title", FieldType.STRING),
                FieldDef.of("Scan", FieldType.ATTACHMENT)));
    fixture
        .emulator
        .store()
        .createView(
            io.github.caspiojdbc.emulator.store.ViewDef.of("DocsView", "Docs")
                .field("Docs", "Title")
                .field("Docs", "Scan"));
    conn = fixture.connect();
    area = fixture.emulator.store().attachments();
    try (Statement s = conn.createStatement()) {
      s.executeUpdate("INSERT INTO \"Docs\" (\"Title\") VALUES ('a'), ('b'), ('c')");
      try (ResultSet rs = s.executeQuery("SELECT PK_ID FROM \"Docs\" ORDER BY PK_ID")) {
        while (rs.next()) {
          keys.add(rs.getLong(1));
        }
      }
    }
    assertEquals(3, keys.size());
  }

  @AfterAll
  static void close() throws Exception {
    conn.close();
  }

  @BeforeEach
  void clear() {
    fixture.clear();
  }

  private static List<LoggedCall> attachmentCalls() {
    return fixture.calls(PathKind.ATTACHMENTS);
  }

  private static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    b[0] = (byte) 0xFF; // never valid UTF-8, so a text round trip would change it
    return b;
  }

  private static byte[] read(long pk) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT caspio_attachment('Docs', 'Scan', ?) FROM (VALUES (0))")) {
      ps.setLong(1, pk);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        byte[] b = rs.getBytes(1);
        assertFalse(rs.next());
        return b;
      }
    }
  }

  @Test
  void callPut_storesTheBytesExactlyInOnePut_andTheFunctionReadsThemBack() throws Exception {
    long pk = keys.get(0);
    byte[] bytes = randomBytes(40_000, 7);
    try (CallableStatement cs =
        conn.prepareCall("{call caspio_put_attachment('docs', 'SCAN', ?, ?, ?, ?)}")) {
      cs.setLong(1, pk);
      cs.setString(2, "scan.pdf");
      cs.setString(3, "application/pdf");
      cs.setBytes(4, bytes);
      assertFalse(cs.execute());
      assertEquals(1, cs.getUpdateCount());
    }
    AttachmentArea.Attachment stored = area.get("Docs", "Scan", pk).orElseThrow();
    assertArrayEquals(bytes, stored.bytes());
    assertEquals("scan", stored.fileName());
    assertEquals("pdf", stored.fileType());
    List<LoggedCall> calls = attachmentCalls();
    assertEquals(1, calls.size(), calls.toString());
    assertEquals("PUT", calls.get(0).method());
    assertEquals("/integrations/rest/v3/tables/Docs/attachments/Scan/" + pk, calls.get(0).path());
    fixture.clear();
    assertArrayEquals(bytes, read(pk));
    assertEquals(1, attachmentCalls().size(), attachmentCalls().toString());
    assertEquals("GET", attachmentCalls().get(0).method());
  }

  @Test
  void function_perRow_isNullWhereARecordHasNone_oneGetPerRow() throws Exception {
    // Other tests change these records' files; this one fixes all three first.
    area.put("Docs", "Scan", keys.get(0), "a.txt", "text/plain", new byte[] {'A'});
    area.put("Docs", "Scan", keys.get(1), "b.txt", "text/plain", new byte[] {'b'});
    area.delete(
        io.github.caspiojdbc.emulator.store.ObjectKind.TABLE,
        "Docs",
        "Scan",
        "PK_ID = " + keys.get(2));
    List<String> out = new ArrayList<>();
    try (Statement s = conn.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT \"Title\", caspio_attachment('Docs', 'Scan', PK_ID) AS f FROM \"Docs\""
                    + " ORDER BY PK_ID")) {
      while (rs.next()) {
        byte[] b = rs.getBytes("F");
        out.add(rs.getString(1) + "=" + (b == null ? "null" : new String(b, "UTF-8")));
      }
    }
    assertEquals(List.of("a=A", "b=b", "c=null"), out);
    assertEquals(3, attachmentCalls().size(), "one GET per row: " + attachmentCalls());
    fixture.clear();
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT caspio_attachment('Docs', 'Scan', NULL)")) {
      assertTrue(rs.next());
      assertNull(rs.getBytes(1));
    }
    assertEquals(List.of(), attachmentCalls(), "a NULL key sends nothing");
    // Constant arguments are not read while planning: each execution reads once.
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT caspio_attachment('Docs', 'Scan', " + keys.get(1) + ")")) {
      assertEquals(List.of(), attachmentCalls(), "preparing read the attachment");
      for (int i = 0; i < 2; i++) {
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertArrayEquals(new byte[] {'b'}, rs.getBytes(1));
        }
      }
    }
    assertEquals(2, attachmentCalls().size(), attachmentCalls().toString());
  }

  @Test
  void callDelete_removesInOneDelete_thenCountsZero() throws Exception {
    long pk = keys.get(2);
    area.put("Docs", "Scan", pk, "c.bin", "application/octet-stream", new byte[] {1, 2});
    try (Statement s = conn.createStatement()) {
      assertEquals(1, s.executeUpdate("CALL caspio_delete_attachment('Docs', 'Scan', " + pk + ")"));
      assertTrue(area.get("Docs", "Scan", pk).isEmpty());
      assertEquals(0, s.executeUpdate("CALL caspio_delete_attachment('Docs', 'Scan', " + pk + ")"));
    }
    List<LoggedCall> calls = attachmentCalls();
    assertEquals(2, calls.size(), calls.toString());
    assertEquals("DELETE", calls.get(0).method());
    assertEquals("/integrations/rest/v3/tables/Docs/attachments/Scan", calls.get(0).path());
    assertEquals(List.of("PK_ID = " + pk), calls.get(0).query().get("q.where"));
    assertNull(read(pk));
  }

  @Test
  void singleTableView_readsAndWritesThroughTheViewsEndpoints() throws Exception {
    long pk = keys.get(2);
    try (PreparedStatement ps =
        conn.prepareStatement(
            "CALL caspio_put_attachment('DocsView', 'Scan', ?, 'v.txt', NULL, ?)")) {
      ps.setLong(1, pk);
      ps.setBytes(2, new byte[] {'v'});
      assertEquals(1, ps.executeUpdate());
    }
    assertArrayEquals(new byte[] {'v'}, area.get("Docs", "Scan", pk).orElseThrow().bytes());
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT caspio_attachment('DocsView', 'Scan', ?)")) {
      ps.setLong(1, pk);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertArrayEquals(new byte[] {'v'}, rs.getBytes(1));
      }
    }
    List<LoggedCall> calls = attachmentCalls();
    assertEquals(2, calls.size(), calls.toString());
    assertEquals(
        "/integrations/rest/v3/views/DocsView/attachments/Scan/" + pk, calls.get(0).path());
    assertEquals(calls.get(0).path(), calls.get(1).path());
    area.put("Docs", "Scan", pk, "c.bin", "application/octet-stream", new byte[] {1});
  }

  @Test
  void vendorMethods_putAndDelete() throws Exception {
    long pk = keys.get(0);
    CaspioJdbcConnection caspio = conn.unwrap(CaspioJdbcConnection.class);
    caspio.putAttachment(
        "Docs", "Scan", pk, "v.png", "image/png", new ByteArrayInputStream(new byte[] {9, 8}));
    assertArrayEquals(new byte[] {9, 8}, area.get("Docs", "Scan", pk).orElseThrow().bytes());
    assertEquals(1, caspio.deleteAttachment("Docs", "Scan", pk));
    assertTrue(area.get("Docs", "Scan", pk).isEmpty());
    assertEquals(2, attachmentCalls().size(), attachmentCalls().toString());
  }

  @Test
  void refusals_beforeAnyRequest_haveTheirStates() throws Exception {
    CaspioJdbcConnection caspio = conn.unwrap(CaspioJdbcConnection.class);
    long pk = keys.get(0);
    assertEquals("42S02", state(() -> caspio.deleteAttachment("NoSuchTable", "Scan", pk)));
    assertEquals("42S22", state(() -> caspio.deleteAttachment("Docs", "NoSuchField", pk)));
    assertEquals("22023", state(() -> caspio.deleteAttachment("Docs", "Title", pk)));
    assertEquals(
        "22023",
        state(
            () ->
                caspio.putAttachment(
                    "Docs",
                    "Scan",
                    pk,
                    "x.bin",
                    "not a type",
                    new ByteArrayInputStream(new byte[1]))));
    assertEquals(
        "22023",
        state(
            () ->
                caspio.putAttachment(
                    "Docs", "Scan", pk, " ", null, new ByteArrayInputStream(new byte[1]))));
    assertEquals(
        "42S22",
        state(
            () ->
                conn.createStatement()
                    .executeQuery("SELECT caspio_attachment('Docs', 'Nope', 1)")
                    .next()));
    try (CallableStatement cs =
        conn.prepareCall("{call caspio_delete_attachment('Docs', 'Scan', ?)}")) {
      cs.setNull(1, Types.BIGINT);
      assertEquals("22023", state(cs::execute));
      assertEquals("22003", state(() -> cs.setString(1, "1.5")));
    }
    try (Connection ro = fixture.connect("&readOnly=true")) {
      fixture.clear();
      assertEquals(
          "25006",
          state(
              () ->
                  ro.createStatement()
                      .execute("CALL caspio_delete_attachment('Docs', 'Scan', " + pk + ")")));
      assertEquals(
          "25006",
          state(
              () ->
                  ro.unwrap(CaspioJdbcConnection.class)
                      .putAttachment(
                          "Docs",
                          "Scan",
                          pk,
                          "r.bin",
                          null,
                          new ByteArrayInputStream(new byte[1]))));
    }
    assertEquals(List.of(), attachmentCalls());
  }

  @Test
  void missingRecord_is22023AfterOnePut_andStoresNothing() throws Exception {
    int before = area.count();
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                conn.createStatement()
                    .execute(
                        "CALL caspio_put_attachment('Docs', 'Scan', 999999, 'x.bin', NULL, X'01')"));
    assertEquals("22023", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("PK_ID 999999"), e.getMessage());
    assertEquals(1, attachmentCalls().size());
    assertEquals(before, area.count());
  }

  @Test
  void attachmentColumn_readsNull_andCannotBeSetByInsert() throws Exception {
    long pk = keys.get(1);
    area.put("Docs", "Scan", pk, "b.txt", "text/plain", new byte[] {'b'});
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT \"Scan\" FROM \"Docs\" WHERE PK_ID = " + pk)) {
      assertTrue(rs.next());
      assertNull(rs.getString(1));
    }
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                conn.createStatement()
                    .executeUpdate("INSERT INTO \"Docs\" (\"Title\", \"Scan\") VALUES ('d', 'x')"));
    assertEquals("42000", e.getSQLState(), e.getMessage());
    SQLException u =
        assertThrows(
            SQLException.class,
            () ->
                conn.createStatement()
                    .executeUpdate("UPDATE \"Docs\" SET \"Scan\" = 'x' WHERE PK_ID = " + pk));
    assertEquals("25006", u.getSQLState(), u.getMessage());
    assertTrue(u.getMessage().contains("caspio_put_attachment"), u.getMessage());
  }

  @FunctionalInterface
  private interface Failing {
    void run() throws Exception;
  }

  private static String state(Failing f) {
    SQLException e = assertThrows(SQLException.class, f::run);
    return e.getSQLState() + (e.getSQLState() == null ? " " + e.getMessage() : "");
  }
}
