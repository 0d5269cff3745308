/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.arch.bad.error;

import java.sql.SQLException;

/** Fixture: the namesake of the exception that once named JDBC; no longer allowed to. */
public final class CaspioException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Names a JDBC type, as the real one did. */
  public SQLException toSqlException() {
    return new SQLException(getMessage());
  }
}
