/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import io.github.caspiojdbc.rest.CaspioApi;
import io.github.caspiojdbc.rest.InsertOutcome;
import io.github.caspiojdbc.rest.ObjectKind;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Inserts records through bulk requests of at most {@link CaspioApi#insertBatchLimit()} records
 * (1,000 on REST v4, each one billed call), one request at a time: sequential requests keep the
 * records' keys in statement order, and at that size one request already carries what four
 * concurrent single-row POSTs would need hundreds of calls for. After a request with any refused or
 * unknown record, nothing further is sent, as for single-row inserts.
 */
final class BulkInserts {
  private BulkInserts() {}

  /**
   * Sends {@code bodies[from, to)} to the table or single-table view {@code kind table} into {@code
   * run}'s positions {@code offset + i}.
   *
   * @return whether every record sent was written
   */
  static boolean send(
      CaspioApi api,
      ObjectKind kind,
      String table,
      List<Map<String, Object>> bodies,
      int offset,
      InsertRun run,
      CaspioWrites writes,
      BooleanSupplier cancelled) {
    int limit = Math.max(1, api.insertBatchLimit());
    for (int start = 0; start < bodies.size(); start += limit) {
      if (cancelled.getAsBoolean()) {
        run.fail(
            Integer.MAX_VALUE,
            new CaspioException(ErrorKind.CANCELLED, "The statement was cancelled", null));
        return false;
      }
      List<Map<String, Object>> chunk =
          bodies.subList(start, Math.min(bodies.size(), start + limit));
      List<InsertOutcome> outcomes;
      try {
        outcomes = api.insertAll(kind, table, chunk);
      } catch (CaspioException e) {
        boolean unknown = e.kind() == ErrorKind.UNKNOWN_OUTCOME;
        if (unknown) {
          writes.countWrite();
        }
        for (int j = 0; j < chunk.size(); j++) {
          run.failed(offset + start + j, e, unknown);
        }
        return false;
      }
      boolean ok = true;
      for (int j = 0; j < outcomes.size(); j++) {
        InsertOutcome o = outcomes.get(j);
        if (o.written()) {
          run.written(offset + start + j, o.row());
        } else {
          run.failed(offset + start + j, o.error(), false);
          ok = false;
        }
      }
      if (outcomes.stream().anyMatch(InsertOutcome::written)) {
        writes.countWrite();
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
