/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;

/**
 * Inserts records one POST each, for API generations without a bulk insert (v2, v3), at most {@link
 * #MAX_IN_FLIGHT} at a time: Caspio's burst limit is about 10 calls per second for the whole
 * account, and at typical round trips of 200-500 ms four concurrent POSTs stay near it while a
 * single one would waste most of it waiting; the REST layer's adaptive limiter lowers the rate
 * further on 429. After the first failure no further record is sent and the ones in flight are
 * awaited, so every position's outcome is known or reported.
 */
final class RowInserts {
  /** Requests of one INSERT statement in flight at once; see the class comment. */
  static final int MAX_IN_FLIGHT = 4;

  private RowInserts() {}

  static void send(
      CaspioTable table,
      List<Map<String, Object>> bodies,
      InsertRun run,
      CaspioWrites writes,
      BooleanSupplier cancelled) {
    // The connection's own threads: closing the connection ends them, and each POST still waits
    // for the connection's limiter, which reads of the same connection share.
    CompletionService<Map<String, Object>> done =
        new ExecutorCompletionService<>(table.api().executor());
    Map<Future<Map<String, Object>>, Integer> rowOf = new HashMap<>();
    boolean interrupted = false;
    int inFlight = 0;
    for (int index = 0; index < bodies.size() && run.error() == null; index++) {
      if (cancelled.getAsBoolean()) {
        run.fail(Integer.MAX_VALUE, cancelledError());
        break;
      }
      // Take in every answer already there, so that a known failure stops the next row.
      for (Future<Map<String, Object>> ready = done.poll(); ready != null; ready = done.poll()) {
        collect(ready, rowOf, run, writes);
        inFlight--;
      }
      while (inFlight >= MAX_IN_FLIGHT && run.error() == null) {
        try {
          collect(done.take(), rowOf, run, writes);
          inFlight--;
        } catch (InterruptedException x) {
          interrupted = true;
          run.fail(Integer.MAX_VALUE, cancelledError());
        }
      }
      if (run.error() != null) {
        break; // This row is not sent.
      }
      Map<String, Object> body = bodies.get(index);
      Future<Map<String, Object>> f;
      try {
        f = done.submit(() -> table.api().insert(table.kind(), table.caspioName(), body));
      } catch (RejectedExecutionException x) {
        // The connection closed under the statement; report it as the API itself does.
        run.failed(
            index,
            new CaspioException(ErrorKind.CONNECTION_FAILED, "The Caspio API client is closed", x),
            false);
        break;
      }
      rowOf.put(f, index);
      inFlight++;
    }
    // Rows in flight are awaited even when cancelled: their outcome must be known or reported.
    while (inFlight > 0) {
      try {
        collect(done.take(), rowOf, run, writes);
        inFlight--;
      } catch (InterruptedException x) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void collect(
      Future<Map<String, Object>> f,
      Map<Future<Map<String, Object>>, Integer> rowOf,
      InsertRun run,
      CaspioWrites writes) {
    int index = rowOf.remove(f);
    try {
      run.written(index, f.get());
      writes.countWrite();
    } catch (ExecutionException x) {
      CaspioException c =
          x.getCause() instanceof CaspioException ce
              ? ce
              : new CaspioException(
                  ErrorKind.UNKNOWN_OUTCOME,
                  "Inserting row " + (index + 1) + " failed unexpectedly; it may have been written",
                  x.getCause());
      boolean unknown = c.kind() == ErrorKind.UNKNOWN_OUTCOME;
      if (unknown) {
        writes.countWrite();
      }
      run.failed(index, c, unknown);
    } catch (InterruptedException x) {
      // take() returned a completed future, so get() does not block.
      Thread.currentThread().interrupt();
    }
  }

  static CaspioException cancelledError() {
    return new CaspioException(ErrorKind.CANCELLED, "The statement was cancelled", null);
  }
}
