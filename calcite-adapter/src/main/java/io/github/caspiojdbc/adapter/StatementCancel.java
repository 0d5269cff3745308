/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.rest.RecordCursor;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The hook by which a statement's cancel reaches the reads it has open. JDBC's {@code
 * Statement.cancel()} only sets the statement's cancel flag (a plain {@link AtomicBoolean} that
 * Calcite hands to generated code as {@code DataContext.Variable.CANCEL_FLAG}), which a reader
 * blocked on a slow page would see only after the page arrives. So each read registers its cursor
 * under that flag while it is open, and whoever cancels the statement calls {@link #cancel} with
 * the same flag right after setting it: the cursors abort their requests in flight on the
 * cancelling thread. Nothing polls and no thread is started.
 *
 * <p>Either order is safe: a read registers before it checks the flag, and a canceller sets the
 * flag before it looks for registered reads, so one of the two always sees the other. An entry
 * lives only while its read is open; the flag is the key by identity, as {@code AtomicBoolean} does
 * not override {@code equals}.
 */
public final class StatementCancel {
  private static final Map<AtomicBoolean, Set<RecordCursor>> OPEN = new ConcurrentHashMap<>();

  private StatementCancel() {}

  /**
   * Cancels every read open under {@code flag}, which the caller has already set. Returns at once;
   * the readers report the cancellation.
   */
  public static void cancel(AtomicBoolean flag) {
    Set<RecordCursor> cursors = OPEN.remove(flag);
    if (cursors == null) {
      return;
    }
    for (RecordCursor c : cursors) {
      try {
        c.cancel();
      } catch (RuntimeException ignored) {
        // A cursor that fails to cancel is closing anyway; the reader reports the cancel.
      }
    }
  }

  /** Registers an open read of the statement whose cancel flag is {@code flag}. */
  static void opened(AtomicBoolean flag, RecordCursor cursor) {
    OPEN.compute(
        flag,
        (f, set) -> {
          Set<RecordCursor> s = set == null ? ConcurrentHashMap.newKeySet() : set;
          s.add(cursor);
          return s;
        });
  }

  /** Forgets a read that ended. */
  static void closed(AtomicBoolean flag, RecordCursor cursor) {
    OPEN.computeIfPresent(
        flag,
        (f, set) -> {
          set.remove(cursor);
          return set.isEmpty() ? null : set;
        });
  }

  /** Statements with a read open now, for tests of leaks. */
  static int statementsWithOpenReads() {
    return OPEN.size();
  }
}
