/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.arch.bad.error;

import java.sql.SQLException;

/** Fixture: a lower-layer class that names JDBC without being the recorded exception. */
public final class NotTheException {
  private NotTheException() {}

  /** Names a JDBC type. */
  public static SQLException wrap(String message) {
    return new SQLException(message);
  }
}
