/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.util.List;
import java.util.Map;

/**
 * A multi-request write that failed part-way: says, for every row or request of the statement,
 * whether it was written, failed, has an unknown outcome, or was never sent, so that a driver can
 * build a {@link java.sql.BatchUpdateException} whose counts are exact. The kind is {@link
 * ErrorKind#UNKNOWN_OUTCOME} when any outcome is unknown, else that of the first failure, which is
 * also the cause.
 */
public final class CaspioWriteException extends CaspioException {

  private static final long serialVersionUID = 1L;

  /** What happened to one row (INSERT) or one request (UPDATE/DELETE by key lists). */
  public enum Outcome {
    /** Written; the server confirmed it. */
    WRITTEN,
    /** Refused by the server; nothing was written. */
    FAILED,
    /** Sent, but no answer arrived: it may or may not have been applied. Never retried. */
    UNKNOWN,
    /** Not sent because an earlier request failed. */
    NOT_SENT
  }

  private final transient List<Outcome> outcomes;
  private final transient List<Map<String, Object>> insertedRows;
  private final long writtenCount;

  CaspioWriteException(
      CaspioException first,
      String message,
      List<Outcome> outcomes,
      long writtenCount,
      List<Map<String, Object>> insertedRows) {
    super(
        outcomes.contains(Outcome.UNKNOWN) ? ErrorKind.UNKNOWN_OUTCOME : first.kind(),
        message,
        first.httpStatus(),
        first.caspioCode(),
        first.requestId(),
        first);
    this.outcomes = List.copyOf(outcomes);
    this.writtenCount = writtenCount;
    this.insertedRows = List.copyOf(insertedRows);
  }

  /** One outcome per row of an INSERT, or per request of a key-list UPDATE or DELETE, in order. */
  public List<Outcome> outcomes() {
    return outcomes;
  }

  /** Records confirmed written (inserted rows, or the sum of RecordsAffected). */
  public long writtenCount() {
    return writtenCount;
  }

  /** For an INSERT, the records Caspio returned for the rows written, in row order. */
  public List<Map<String, Object>> insertedRows() {
    return insertedRows;
  }

  /** Whether some request may have been applied without confirmation. */
  public boolean hasUnknownOutcome() {
    return outcomes.contains(Outcome.UNKNOWN);
  }
}
