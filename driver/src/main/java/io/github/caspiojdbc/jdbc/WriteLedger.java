/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.sql.SQLException;
import java.util.function.LongSupplier;

/**
 * What auto-commit, commit and rollback mean on a store without transactions. Every write is
 * applied by its own REST call, so nothing is ever pending on the server; this ledger only
 * remembers the adapter's write-request counter ({@code CaspioWrites.writeRequests()}: requests
 * that succeeded or whose outcome is unknown) at the last commit point, so that {@link #rollback()}
 * can refuse to pretend (SQLState 0A000) instead of silently keeping the writes. Counting requests
 * rather than update counts also catches statements that failed part-way after writing some rows.
 * Thread-safe.
 */
final class WriteLedger {
  private final LongSupplier writeRequests;
  private boolean autoCommit = true;
  private long mark;

  /**
   * @param writeRequests the connection's counter of write requests that may have changed data
   */
  WriteLedger(LongSupplier writeRequests) {
    this.writeRequests = writeRequests;
    this.mark = writeRequests.getAsLong();
  }

  /**
   * Switching auto-commit on counts as a commit, as JDBC specifies; switching it off starts a new
   * "transaction"; setting the current mode again changes nothing.
   */
  synchronized void setAutoCommit(boolean on) {
    if (on || autoCommit) {
      mark = writeRequests.getAsLong();
    }
    autoCommit = on;
  }

  synchronized boolean autoCommit() {
    return autoCommit;
  }

  /** Always succeeds: everything is already applied. */
  synchronized void commit() {
    mark = writeRequests.getAsLong();
  }

  /**
   * Succeeds when nothing was written since auto-commit went off or since the last commit or
   * rollback, and always in auto-commit mode (each statement was its own transaction); otherwise
   * throws, once, saying how many write requests stay applied.
   */
  synchronized void rollback() throws SQLException {
    long now = writeRequests.getAsLong();
    long n = now - mark;
    mark = now;
    if (!autoCommit && n > 0) {
      throw CaspioErrors.toSql(
          new CaspioException(
              ErrorKind.UNSUPPORTED,
              "Cannot roll back: Caspio has no transactions, and the "
                  + n
                  + " write request(s) sent since the last commit were already applied by Caspio"
                  + " (or have an unknown outcome); nothing was undone",
              null));
    }
  }
}
