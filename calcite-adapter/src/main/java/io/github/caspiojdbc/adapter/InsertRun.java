/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.adapter.CaspioWriteException.Outcome;
import io.github.caspiojdbc.error.CaspioException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What became of the records of one insert, per position: the outcome, the record Caspio returned
 * for each written one, and the failure to report (that of the earliest position). Filled by {@link
 * RowInserts} or {@link BulkInserts}; positions start {@link Outcome#NOT_SENT}.
 */
final class InsertRun {
  final List<Outcome> outcomes;
  final List<Map<String, Object>> returned;
  private CaspioException error;
  private int errorAt = Integer.MAX_VALUE;

  InsertRun(int n) {
    outcomes = new ArrayList<>(Collections.nCopies(n, Outcome.NOT_SENT));
    returned = new ArrayList<>(Collections.nCopies(n, (Map<String, Object>) null));
  }

  /** Adds positions, not sent yet, up to {@code n} in all. */
  void grow(int n) {
    while (outcomes.size() < n) {
      outcomes.add(Outcome.NOT_SENT);
      returned.add(null);
    }
  }

  /** Position {@code i} was written; Caspio returned {@code row}. */
  void written(int i, Map<String, Object> row) {
    outcomes.set(i, Outcome.WRITTEN);
    returned.set(i, row);
  }

  /** Position {@code i} failed (or, with {@code unknown}, may have been written) with {@code e}. */
  void failed(int i, CaspioException e, boolean unknown) {
    outcomes.set(i, unknown ? Outcome.UNKNOWN : Outcome.FAILED);
    fail(i, e);
  }

  /** Notes a failure at {@code at} (a position, or {@link Integer#MAX_VALUE} for the statement). */
  void fail(int at, CaspioException e) {
    if (error == null || at < errorAt) {
      error = e;
      errorAt = at;
    }
  }

  /** The failure to report, or null when every position was written. */
  CaspioException error() {
    return error;
  }

  /** The records returned for the written positions, in position order. */
  List<Map<String, Object>> writtenRows() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> r : returned) {
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }
}
