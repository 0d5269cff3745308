/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.caspiojdbc.rest.RecordCursor;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A statement's cancel reaches exactly its open reads, on the cancelling thread. */
class StatementCancelTest {

  /** A cursor that only counts its cancels. */
  private static final class Cursor implements RecordCursor {
    final AtomicInteger cancels = new AtomicInteger();

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
      cancels.incrementAndGet();
    }

    @Override
    public void close() {}
  }

  @Test
  void cancel_cancelsTheReadsOfThatStatementOnly() {
    AtomicBoolean mine = new AtomicBoolean();
    AtomicBoolean other = new AtomicBoolean();
    Cursor a = new Cursor();
    Cursor b = new Cursor();
    Cursor c = new Cursor();
    int before = StatementCancel.statementsWithOpenReads();
    StatementCancel.opened(mine, a);
    StatementCancel.opened(mine, b);
    StatementCancel.opened(other, c);

    mine.set(true);
    StatementCancel.cancel(mine);

    assertEquals(1, a.cancels.get());
    assertEquals(1, b.cancels.get());
    assertEquals(0, c.cancels.get(), "another statement's read is left alone");
    StatementCancel.cancel(mine); // nothing left under the flag
    assertEquals(1, a.cancels.get());
    StatementCancel.closed(other, c);
    assertEquals(before, StatementCancel.statementsWithOpenReads(), "no entry outlives its read");
  }

  @Test
  void closedRead_isNotCancelledAndLeavesNoEntry() {
    AtomicBoolean flag = new AtomicBoolean();
    Cursor a = new Cursor();
    int before = StatementCancel.statementsWithOpenReads();
    StatementCancel.opened(flag, a);
    StatementCancel.closed(flag, a);
    assertEquals(before, StatementCancel.statementsWithOpenReads());

    StatementCancel.cancel(flag);
    assertEquals(0, a.cancels.get());
  }
}
