/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.jdbcwrites;

import static io.github.caspiojdbc.it.support.EmulatorFixture.update;
import static io.github.caspiojdbc.it.support.Items.TABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.emulator.PathKind;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Items;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A password field as SQL sees it: a write-only VARCHAR column, set by INSERT and UPDATE, always
 * read as NULL, never requested, and refused (42000, before any request) wherever a statement would
 * compute with its NULL. Calls are counted from the emulator's own log.
 */
class PasswordColumnsIT {

  private static long pk(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT PK_ID FROM " + TABLE + " WHERE PK_ID > 0 AND Name = '" + name + "'")) {
      assertTrue(rs.next(), name);
      return rs.getLong(1);
    }
  }

  private static List<LoggedCall> apiCalls(EmulatorFixture f) {
    return f.emulator.log().entries().stream().filter(x -> x.kind() != PathKind.TOKEN).toList();
  }

  @Test
  void metadata_readsNull_neverRequested() throws Exception {
    try (EmulatorFixture f = Items.driverFixture();
        Connection c = f.connect()) {
      try (ResultSet rs = c.getMetaData().getColumns(null, null, TABLE, "Secret")) {
        assertTrue(rs.next(), "the password field is a column");
        assertEquals(Types.VARCHAR, rs.getInt("DATA_TYPE"));
        assertEquals("YES", rs.getString("IS_NULLABLE"));
        assertTrue(rs.getString("REMARKS").startsWith("Write-only password field"));
      }
      update(c, "INSERT INTO " + TABLE + " (Name, Qty, Secret) VALUES ('a', 1, 'pw-one')");
      f.clear();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT Name, Secret FROM " + TABLE)) {
        assertTrue(rs.next());
        assertEquals("a", rs.getString(1));
        assertNull(rs.getString(2));
        assertTrue(rs.wasNull());
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM " + TABLE)) {
        assertTrue(rs.next());
        assertNull(rs.getString("Secret"));
      }
      List<LoggedCall> calls = apiCalls(f);
      assertEquals(2, calls.size(), calls.toString());
      for (LoggedCall call : calls) {
        String select = call.queryParam("q.select");
        assertTrue(select == null || !select.contains("Secret"), select);
      }
    }
  }

  @Test
  void insert_setsThePassword_explicitNullLeavesItOut() throws Exception {
    try (EmulatorFixture f = Items.driverFixture();
        Connection c = f.connect()) {
      f.clear();
      try (PreparedStatement p =
          c.prepareStatement("INSERT INTO " + TABLE + " (Name, Qty, Secret) VALUES (?, 1, ?)")) {
        p.setString(1, "a");
        p.setString(2, "pw-one");
        assertEquals(1, p.executeUpdate());
        p.setString(1, "b");
        p.setNull(2, Types.VARCHAR);
        assertEquals(1, p.executeUpdate());
      }
      List<LoggedCall> posts = apiCalls(f).stream().filter(x -> x.method().equals("POST")).toList();
      assertEquals(2, posts.size());
      assertTrue(posts.get(0).body().contains("\"Secret\""));
      assertFalse(posts.get(1).body().contains("Secret"), posts.get(1).body());
      assertTrue(f.emulator.store().passwordMatches(TABLE, "Secret", pk(c, "a"), "pw-one"));
      assertFalse(f.emulator.store().passwordMatches(TABLE, "Secret", pk(c, "b"), "pw-one"));
    }
  }

  @Test
  void update_passwordFirstThroughItsEndpoint_thenTheOtherValues_nullResets() throws Exception {
    try (EmulatorFixture f = Items.driverFixture();
        Connection c = f.connect()) {
      update(
          c, "INSERT INTO " + TABLE + " (Name, Qty, Secret) VALUES ('a', 1, 'old'), ('b', 2, 'b')");
      long a = pk(c, "a");
      long b = pk(c, "b");

      f.clear();
      assertEquals(1, update(c, "UPDATE " + TABLE + " SET Secret = 'new' WHERE PK_ID = " + a));
      List<LoggedCall> calls = apiCalls(f);
      assertEquals(1, calls.size(), calls.toString());
      assertEquals("PUT", calls.get(0).method());
      assertEquals(PathKind.PASSWORD_FIELDS, calls.get(0).kind());
      assertTrue(f.emulator.store().passwordMatches(TABLE, "Secret", a, "new"));
      assertTrue(f.emulator.store().passwordMatches(TABLE, "Secret", b, "b"));

      f.clear();
      try (PreparedStatement p =
          c.prepareStatement("UPDATE " + TABLE + " SET Qty = ?, Secret = ? WHERE PK_ID = ?")) {
        p.setInt(1, 7);
        p.setString(2, "newer");
        p.setLong(3, a);
        assertEquals(1, p.executeUpdate());
      }
      calls = apiCalls(f);
      assertEquals(2, calls.size(), calls.toString());
      assertEquals(PathKind.PASSWORD_FIELDS, calls.get(0).kind());
      assertEquals(PathKind.RECORDS, calls.get(1).kind());
      assertFalse(calls.get(1).body().contains("Secret"), calls.get(1).body());
      assertTrue(f.emulator.store().passwordMatches(TABLE, "Secret", a, "newer"));
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT Qty FROM " + TABLE + " WHERE PK_ID = " + a)) {
        assertTrue(rs.next());
        assertEquals(7, rs.getInt(1));
      }

      f.clear();
      assertEquals(1, update(c, "UPDATE " + TABLE + " SET Secret = NULL WHERE PK_ID = " + b));
      calls = apiCalls(f);
      assertEquals(1, calls.size(), calls.toString());
      assertEquals("DELETE", calls.get(0).method());
      assertEquals(PathKind.PASSWORD_FIELDS, calls.get(0).kind());
      assertFalse(f.emulator.store().passwordMatches(TABLE, "Secret", b, "b"));
      assertTrue(f.emulator.store().passwordMatches(TABLE, "Secret", a, "newer"));
    }
  }

  @Test
  void everyOtherRead_isRefusedBeforeAnyRequest() throws Exception {
    List<String> refused =
        List.of(
            "SELECT Name FROM Items WHERE Secret = 'x'",
            "SELECT Name FROM Items WHERE Secret IS NULL",
            "SELECT Name FROM Items ORDER BY Secret",
            "SELECT Secret, COUNT(*) FROM Items GROUP BY Secret",
            "SELECT DISTINCT Secret FROM Items",
            "SELECT COUNT(Secret) FROM Items",
            "SELECT UPPER(Secret) FROM Items",
            "SELECT CASE WHEN Secret = 'x' THEN 1 END FROM Items",
            "SELECT * FROM (SELECT Secret AS s FROM Items) t WHERE t.s = 'x'",
            "SELECT a.Name FROM Items a JOIN Items b ON a.Secret = b.Name",
            "SELECT Name FROM Items WHERE Name IN (SELECT Secret FROM Items)",
            "SELECT Secret FROM Items UNION SELECT Name FROM Items",
            "SELECT Name FROM Items i WHERE EXISTS (SELECT 1 FROM Items j WHERE j.Name = i.Secret)",
            "UPDATE Items SET Name = Secret",
            "UPDATE Items SET Secret = 'x' WHERE Secret = 'y'",
            "INSERT INTO Items (Name) SELECT Secret FROM Items",
            "DELETE FROM Items WHERE Secret = 'x'");
    try (EmulatorFixture f = Items.driverFixture();
        Connection c = f.connect()) {
      update(c, "INSERT INTO " + TABLE + " (Name, Qty, Secret) VALUES ('a', 1, 'x')");
      for (String sql : refused) {
        f.clear();
        try (Statement s = c.createStatement()) {
          SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
          assertEquals("42000", e.getSQLState(), sql + ": " + e.getMessage());
          assertTrue(e.getMessage().contains("Secret"), e.getMessage());
        }
        assertEquals(List.of(), apiCalls(f), sql);
      }
      // Bare output columns are fine, also through a sub-query and UNION ALL.
      for (String sql :
          List.of(
              "SELECT t.s FROM (SELECT Secret AS s, Name FROM Items) t WHERE t.Name = 'a'",
              "SELECT Secret FROM Items UNION ALL SELECT Name FROM Items")) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery(sql)) {
          assertTrue(rs.next(), sql);
          assertNull(rs.getString(1), sql);
        }
      }
    }
  }

  @Test
  void theValueNeverReachesTheLogOrAMessage() throws Exception {
    List<String> logged = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            logged.add(
                String.valueOf(r.getMessage())
                    + " "
                    + java.util.Arrays.toString(r.getParameters()));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("io.github.caspiojdbc");
    Level before = root.getLevel();
    root.setLevel(Level.FINEST);
    root.addHandler(capture);
    try (EmulatorFixture f = Items.driverFixture();
        Connection c = f.connect()) {
      update(c, "INSERT INTO " + TABLE + " (Name, Qty, Secret) VALUES ('a', 1, 'Hunter2-insert')");
      update(c, "UPDATE " + TABLE + " SET Secret = 'Hunter2-update' WHERE Name = 'a'");
      c.setReadOnly(true);
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> update(c, "UPDATE " + TABLE + " SET Secret = 'Hunter2-refused'"));
      assertEquals("25006", e.getSQLState());
      assertFalse(e.getMessage().contains("Hunter2"), e.getMessage());
      assertTrue(f.emulator.store().passwordMatches(TABLE, "Secret", pk(c, "a"), "Hunter2-update"));
    } finally {
      root.removeHandler(capture);
      root.setLevel(before);
    }
    assertFalse(logged.isEmpty(), "FINEST logging was captured");
    for (String line : logged) {
      assertFalse(line.contains("Hunter2"), line);
    }
  }
}
