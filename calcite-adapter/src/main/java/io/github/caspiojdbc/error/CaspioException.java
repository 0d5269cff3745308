/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.error;

import java.util.Objects;

/**
 * A failure talking to Caspio or its token endpoint. Unchecked inside the adapter; the driver turns
 * it into the {@code SQLException} of its {@link ErrorKind} at the JDBC edge. The message must be
 * actionable and must never contain a client secret, an access token or a refresh token.
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
}
