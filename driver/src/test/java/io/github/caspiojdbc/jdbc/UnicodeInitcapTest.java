/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.adapter.UnicodeInitcap;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.calcite.runtime.SqlFunctions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** INITCAP by Unicode letters, directly and through SQL on a driver-built Calcite connection. */
class UnicodeInitcapTest {
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

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "élan ÉCOLE straße|Élan École Straße",
        "ÖL-ÜBER ärger|Öl-Über Ärger",
        "ǆungla|ǅungla",
        "ПРИВЕТ мир|Привет Мир",
        "e\u0301cole E\u0301COLE|E\u0301cole E\u0301cole",
        "\uD801\uDC28\uD801\uDC28 x|\uD801\uDC00\uD801\uDC28 X",
        "日本 語|日本 語",
        "İSTANBUL ırmak|İstanbul Irmak",
      })
  void initcap_unicodeWords(String in, String expected) {
    assertEquals(expected, UnicodeInitcap.initcap(in));
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @ValueSource(
      strings = {
        "hello WORLD",
        "o'neil mcDONALD",
        "3rd STREET 42nd",
        "  two  spaces ",
        "a-b_c.d,e;f!g",
        "",
        "tab\tand\nnewline"
      })
  void initcap_ascii_sameAsCalcite(String in) {
    assertEquals(SqlFunctions.initcap(in), UnicodeInitcap.initcap(in));
  }

  @Test
  void initcap_null() {
    assertNull(UnicodeInitcap.initcap(null));
  }

  @Test
  void sql_literalAndColumn_useUnicodeInitcap() throws SQLException {
    try (Statement s = calcite.createStatement();
        ResultSet rs = s.executeQuery("select initcap('élan ÉCOLE straße')")) {
      assertTrue(rs.next());
      assertEquals("Élan École Straße", rs.getString(1));
    }
    try (Statement s = calcite.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select initcap(x) from (values ('élan ÉCOLE straße'), (null)) as t(x)"
                    + " order by 1 nulls last")) {
      assertTrue(rs.next());
      assertEquals("Élan École Straße", rs.getString(1));
      assertTrue(rs.next());
      assertNull(rs.getString(1));
    }
    try (PreparedStatement p = calcite.prepareStatement("select initcap(cast(? as varchar))")) {
      p.setString(1, "ärger im büro");
      try (ResultSet rs = p.executeQuery()) {
        assertTrue(rs.next());
        assertEquals("Ärger Im Büro", rs.getString(1));
      }
    }
  }
}
