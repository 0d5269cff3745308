/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Shapes of the generated-keys result set when the target table is not known (no schema). */
class GeneratedKeysTest {

  private static Map<String, Object> row(long pk, String name) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("PK_ID", pk);
    m.put("Name", name);
    m.put("Qty", pk * 10);
    return m;
  }

  private static final List<Map<String, Object>> ROWS =
      List.of(row(7, "a"), row(3, "b"), row(5, null));

  @Test
  void empty_hasPkIdColumnAndNoRows() throws Exception {
    try (ResultSet rs = GeneratedKeys.empty()) {
      assertEquals(1, rs.getMetaData().getColumnCount());
      assertEquals("PK_ID", rs.getMetaData().getColumnName(1));
      assertEquals(Types.BIGINT, rs.getMetaData().getColumnType(1));
      assertFalse(rs.next());
    }
  }

  @Test
  void notWanted_empty() throws Exception {
    try (ResultSet rs = GeneratedKeys.of(null, null, GeneratedKeys.Request.NONE, ROWS)) {
      assertFalse(rs.next());
    }
  }

  @Test
  void default_rowsInStatementOrder() throws Exception {
    try (ResultSet rs = GeneratedKeys.of(null, null, GeneratedKeys.Request.DEFAULT, ROWS)) {
      for (long pk : new long[] {7, 3, 5}) {
        assertTrue(rs.next());
        assertEquals(pk, rs.getLong("PK_ID"));
      }
      assertFalse(rs.next());
    }
  }

  @Test
  void names_caseInsensitiveAndNullsKept() throws Exception {
    GeneratedKeys.Request r = GeneratedKeys.Request.of(new String[] {"name", "pk_id"});
    try (ResultSet rs = GeneratedKeys.of(null, null, r, ROWS)) {
      assertEquals("Name", rs.getMetaData().getColumnName(1));
      assertEquals(Types.VARCHAR, rs.getMetaData().getColumnType(1));
      rs.next();
      assertEquals("a", rs.getString(1));
      assertEquals(7, rs.getLong(2));
      rs.next();
      rs.next();
      assertNull(rs.getString(1));
    }
  }

  @Test
  void indexes_inColumnOrder() throws Exception {
    GeneratedKeys.Request r = GeneratedKeys.Request.of(new int[] {3, 1});
    try (ResultSet rs = GeneratedKeys.of(null, null, r, ROWS)) {
      rs.next();
      assertEquals(70, rs.getLong(1));
      assertEquals(7, rs.getLong(2));
    }
  }

  @Test
  void badRequests_clearStates() {
    assertEquals(
        "42S22",
        assertThrows(
                SQLException.class,
                () ->
                    GeneratedKeys.of(
                        null, null, GeneratedKeys.Request.of(new String[] {"x"}), ROWS))
            .getSQLState());
    assertEquals(
        "22023",
        assertThrows(
                SQLException.class,
                () -> GeneratedKeys.of(null, null, GeneratedKeys.Request.of(new int[] {4}), ROWS))
            .getSQLState());
    assertEquals(
        "22023",
        assertThrows(SQLException.class, () -> GeneratedKeys.Request.of(99)).getSQLState());
    assertEquals(GeneratedKeys.Request.NONE, assertDoesNotThrowOf(Statement.NO_GENERATED_KEYS));
  }

  private static GeneratedKeys.Request assertDoesNotThrowOf(int flag) {
    try {
      return GeneratedKeys.Request.of(flag);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }
}
