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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The write state of one connection (one {@link CaspioSchema}): the hooks a JDBC driver needs on
 * top of the adapter's writes. Thread-safe.
 *
 * <p>Caspio has no transactions. Each request is applied by Caspio when it is answered, so every
 * statement is in effect auto-committed, and a statement that needs several requests (a multi-row
 * INSERT, an UPDATE or DELETE by several key lists) can be partly applied when one fails; the
 * {@link CaspioWriteException} it throws then says exactly what was applied.
 *
 * <ul>
 *   <li>{@link #setReadOnly}: while set, every INSERT, UPDATE and DELETE fails with {@link
 *       ErrorKind#READ_ONLY} (SQLState 25006) before any request is sent, including statements
 *       prepared earlier.
 *   <li>{@link #writeRequests()}: how many write requests were sent that may have changed data
 *       (answered with success, or with an unknown outcome). Caspio has no transactions, so a
 *       driver whose {@code rollback()} sees this counter moved since the last commit point must
 *       refuse instead of pretending to undo.
 *   <li>{@link #lastInsert()}: the rows Caspio returned for the last INSERT statement executed on
 *       this connection (PK_ID and generated values), for {@code getGeneratedKeys}.
 * </ul>
 */
public final class CaspioWrites {

  /**
   * What the last INSERT statement returned.
   *
   * @param sequence increases with every INSERT statement of the connection, so a caller can tell
   *     whether the rows belong to the statement it ran
   * @param rows the inserted records as Caspio returned them, in the statement's row order, one per
   *     row written (rows that failed or whose outcome is unknown are missing)
   */
  public record InsertResult(long sequence, List<Map<String, Object>> rows) {
    /** Freezes the rows. */
    public InsertResult {
      rows = List.copyOf(rows);
    }
  }

  private static final InsertResult NONE = new InsertResult(0, List.of());

  private volatile boolean readOnly;
  private final AtomicLong writeRequests = new AtomicLong();
  private final AtomicLong insertSequence = new AtomicLong();
  private volatile InsertResult lastInsert = NONE;
  private volatile InsertBatch insertBatch;

  /** Makes every later write of this connection fail before any request is sent. */
  public void setReadOnly(boolean readOnly) {
    this.readOnly = readOnly;
  }

  /** Whether writes are refused. */
  public boolean isReadOnly() {
    return readOnly;
  }

  /** Write requests sent so far that succeeded or whose outcome is unknown. */
  public long writeRequests() {
    return writeRequests.get();
  }

  /** The rows returned by the last INSERT statement; sequence 0 and no rows before the first. */
  public InsertResult lastInsert() {
    return lastInsert;
  }

  /**
   * Starts gathering the rows of a {@code PreparedStatement} batch of {@code INSERT ... VALUES} on
   * the calling thread (see {@link InsertBatch}); the caller ends it with {@link #endInsertBatch}.
   */
  public InsertBatch beginInsertBatch() {
    InsertBatch b = new InsertBatch();
    insertBatch = b;
    return b;
  }

  /** Stops gathering; rows not sent by then are never sent. */
  public void endInsertBatch() {
    insertBatch = null;
  }

  /** The batch gathering rows, or null. */
  InsertBatch insertBatch() {
    return insertBatch;
  }

  /** Fails when the connection is read-only; called before a write statement sends anything. */
  void checkWritable(String what) {
    if (readOnly) {
      throw new CaspioException(
          ErrorKind.READ_ONLY,
          "The connection is read-only (readOnly=true); " + what + " was not sent",
          null);
    }
  }

  /** Counts one write request that may have changed data. */
  void countWrite() {
    writeRequests.incrementAndGet();
  }

  /**
   * Sends one write request and counts it when it succeeded or its outcome is unknown (both may
   * have changed data); a request Caspio refused is not counted.
   */
  <T> T send(Supplier<T> request) {
    try {
      T result = request.get();
      countWrite();
      return result;
    } catch (CaspioException e) {
      if (e.kind() == ErrorKind.UNKNOWN_OUTCOME) {
        countWrite();
      }
      throw e;
    }
  }

  /** Reserves the sequence number of an INSERT statement. */
  long nextInsertSequence() {
    return insertSequence.incrementAndGet();
  }

  void setLastInsert(InsertResult result) {
    lastInsert = result;
  }
}
