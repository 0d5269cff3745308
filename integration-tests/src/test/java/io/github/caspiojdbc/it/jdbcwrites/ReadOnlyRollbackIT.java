/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.jdbcwrites;

import static io.github.caspiojdbc.it.support.EmulatorFixture.update;
import static io.github.caspiojdbc.it.support.Items.TABLE;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Items;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Read-only connections refuse writes before any call; rollback never pretends. */
class ReadOnlyRollbackIT {
  private static final List<String> WRITES =
      List.of(
          "INSERT INTO " + TABLE + " (Name, Qty) VALUES ('ro', 1)",
          "UPDATE " + TABLE + " SET Qty = 2 WHERE Name = 'seed'",
          "DELETE FROM " + TABLE + " WHERE Name = 'seed'",
          "DELETE FROM " + TABLE);

  @RegisterExtension final EmulatorFixture f = Items.driver().perTest();

  @BeforeEach
  void seed() throws Exception {
    try (Connection c = f.connect()) {
      update(c, "INSERT INTO " + TABLE + " (Name, Qty) VALUES ('seed', 1)");
    }
  }

  private void assertEveryWriteRefused(Connection c) throws SQLException {
    f.clear();
    for (String sql : WRITES) {
      SQLException e = assertThrows(SQLException.class, () -> update(c, sql), sql);
      assertEquals("25006", e.getSQLState(), sql + ": " + e.getMessage());
    }
    // Refused when prepared or, at the latest, when executed.
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> {
              try (PreparedStatement p =
                  c.prepareStatement("INSERT INTO " + TABLE + " (Name, Qty) VALUES (?, ?)")) {
                p.setString(1, "p");
                p.setInt(2, 1);
                p.executeUpdate();
              }
            });
    assertEquals("25006", e.getSQLState());
    // Not even a read: refused before the statement runs.
    assertEquals(List.of(), f.records());
    assertEquals(1, f.rows());
  }

  @Test
  void readOnlyProperty_everyWriteRefusedWith25006AndNoWriteCall() throws Exception {
    try (Connection c = f.connect("&readOnly=true")) {
      assertTrue(c.isReadOnly());
      assertEveryWriteRefused(c);
      // Pools and tools reset the flag freely: never fails, never lifts the property.
      assertDoesNotThrow(() -> c.setReadOnly(false));
      assertTrue(c.isReadOnly());
      assertEveryWriteRefused(c);
      try (Statement s = c.createStatement()) {
        assertTrue(s.executeQuery("SELECT Name FROM " + TABLE).next());
      }
    }
  }

  @Test
  void setReadOnlyTrue_enforcedUntilSetFalse() throws Exception {
    try (Connection c = f.connect()) {
      c.setReadOnly(true);
      assertTrue(c.isReadOnly());
      assertEveryWriteRefused(c);
      c.setReadOnly(false);
      assertFalse(c.isReadOnly());
      assertEquals(1, update(c, "INSERT INTO " + TABLE + " (Name, Qty) VALUES ('rw', 1)"));
      assertEquals(2, f.rows());
    }
  }

  @Test
  void preparedBeforeSetReadOnly_refusedAfter() throws Exception {
    try (Connection c = f.connect();
        PreparedStatement p =
            c.prepareStatement("UPDATE " + TABLE + " SET Qty = ? WHERE Name = 'seed'")) {
      c.setReadOnly(true);
      f.clear();
      p.setInt(1, 5);
      assertEquals("25006", assertThrows(SQLException.class, p::executeUpdate).getSQLState());
      assertEquals(0, f.count("PUT"));
    }
  }

  @Test
  void rollback_withoutWrites_noOp() throws Exception {
    try (Connection c = f.connect()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeQuery("SELECT * FROM " + TABLE).close();
      }
      assertDoesNotThrow(() -> c.rollback());
      assertEquals(0, update(c, "DELETE FROM " + TABLE + " WHERE Name = 'nobody'"));
      assertDoesNotThrow(() -> c.rollback());
    }
  }

  @Test
  void rollback_afterWrites_raises0A000AndWritesStay() throws Exception {
    try (Connection c = f.connect()) {
      c.setAutoCommit(false);
      update(c, "INSERT INTO " + TABLE + " (Name, Qty) VALUES ('a', 1), ('b', 2)");
      SQLException e = assertThrows(SQLException.class, c::rollback);
      assertEquals("0A000", e.getSQLState());
      // Both rows travel in one bulk request on v4 (the emulator's default account has it).
      assertTrue(e.getMessage().contains("1 write request(s)"), e.getMessage());
      assertTrue(e.getMessage().contains("already applied"), e.getMessage());
      assertEquals(3, f.rows());
      // Reported once; the next rollback has nothing new to refuse.
      assertDoesNotThrow(() -> c.rollback());
      update(c, "UPDATE " + TABLE + " SET Qty = 9 WHERE Name = 'a'");
      c.commit();
      assertDoesNotThrow(() -> c.rollback());
    }
  }

  @Test
  void rollback_afterPartlyFailedInsert_raises() throws Exception {
    try (Connection c = f.connect()) {
      c.setAutoCommit(false);
      // The second row duplicates the unique Name: the first row stays written.
      assertThrows(
          SQLException.class,
          () -> update(c, "INSERT INTO " + TABLE + " (Name, Qty) VALUES ('new', 1), ('seed', 2)"));
      assertEquals(2, f.rows());
      assertEquals("0A000", assertThrows(SQLException.class, c::rollback).getSQLState());
    }
  }

  @Test
  void rollback_inAutoCommit_noOp() throws Exception {
    try (Connection c = f.connect()) {
      update(c, "INSERT INTO " + TABLE + " (Name, Qty) VALUES ('x', 1)");
      assertDoesNotThrow(() -> c.rollback());
    }
  }
}
