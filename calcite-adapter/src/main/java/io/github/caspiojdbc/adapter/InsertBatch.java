/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.adapter.CaspioWriteException.Outcome;
import io.github.caspiojdbc.error.CaspioException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rows of a {@code PreparedStatement} batch of {@code INSERT ... VALUES}, gathered across its
 * entries so that they travel in bulk requests of up to {@link
 * io.github.caspiojdbc.rest.CaspioApi#insertBatchLimit()} records (ceil(n/1000) calls on REST v4)
 * instead of one request per entry. The driver opens it with {@link CaspioWrites#beginInsertBatch},
 * names each entry before executing it ({@link #entry}), sends the full requests between entries
 * ({@link #sendFull}) and the rest at the end ({@link #sendAll}), and then reads what became of
 * each entry. Each entry's values are converted and checked when it executes, as without a batch,
 * so a bad value still fails its own entry before anything of it is sent.
 *
 * <p>Only {@code INSERT ... VALUES} is gathered: an {@code INSERT ... SELECT} entry could read rows
 * an earlier entry is still holding back. Rows are gathered only on the thread that opened the
 * batch; a write of the same connection on another thread is sent as usual. After a request with
 * any refused or unknown record nothing further is sent.
 */
public final class InsertBatch {
  private final Thread owner = Thread.currentThread();
  private final List<Integer> entryOf = new ArrayList<>();
  private final List<Map<String, Object>> bodies = new ArrayList<>();
  private final InsertRun run = new InsertRun(0);
  private CaspioTable table;
  private CaspioWrites writes;
  private int entry;
  private int sent;
  private boolean stopped;

  InsertBatch() {}

  /** The entry (0-based) whose rows the next execution adds. */
  public void entry(int index) {
    this.entry = index;
  }

  /** Whether a write on the current thread into {@code t} is to be gathered here. */
  boolean takes(CaspioTable t) {
    return Thread.currentThread() == owner && !stopped && (table == null || table == t);
  }

  /** Adds the current entry's converted rows. */
  void add(CaspioTable t, CaspioWrites w, List<Map<String, Object>> rows) {
    table = t;
    writes = w;
    for (Map<String, Object> r : rows) {
      entryOf.add(entry);
      bodies.add(r);
    }
    run.grow(bodies.size());
  }

  /**
   * Sends every full request of the rows gathered so far.
   *
   * @return false when a request had a refused or unknown record; nothing more is then sent
   */
  public boolean sendFull() {
    if (table == null) {
      return !stopped;
    }
    int limit = Math.max(1, table.api().insertBatchLimit());
    int full = sent + (bodies.size() - sent) / limit * limit;
    return send(full);
  }

  /** Sends every row gathered and not sent yet; false as for {@link #sendFull}. */
  public boolean sendAll() {
    return send(bodies.size());
  }

  private boolean send(int upTo) {
    if (stopped) {
      return false;
    }
    if (table == null || upTo <= sent) {
      return true;
    }
    boolean ok =
        BulkInserts.send(
            table.api(),
            table.kind(),
            table.caspioName(),
            bodies.subList(sent, upTo),
            sent,
            run,
            writes,
            () -> false);
    sent = upTo;
    stopped = !ok;
    return ok;
  }

  /** Sends nothing more (a cancelled statement); rows not sent stay {@link Outcome#NOT_SENT}. */
  public void stop() {
    stopped = true;
  }

  /** The failure to report, or null when every row sent so far was written. */
  public CaspioException error() {
    return run.error();
  }

  /**
   * What became of one entry's rows.
   *
   * @param rows the rows the entry added
   * @param written the rows written
   * @param failed the rows refused or with an unknown outcome
   * @param notSent the rows never sent
   */
  public record Entry(long rows, long written, long failed, long notSent) {
    /** Whether any row of the entry was sent. */
    public boolean sent() {
      return notSent < rows;
    }
  }

  /** The fate of entries {@code 0..n-1}, in one pass over the rows. */
  public List<Entry> entries(int n) {
    long[][] t = new long[n][4];
    for (int i = 0; i < entryOf.size(); i++) {
      int e = entryOf.get(i);
      if (e < 0 || e >= n) {
        continue;
      }
      t[e][0]++;
      switch (run.outcomes.get(i)) {
        case WRITTEN -> t[e][1]++;
        case FAILED, UNKNOWN -> t[e][2]++;
        case NOT_SENT -> t[e][3]++;
      }
    }
    List<Entry> out = new ArrayList<>(n);
    for (long[] e : t) {
      out.add(new Entry(e[0], e[1], e[2], e[3]));
    }
    return out;
  }

  /** Whether any row's outcome is unknown (sent, no answer; never retried). */
  public boolean hasUnknownOutcome() {
    return run.outcomes.contains(Outcome.UNKNOWN);
  }

  /** The records Caspio returned for every written row, in entry and row order. */
  public List<Map<String, Object>> writtenRows() {
    return run.writtenRows();
  }
}
