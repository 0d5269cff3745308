/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import java.util.List;

/**
 * Rows of one {@link RecordQuery}, fetched page by page. A page's rows are handed out only after
 * the whole page was parsed, so a reply that breaks off mid-page raises an exception instead of
 * yielding a short result. Memory is bounded by the page size times the prefetch depth.
 *
 * <p>Use from one thread, except {@link #cancel()}, which any thread may call.
 */
public interface RecordCursor extends AutoCloseable {

  /**
   * Advances to the next row, fetching pages as needed.
   *
   * @return false when there are no more rows (or {@link RecordQuery#maxRows()} were returned)
   * @throws io.github.caspiojdbc.error.CaspioException on any failure, including CANCELLED after
   *     {@link #cancel()} and TIMEOUT after the statement deadline
   */
  boolean next();

  /**
   * The current row; its values line up with {@link #columns()}. The array belongs to the caller
   * after the call (it is not reused).
   */
  Object[] current();

  /**
   * The column names of the rows, from the first record's keys in reply order (waiting for the
   * first page if needed); empty when the result is empty.
   */
  List<String> columns();

  /**
   * Stops the read from any thread: no further requests are sent, requests in flight are aborted,
   * and the consumer's next call fails with kind CANCELLED.
   */
  void cancel();

  /** Releases the cursor; cancels pages still in flight. Idempotent. */
  @Override
  void close();
}
