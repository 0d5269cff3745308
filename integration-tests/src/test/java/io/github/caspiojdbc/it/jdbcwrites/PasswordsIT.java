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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.emulator.PathKind;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Items;
import io.github.caspiojdbc.jdbc.CaspioJdbcConnection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Password fields through {@code unwrap(CaspioJdbcConnection.class).setPassword}. */
class PasswordsIT {

  private static List<Long> keys(Connection c) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT PK_ID FROM " + TABLE + " WHERE Qty = 1")) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }

  @Test
  void setPassword_byKeys_onePutNoValueInMessagesAndRollbackRefuses() throws Exception {
    try (EmulatorFixture f = Items.driverFixture();
        Connection c = f.connect()) {
      update(c, "INSERT INTO " + TABLE + " (Name, Qty) VALUES ('a', 1), ('b', 1), ('c', 2)");
      assertTrue(
          c.getMetaData().getColumns(null, null, TABLE, "Secret").next(),
          "password fields are write-only columns");
      c.setAutoCommit(false);
      f.clear();
      CaspioJdbcConnection cc = c.unwrap(CaspioJdbcConnection.class);
      assertEquals(2, cc.setPassword(TABLE.toLowerCase(), "secret", keys(c), "s3cr3t!"));
      List<LoggedCall> calls =
          f.emulator.log().entries().stream()
              .filter(x -> x.kind() == PathKind.PASSWORD_FIELDS)
              .toList();
      assertEquals(1, calls.size());
      assertEquals("PUT", calls.get(0).method());
      // Applied at once: a rollback cannot undo it.
      assertEquals("0A000", assertThrows(SQLException.class, c::rollback).getSQLState());

      SQLException e =
          assertThrows(SQLException.class, () -> cc.setPassword(TABLE, "Name", List.of(1L), "x"));
      assertEquals("42S22", e.getSQLState());
      c.setReadOnly(true);
      e = assertThrows(SQLException.class, () -> cc.setPassword(TABLE, "Secret", keys(c), "pw9"));
      assertEquals("25006", e.getSQLState());
      assertFalse(e.getMessage().contains("pw9"));
      assertEquals(1, f.emulator.log().calls(PathKind.PASSWORD_FIELDS));
    }
  }
}
