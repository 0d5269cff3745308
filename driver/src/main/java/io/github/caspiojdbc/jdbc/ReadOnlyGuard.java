/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.adapter.CaspioWrites;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.sql.SQLException;

/**
 * Whether a connection refuses writes, as described under "Read-only" on {@link CaspioConnection}:
 * the {@code readOnly} property, which always wins, or the last {@code setReadOnly}. It keeps the
 * adapter's {@link CaspioWrites} in step, so that a statement prepared before {@code
 * setReadOnly(true)} is refused too, before its first request.
 */
final class ReadOnlyGuard {
  private final boolean byProperty;
  private final CaspioWrites writes;
  private volatile boolean bySetter;

  ReadOnlyGuard(boolean byProperty, CaspioWrites writes) {
    this.byProperty = byProperty;
    this.writes = writes;
    writes.setReadOnly(byProperty);
  }

  /** Whether writes are refused: the {@code readOnly} property, or {@code setReadOnly(true)}. */
  boolean refusesWrites() {
    return byProperty || bySetter;
  }

  /** What {@code setReadOnly} asked for; it cannot lift the property. */
  void set(boolean readOnly) {
    bySetter = readOnly;
    writes.setReadOnly(refusesWrites());
  }

  /**
   * Refuses {@code sql} with SQLState 25006 when it changes rows and the connection refuses writes.
   */
  void check(String sql) throws SQLException {
    if (refusesWrites() && WriteDetector.isWrite(sql)) {
      throw CaspioErrors.toSql(
          new CaspioException(
              ErrorKind.READ_ONLY,
              "The connection is read-only"
                  + (byProperty ? " (readOnly=true)" : " (setReadOnly(true))")
                  + ", so INSERT, UPDATE and DELETE are refused",
              null));
    }
  }
}
