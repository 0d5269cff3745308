/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.emulator.PathKind;
import io.github.caspiojdbc.emulator.store.FileArea;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.jdbc.CaspioCallStats;
import java.io.ByteArrayInputStream;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
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
 * Uploading and deleting files from SQL: {@code CALL caspio_upload_file / caspio_replace_file /
 * caspio_delete_file} through {@code prepareCall}, {@code prepareStatement} (what DBeaver uses for
 * CALL text) and a plain statement, their metadata, and every refusal, with the calls counted from
 * the emulator's own log.
 */
class FileProceduresIT {
  @RegisterExtension static final EmulatorFixture fixture = new EmulatorFixture();

  private static Connection conn;
  private static FileArea area;
  private final List<String> made = new ArrayList<>();

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

  @org.junit.jupiter.api.AfterEach
  void removeMade() {
    for (String key : made) {
      try {
        area.delete(key);
      } catch (RuntimeException e) {
        // already deleted by the test
      }
    }
  }

  private static List<LoggedCall> fileCalls() {
    return fixture.calls(PathKind.FILES);
  }

  private static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    b[0] = (byte) 0xFF; // never valid UTF-8, so a text round trip would change it
    return b;
  }

  private String onlyKey(ResultSet rs) throws SQLException {
    assertEquals("EXTERNAL_KEY", rs.getMetaData().getColumnLabel(1));
    assertEquals(Types.VARCHAR, rs.getMetaData().getColumnType(1));
    assertTrue(rs.next(), "the upload's result set has its key");
    String key = rs.getString("EXTERNAL_KEY");
    assertFalse(rs.next(), "one row only");
    made.add(key);
    return key;
  }

  @Test
  void prepareCall_upload_storesTheBytesExactlyInOnePost_andReturnsTheKey() throws Exception {
    byte[] bytes = randomBytes(50_000, 1);
    String folder = area.folders(FileArea.ROOT).get(0).externalKey();
    try (CallableStatement cs = conn.prepareCall("{call caspio_upload_file(?, ?, ?, ?)}")) {
      cs.setString(1, folder);
      cs.setString(2, "photo.bin");
      cs.setString(3, "application/octet-stream");
      cs.setBytes(4, bytes);
      assertTrue(cs.execute(), "an upload returns its key as a result set");
      String key;
      try (ResultSet rs = cs.getResultSet()) {
        assertSame(cs, rs.getStatement());
        key = onlyKey(rs);
      }
      FileArea.StoredFile stored = area.file(key);
      assertEquals("photo.bin", stored.name());
      assertEquals("application/octet-stream", stored.contentType());
      assertArrayEquals(bytes, stored.bytes());
      List<LoggedCall> calls = fileCalls();
      assertEquals(1, calls.size(), calls.toString());
      assertEquals("POST", calls.get(0).method());
      assertEquals(List.of(folder), calls.get(0).query().get("externalKey"));
      assertEquals(1, cs.unwrap(CaspioCallStats.class).calls().calls());
      assertFalse(cs.getMoreResults());
      assertEquals(-1, cs.getUpdateCount());
    }
  }

  @Test
  void prepareStatement_callText_deletesInOneDelete_updateCountOne() throws Exception {
    String key = area.addText(FileArea.ROOT, "gone.txt", "bye").externalKey();
    // DBeaver sends CALL text through prepareStatement, then execute() and getLargeUpdateCount().
    try (PreparedStatement ps =
        conn.prepareStatement(
            "CALL caspio_delete_file(?)",
            ResultSet.TYPE_FORWARD_ONLY,
            ResultSet.CONCUR_READ_ONLY)) {
      ps.setString(1, key);
      assertFalse(ps.execute());
      assertEquals(1L, ps.getLargeUpdateCount());
      assertNull(ps.getResultSet());
    }
    assertThrows(RuntimeException.class, () -> area.file(key), "the file is still there");
    List<LoggedCall> calls = fileCalls();
    assertEquals(1, calls.size(), calls.toString());
    assertEquals("DELETE", calls.get(0).method());
    assertEquals("/integrations/rest/v3/files/" + key, calls.get(0).path());
  }

  @Test
  void plainStatement_callWithLiterals_uploadsAndDeletes() throws Exception {
    try (Statement s = conn.createStatement()) {
      assertTrue(
          s.execute(
              "call CASPIO.Caspio_Upload_File('', 'three.bin', 'application/octet-stream',"
                  + " X'00FF10');"));
      String key;
      try (ResultSet rs = s.getResultSet()) {
        assertSame(s, rs.getStatement());
        key = onlyKey(rs);
      }
      assertArrayEquals(new byte[] {0, (byte) 0xFF, 0x10}, area.file(key).bytes());
      assertEquals(1, s.unwrap(CaspioCallStats.class).calls().calls());
      assertEquals(1, s.executeUpdate("{call caspio_delete_file('" + key + "')}"));
      assertThrows(RuntimeException.class, () -> area.file(key));
      // The statement goes on running queries, whose results are its own again.
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM TABLE(caspio_files(''))")) {
        assertTrue(rs.next());
      }
      assertEquals(-1, s.getUpdateCount());
    }
    assertEquals(3, fileCalls().size(), fileCalls().toString());
  }

  @Test
  void replace_overwritesAndKeepsTheKey() throws Exception {
    String key = area.addText(FileArea.ROOT, "notes.txt", "old").externalKey();
    made.add(key);
    try (PreparedStatement ps = conn.prepareStatement("CALL caspio_replace_file('', ?, ?, ?)")) {
      ps.setString(1, "notes.txt");
      ps.setNull(2, Types.VARCHAR);
      ps.setBinaryStream(3, new ByteArrayInputStream("new text".getBytes("UTF-8")));
      try (ResultSet rs = ps.executeQuery()) {
        assertEquals(key, onlyKey(rs));
      }
    }
    assertEquals("new text", new String(area.file(key).bytes(), "UTF-8"));
    assertEquals("application/octet-stream", area.file(key).contentType());
    List<LoggedCall> calls = fileCalls();
    assertEquals(1, calls.size(), calls.toString());
    assertEquals("PUT", calls.get(0).method());
  }

  @Test
  void stream_isReadByOneExecution_soASecondNeedsNewContent() throws Exception {
    try (PreparedStatement ps = conn.prepareStatement("CALL caspio_upload_file('', ?, NULL, ?)")) {
      ps.setString(1, "once.bin");
      ps.setBinaryStream(2, new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5}), 3);
      try (ResultSet rs = ps.executeQuery()) {
        String key = onlyKey(rs);
        assertArrayEquals(new byte[] {1, 2, 3}, area.file(key).bytes());
      }
      ps.setString(1, "twice.bin");
      SQLException e = assertThrows(SQLException.class, ps::execute);
      assertEquals("07001", e.getSQLState(), e.getMessage());
      assertEquals(1, fileCalls().size(), "an unset stream must not upload an empty file");
      ps.setBytes(2, new byte[] {9});
      try (ResultSet rs = ps.executeQuery()) {
        assertArrayEquals(new byte[] {9}, area.file(onlyKey(rs)).bytes());
      }
    }
  }

  @Test
  void wrongExecuteMethod_isRefusedBeforeAnyCall() throws Exception {
    String key = area.addText(FileArea.ROOT, "stays.txt", "x").externalKey();
    made.add(key);
    try (Statement s = conn.createStatement()) {
      SQLException q =
          assertThrows(
              SQLException.class, () -> s.executeQuery("CALL caspio_delete_file('" + key + "')"));
      assertEquals("07005", q.getSQLState(), q.getMessage());
      SQLException u =
          assertThrows(
              SQLException.class,
              () -> s.executeUpdate("CALL caspio_upload_file('', 'u.bin', NULL, X'01')"));
      assertEquals("07003", u.getSQLState(), u.getMessage());
      SQLException b =
          assertThrows(
              SQLException.class, () -> s.addBatch("CALL caspio_delete_file('" + key + "')"));
      assertEquals("0A000", b.getSQLState(), b.getMessage());
    }
    assertEquals(List.of(), fileCalls());
    assertEquals("stays.txt", area.file(key).name());
  }

  @Test
  void badCalls_areRefusedWithClearStates_beforeAnyCall() throws Exception {
    assertState("42000", "CALL no_such_proc(1)", "caspio_upload_file");
    assertState("42000", "CALL caspio_delete_file()", "takes 1 arguments");
    assertState("42000", "CALL caspio_delete_file('a' || 'b')", "must be a literal or ?");
    assertState("42000", "CALL other.caspio_delete_file('k')", "not one of the driver's");
    assertState("42000", "{call caspio_delete_file('k')", "must close");
    SQLException ret =
        assertThrows(
            SQLException.class, () -> conn.prepareCall("{? = call caspio_delete_file(?)}"));
    assertInstanceOf(SQLFeatureNotSupportedException.class, ret);
    assertEquals("0A000", ret.getSQLState());
    SQLException notCall = assertThrows(SQLException.class, () -> conn.prepareCall("SELECT 1"));
    assertEquals("0A000", notCall.getSQLState(), notCall.getMessage());
    try (CallableStatement cs = conn.prepareCall("{call caspio_upload_file('', ?, NULL, ?)}")) {
      cs.setNull(1, Types.VARCHAR);
      cs.setBytes(2, new byte[] {1});
      SQLException nul = assertThrows(SQLException.class, cs::execute);
      assertEquals("22023", nul.getSQLState(), nul.getMessage());
      assertTrue(nul.getMessage().contains("NAME must not be NULL"), nul.getMessage());
      SQLException text = assertThrows(SQLException.class, () -> cs.setString(2, "hello"));
      assertEquals("22018", text.getSQLState(), text.getMessage());
      SQLException index = assertThrows(SQLException.class, () -> cs.setString(3, "x"));
      assertEquals("22023", index.getSQLState(), index.getMessage());
      SQLException out =
          assertThrows(SQLException.class, () -> cs.registerOutParameter(1, Types.VARCHAR));
      assertEquals("0A000", out.getSQLState(), out.getMessage());
      cs.clearParameters();
      SQLException unset = assertThrows(SQLException.class, cs::execute);
      assertEquals("07001", unset.getSQLState(), unset.getMessage());
    }
    assertEquals(List.of(), fileCalls());
  }

  private static void assertState(String state, String sql, String text) {
    SQLException e = assertThrows(SQLException.class, () -> conn.prepareStatement(sql).execute());
    assertEquals(state, e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains(text), e.getMessage());
    SQLException plain =
        assertThrows(
            SQLException.class,
            () -> {
              try (Statement s = conn.createStatement()) {
                s.execute(sql);
              }
            });
    assertEquals(state, plain.getSQLState(), plain.getMessage());
  }

  @Test
  void readOnlyConnection_refusesWith25006_beforeAnyCall() throws Exception {
    String key = area.addText(FileArea.ROOT, "ro.txt", "x").externalKey();
    made.add(key);
    try (Connection ro = fixture.connect("&readOnly=true")) {
      fixture.clear();
      SQLException d =
          assertThrows(
              SQLException.class,
              () -> ro.createStatement().execute("CALL caspio_delete_file('" + key + "')"));
      assertEquals("25006", d.getSQLState(), d.getMessage());
      try (CallableStatement cs =
          ro.prepareCall("{call caspio_upload_file('', 'r.bin', NULL, ?)}")) {
        cs.setBytes(1, new byte[] {1});
        SQLException u = assertThrows(SQLException.class, cs::execute);
        assertEquals("25006", u.getSQLState(), u.getMessage());
      }
    }
    assertEquals(List.of(), fileCalls());
    assertEquals("ro.txt", area.file(key).name());
  }

  @Test
  void nameTaken_is23000_andACallCountsAsAWrite() throws Exception {
    try (Connection c = fixture.connect()) {
      c.setAutoCommit(false);
      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  c.createStatement()
                      .execute("CALL caspio_upload_file('', 'readme.txt', 'text/plain', X'41')"));
      assertEquals("23000", e.getSQLState(), e.getMessage());
      assertEquals(1, fileCalls().size());
      String key = area.addText(FileArea.ROOT, "tx.txt", "x").externalKey();
      c.createStatement().execute("CALL caspio_delete_file('" + key + "')");
      SQLException r = assertThrows(SQLException.class, c::rollback);
      assertEquals("0A000", r.getSQLState(), r.getMessage());
    }
  }

  @Test
  void metadata_listsTheProceduresTheirArgumentsAndTheKeyColumn() throws Exception {
    DatabaseMetaData md = conn.getMetaData();
    assertTrue(md.supportsStoredProcedures());
    List<String> names = new ArrayList<>();
    try (ResultSet rs = md.getProcedures(null, "caspio", "%")) {
      assertEquals("PROCEDURE_NAME", rs.getMetaData().getColumnLabel(3));
      assertEquals("SPECIFIC_NAME", rs.getMetaData().getColumnLabel(9));
      while (rs.next()) {
        names.add(rs.getString("PROCEDURE_NAME"));
        assertEquals("caspio", rs.getString("PROCEDURE_SCHEM"));
        assertFalse(rs.getString("REMARKS").isBlank());
      }
    }
    assertTrue(
        names.containsAll(
            List.of("caspio_upload_file", "caspio_replace_file", "caspio_delete_file")),
        names.toString());
    List<String> columns = new ArrayList<>();
    try (ResultSet rs = md.getProcedureColumns(null, "caspio", "caspio_upload_file", "%")) {
      assertEquals(20, rs.getMetaData().getColumnCount());
      while (rs.next()) {
        columns.add(
            rs.getString("COLUMN_NAME")
                + ":"
                + rs.getShort("COLUMN_TYPE")
                + ":"
                + rs.getString("TYPE_NAME")
                + ":"
                + rs.getString("IS_NULLABLE"));
      }
    }
    assertEquals(
        List.of(
            "EXTERNAL_KEY:" + DatabaseMetaData.procedureColumnResult + ":VARCHAR:NO",
            "FOLDER_KEY:" + DatabaseMetaData.procedureColumnIn + ":VARCHAR:NO",
            "NAME:" + DatabaseMetaData.procedureColumnIn + ":VARCHAR:NO",
            "CONTENT_TYPE:" + DatabaseMetaData.procedureColumnIn + ":VARCHAR:YES",
            "CONTENT:" + DatabaseMetaData.procedureColumnIn + ":VARBINARY:NO"),
        columns);
    try (ResultSet rs = md.getProcedures(null, "other", "%")) {
      assertFalse(rs.next());
    }
    try (CallableStatement cs = conn.prepareCall("{call caspio_upload_file(?, 'n', NULL, ?)}")) {
      ParameterMetaData pm = cs.getParameterMetaData();
      assertEquals(2, pm.getParameterCount());
      assertEquals(Types.VARCHAR, pm.getParameterType(1));
      assertEquals(Types.VARBINARY, pm.getParameterType(2));
      assertEquals(ParameterMetaData.parameterModeIn, pm.getParameterMode(2));
      assertEquals("EXTERNAL_KEY", cs.getMetaData().getColumnLabel(1));
    }
    assertEquals(List.of(), fileCalls());
  }
}
