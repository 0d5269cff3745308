/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The second line of defence: even SQL that bypassed fragment validation runs as a user that can
 * only read and write the account schema.
 */
class DatabaseTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "SELECT FILE_READ('/etc/hostname')",
        "SELECT * FROM CSVREAD('/etc/hostname')",
        "CALL LINK_SCHEMA('x', '', 'jdbc:h2:mem:other', 'sa', '', 'PUBLIC')",
        "RUNSCRIPT FROM '/tmp/none.sql'",
        "SCRIPT TO '/tmp/caspio-store-test.sql'",
        "CREATE TABLE \"acct\".\"Evil\" (x INT)",
        "DROP TABLE \"acct\".\"T\"",
        "CREATE ALIAS EVIL FOR 'java.lang.System.exit'",
        "SET IGNORECASE FALSE",
        "CREATE USER evil PASSWORD 'x' ADMIN",
      })
  void restrictedUser_cannotReachBeyondAccountData(String sql) throws SQLException {
    try (Database db = new Database(true)) {
      db.ddl("CREATE TABLE \"acct\".\"T\" (\"PK_ID\" BIGINT PRIMARY KEY)");
      Connection c = db.borrow();
      try (Statement s = c.createStatement()) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(sql));
        assertTrue(e.getMessage() != null);
      } finally {
        db.release(c);
      }
      Connection again = db.borrow();
      try (Statement s = again.createStatement()) {
        // The account table is still there and readable.
        s.executeQuery("SELECT COUNT(*) FROM \"T\"").close();
      } finally {
        db.release(again);
      }
    }
  }
}
