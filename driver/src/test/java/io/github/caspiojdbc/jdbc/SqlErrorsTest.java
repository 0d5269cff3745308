/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.util.stream.Stream;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.validate.SqlValidatorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Translation of Calcite, Avatica and Caspio failures into SQLStates and subclasses. */
class SqlErrorsTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "Caspio auth failure under a RuntimeException",
            new RuntimeException(
                new CaspioException(ErrorKind.AUTHENTICATION, "Credentials rejected", null)),
            "28000",
            SQLInvalidAuthorizationSpecException.class),
        Arguments.of(
            "Avatica execute wrapper around a Caspio timeout",
            new SQLException(
                "Error while executing SQL \"SELECT 1\"",
                new RuntimeException(new CaspioException(ErrorKind.TIMEOUT, "Too slow", null))),
            "HYT00",
            SQLTimeoutException.class),
        Arguments.of(
            "parse error",
            new SQLException(
                "Error while executing SQL",
                new SqlParseException("Encountered \"SELEC\"", null, null, null, null)),
            "42000",
            SQLSyntaxErrorException.class),
        Arguments.of(
            "unknown table",
            new SQLException(
                "Error",
                new CalciteContextException(
                    "From line 1, column 15 to line 1, column 17: Object 'Nope' not found",
                    new SqlValidatorException("Object 'Nope' not found", null))),
            "42S02",
            SQLSyntaxErrorException.class),
        Arguments.of(
            "unknown column",
            new CalciteContextException(
                "From line 1, column 8 to line 1, column 9: Column 'x' not found in any table",
                new SqlValidatorException("Column 'x' not found in any table", null)),
            "42S22",
            SQLSyntaxErrorException.class),
        Arguments.of(
            "other validation error",
            new CalciteContextException(
                "From line 1, column 8: Cannot apply '+' to arguments",
                new SqlValidatorException("Cannot apply '+' to arguments", null)),
            "42000",
            SQLSyntaxErrorException.class),
        Arguments.of(
            "Calcite's unsupported operation",
            new UnsupportedOperationException("no DDL"),
            "0A000",
            SQLFeatureNotSupportedException.class),
        Arguments.of(
            "division by zero in constant reduction",
            new ExceptionInInitializerError(new ArithmeticException("/ by zero")),
            "22012",
            SQLDataException.class),
        Arguments.of(
            "text that is not a date, implicit conversion",
            new SQLException(
                "Error while executing SQL",
                new ExceptionInInitializerError(
                    new IllegalArgumentException("Invalid DATE value, 'nope'"))),
            "22018",
            SQLDataException.class),
        Arguments.of(
            "text that is not a number",
            new SQLException(
                "Error",
                new NumberFormatException(
                    "Character a is neither a decimal digit number, decimal point, nor \"e\""
                        + " notation exponential mark.")),
            "22018",
            SQLDataException.class),
        Arguments.of(
            "text bound where generated code expects a number",
            new SQLException(
                "Error",
                new ClassCastException(
                    "class java.lang.String cannot be cast to class java.lang.Number"
                        + " (java.lang.String and java.lang.Number are in module java.base)")),
            "22018",
            SQLDataException.class),
        Arguments.of(
            "unbound parameter",
            new SQLException(
                "exception while executing query: unbound parameter",
                new RuntimeException("exception while executing query: unbound parameter")),
            "07001",
            SQLException.class),
        Arguments.of(
            "anything else", new IllegalStateException("boom"), "HY000", SQLException.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void translate_failure_stateAndSubclass(
      String what, Throwable failure, String state, Class<? extends SQLException> type) {
    SQLException e = SqlErrors.translate(failure);
    assertEquals(state, e.getSQLState(), what);
    assertEquals(type, e.getClass(), what);
  }

  @Test
  void translate_sqlExceptionWithState_unchanged() {
    SQLException original = new SQLException("overflow", "22003");
    assertSame(original, SqlErrors.translate(original));
  }

  @Test
  void translate_unknownTable_messageNamesTableAndWhereToLook() {
    SQLException e =
        SqlErrors.translate(
            new CalciteContextException(
                "From line 1, column 15: Object 'Nope' not found",
                new SqlValidatorException("Object 'Nope' not found", null)));
    assertTrue(e.getMessage().contains("'Nope'"), e.getMessage());
    assertTrue(e.getMessage().contains("getTables"), e.getMessage());
  }

  @Test
  void translate_invalidDate_22007OnlyInAnExplicitCast() {
    Throwable failure =
        new ExceptionInInitializerError(new IllegalArgumentException("Invalid DATE value, 'x'"));
    SQLException cast = SqlErrors.translate(failure, "select CAST ( 'x' AS date)");
    assertEquals("22007", cast.getSQLState());
    assertTrue(cast.getMessage().contains("'x'"), cast.getMessage());
    assertFalse(cast.getMessage().contains("Exception"), cast.getMessage());
    assertEquals(
        "22018", SqlErrors.translate(failure, "select d from t where d > 'x'").getSQLState());
    assertEquals(
        "22018",
        SqlErrors.translate(failure, "select cast('y' as date) where d > 'x'").getSQLState());
  }

  @Test
  void translate_syntaxErrorAtEnd_oneShortLineWithPosition() {
    StringBuilder calcite = new StringBuilder("Encountered \"<EOF>\" at line 1, column 32.\n");
    calcite.append("Was expecting one of:\n");
    for (int i = 0; i < 200; i++) {
      calcite.append("    \"TOKEN").append(i).append("\" ...\n");
    }
    SQLException e =
        SqlErrors.translate(new SqlParseException(calcite.toString(), null, null, null, null));
    assertEquals("42000", e.getSQLState());
    assertEquals("Syntax error at line 1, column 32: unexpected end of input", e.getMessage());
  }

  @Test
  void translate_syntaxErrorOnToken_namesToken() {
    SQLException e =
        SqlErrors.translate(
            new SqlParseException(
                "Encountered \"FROM\" at line 2, column 5.\nWas expecting one of: ...",
                null,
                null,
                null,
                null));
    assertEquals("Syntax error at line 2, column 5: unexpected 'FROM'", e.getMessage());
  }

  @Test
  void translate_anythingElse_keepsInnermostMessage() {
    SQLException e =
        SqlErrors.translate(new SQLException("outer", new IllegalStateException("inner cause")));
    assertEquals("inner cause", e.getMessage());
  }
}
