/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.rest.RecordCursor;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The watcher cancels flagged reads and holds no thread while no read is open. */
class CancelWatcherTest {

  /** A cursor that only records its cancel. */
  private static final class Cursor implements RecordCursor {
    final CountDownLatch cancelled = new CountDownLatch(1);

    @Override
    public boolean next() {
      return false;
    }

    @Override
    public Object[] current() {
      return new Object[0];
    }

    @Override
    public List<String> columns() {
      return List.of();
    }

    @Override
    public void cancel() {
      cancelled.countDown();
    }

    @Override
    public void close() {}
  }

  /** Generous liveness bound: the machine may be loaded. */
  private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  private static boolean watcherThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().equals(CancelWatcher.THREAD_NAME));
  }

  @Test
  void flaggedRead_isCancelled_andTheThreadEndsWhenNothingIsWatched() throws Exception {
    Cursor cursor = new Cursor();
    AtomicBoolean flag = new AtomicBoolean();
    CancelWatcher.watch(cursor, flag);
    assertTrue(CancelWatcher.running());
    flag.set(true);
    assertTrue(cursor.cancelled.await(30, TimeUnit.SECONDS), "cursor cancelled");
    CancelWatcher.forget(cursor);
    // Reads of other tests in this JVM may still be open; only then may the thread stay.
    assertTrue(
        eventually(() -> CancelWatcher.watched() > 0 || !watcherThreadAlive()),
        "watcher thread ended");
  }

  @Test
  void forgottenRead_isNotCancelled_andTheThreadEnds() throws Exception {
    Cursor cursor = new Cursor();
    CancelWatcher.watch(cursor, new AtomicBoolean());
    CancelWatcher.forget(cursor);
    assertTrue(
        eventually(() -> CancelWatcher.watched() > 0 || !CancelWatcher.running()), "watcher ended");
    assertFalse(cursor.cancelled.getCount() == 0, "not cancelled");
    // A read opened after the thread ended starts a new one.
    Cursor next = new Cursor();
    AtomicBoolean flag = new AtomicBoolean(true);
    CancelWatcher.watch(next, flag);
    assertTrue(next.cancelled.await(30, TimeUnit.SECONDS), "cursor cancelled");
    CancelWatcher.forget(next);
  }
}
