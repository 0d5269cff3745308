/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.sql.SQLException;

/**
 * Builds the {@link SQLException}s of the configuration layer through {@link ErrorKind}, so that
 * each SQLState is named in one place only. Callers must never put a secret value into a message.
 */
final class CaspioErrors {
  private CaspioErrors() {}

  /**
   * The URL or the set of properties cannot describe a connection: bad syntax, unknown or repeated
   * key, conflicting or missing values. SQLState 08001.
   */
  static SQLException badConnectionSpec(String message) {
    return new CaspioException(ErrorKind.CONNECTION_FAILED, message, null).toSqlException();
  }

  /** One property has a value that cannot be parsed or is out of range. SQLState 22023. */
  static SQLException invalidValue(String message) {
    return new CaspioException(ErrorKind.INVALID_PARAMETER, message, null).toSqlException();
  }
}
