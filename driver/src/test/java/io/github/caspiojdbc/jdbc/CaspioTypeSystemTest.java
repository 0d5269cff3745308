/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Result types of text and statistics through a Calcite connection built with the driver's own
 * Calcite properties (no Caspio schema is needed: the queries read VALUES).
 */
class CaspioTypeSystemTest {
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

  private static List<String> strings(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = calcite.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void caseOfTextLiterals_notPadded() throws SQLException {
    String sql =
        "select case when Stock < 10 then 'low' else 'high' end"
            + " from (values (4), (40)) as t(Stock)";
    assertEquals(List.of("low", "high"), strings(sql));
    try (Statement s = calcite.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertEquals(Types.VARCHAR, rs.getMetaData().getColumnType(1));
    }
  }

  @Test
  void unionOfTextLiterals_notPadded() throws SQLException {
    assertEquals(
        List.of("1 a", "3 abc"),
        strings(
            "select char_length(x) || ' ' || x from (select 'a' as x union select 'abc')"
                + " order by 1"));
    assertEquals(List.of("a", "abc"), strings("select 'a' union all select 'abc' order by 1"));
  }

  @Test
  void plainLiteral_unchanged() throws SQLException {
    assertEquals(List.of("abc"), strings("select 'abc'"));
    assertEquals(List.of("3"), strings("select char_length('abc')"));
  }

  @Test
  void coalesceAndCaseWithColumns_notPadded() throws SQLException {
    assertEquals(
        List.of("none", "xy"),
        strings(
            "select coalesce(x, 'none') from (values ('xy'), (cast(null as varchar(2))))"
                + " as t(x) order by 1"));
  }

  @Test
  void statisticsOfIntegers_approximate() throws SQLException {
    String sql =
        "select stddev(x), stddev_pop(x), stddev_samp(x), var_samp(x), var_pop(x), avg(x)"
            + " from (values (1), (2), (4)) as t(x)";
    try (Statement s = calcite.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData m = rs.getMetaData();
      for (int i = 1; i <= 6; i++) {
        assertEquals(Types.DOUBLE, m.getColumnType(i), m.getColumnLabel(i));
      }
      assertTrue(rs.next());
      assertEquals(Math.sqrt(7.0 / 3), rs.getDouble(1), 1e-12);
      assertEquals(Math.sqrt(14.0 / 9), rs.getDouble(2), 1e-12);
      assertEquals(Math.sqrt(7.0 / 3), rs.getDouble(3), 1e-12);
      assertEquals(7.0 / 3, rs.getDouble(4), 1e-12);
      assertEquals(14.0 / 9, rs.getDouble(5), 1e-12);
      assertEquals(7.0 / 3, rs.getDouble(6), 1e-12);
      assertFalse(rs.next());
    }
  }

  @Test
  void statisticsOfBigint_approximate() throws SQLException {
    try (Statement s = calcite.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select avg(x), var_pop(x) from (values (cast(1 as bigint)), (2)) as t(x)")) {
      assertEquals(Types.DOUBLE, rs.getMetaData().getColumnType(1));
      assertTrue(rs.next());
      assertEquals(1.5, rs.getDouble(1));
      assertEquals(0.25, rs.getDouble(2));
    }
  }

  @Test
  void avgOfDecimal_keepsScale() throws SQLException {
    try (Statement s = calcite.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select avg(x) from (values (cast(1.5 as decimal(19, 4))), (2.25)) as t(x)")) {
      assertEquals(Types.DECIMAL, rs.getMetaData().getColumnType(1));
      assertEquals(4, rs.getMetaData().getScale(1));
      assertTrue(rs.next());
      assertEquals(new BigDecimal("1.8750"), rs.getBigDecimal(1));
    }
    // Documented: the average is cut toward zero after the fourth decimal.
    assertEquals(
        List.of("1.0001"),
        strings("select avg(x) from (values (cast(1.0001 as decimal(19, 4))), (1.0002)) as t(x)"));
    assertEquals(List.of("2.0"), strings("select variance(x) from (values (1), (3)) as t(x)"));
  }
}
