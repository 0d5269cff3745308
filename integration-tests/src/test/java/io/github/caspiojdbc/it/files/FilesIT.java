/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.emulator.PathKind;
import io.github.caspiojdbc.emulator.store.FileArea;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.jdbc.CaspioJdbcConnection;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Files area through the driver: {@code caspio_folders}, {@code caspio_files} and {@code
 * caspio_file_content}, byte-exact content (a PNG whose bytes are not UTF-8), a missing key's
 * SQLState, and the calls each statement costs as the emulator's own log counts them.
 */
class FilesIT {
  @RegisterExtension static final EmulatorFixture fixture = new EmulatorFixture();

  private static Connection conn;
  private static FileArea area;

  @BeforeAll
  static void open() throws Exception {
    conn = fixture.connect();
    area = fixture.emulator.store().files();
  }

  @AfterAll
  static void close() throws Exception {
    conn.close();
  }

  @BeforeEach
  void clear() {
    fixture.clear();
  }

  private static List<LoggedCall> fileCalls() {
    return fixture.calls(PathKind.FILES);
  }

  private static List<String> column(String sql, int index) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(index));
      }
    }
    return out;
  }

  @Test
  void files_root_listsNameKeySizeTypeDates_inOneCall() throws Exception {
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM TABLE(caspio_files('')) ORDER BY NAME")) {
      assertEquals("NAME", rs.getMetaData().getColumnName(1));
      assertEquals(Types.TIMESTAMP, rs.getMetaData().getColumnType(6));
      assertTrue(rs.next());
      assertEquals("logo.png", rs.getString("NAME"));
      assertEquals(67L, rs.getLong("SIZE"));
      assertEquals("image/png", rs.getString("CONTENT_TYPE"));
      assertEquals(area.files(FileArea.ROOT).get(0).externalKey(), rs.getString("EXTERNAL_KEY"));
      assertEquals(
          area.files(FileArea.ROOT).get(0).dateCreated(),
          rs.getTimestamp("DATE_CREATED").toLocalDateTime());
      assertTrue(rs.next());
      assertEquals("readme.txt", rs.getString("NAME"));
      assertFalse(rs.next());
    }
    List<LoggedCall> calls = fileCalls();
    assertEquals(1, calls.size(), calls.toString());
    assertEquals("/integrations/rest/v3/files", calls.get(0).path());
  }

  @Test
  void folders_rootAndNested_andFilesOfAFolder() throws Exception {
    assertEquals(
        List.of("Images", "Invoices"),
        column("SELECT NAME FROM TABLE(caspio_folders()) ORDER BY NAME", 1));
    String invoices =
        column("SELECT EXTERNAL_KEY FROM TABLE(caspio_folders()) WHERE NAME = 'Invoices'", 1)
            .get(0);
    assertEquals(
        List.of("Archive"),
        column("SELECT NAME FROM TABLE(caspio_folders('" + invoices + "'))", 1));
    assertEquals(
        List.of("2024-001.csv"),
        column("SELECT NAME FROM TABLE(caspio_files('" + invoices + "'))", 1));
    assertEquals(4, fileCalls().size());
  }

  @Test
  void content_binaryFile_isByteExact_throughGetBytesAndGetBinaryStream() throws Exception {
    byte[] expected = area.files(FileArea.ROOT).get(0).bytes();
    assertNotEquals(
        expected.length,
        new String(expected, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8).length,
        "the sample PNG is not valid UTF-8, so a text round trip would change it");
    String sql =
        "SELECT caspio_file_content(EXTERNAL_KEY) FROM TABLE(caspio_files(''))"
            + " WHERE NAME = 'logo.png'";
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertEquals(Types.VARBINARY, rs.getMetaData().getColumnType(1));
      assertTrue(rs.next());
      assertArrayEquals(expected, rs.getBytes(1));
      try (InputStream in = rs.getBinaryStream(1)) {
        assertArrayEquals(expected, in.readAllBytes());
      }
      assertFalse(rs.next());
    }
    // One listing, one content read: the filter is applied before the content is asked for.
    List<LoggedCall> calls = fileCalls();
    assertEquals(2, calls.size(), calls.toString());
    assertEquals(
        "/integrations/rest/v3/files/" + area.files(FileArea.ROOT).get(0).externalKey(),
        calls.get(1).path());
  }

  @Test
  void content_textFile_readsAsItsBytes() throws Exception {
    FileArea.StoredFile readme = area.files(FileArea.ROOT).get(1);
    try (Statement s = conn.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT caspio_file_content('" + readme.externalKey() + "')")) {
      assertTrue(rs.next());
      assertArrayEquals(readme.bytes(), rs.getBytes(1));
    }
    assertEquals(1, fileCalls().size());
  }

  @Test
  void content_missingKey_failsWith22023AndCaspiosCode() {
    SQLException e =
        assertThrows(
            SQLException.class, () -> column("SELECT caspio_file_content('no-such-file')", 1));
    assertEquals("22023", e.getSQLState(), EmulatorFixture.chain(e));
    assertTrue(EmulatorFixture.chain(e).contains("FileNotFound"), EmulatorFixture.chain(e));
    assertEquals(1, fileCalls().size());
    assertEquals(404, fileCalls().get(0).status());
  }

  @Test
  void files_unknownFolder_failsWith22023() {
    SQLException e =
        assertThrows(
            SQLException.class, () -> column("SELECT * FROM TABLE(caspio_files('nope'))", 1));
    assertEquals("22023", e.getSQLState(), EmulatorFixture.chain(e));
  }

  @Test
  void files_nonLiteralKey_isRefusedBeforeAnyCall() {
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> column("SELECT * FROM TABLE(caspio_files(CAST(NULL AS VARCHAR)))", 1));
    assertEquals("42000", e.getSQLState(), EmulatorFixture.chain(e));
    assertEquals(0, fileCalls().size());
  }

  @Test
  void content_nullKey_isNullAndSendsNothing() throws Exception {
    assertEquals(
        java.util.Arrays.asList((String) null),
        column("SELECT caspio_file_content(CAST(NULL AS VARCHAR))", 1));
    assertEquals(0, fileCalls().size());
  }

  @Test
  void deleteFile_vendorMethod_removesTheFileInOneDeleteCall() throws Exception {
    String key = area.addText(FileArea.ROOT, "to-delete.txt", "bye").externalKey();
    CaspioJdbcConnection caspio = conn.unwrap(CaspioJdbcConnection.class);
    caspio.deleteFile(key);
    assertThrows(RuntimeException.class, () -> area.file(key), "the emulator still has the file");
    List<LoggedCall> calls = fileCalls();
    assertEquals(1, calls.size(), calls.toString());
    assertEquals("DELETE", calls.get(0).method());
    assertEquals("/integrations/rest/v3/files/" + key, calls.get(0).path());
    assertFalse(
        column("SELECT NAME FROM TABLE(caspio_files(''))", 1).contains("to-delete.txt"),
        "the next listing still shows the deleted file");
  }

  @Test
  void deleteFile_missingKey_failsWith22023AfterOneCall() throws Exception {
    CaspioJdbcConnection caspio = conn.unwrap(CaspioJdbcConnection.class);
    SQLException e = assertThrows(SQLException.class, () -> caspio.deleteFile("no-such-file"));
    assertEquals("22023", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("FileNotFound"), e.getMessage());
    assertEquals(1, fileCalls().size());
    SQLException blank = assertThrows(SQLException.class, () -> caspio.deleteFile(" "));
    assertEquals("22023", blank.getSQLState(), blank.getMessage());
    assertEquals(1, fileCalls().size(), "a blank key must not be sent");
  }

  @Test
  void deleteFile_readOnlyConnection_isRefusedWith25006BeforeAnyCall() throws Exception {
    String key = area.addText(FileArea.ROOT, "kept.txt", "stay").externalKey();
    try {
      try (Connection ro = fixture.connect("&readOnly=true")) {
        fixture.clear();
        CaspioJdbcConnection caspio = ro.unwrap(CaspioJdbcConnection.class);
        SQLException e = assertThrows(SQLException.class, () -> caspio.deleteFile(key));
        assertEquals("25006", e.getSQLState(), e.getMessage());
      }
      try (Connection rw = fixture.connect()) {
        rw.setReadOnly(true);
        fixture.clear();
        SQLException e =
            assertThrows(
                SQLException.class, () -> rw.unwrap(CaspioJdbcConnection.class).deleteFile(key));
        assertEquals("25006", e.getSQLState(), e.getMessage());
      }
      assertEquals(List.of(), fileCalls());
      assertEquals("kept.txt", area.file(key).name());
    } finally {
      area.delete(key);
    }
  }

  @Test
  void deleteFile_countsAsAWrite_soRollbackRefuses() throws Exception {
    String key = area.addText(FileArea.ROOT, "tx.txt", "x").externalKey();
    try (Connection c = fixture.connect()) {
      c.setAutoCommit(false);
      c.unwrap(CaspioJdbcConnection.class).deleteFile(key);
      SQLException e = assertThrows(SQLException.class, c::rollback);
      assertEquals("0A000", e.getSQLState(), e.getMessage());
    }
  }

  @Test
  void uploadFile_binary_isStoredByteExactInOnePost_andReadsBack() throws Exception {
    byte[] bytes = new byte[70_000];
    new java.util.Random(18).nextBytes(bytes);
    bytes[0] = (byte) 0xFF; // never a valid UTF-8 start, so a text round trip would change it
    String folder = area.folders(FileArea.ROOT).get(0).externalKey();
    CaspioJdbcConnection caspio = conn.unwrap(CaspioJdbcConnection.class);
    String key =
        caspio.uploadFile(
            folder, "blob.bin", "application/octet-stream", new ByteArrayInputStream(bytes));
    try {
      FileArea.StoredFile stored = area.file(key);
      assertEquals("blob.bin", stored.name());
      assertEquals("application/octet-stream", stored.contentType());
      assertArrayEquals(bytes, stored.bytes());
      List<LoggedCall> calls = fileCalls();
      assertEquals(1, calls.size(), calls.toString());
      assertEquals("POST", calls.get(0).method());
      assertEquals(List.of(folder), calls.get(0).query().get("externalKey"));
      try (PreparedStatement ps = conn.prepareStatement("SELECT caspio_file_content(?)")) {
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertArrayEquals(bytes, rs.getBytes(1));
        }
      }
    } finally {
      area.delete(key);
    }
  }

  @Test
  void uploadFile_nameTaken_failsWith23000AndStoresNothing() throws Exception {
    CaspioJdbcConnection caspio = conn.unwrap(CaspioJdbcConnection.class);
    int before = area.files(FileArea.ROOT).size();
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                caspio.uploadFile(
                    "", "readme.txt", "text/plain", new ByteArrayInputStream(new byte[] {1})));
    assertEquals("23000", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("FileExists"), e.getMessage());
    assertEquals(1, fileCalls().size());
    assertEquals(before, area.files(FileArea.ROOT).size());
  }

  @Test
  void uploadFile_refusedBeforeAnyCall_readOnlyTooLargeOrMissingName() throws Exception {
    int before = area.files(FileArea.ROOT).size();
    try (Connection ro = fixture.connect("&readOnly=true")) {
      fixture.clear();
      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  ro.unwrap(CaspioJdbcConnection.class)
                      .uploadFile("", "x.txt", null, new ByteArrayInputStream(new byte[1])));
      assertEquals("25006", e.getSQLState(), e.getMessage());
    }
    CaspioJdbcConnection caspio = conn.unwrap(CaspioJdbcConnection.class);
    InputStream huge =
        new InputStream() {
          private long left = 32L * 1024 * 1024 + 1;

          @Override
          public int read() {
            return left-- > 0 ? 0 : -1;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (left <= 0) {
              return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
          }
        };
    SQLException tooLarge =
        assertThrows(SQLException.class, () -> caspio.uploadFile("", "big.bin", null, huge));
    assertEquals("22001", tooLarge.getSQLState(), tooLarge.getMessage());
    SQLException noName =
        assertThrows(
            SQLException.class,
            () -> caspio.uploadFile("", " ", null, new ByteArrayInputStream(new byte[1])));
    assertEquals("22023", noName.getSQLState(), noName.getMessage());
    SQLException badType =
        assertThrows(
            SQLException.class,
            () ->
                caspio.uploadFile(
                    "", "y.txt", "not a type;;", new ByteArrayInputStream(new byte[1])));
    assertEquals("22023", badType.getSQLState(), badType.getMessage());
    assertEquals(List.of(), fileCalls());
    assertEquals(before, area.files(FileArea.ROOT).size());
  }

  @Test
  void replaceFile_existingName_overwritesInOnePut_keepingTheKey() throws Exception {
    FileArea.StoredFile old = area.addText(FileArea.ROOT, "notes.txt", "old");
    CaspioJdbcConnection caspio = conn.unwrap(CaspioJdbcConnection.class);
    byte[] fresh = {(byte) 0xC3, 0x28, 0, 7};
    try {
      String key =
          caspio.replaceFile("", "notes.txt", "text/plain", new ByteArrayInputStream(fresh));
      assertEquals(old.externalKey(), key);
      assertArrayEquals(fresh, area.file(key).bytes());
      List<LoggedCall> calls = fileCalls();
      assertEquals(1, calls.size(), calls.toString());
      assertEquals("PUT", calls.get(0).method());
      assertEquals("/integrations/rest/v3/files", calls.get(0).path());
    } finally {
      area.delete(old.externalKey());
    }
    String created =
        caspio.replaceFile("", "new.txt", null, new ByteArrayInputStream(new byte[] {9}));
    try {
      assertArrayEquals(new byte[] {9}, area.file(created).bytes());
      assertEquals("application/octet-stream", area.file(created).contentType());
    } finally {
      area.delete(created);
    }
  }
}
