/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.writes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Items;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** UPDATE and DELETE: one request when the WHERE is exact, keys first otherwise. */
class UpdateDeleteIT {

  @RegisterExtension
  final EmulatorFixture f =
      Items.perTest(
          "(Name, Qty, Done) VALUES ('abc', 1, false), ('ABC', 2, false), ('abc ', 3, true),"
              + " ('xyz', 4, true)");

  private List<String> names(String where) throws Exception {
    List<String> out = new ArrayList<>();
    try (var s = f.conn.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT Name FROM " + f.table + " WHERE " + where + " ORDER BY Qty, PK_ID")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void update_exactWhere_onePutWithThatWhere() throws Exception {
    assertEquals(2, f.update("UPDATE " + f.table + " SET Qty = 10, Done = true WHERE Qty < 3"));
    assertEquals(1, f.count("PUT"));
    assertEquals(0, f.count("GET"));
    assertEquals("Qty < 3", EmulatorFixture.where(f.records().get(0)));
    // The two rows were inserted by concurrent POSTs: their keys, and so their order, may differ.
    assertEquals(
        java.util.Set.of("abc", "ABC"), new java.util.HashSet<>(names("Qty = 10 AND Done")));
  }

  @Test
  void update_parameters_onePutBoundPerExecution() throws Exception {
    try (PreparedStatement p =
        f.conn.prepareStatement("UPDATE " + f.table + " SET Name = ? WHERE Qty = ?")) {
      p.setString(1, "first");
      p.setInt(2, 1);
      assertEquals(1, p.executeUpdate());
      p.setString(1, "fourth");
      p.setInt(2, 4);
      assertEquals(1, p.executeUpdate());
    }
    assertEquals(2, f.count("PUT"));
    assertEquals(0, f.count("GET"));
    assertEquals("Qty = 4", EmulatorFixture.where(f.records().get(1)));
    assertEquals(List.of("first"), names("Qty = 1"));
    assertEquals(List.of("fourth"), names("Qty = 4"));
  }

  @Test
  void delete_exactWhere_oneDelete() throws Exception {
    assertEquals(2, f.update("DELETE FROM " + f.table + " WHERE Done = true"));
    assertEquals(1, f.count("DELETE"));
    assertEquals(0, f.count("GET"));
    assertEquals(2, f.rows());
  }

  @Test
  void delete_textWhere_readsKeysThenDeletesOnlyTheExactMatch() throws Exception {
    assertEquals(1, f.update("DELETE FROM " + f.table + " WHERE Name = 'abc'"));
    assertEquals(1, f.count("GET"));
    assertEquals(1, f.count("DELETE"));
    String where = EmulatorFixture.where(f.records().get(1));
    assertTrue(where.startsWith("PK_ID IN ("), where);
    // "ABC" and "abc " match case- and blank-insensitively on Caspio; both must survive.
    assertEquals(List.of("ABC", "abc ", "xyz"), names("Qty > 0"));
  }

  @Test
  void update_textWhere_keysPathChangesOnlyExactMatches() throws Exception {
    assertEquals(1, f.update("UPDATE " + f.table + " SET Qty = 100 WHERE Name = 'ABC'"));
    assertEquals(1, f.count("GET"));
    assertEquals(1, f.count("PUT"));
    assertEquals(List.of("ABC"), names("Qty = 100"));
  }

  @Test
  void update_withoutWhere_onePutOnAllRows() throws Exception {
    assertEquals(4, f.update("UPDATE " + f.table + " SET Done = false"));
    assertEquals(1, f.count("PUT"));
    assertEquals("PK_ID IS NOT NULL", EmulatorFixture.where(f.records().get(0)));
  }

  @Test
  void delete_withoutWhere_oneDeleteOfAllRows() throws Exception {
    assertEquals(4, f.update("DELETE FROM " + f.table));
    assertEquals(1, f.count("DELETE"));
    assertEquals(0, f.rows());
  }

  @Test
  void delete_noMatch_countZeroAndOnlyTheDelete() throws Exception {
    assertEquals(0, f.update("DELETE FROM " + f.table + " WHERE Qty > 1000"));
    assertEquals(1, f.count("DELETE"));
  }

  @Test
  void delete_keysPathNoMatch_readsButSendsNoWrite() throws Exception {
    assertEquals(0, f.update("DELETE FROM " + f.table + " WHERE Name = 'nobody'"));
    assertEquals(1, f.count("GET"));
    assertEquals(0, f.count("DELETE"));
  }

  @Test
  void update_setNull_sendsNull() throws Exception {
    assertEquals(1, f.update("UPDATE " + f.table + " SET Qty = NULL WHERE Qty = 4"));
    assertEquals(List.of("xyz"), names("Qty IS NULL"));
  }

  @Test
  void update_rowDependentSet_refusedWith0A000BeforeAnyRequest() throws Exception {
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.sql.SQLException.class,
            () -> f.update("UPDATE " + f.table + " SET Qty = Qty + 1 WHERE Qty = 1"));
    assertEquals("0A000", EmulatorFixture.caspio(e).sqlState());
    assertEquals(0, f.records().size());
  }

  @Test
  void delete_manyKeys_splitUnderTheUriLimit() throws Exception {
    StringBuilder sql = new StringBuilder("INSERT INTO " + f.table + " (Name, Qty) VALUES ");
    for (int i = 0; i < 400; i++) {
      sql.append(i == 0 ? "" : ", ").append("('bulk', ").append(1000 + i).append(')');
    }
    f.update(sql.toString());
    f.clear();
    assertEquals(400, f.update("DELETE FROM " + f.table + " WHERE Name = 'bulk'"));
    List<LoggedCall> deletes =
        f.records().stream().filter(c -> c.method().equals("DELETE")).toList();
    assertTrue(deletes.size() >= 2, "expected several key lists, got " + deletes.size());
    for (LoggedCall c : deletes) {
      assertTrue(EmulatorFixture.where(c).startsWith("PK_ID IN ("));
    }
    assertEquals(4, f.rows());
  }

  @Test
  void update_caseInsensitiveEqualTextKeepsGuard_rowChangedMeanwhileIsNotTouched()
      throws Exception {
    assertEquals(1, f.update("UPDATE " + f.table + " SET Qty = 7 WHERE Name = 'xyz'"));
    String where = EmulatorFixture.where(f.records().get(1));
    assertTrue(where.contains("Name = N'xyz'"), where);
  }
}
