/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Recognising SQL that changes rows (read-only connections, executeQuery), queries (executeUpdate)
 * and empty SQL.
 */
class WriteDetectorTest {

  static Stream<Arguments> statements() {
    return Stream.of(
        Arguments.of("SELECT * FROM Orders", false),
        Arguments.of("select 1", false),
        Arguments.of("INSERT INTO Orders (Status) VALUES ('Open')", true),
        Arguments.of("insert into \"Orders\" (\"Status\") select 'x'", true),
        Arguments.of("UPSERT INTO Orders (Status) VALUES ('Open')", true),
        Arguments.of("UPDATE Orders SET Status = 'x' WHERE PK_ID = 1", true),
        Arguments.of("DELETE FROM Orders WHERE PK_ID = 1", true),
        Arguments.of("-- Metabase\nDELETE FROM Orders", true),
        Arguments.of("EXPLAIN PLAN FOR DELETE FROM Orders", false),
        Arguments.of("DELET FROM Orders", false),
        Arguments.of("", false),
        Arguments.of(null, false));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("statements")
  void isWrite_sql_detectsRowChanges(String sql, boolean expected) {
    assertEquals(expected, WriteDetector.isWrite(sql));
  }

  static Stream<Arguments> queries() {
    return Stream.of(
        Arguments.of("SELECT * FROM Orders", true),
        Arguments.of("-- a tool's comment\nselect 1", true),
        Arguments.of("values (1)", true),
        Arguments.of("select 1 union select 2", true),
        Arguments.of("select Status from Orders order by 1", true),
        Arguments.of("with t as (select 1 as x) select x from t", true),
        Arguments.of("EXPLAIN PLAN FOR DELETE FROM Orders", true),
        Arguments.of("UPDATE Orders SET Status = 'x'", false),
        Arguments.of("DELETE FROM Orders", false),
        Arguments.of("SELEC 1", false),
        Arguments.of("", false),
        Arguments.of(null, false));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("queries")
  void isQuery_sql_detectsQueries(String sql, boolean expected) {
    assertEquals(expected, WriteDetector.isQuery(sql));
  }

  static Stream<Arguments> empties() {
    return Stream.of(
        Arguments.of("", true),
        Arguments.of("   ", true),
        Arguments.of(";", true),
        Arguments.of(" ;\n\t; ", true),
        Arguments.of("-- only a comment", true),
        Arguments.of("/* block */ ;", true),
        Arguments.of("select 1", false),
        Arguments.of("-- comment\nselect 1", false),
        Arguments.of("x", false),
        Arguments.of("/* unclosed", false),
        Arguments.of(null, false));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("empties")
  void isEmpty_sql_onlyBlanksSemicolonsComments(String sql, boolean expected) {
    assertEquals(expected, WriteDetector.isEmpty(sql));
  }

  @Test
  void isEmpty_longBlankText_noStackOverflow() {
    assertTrue(WriteDetector.isEmpty(" ".repeat(200_000) + ";\n-- end"));
  }
}
