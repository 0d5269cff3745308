/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Row counts a connection has learned from Caspio's {@code TotalCount} (v3 pagination info), by
 * table and filter, so a later read of the same rows can be estimated exactly before it sends
 * anything. A write through the connection forgets the counts it may have changed ({@link
 * #written}); writes by others are not seen, which is why counts also expire after {@link
 * #TTL_NANOS}. Bounded: the oldest entries go first.
 */
final class RowCounts {
  /** How long a learned count is trusted. */
  static final long TTL_NANOS = 300L * 1_000_000_000L;

  private static final int MAX_ENTRIES = 512;

  private record Count(long rows, long learnedAt) {}

  private final Map<String, Count> counts =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Count> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  private static String key(RecordQuery q) {
    return q.kind() + "\u0000" + q.name().toLowerCase(java.util.Locale.ROOT) + "\u0000" + q.where();
  }

  /** Remembers that {@code q}'s filter matched {@code rows} rows just now. */
  synchronized void learned(RecordQuery q, long rows) {
    if (rows >= 0 && q.groupBy() == null) {
      counts.put(key(q), new Count(rows, System.nanoTime()));
    }
  }

  /** The rows {@code q}'s filter matched when last read, or -1 when unknown or stale. */
  synchronized long rows(RecordQuery q) {
    if (q.groupBy() != null) {
      return -1;
    }
    Count c = counts.get(key(q));
    if (c == null || System.nanoTime() - c.learnedAt() > TTL_NANOS) {
      return -1;
    }
    return c.rows();
  }

  /**
   * Forgets the counts a write to the table or view {@code name} may have changed. A table write
   * forgets that table's counts and every view's, since any view may show the table. A view write
   * forgets every count: it lands in the view's base table, which this layer cannot name (only v3
   * view fields carry {@code TableFieldName}, and a request path names the view alone), and so also
   * in every other view over that table. Dropping too much costs a read an estimate, never a wrong
   * one.
   */
  synchronized void written(String name, boolean view) {
    if (view) {
      counts.clear();
      return;
    }
    String infix = "\u0000" + name.toLowerCase(java.util.Locale.ROOT) + "\u0000";
    String views = ObjectKind.VIEW + "\u0000";
    counts.keySet().removeIf(k -> k.contains(infix) || k.startsWith(views));
  }
}
