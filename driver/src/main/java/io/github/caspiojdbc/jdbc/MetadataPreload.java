/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.adapter.CaspioSchema;
import io.github.caspiojdbc.adapter.CaspioTable;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import io.github.caspiojdbc.rest.CallScope;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.Named;

/**
 * Loads, within a statement's query timeout, the metadata that planning the statement will need:
 * the table list and the field lists of the tables its SQL names. Calcite plans before Avatica's
 * timeout starts and offers no way to stop planning, so a cold field list on a slow server would
 * otherwise add its whole delay to the timeout. Loading it first, on a thread we may abandon, lets
 * the statement fail with HYT00 when the timeout passes; what was loaded stays cached for the next
 * statement.
 */
final class MetadataPreload {
  private MetadataPreload() {}

  /**
   * Loads what {@code sql} needs, giving up after {@code timeoutMillis}.
   *
   * @return the milliseconds spent
   * @throws SQLException HYT00 when the timeout passed first; a failure of the loading itself is
   *     left to the execution, which reports it as usual
   */
  static long load(CaspioSchema schema, String sql, long timeoutMillis, Background background)
      throws SQLException {
    long start = System.nanoTime();
    // Over-approximates table names: a column that happens to share a table's name only loads
    // one field list too many.
    Set<String> names = WriteDetector.shape(sql).identifiers();
    if (names.isEmpty() || schema.metadataCached(names)) {
      return 0; // Nothing to load: no thread hop on the hot path.
    }
    // The field lists count for the statement that needs them, though loaded on another thread.
    Future<?> f;
    try {
      f = background.submit(CallScope.carried(() -> fields(schema, names)));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      throw CaspioConnection.closedError();
    }
    try {
      f.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw CaspioErrors.toSql(
          new CaspioException(
              ErrorKind.TIMEOUT,
              "The query timeout ("
                  + (timeoutMillis + 999) / 1000
                  + " s) passed while loading the table and field lists the statement needs",
              null));
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw CaspioErrors.toSql(new CaspioException(ErrorKind.CANCELLED, "Interrupted", e));
    } catch (ExecutionException e) {
      // The execution will meet the same failure and report it in its usual form.
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static void fields(CaspioSchema schema, Set<String> names) {
    for (String name : names) {
      Named<Table> t = schema.tables().getIgnoreCase(name);
      if (t != null && t.entity() instanceof CaspioTable table) {
        table.fieldInfos();
      }
    }
  }
}
