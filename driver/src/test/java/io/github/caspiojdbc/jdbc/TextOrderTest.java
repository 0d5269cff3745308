/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The text order that docs/sql.md states: ORDER BY on text compares UTF-16 code units,
 * case-sensitively, NULLs first; ORDER BY UPPER(x) or LOWER(x) ignores the case of letters.
 */
class TextOrderTest {
  /** The values sorted, bound as parameters so that no literal depends on Calcite's charset. */
  private static final List<String> VALUES =
      Arrays.asList("b", "B", "a", "A", "_x", "é", "z", "\uFB00", "\uD83D\uDE00", null, "a ", "ab");

  private static Connection calcite;

  @BeforeAll
  static void open() throws SQLException {
    CalciteCharset.apply();
    calcite = CalciteDrivers.bridge().open(ClientSettings.calciteProperties());
  }

  @AfterAll
  static void close() throws SQLException {
    calcite.close();
  }

  /** The values ordered by {@code orderBy}. */
  private static List<String> ordered(String orderBy) throws SQLException {
    String rows = String.join(", ", Collections.nCopies(VALUES.size(), "(cast(? as varchar))"));
    List<String> out = new ArrayList<>();
    try (PreparedStatement p =
        calcite.prepareStatement(
            "select x from (values " + rows + ") as t(x) order by " + orderBy)) {
      for (int i = 0; i < VALUES.size(); i++) {
        p.setString(i + 1, VALUES.get(i));
      }
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  @Test
  void orderBy_codeUnitOrder_caseSensitive_nullsFirst() throws SQLException {
    List<String> expected = new ArrayList<>();
    expected.add(null);
    // Upper case before lower case, '_' between them, accents after 'z', and the emoji (a
    // surrogate pair, D83D DE00) before U+FB00, which code point order would reverse.
    expected.addAll(
        List.of("A", "B", "_x", "a", "a ", "ab", "b", "z", "é", "\uD83D\uDE00", "\uFB00"));
    assertEquals(expected, ordered("x"));
  }

  @Test
  void orderByUpperOrLower_ignoresCaseOfLetters() throws SQLException {
    List<String> upper = ordered("upper(x), x");
    // UPPER uses full case mappings: the ligature U+FB00 becomes "FF".
    assertEquals(
        List.of("A", "a", "a ", "ab", "B", "b", "\uFB00", "z", "_x", "é", "\uD83D\uDE00"),
        upper.subList(1, upper.size()));
    List<String> lower = ordered("lower(x), x");
    // With LOWER, '_' (5F) sorts before the letters; with UPPER after them.
    assertEquals(
        List.of("_x", "A", "a", "a ", "ab", "B", "b", "z", "é", "\uD83D\uDE00", "\uFB00"),
        lower.subList(1, lower.size()));
  }
}
