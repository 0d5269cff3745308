/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.error;

/**
 * What kind of failure happened, and so which SQLState a JDBC user sees. Each SQLState is named
 * once, here.
 */
public enum ErrorKind {
  /** Bad URL, unknown property, host unreachable: the connection could not be made. */
  CONNECTION_FAILED("08001"),
  /** A method called on a connection that is already closed. */
  CONNECTION_CLOSED("08003"),
  /** I/O failure, timeout or exhausted retries in the middle of a session. */
  TRANSPORT("08S01"),
  /** Credentials rejected by the token endpoint, or a second 401 from the API. */
  AUTHENTICATION("28000"),
  /** A malformed property or parameter value. */
  INVALID_PARAMETER("22023"),
  /** A value that does not fit its column's type (the general data exception). */
  DATA("22000"),
  /** A division by zero while evaluating an expression. */
  DIVISION_BY_ZERO("22012"),
  /** Text that is not a valid date, time or timestamp. */
  INVALID_DATETIME("22007"),
  /**
   * A value that cannot be converted to the type asked for: text that is not a number, text
   * compared with or stored into a date column, a getter asking for an incompatible type.
   */
  INVALID_CAST("22018"),
  /**
   * A number too large or too small for the type asked for, or with more decimals than its column
   * keeps.
   */
  OUT_OF_RANGE("22003"),
  /** Text longer than its column allows. */
  TOO_LONG("22001"),
  /** A table or view that does not exist. */
  TABLE_NOT_FOUND("42S02"),
  /** A column that does not exist. */
  COLUMN_NOT_FOUND("42S22"),
  /** SQL (or a Caspio query fragment) that the server rejected as invalid. */
  SYNTAX("42000"),
  /** A unique field would hold a duplicate. */
  INTEGRITY("23000"),
  /** A write refused because the connection or the target is read-only. */
  READ_ONLY("25006"),
  /** A JDBC method or SQL feature that the driver does not support. */
  UNSUPPORTED("0A000"),
  /** The statement's deadline passed. */
  TIMEOUT("HYT00"),
  /** A method called on a statement or result set that is already closed. */
  OBJECT_CLOSED("55000"),
  /** A prepared statement executed while one of its parameters has no value. */
  PARAMETER_NOT_SET("07001"),
  /** {@code executeUpdate} given a query: a query is not an update (no request is sent). */
  QUERY_NOT_UPDATE("07003"),
  /** {@code executeQuery} given SQL that returns no rows (no request is sent). */
  NOT_A_QUERY("07005"),
  /** The statement was cancelled. */
  CANCELLED("57014"),
  /**
   * A statement or connection reached its budget of Caspio calls ({@code maxCallsPerStatement},
   * {@code maxCallsPerConnection}), or its estimate already exceeds it. Class 54 is "program limit
   * exceeded"; subclass K01 is this driver's own (implementation-defined subclasses start with I to
   * Z).
   */
  CALL_BUDGET_EXCEEDED("54K01"),
  /** The server denied the operation (IP restriction, missing permission, disabled profile). */
  FORBIDDEN("42501"),
  /**
   * A write whose outcome is unknown: the request may or may not have been applied, so it is never
   * retried blindly.
   */
  UNKNOWN_OUTCOME("08007"),
  /** The server answered something the driver cannot interpret, or failed internally. */
  REMOTE("HY000");

  private final String sqlState;

  ErrorKind(String sqlState) {
    this.sqlState = sqlState;
  }

  /** The five-character SQLState for this kind. */
  public String sqlState() {
    return sqlState;
  }
}
