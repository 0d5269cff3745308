/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.rest.RecordCursor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Aborts the request in flight when a statement is cancelled. JDBC's {@code Statement.cancel()}
 * only sets Calcite's cancel flag, which a reader blocked on a slow page never sees, and that flag
 * is a plain {@link AtomicBoolean} that tells nobody when it is set. So one daemon thread checks
 * the flags of open reads and cancels their cursors, and a cancel takes effect within a check
 * interval instead of after the page arrives.
 *
 * <p>The thread exists only while a read is open: the first {@link #watch} starts it and it ends as
 * soon as nothing is watched, so an idle driver holds no thread and does no work. Statement
 * deadlines do not come through here: the REST layer's timer aborts the request at the deadline.
 */
final class CancelWatcher {

  /** How often flags are checked: short next to a page round trip, negligible in CPU. */
  static final long POLL_MILLIS = 20;

  /** The name of the watcher thread, for thread dumps and tests. */
  static final String THREAD_NAME = "caspio-cancel-watcher";

  private static final Map<RecordCursor, AtomicBoolean> OPEN = new ConcurrentHashMap<>();

  /** The running watcher, or null; guarded by the class lock. */
  private static Thread watcher;

  private CancelWatcher() {}

  /** Watches {@code flag} while {@code cursor} is open. */
  static void watch(RecordCursor cursor, AtomicBoolean flag) {
    OPEN.put(cursor, flag);
    ensureRunning();
  }

  /** Stops watching; called when the read ends. */
  static void forget(RecordCursor cursor) {
    OPEN.remove(cursor);
  }

  /** Reads currently watched, for tests of leaks. */
  static int watched() {
    return OPEN.size();
  }

  /** Whether the watcher thread is running, for tests. */
  static synchronized boolean running() {
    return watcher != null;
  }

  private static synchronized void ensureRunning() {
    if (watcher == null) {
      Thread t = new Thread(CancelWatcher::run, THREAD_NAME);
      t.setDaemon(true);
      watcher = t;
      t.start();
    }
  }

  /**
   * Checks until nothing is watched. The emptiness check and the reset of {@link #watcher} share
   * the class lock with {@link #ensureRunning}, so a read registered while the thread decides to
   * end either is seen by it or starts a new thread.
   */
  private static void run() {
    while (true) {
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        // Nobody interrupts this thread; if something does, keep watching the open reads.
        Thread.interrupted();
      }
      poll();
      synchronized (CancelWatcher.class) {
        if (OPEN.isEmpty()) {
          watcher = null;
          return;
        }
      }
    }
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
