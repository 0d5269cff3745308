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
 * What auto-commit, commit and rollback mean on a store without transactions. Every write is
 * applied by its own REST call, so nothing is ever pending on the server; this ledger only counts
 * the rows changed while auto-commit is off, so that {@link #rollback()} can refuse to pretend
 * (SQLState 0A000) instead of silently keeping them. Thread-safe.
 */
final class WriteLedger {
  private boolean autoCommit = true;
  private long applied;

  /** Switching auto-commit on counts as a commit, as JDBC specifies. */
  synchronized void setAutoCommit(boolean on) {
    if (on) {
      applied = 0;
    }
    autoCommit = on;
  }

  synchronized boolean autoCommit() {
    return autoCommit;
  }

  /**
   * Records {@code rows} changed rows; ignored in auto-commit mode, where nothing can be undone.
   */
  synchronized void applied(long rows) {
    if (!autoCommit && rows > 0) {
      applied += rows;
    }
  }

  /** Always succeeds: everything is already applied. */
  synchronized void commit() {
    applied = 0;
  }

  /**
   * Succeeds when nothing was written since auto-commit went off or since the last commit or
   * rollback; otherwise throws, once, saying how many row changes stay applied.
   */
  synchronized void rollback() throws SQLException {
    long n = applied;
    applied = 0;
    if (n > 0) {
      throw new CaspioException(
              ErrorKind.UNSUPPORTED,
              "Cannot roll back: Caspio has no transactions, and the "
                  + n
                  + " row change(s) made since the last commit were already applied",
              null)
          .toSqlException();
    }
  }
}
