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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Items;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Generated keys, exact update counts and planning errors' SQLStates. */
class KeysAndValuesIT {
  @RegisterExtension final EmulatorFixture f = Items.driver().perTest();
  private Connection c;

  @BeforeEach
  void connect() throws Exception {
    c = f.open("");
  }

  private static List<Long> pkIds(ResultSet rs) throws SQLException {
    List<Long> out = new ArrayList<>();
    while (rs.next()) {
      out.add(rs.getLong("PK_ID"));
    }
    return out;
  }

  @Test
  void executeUpdateReturnGeneratedKeys_multiRow_pkIdAndGeneratedValuesInRowOrder()
      throws Exception {
    try (Statement s = c.createStatement()) {
      assertEquals(
          3,
          s.executeUpdate(
              "INSERT INTO "
                  + TABLE
                  + " (Name, Qty, Price) VALUES ('a', 1, 2), ('b', 2, 2),"
                  + " ('c', 3, 2)",
              Statement.RETURN_GENERATED_KEYS));
      try (ResultSet rs = s.getGeneratedKeys()) {
        ResultSetMetaData md = rs.getMetaData();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          names.add(md.getColumnName(i));
        }
        assertEquals(List.of("PK_ID", "Code", "Guid", "Total"), names);
        assertEquals(Types.BIGINT, md.getColumnType(1));
        assertEquals(Types.BIGINT, md.getColumnType(2));
        assertEquals(Types.VARCHAR, md.getColumnType(3));
        assertEquals(Types.DECIMAL, md.getColumnType(4));
        List<Long> codes = new ArrayList<>();
        List<BigDecimal> totals = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        while (rs.next()) {
          ids.add(rs.getLong(1));
          codes.add(rs.getLong("Code"));
          assertNotNull(rs.getString("Guid"));
          totals.add(rs.getBigDecimal("Total"));
        }
        assertEquals(3, ids.size());
        assertEquals(0, new BigDecimal("6").compareTo(totals.get(2)), totals.toString());
        // Rows come in statement order (POSTs run concurrently, so PK_IDs need not ascend), and
        // each key is the stored row's.
        String[] inserted = {"a", "b", "c"};
        for (int i = 0; i < 3; i++) {
          try (ResultSet back =
              s.getConnection()
                  .createStatement()
                  .executeQuery(
                      "SELECT Name, Code FROM " + TABLE + " WHERE PK_ID = " + ids.get(i))) {
            assertTrue(back.next());
            assertEquals(inserted[i], back.getString(1));
            assertEquals(codes.get(i), back.getLong(2));
          }
        }
      }
    }
  }

  @Test
  void executeWithoutKeysRequest_emptyKeys() throws Exception {
    try (Statement s = c.createStatement()) {
      assertFalse(s.execute("INSERT INTO " + TABLE + " (Name) VALUES ('x')"));
      assertEquals(1, s.getLargeUpdateCount());
      try (ResultSet rs = s.getGeneratedKeys()) {
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void executeWithColumnNames_onlyThoseColumns() throws Exception {
    try (Statement s = c.createStatement()) {
      assertFalse(
          s.execute(
              "INSERT INTO " + TABLE + " (Name, Qty) VALUES ('x', 4)",
              new String[] {"qty", "Code"}));
      try (ResultSet rs = s.getGeneratedKeys()) {
        assertEquals(2, rs.getMetaData().getColumnCount());
        assertTrue(rs.next());
        assertEquals(4, rs.getInt(1));
        assertTrue(rs.getLong(2) > 0);
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void preparedReturnGeneratedKeys_eachExecutionItsOwnKeys_updateGivesNone() throws Exception {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO " + TABLE + " (Name, Qty) VALUES (?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      List<Long> ids = new ArrayList<>();
      for (String n : new String[] {"p1", "p2"}) {
        p.setString(1, n);
        p.setInt(2, 1);
        assertEquals(1, p.executeUpdate());
        try (ResultSet rs = p.getGeneratedKeys()) {
          List<Long> one = pkIds(rs);
          assertEquals(1, one.size());
          ids.addAll(one);
        }
      }
      assertTrue(ids.get(0) < ids.get(1));
      try (ResultSet rs =
          c.createStatement().executeQuery("SELECT PK_ID FROM " + TABLE + " WHERE Name = 'p2'")) {
        assertTrue(rs.next());
        assertEquals(ids.get(1), rs.getLong(1));
      }
    }
    try (PreparedStatement p =
        c.prepareStatement("UPDATE " + TABLE + " SET Qty = 3 WHERE Name = 'p1'", new int[] {1})) {
      assertEquals(1, p.executeLargeUpdate());
      try (ResultSet rs = p.getGeneratedKeys()) {
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void updateDeleteCounts_exactAndLarge() throws Exception {
    update(c, "INSERT INTO " + TABLE + " (Name, Qty) VALUES ('a', 1), ('b', 1), ('c', 2)");
    try (Statement s = c.createStatement()) {
      assertEquals(2, s.executeUpdate("UPDATE " + TABLE + " SET Qty = 5 WHERE Qty = 1"));
      assertFalse(s.execute("DELETE FROM " + TABLE + " WHERE Qty = 5"));
      assertEquals(2, s.getLargeUpdateCount());
      assertEquals(2, s.getUpdateCount());
      assertEquals(0, s.executeLargeUpdate("DELETE FROM " + TABLE + " WHERE Name = 'none'"));
    }
  }

  @Test
  void planningRefusals_carryTheAdapterSqlState() throws Exception {
    update(c, "INSERT INTO " + TABLE + " (Name, Qty) VALUES ('a', 1)");
    f.clear();
    String[][] cases = {
      {"UPDATE " + TABLE + " SET Code = 5", "25006"},
      {"UPDATE " + TABLE + " SET Qty = Qty + 1", "0A000"},
      {"UPDATE OrderDetails SET Status = 'x'", "0A000"}, // a joined view
      {"INSERT INTO " + TABLE + " (Name, Qty) VALUES ('big', 99999999999)", "22003"},
      {
        "MERGE INTO "
            + TABLE
            + " t USING (VALUES ('m', 1)) AS v (n, q) ON t.Name = v.n"
            + " WHEN MATCHED THEN UPDATE SET Qty = v.q",
        "0A000"
      },
    };
    for (String[] k : cases) {
      SQLException e = assertThrows(SQLException.class, () -> update(c, k[0]), k[0]);
      assertEquals(k[1], e.getSQLState(), k[0] + ": " + e.getMessage());
    }
    assertEquals(List.of(), f.records().stream().filter(x -> !x.method().equals("GET")).toList());
  }
}
