/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

/**
 * The JDBC form of every failure: {@link #toSql} maps a {@link CaspioException}'s {@link ErrorKind}
 * to the standard {@link SQLException} subclass, its SQLState and the HTTP status as vendor code.
 * The map lives here, in the driver, because only the driver speaks JDBC; the layers below report
 * kinds. Also builds the errors of the configuration layer, so that each SQLState is named in one
 * place only. Callers must never put a secret value into a message.
 */
final class CaspioErrors {
  private CaspioErrors() {}

  /**
   * The URL or the set of properties cannot describe a connection: bad syntax, unknown or repeated
   * key, conflicting or missing values. SQLState 08001.
   */
  static SQLException badConnectionSpec(String message) {
    return toSql(new CaspioException(ErrorKind.CONNECTION_FAILED, message, null));
  }

  /** One property has a value that cannot be parsed or is out of range. SQLState 22023. */
  static SQLException invalidValue(String message) {
    return toSql(new CaspioException(ErrorKind.INVALID_PARAMETER, message, null));
  }

  /**
   * The JDBC form of {@code e}: the standard subclass for its kind, its SQLState, the HTTP status
   * as vendor code, and {@code e} as the cause.
   */
  static SQLException toSql(CaspioException e) {
    String message = e.getMessage();
    String state = e.kind().sqlState();
    int status = e.httpStatus();
    SQLException s =
        switch (e.kind()) {
          case CONNECTION_FAILED, CONNECTION_CLOSED ->
              new SQLNonTransientConnectionException(message, state, status);
          case TRANSPORT, UNKNOWN_OUTCOME ->
              new SQLTransientConnectionException(message, state, status);
          case AUTHENTICATION -> new SQLInvalidAuthorizationSpecException(message, state, status);
          case TABLE_NOT_FOUND, COLUMN_NOT_FOUND, SYNTAX, FORBIDDEN ->
              new SQLSyntaxErrorException(message, state, status);
          case INTEGRITY -> new SQLIntegrityConstraintViolationException(message, state, status);
          case UNSUPPORTED -> new SQLFeatureNotSupportedException(message, state, status);
          case TIMEOUT -> new SQLTimeoutException(message, state, status);
          case DIVISION_BY_ZERO, INVALID_DATETIME, INVALID_CAST, OUT_OF_RANGE ->
              new SQLDataException(message, state, status);
          default -> new SQLException(message, state, status);
        };
    s.initCause(e);
    return s;
  }
}
