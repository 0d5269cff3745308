/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JDBC form of each kind of failure, {@link CaspioErrors#toSql}. */
class CaspioErrorsTest {

  @ParameterizedTest
  @CsvSource({
    "CONNECTION_FAILED, 08001, java.sql.SQLNonTransientConnectionException",
    "TRANSPORT, 08S01, java.sql.SQLTransientConnectionException",
    "AUTHENTICATION, 28000, java.sql.SQLInvalidAuthorizationSpecException",
    "TABLE_NOT_FOUND, 42S02, java.sql.SQLSyntaxErrorException",
    "COLUMN_NOT_FOUND, 42S22, java.sql.SQLSyntaxErrorException",
    "SYNTAX, 42000, java.sql.SQLSyntaxErrorException",
    "INTEGRITY, 23000, java.sql.SQLIntegrityConstraintViolationException",
    "UNSUPPORTED, 0A000, java.sql.SQLFeatureNotSupportedException",
    "TIMEOUT, HYT00, java.sql.SQLTimeoutException",
    "CANCELLED, 57014, java.sql.SQLException",
    "READ_ONLY, 25006, java.sql.SQLException",
    "INVALID_PARAMETER, 22023, java.sql.SQLException",
    "REMOTE, HY000, java.sql.SQLException",
  })
  void toSql_kind_mapsToStateAndSubclass(ErrorKind kind, String state, String type)
      throws Exception {
    CaspioException e = new CaspioException(kind, "boom", 404, "ObjectNotFound", "r-1", null);
    SQLException sql = CaspioErrors.toSql(e);
    assertEquals(state, sql.getSQLState());
    assertEquals(Class.forName(type), sql.getClass());
    assertEquals(404, sql.getErrorCode());
    assertEquals("boom", sql.getMessage());
    assertSame(e, sql.getCause());
  }

  @Test
  void sqlStates_areDistinctPerKind() {
    Set<String> states = new HashSet<>();
    for (ErrorKind k : EnumSet.allOf(ErrorKind.class)) {
      states.add(k.sqlState());
      assertEquals(5, k.sqlState().length(), k.name());
    }
    assertEquals(ErrorKind.values().length, states.size());
  }

  @Test
  void toSql_subclassesAreTheStandardOnes() {
    assertInstanceOf(
        SQLNonTransientConnectionException.class,
        CaspioErrors.toSql(new CaspioException(ErrorKind.CONNECTION_FAILED, "x", null)));
    assertInstanceOf(
        SQLTransientConnectionException.class,
        CaspioErrors.toSql(new CaspioException(ErrorKind.UNKNOWN_OUTCOME, "x", null)));
    assertInstanceOf(
        SQLInvalidAuthorizationSpecException.class,
        CaspioErrors.toSql(new CaspioException(ErrorKind.AUTHENTICATION, "x", null)));
    assertInstanceOf(
        SQLSyntaxErrorException.class,
        CaspioErrors.toSql(new CaspioException(ErrorKind.FORBIDDEN, "x", null)));
    assertInstanceOf(
        SQLIntegrityConstraintViolationException.class,
        CaspioErrors.toSql(new CaspioException(ErrorKind.INTEGRITY, "x", null)));
    assertInstanceOf(
        SQLFeatureNotSupportedException.class,
        CaspioErrors.toSql(new CaspioException(ErrorKind.UNSUPPORTED, "x", null)));
    assertInstanceOf(
        SQLTimeoutException.class,
        CaspioErrors.toSql(new CaspioException(ErrorKind.TIMEOUT, "x", null)));
  }
}
