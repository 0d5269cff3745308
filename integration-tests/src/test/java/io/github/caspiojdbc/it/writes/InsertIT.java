/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.writes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.adapter.CaspioWrites;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Items;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** INSERT ... VALUES, INSERT ... SELECT and prepared batches against the emulator. */
class InsertIT {

  @RegisterExtension final EmulatorFixture f = Items.calcite().perTest();

  @Test
  void insertValues_threeRows_onePostEachAndGeneratedKeysKept() throws Exception {
    f.clear();
    long n =
        f.update(
            "INSERT INTO "
                + f.table
                + " (Name, Email, Qty) VALUES ('a', 'a@x', 1), ('b', 'b@x',"
                + " 2), ('c', 'c@x', 3)");
    assertEquals(3, n);
    assertEquals(3, f.count("POST"));
    assertEquals(0, f.count("GET"));
    assertEquals(3, f.rows());
    CaspioWrites.InsertResult last = f.writes().lastInsert();
    assertEquals(3, last.rows().size());
    for (Map<String, Object> row : last.rows()) {
      assertNotNull(row.get("PK_ID"));
      assertNotNull(row.get("Code"));
      assertNotNull(row.get("Guid"));
    }
    assertEquals("a", last.rows().get(0).get("Name"));
    assertEquals("c", last.rows().get(2).get("Name"));
    assertEquals(3, f.writes().writeRequests());
  }

  @Test
  void insertSelect_copiesMatchingRows_oneReadThenOnePostPerRow() throws Exception {
    f.update("INSERT INTO " + f.table + " (Name, Qty) VALUES ('a', 1), ('b', 2), ('c', 3)");
    f.clear();
    long n =
        f.update(
            "INSERT INTO "
                + f.table
                + " (Name, Qty) SELECT Name || '2', Qty * 10 FROM "
                + f.table
                + " WHERE Qty >= 2");
    assertEquals(2, n);
    assertEquals(1, f.count("GET"));
    assertEquals(2, f.count("POST"));
    try (var s = f.conn.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT SUM(Qty) FROM " + f.table + " WHERE Name IN ('b2', 'c2')")) {
      rs.next();
      assertEquals(50, rs.getInt(1));
    }
  }

  @Test
  void preparedBatch_threeExecutions_threePostsAndCountsOfOne() throws Exception {
    f.clear();
    try (PreparedStatement p =
        f.conn.prepareStatement("INSERT INTO " + f.table + " (Name, Qty) VALUES (?, ?)")) {
      for (int i = 1; i <= 3; i++) {
        p.setString(1, "n" + i);
        p.setInt(2, i);
        p.addBatch();
      }
      assertArrayEquals(new int[] {1, 1, 1}, p.executeBatch());
    }
    assertEquals(3, f.count("POST"));
    assertEquals(3, f.rows());
  }

  @Test
  void insertValues_rowsOnly_emptyAndNullValuesAreNotSent() throws Exception {
    f.clear();
    f.update("INSERT INTO " + f.table + " (Name, Qty) VALUES ('only', NULL)");
    String body = f.records().get(0).body();
    assertTrue(body.contains("\"Name\":\"only\""), body);
    assertTrue(!body.contains("Qty") && !body.contains("PK_ID") && !body.contains("Code"), body);
  }

  @Test
  void insertValues_manyRows_allWrittenWithBoundedConcurrency() throws Exception {
    StringBuilder sql = new StringBuilder("INSERT INTO " + f.table + " (Name, Qty) VALUES ");
    for (int i = 0; i < 25; i++) {
      sql.append(i == 0 ? "" : ", ").append("('r").append(i).append("', ").append(i).append(')');
    }
    f.clear();
    assertEquals(25, f.update(sql.toString()));
    assertEquals(25, f.count("POST"));
    assertEquals(25, f.rows());
    assertEquals(25, f.writes().lastInsert().rows().size());
  }

  @Test
  void insertIntoJoinedView_refusedBeforeAnyRecordRequest() throws Exception {
    f.clear();
    var e =
        assertThrows(
            java.sql.SQLException.class,
            () -> f.update("INSERT INTO OrderDetails (Status) VALUES ('x')"));
    assertEquals("0A000", EmulatorFixture.caspio(e).sqlState());
    assertEquals(0, f.records().size());
  }

  @Test
  void insertSelect_fromTheSameTableLargerThanAPage_copiesEachRowOnce() throws Exception {
    StringBuilder sql = new StringBuilder("INSERT INTO " + f.table + " (Name, Qty) VALUES ");
    for (int i = 0; i < 150; i++) {
      sql.append(i == 0 ? "" : ", ").append("('r").append(i).append("', ").append(i).append(')');
    }
    f.update(sql.toString());
    f.clear();
    assertEquals(
        150, f.update("INSERT INTO " + f.table + " (Name, Qty) SELECT Name, Qty FROM " + f.table));
    assertEquals(300, f.rows());
    assertEquals(150, f.count("POST"));
  }
}
