/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

/**
 * A Caspio error raised by the store: the HTTP status and Caspio error code the emulator must
 * answer with (e.g. 404 {@code ObjectNotFound}, 400 {@code SqlServerError}), and a message safe to
 * show to the client.
 */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  /**
   * Creates the error.
   *
   * @param status HTTP status
   * @param code Caspio error code
   * @param message human-readable message for the error envelope
   */
  public StoreException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** HTTP status the emulator answers with. */
  public int status() {
    return status;
  }

  /** Caspio error code, e.g. {@code IncorrectQueryParameter}. */
  public String code() {
    return code;
  }

  @Override
  public String toString() {
    return "StoreException{" + status + " " + code + ": " + getMessage() + "}";
  }
}
