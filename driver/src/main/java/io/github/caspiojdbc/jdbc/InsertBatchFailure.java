/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.adapter.InsertBatch;
import io.github.caspiojdbc.error.ErrorKind;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The {@link BatchUpdateException} of a bulk-sent {@code INSERT ... VALUES} batch that did not
 * write every entry. Its counts have one element per entry up to the last one any of whose rows was
 * sent (or the entry that failed its own checks): the rows written for an entry written whole,
 * {@link Statement#EXECUTE_FAILED} for an entry with a refused, unknown or unsent row. Entries
 * after that have no element: they were never sent. The SQLState is 08007 when any row's outcome is
 * unknown (never retried), else the first failure's; the message names the entries of each kind.
 */
final class InsertBatchFailure {
  private InsertBatchFailure() {}

  /**
   * @param failedEntry the entry that failed its own checks (nothing of it was sent), or -1
   * @param entryFailure that entry's error, or null
   */
  static BatchUpdateException of(
      InsertBatch batch,
      List<InsertBatch.Entry> entries,
      int failedEntry,
      SQLException entryFailure) {
    int n = entries.size();
    int len = 0;
    for (int i = 0; i < n; i++) {
      if (entries.get(i).sent()) {
        len = i + 1;
      }
    }
    if (entryFailure != null && batch.error() == null) {
      len = failedEntry + 1;
    }
    long[] counts = new long[len];
    boolean[] failed = new boolean[len];
    long rows = 0;
    for (int i = 0; i < len; i++) {
      InsertBatch.Entry e = entries.get(i);
      boolean bad = i == failedEntry || e.failed() > 0 || e.notSent() > 0;
      failed[i] = bad;
      counts[i] = bad ? Statement.EXECUTE_FAILED : e.written();
      rows += e.written();
    }
    SQLException cause = batch.error() != null ? SqlErrors.translate(batch.error()) : entryFailure;
    boolean unknown = batch.hasUnknownOutcome();
    String state = unknown ? ErrorKind.UNKNOWN_OUTCOME.sqlState() : cause.getSQLState();
    StringBuilder m = new StringBuilder("Batch of ").append(n).append(" entries ");
    m.append(
        unknown
            ? "has rows with an unknown outcome (they may have been written; they were not"
                + " retried): "
            : "failed: ");
    m.append(cause.getMessage());
    String ok = ranges(failed, false);
    String bad = ranges(failed, true);
    m.append(". Written: ").append(ok.isEmpty() ? "no entry" : "entries " + ok);
    m.append(" (").append(rows).append(" row(s))");
    m.append("; failed: entries ").append(bad);
    if (len < n) {
      m.append("; not sent: entries ").append(len + 1).append('-').append(n);
    }
    if (batch.error() != null && entryFailure != null) {
      m.append("; entry ").append(failedEntry + 1).append(" also failed: ");
      m.append(entryFailure.getMessage());
    }
    return new BatchUpdateException(m.toString(), state, cause.getErrorCode(), counts, cause);
  }

  /** 1-based ranges of the positions whose flag is {@code wanted}, e.g. {@code 1-3,5}. */
  private static String ranges(boolean[] flags, boolean wanted) {
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (i < flags.length) {
      if (flags[i] != wanted) {
        i++;
        continue;
      }
      int j = i;
      while (j + 1 < flags.length && flags[j + 1] == wanted) {
        j++;
      }
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(i + 1);
      if (j > i) {
        b.append('-').append(j + 1);
      }
      i = j + 1;
    }
    return b.toString();
  }
}
