/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.writes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Items;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Writes that must fail before any record request: read-only targets and read-only mode. */
class RefusalsIT {

  @RegisterExtension final EmulatorFixture f = Items.perTest("(Name, Qty) VALUES ('a', 1)");

  @ParameterizedTest
  @CsvSource(
      quoteCharacter = '"',
      value = {
        "PK_ID, 5, key Caspio assigns",
        "Code, 5, autonumber",
        "Guid, 'g', guid",
        "Stamp, TIMESTAMP '2020-01-01 00:00:00', timestamp",
        "Total, 5, formula"
      })
  void update_generatedColumn_refusedWith25006BeforeAnyRequest(
      String column, String value, String why) {
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> f.update("UPDATE " + f.table + " SET " + column + " = " + value));
    CaspioException c = EmulatorFixture.caspio(e);
    assertEquals("25006", c.sqlState());
    assertTrue(c.getMessage().contains(column) && c.getMessage().contains(why), c.getMessage());
    assertEquals(0, f.records().size());
  }

  @ParameterizedTest
  @CsvSource(
      quoteCharacter = '"',
      value = {
        "PK_ID, 5",
        "Code, 5",
        "Guid, 'g'",
        "Stamp, TIMESTAMP '2020-01-01 00:00:00'",
        "Total, 5"
      })
  void insert_generatedColumn_refusedByValidationBeforeAnyRequest(String column, String value) {
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                f.update(
                    "INSERT INTO "
                        + f.table
                        + " (Name, "
                        + column
                        + ") VALUES ('x', "
                        + value
                        + ")"));
    assertTrue(
        e.getMessage().contains("Cannot INSERT into generated column '" + column + "'"),
        e.getMessage());
    assertEquals(0, f.records().size());
  }

  @Test
  void writesToJoinedView_refusedWith0A000() {
    // Single-table views take writes (ViewWritesIT); a joined one is refused before any request.
    for (String sql :
        new String[] {
          "UPDATE OrderDetails SET Status = 'x'",
          "DELETE FROM OrderDetails",
          "DELETE FROM OrderDetails WHERE Order_No = 1"
        }) {
      SQLException e = assertThrows(SQLException.class, () -> f.update(sql));
      assertEquals("0A000", EmulatorFixture.caspio(e).sqlState(), sql);
    }
    assertEquals(0, f.records().size());
  }

  @Test
  void readOnlyConnection_everyWriteRefusedWith25006_evenWhenPreparedBefore() throws Exception {
    try (PreparedStatement p =
        f.conn.prepareStatement("INSERT INTO " + f.table + " (Name) VALUES (?)")) {
      f.writes().setReadOnly(true);
      p.setString(1, "late");
      SQLException e = assertThrows(SQLException.class, p::executeUpdate);
      assertEquals("25006", EmulatorFixture.caspio(e).sqlState());
    }
    for (String sql :
        new String[] {
          "INSERT INTO " + f.table + " (Name) VALUES ('x')",
          "UPDATE " + f.table + " SET Qty = 2 WHERE Qty = 1",
          "UPDATE " + f.table + " SET Qty = 2 WHERE Name = 'a'",
          "DELETE FROM " + f.table + " WHERE Qty = 1",
          "DELETE FROM " + f.table + " WHERE Name = 'a'"
        }) {
      SQLException e = assertThrows(SQLException.class, () -> f.update(sql));
      assertEquals("25006", EmulatorFixture.caspio(e).sqlState(), sql);
    }
    assertEquals(0, f.records().size());
    assertEquals(0, f.writes().writeRequests() - 1); // only the setup INSERT
    f.writes().setReadOnly(false);
    assertEquals(1, f.update("INSERT INTO " + f.table + " (Name) VALUES ('x')"));
  }

  @Test
  void merge_refusedAsUnsupported() {
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                f.update(
                    "MERGE INTO "
                        + f.table
                        + " t USING (VALUES (1)) AS s(q) ON t.Qty = s.q"
                        + " WHEN MATCHED THEN UPDATE SET Name = 'm'"));
    assertEquals(0, f.records().size());
    assertEquals("0A000", EmulatorFixture.caspio(e).sqlState());
  }
}
