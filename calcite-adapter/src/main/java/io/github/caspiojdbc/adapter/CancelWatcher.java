/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.rest.RecordCursor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Aborts the request in flight when a statement is cancelled. JDBC's {@code Statement.cancel()}
 * only sets Calcite's cancel flag, which a reader blocked on a slow page never sees; one daemon
 * thread polls the flags of open reads and cancels their cursors, so a cancel takes effect within a
 * poll interval instead of after the page arrives.
 */
final class CancelWatcher {

  /** How often flags are checked: short next to a page round trip, negligible in CPU. */
  static final long POLL_MILLIS = 20;

  private static final Map<RecordCursor, AtomicBoolean> OPEN = new ConcurrentHashMap<>();
  private static final ScheduledExecutorService POLLER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "caspio-cancel-watcher");
            t.setDaemon(true);
            return t;
          });

  static {
    POLLER.scheduleWithFixedDelay(
        CancelWatcher::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
  }

  private CancelWatcher() {}

  /** Watches {@code flag} while {@code cursor} is open. */
  static void watch(RecordCursor cursor, AtomicBoolean flag) {
    OPEN.put(cursor, flag);
  }

  /** Stops watching; called when the read ends. */
  static void forget(RecordCursor cursor) {
    OPEN.remove(cursor);
  }

  /** Reads currently watched, for tests of leaks. */
  static int watched() {
    return OPEN.size();
  }

  private static void poll() {
    for (Map.Entry<RecordCursor, AtomicBoolean> e : OPEN.entrySet()) {
      if (e.getValue().get()) {
        OPEN.remove(e.getKey());
        try {
          e.getKey().cancel();
        } catch (RuntimeException ignored) {
          // A cursor that fails to cancel is closing anyway; the reader reports the cancel.
        }
      }
    }
  }
}
