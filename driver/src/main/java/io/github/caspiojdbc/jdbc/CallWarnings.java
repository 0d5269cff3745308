/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.adapter.LocalFilters.LocalFilter;
import io.github.caspiojdbc.rest.CallCounts;
import io.github.caspiojdbc.rest.CallMeter;
import java.sql.SQLWarning;
import java.util.List;

/**
 * The warnings about what a statement execution cost: a full scan of a large table (01K01), a
 * predicate evaluated locally (01K02), throttled replies (01K03). Computed from the execution's
 * meter when asked, so a scan's warning appears as soon as its first page told the table's size.
 */
final class CallWarnings {
  /** A whole table read without a filter. */
  static final String FULL_SCAN = "01K01";

  /** A predicate Caspio could not evaluate. */
  static final String LOCAL_FILTER = "01K02";

  /** Caspio asked the driver to slow down. */
  static final String THROTTLED = "01K03";

  private CallWarnings() {}

  /** The chain for one execution, or null when there is nothing to say. */
  static SQLWarning of(CallMeter meter, List<LocalFilter> localFilters, CallSettings settings) {
    SQLWarning first = null;
    for (LocalFilter f : localFilters) {
      first = chain(first, new SQLWarning(f.describe() + ".", LOCAL_FILTER));
    }
    int threshold = settings.fullScanWarningRows();
    CallCounts counts = meter.snapshot();
    if (threshold > 0) {
      for (CallMeter.FullScan s : meter.fullScans()) {
        if (s.rows() > threshold) {
          first =
              chain(
                  first,
                  new SQLWarning(
                      "Full scan of "
                          + s.table()
                          + ": "
                          + s.rows()
                          + " rows, more than fullScanWarningRows="
                          + threshold
                          + "; the statement has sent "
                          + counts.calls()
                          + " calls so far. A WHERE clause Caspio can evaluate, or a LIMIT,"
                          + " reads less.",
                      FULL_SCAN));
        }
      }
    }
    if (counts.throttled() > 0) {
      first =
          chain(
              first,
              new SQLWarning(
                  "Caspio throttled this statement "
                      + counts.throttled()
                      + (counts.throttled() == 1 ? " time" : " times")
                      + " (rate limit); the driver waited and retried, and slowed down. The"
                      + " account's rate limit is shared by every client.",
                  THROTTLED));
    }
    return first;
  }

  /** {@code first} followed by {@code next}; either may be null. */
  static SQLWarning chain(SQLWarning first, SQLWarning next) {
    if (first == null || next == null) {
      return first == null ? next : first;
    }
    if (first == null) {
      return next;
    }
    first.setNextWarning(next);
    return first;
  }
}
