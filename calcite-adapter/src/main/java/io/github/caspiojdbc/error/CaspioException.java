/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.error;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;

/**
 * A failure talking to Caspio or its token endpoint. Unchecked inside the adapter; turned into an
 * {@link SQLException} at the JDBC edge. The message must be actionable and must never contain a
 * client secret, an access token or a refresh token.
 */
public class CaspioException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;
  private final int httpStatus;
  private final String caspioCode;
  private final String requestId;

  /** A failure that did not come from an HTTP reply. */
  public CaspioException(ErrorKind kind, String message, Throwable cause) {
    this(kind, message, 0, null, null, cause);
  }

  /**
   * A failure described by an HTTP reply.
   *
   * @param httpStatus the HTTP status, or 0 when there was no reply
   * @param caspioCode Caspio's error {@code Code} (or OAuth {@code error}), or null
   * @param requestId Caspio's {@code RequestId}, or null
   */
  public CaspioException(
      ErrorKind kind,
      String message,
      int httpStatus,
      String caspioCode,
      String requestId,
      Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.httpStatus = httpStatus;
    this.caspioCode = caspioCode;
    this.requestId = requestId;
  }

  /** The kind of failure. */
  public ErrorKind kind() {
    return kind;
  }

  /** The SQLState a JDBC caller sees. */
  public String sqlState() {
    return kind.sqlState();
  }

  /** The HTTP status of the reply, or 0 when there was none. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Caspio's error code (for example {@code ObjectNotFound}), or null. */
  public String caspioCode() {
    return caspioCode;
  }

  /** Caspio's request id, for support tickets, or null. */
  public String requestId() {
    return requestId;
  }

  /**
   * The JDBC form of this failure: the standard subclass for its kind, its SQLState, and the HTTP
   * status as vendor code.
   */
  public SQLException toSqlException() {
    String message = getMessage();
    String state = kind.sqlState();
    SQLException e =
        switch (kind) {
          case CONNECTION_FAILED, CONNECTION_CLOSED ->
              new SQLNonTransientConnectionException(message, state, httpStatus);
          case TRANSPORT, UNKNOWN_OUTCOME ->
              new SQLTransientConnectionException(message, state, httpStatus);
          case AUTHENTICATION ->
              new SQLInvalidAuthorizationSpecException(message, state, httpStatus);
          case TABLE_NOT_FOUND, COLUMN_NOT_FOUND, SYNTAX, FORBIDDEN ->
              new SQLSyntaxErrorException(message, state, httpStatus);
          case INTEGRITY ->
              new SQLIntegrityConstraintViolationException(message, state, httpStatus);
          case UNSUPPORTED -> new SQLFeatureNotSupportedException(message, state, httpStatus);
          case TIMEOUT -> new SQLTimeoutException(message, state, httpStatus);
          case DIVISION_BY_ZERO, INVALID_DATETIME, INVALID_CAST, OUT_OF_RANGE ->
              new SQLDataException(message, state, httpStatus);
          default -> new SQLException(message, state, httpStatus);
        };
    e.initCause(this);
    return e;
  }
}
