/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.adapter.LocalFilters;
import io.github.caspiojdbc.adapter.LocalFilters.LocalFilter;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Watches the plans prepared on this thread while open, and collects the predicates left to Calcite
 * above a Caspio read ({@link LocalFilters}). With {@code pushdown=strict} the first such plan
 * fails with SQLState 0A000 instead: preparing comes before any record request, so nothing is read.
 * The adapter announces every plan on the preparing thread, made now or taken from the connection's
 * plan cache ({@link LocalFilters#watch}), so a reused plan is checked as a new one is.
 */
final class PushdownCheck implements AutoCloseable {
  private final List<LocalFilter> found = new CopyOnWriteArrayList<>();
  private final LocalFilters.Watch watch;

  PushdownCheck(boolean strict) {
    this.watch = LocalFilters.watch(filters -> inspect(filters, strict));
  }

  private void inspect(List<LocalFilter> filters, boolean strict) {
    if (strict && !filters.isEmpty()) {
      throw new CaspioException(
          ErrorKind.UNSUPPORTED,
          filters.get(0).describe()
              + ". pushdown=strict refuses that, so nothing was sent; rewrite the condition in"
              + " terms Caspio can evaluate, or connect with pushdown=lenient",
          null);
    }
    found.addAll(filters);
  }

  /** The predicates evaluated locally in the plans made so far. */
  List<LocalFilter> localFilters() {
    return List.copyOf(found);
  }

  @Override
  public void close() {
    watch.close();
  }
}
