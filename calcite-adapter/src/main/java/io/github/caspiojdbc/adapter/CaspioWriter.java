/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.adapter.CaspioWriteException.Outcome;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * Executes write statements for generated code. Entry points: {@link #write} (rows computed by
 * Calcite: INSERT, and UPDATE/DELETE by key lists) and {@link #writeWhere} (one PUT or DELETE with
 * the statement's own {@code q.where}).
 *
 * <p>INSERT first computes and converts every row (a value Caspio cannot store exactly fails the
 * statement before anything is sent), then sends them in bulk requests where the API generation has
 * them ({@link BulkInserts}: 1,000 records per call on v4), else one POST per row ({@link
 * RowInserts}), or leaves them to the {@link InsertBatch} of a prepared batch. After the first
 * failure nothing further is sent, and a {@link CaspioWriteException} says exactly which rows were
 * written.
 *
 * <p>UPDATE and DELETE by keys first read every matching row (the read path re-checks predicates
 * Caspio evaluates differently, such as case-insensitive text comparisons), then write by {@code
 * PK_ID IN (...)} lists kept under the URI limit, one request at a time. Reading everything before
 * writing matters: deleting while paging through the same rows would shift the pages.
 */
public final class CaspioWriter {

  private CaspioWriter() {}

  /**
   * Writes the rows Calcite computed. Called by generated code only.
   *
   * @param spec the statement's {@link WriteSpec}
   * @param rows for INSERT the new rows; for the key modes the matching rows followed by the new
   *     values
   * @return one element: the update count
   */
  public static Enumerable<Long> write(DataContext root, Object spec, Enumerable<Object[]> rows) {
    WriteSpec s = (WriteSpec) spec;
    return once(
        () -> s.mode() == WriteSpec.Mode.INSERT ? insert(root, s, rows) : byKeys(root, s, rows));
  }

  /**
   * Sends one PUT or DELETE with the statement's {@code q.where}. Called by generated code only.
   */
  public static Enumerable<Long> writeWhere(DataContext root, Object spec) {
    WriteSpec s = (WriteSpec) spec;
    return once(() -> where(root, s));
  }

  /** The work runs when the count is first read, once, however often it is enumerated. */
  private static Enumerable<Long> once(LongSupplier work) {
    return new AbstractEnumerable<>() {
      private Long count;

      @Override
      public synchronized Enumerator<Long> enumerator() {
        if (count == null) {
          count = work.getAsLong();
        }
        return Linq4j.singletonEnumerable(count).enumerator();
      }
    };
  }

  private static long where(DataContext root, WriteSpec spec) {
    CaspioTable table = spec.table();
    CaspioWrites writes = table.writes();
    boolean update = spec.mode() == WriteSpec.Mode.UPDATE_WHERE;
    writes.checkWritable((update ? "UPDATE of " : "DELETE from ") + table.caspioName());
    IntFunction<Object> params = i -> root.get("?" + i);
    String where = render(spec.where(), params, true);
    if (!update) {
      checkCancel(root);
      return send(
          writes, () -> table.api().delete(table.kind(), table.caspioName(), where).count());
    }
    String what = "UPDATE of " + table.caspioName();
    long[] count = {0};
    List<Runnable> requests = new ArrayList<>();
    addSends(requests, writes, updates(table, where, assignedValues(spec, params, null)), count);
    table.api().requireCalls(requests.size(), what);
    sendInOrder(root, what, requests, count);
    return count[0];
  }

  /**
   * Adds {@code sends} to {@code requests}; the last one's count is added to {@code count}, as it
   * is the count of the records the group of requests changed.
   */
  private static void addSends(
      List<Runnable> requests, CaspioWrites writes, List<LongSupplier> sends, long[] count) {
    for (int i = 0; i < sends.size(); i++) {
      LongSupplier r = sends.get(i);
      if (i == sends.size() - 1) {
        requests.add(() -> count[0] += send(writes, r));
      } else {
        requests.add(() -> send(writes, r));
      }
    }
  }

  /**
   * The requests that give the records matching {@code where} the new {@code values}: one per
   * password field first (Caspio takes passwords only through its password endpoint; a null value
   * clears one), then one records PUT with the other values, if any. The last request's count is
   * the statement's. Passwords go first so that a refused password leaves the record unchanged.
   */
  private static List<LongSupplier> updates(
      CaspioTable table, String where, Map<String, Object> values) {
    List<LongSupplier> out = new ArrayList<>();
    Map<String, Object> rest = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      CaspioColumn c = table.column(e.getKey());
      if (c != null && c.writeOnly()) {
        String value = (String) e.getValue();
        out.add(() -> table.api().setPassword(table.caspioName(), c.name(), where, value).count());
      } else {
        rest.put(e.getKey(), e.getValue());
      }
    }
    if (!rest.isEmpty() || out.isEmpty()) {
      out.add(() -> table.api().update(table.kind(), table.caspioName(), where, rest).count());
    }
    return out;
  }

  /** A write request whose success or unknown outcome counts as a possible change. */
  private static long send(CaspioWrites writes, LongSupplier request) {
    return writes.send(request::getAsLong);
  }

  private static String render(WhereTemplate where, IntFunction<Object> params, boolean required) {
    String w;
    try {
      w = where.render(params);
    } catch (IllegalArgumentException e) {
      if (!required) {
        return null; // Only a guard: the key list alone is still exact.
      }
      throw new CaspioException(
          ErrorKind.DATA,
          "A parameter value of the WHERE clause cannot be sent to Caspio (wrong type for its"
              + " column)",
          e);
    }
    // Null with required: a statement without WHERE, which the API sends as "every record".
    return w;
  }

  /** The body of an UPDATE: constants, parameters, or (key modes) the values in {@code row}. */
  private static Map<String, Object> assignedValues(
      WriteSpec spec, IntFunction<Object> params, Object[] row) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (WriteSpec.Assignment a : spec.assignments()) {
      Object v =
          a.input() >= 0 ? row[a.input()] : a.param() >= 0 ? params.apply(a.param()) : a.constant();
      values.put(a.column().name(), WriteValues.toRequest(a.column(), v));
    }
    return values;
  }

  // ---------------------------------------------------------------- INSERT

  private static long insert(DataContext root, WriteSpec spec, Enumerable<Object[]> rows) {
    CaspioTable table = spec.table();
    CaspioWrites writes = table.writes();
    writes.checkWritable("INSERT into " + table.caspioName());
    long sequence = writes.nextInsertSequence();
    // All rows are computed and converted before the first POST: a bad value then fails the
    // statement with nothing written, and INSERT ... SELECT from the same table cannot read the
    // rows it is adding (which paging through a growing table would do, forever).
    List<Map<String, Object>> bodies = new ArrayList<>();
    try (Enumerator<Object[]> e = rows.enumerator()) {
      while (e.moveNext()) {
        checkCancel(root);
        bodies.add(body(spec, e.current()));
      }
      InsertBatch pending = writes.insertBatch();
      if (pending == null || !pending.takes(table)) {
        // Refuse up front what the budget cannot send whole: one call per row, or per bulk.
        int perCall = Math.max(1, table.api().insertBatchLimit());
        table
            .api()
            .requireCalls(
                (bodies.size() + perCall - 1) / perCall, "INSERT into " + table.caspioName());
      }
    } catch (RuntimeException | Error x) {
      // Nothing was sent; the sequence still ends here, so the next INSERT's keys are its own.
      writes.setLastInsert(new CaspioWrites.InsertResult(sequence, List.of()));
      throw x;
    }
    InsertBatch batch = writes.insertBatch();
    if (batch != null && batch.takes(table)) {
      // The batch sends these rows with its other entries' in bulk; see InsertBatch.
      batch.add(table, writes, bodies);
      writes.setLastInsert(new CaspioWrites.InsertResult(sequence, List.of()));
      return bodies.size();
    }
    InsertRun run = new InsertRun(bodies.size());
    if (table.api().insertBatchLimit() > 1) {
      BulkInserts.send(
          table.api(),
          table.kind(),
          table.caspioName(),
          bodies,
          0,
          run,
          writes,
          () -> cancelled(root));
    } else {
      RowInserts.send(table, bodies, run, writes, () -> cancelled(root));
    }
    List<Map<String, Object>> written = run.writtenRows();
    writes.setLastInsert(new CaspioWrites.InsertResult(sequence, written));
    CaspioException error = run.error();
    if (error != null) {
      throw new CaspioWriteException(
          error,
          "INSERT into "
              + table.caspioName()
              + " failed: "
              + sentence(error.getMessage())
              + " "
              + summary(run.outcomes, "row"),
          run.outcomes,
          written.size(),
          written);
    }
    return written.size();
  }

  /** The POST body: every writable field with a value; generated fields are never sent. */
  private static Map<String, Object> body(WriteSpec spec, Object[] row) {
    Map<String, Object> body = new LinkedHashMap<>();
    List<CaspioColumn> columns = spec.columns();
    for (int i = 0; i < columns.size(); i++) {
      CaspioColumn c = columns.get(i);
      if (c.field() == null || !c.field().writable()) {
        continue;
      }
      // Leaving a field out stores it empty, as an explicit null would; sending only what has a
      // value keeps Caspio's own handling of absent fields (Yes/No shows false).
      Object v = WriteValues.toRequest(c, row[i]);
      if (v != null) {
        body.put(c.name(), v);
      }
    }
    return body;
  }

  // ---------------------------------------------------------------- UPDATE/DELETE by keys

  private static long byKeys(DataContext root, WriteSpec spec, Enumerable<Object[]> rows) {
    CaspioTable table = spec.table();
    CaspioWrites writes = table.writes();
    boolean update = spec.mode() == WriteSpec.Mode.UPDATE_KEYS;
    String what = (update ? "UPDATE of " : "DELETE from ") + table.caspioName();
    writes.checkWritable(what);
    IntFunction<Object> params = i -> root.get("?" + i);
    // Rows with equal new values share requests; with constant SET values that is one group.
    Map<Map<String, Object>, List<Object>> groups = new LinkedHashMap<>();
    try (Enumerator<Object[]> e = rows.enumerator()) {
      while (e.moveNext()) {
        Object[] row = e.current();
        Map<String, Object> values = update ? assignedValues(spec, params, row) : Map.of();
        groups.computeIfAbsent(values, k -> new ArrayList<>()).add(row[0]);
        checkCancel(root);
      }
    }
    String guard = render(spec.where(), params, false);
    List<Runnable> requests = new ArrayList<>();
    long[] count = {0};
    for (Map.Entry<Map<String, Object>, List<Object>> g : groups.entrySet()) {
      for (String where : KeyLists.of(table, g.getValue(), guard)) {
        addSends(
            requests,
            writes,
            update
                ? updates(table, where, g.getKey())
                : List.of(
                    () -> table.api().delete(table.kind(), table.caspioName(), where).count()),
            count);
      }
    }
    table.api().requireCalls(requests.size(), what);
    sendInOrder(root, what, requests, count);
    return count[0];
  }

  /**
   * Sends the requests one at a time, nothing after the first failure; when more than one was
   * planned, the failure says which were sent and how many records were changed.
   */
  private static void sendInOrder(
      DataContext root, String what, List<Runnable> requests, long[] count) {
    List<Outcome> outcomes = new ArrayList<>();
    Failure failure = new Failure();
    for (int i = 0; i < requests.size(); i++) {
      if (failure.error != null) {
        outcomes.add(Outcome.NOT_SENT);
        continue;
      }
      try {
        checkCancel(root);
        requests.get(i).run();
        outcomes.add(Outcome.WRITTEN);
      } catch (CaspioException x) {
        outcomes.add(
            x.kind() == ErrorKind.UNKNOWN_OUTCOME
                ? Outcome.UNKNOWN
                : x.kind() == ErrorKind.CANCELLED ? Outcome.NOT_SENT : Outcome.FAILED);
        failure.note(i, x);
      }
    }
    if (failure.error != null) {
      if (requests.size() == 1) {
        throw failure.error; // Nothing partial to describe.
      }
      throw new CaspioWriteException(
          failure.error,
          what
              + " failed: "
              + sentence(failure.error.getMessage())
              + " "
              + summary(outcomes, "request")
              + "; "
              + count[0]
              + " records were changed",
          outcomes,
          count[0],
          List.of());
    }
  }

  // ---------------------------------------------------------------- common

  /** A message as a sentence: ending in one full stop, whether or not it had one. */
  private static String sentence(String message) {
    String m = message == null ? "" : message.strip();
    return m.endsWith(".") ? m : m + ".";
  }

  private static String summary(List<Outcome> outcomes, String unit) {
    StringBuilder b = new StringBuilder();
    for (Outcome o : Outcome.values()) {
      String ranges = ranges(outcomes, o);
      if (!ranges.isEmpty()) {
        if (b.length() > 0) {
          b.append("; ");
        }
        b.append(label(o))
            .append(' ')
            .append(unit)
            .append(ranges.contains(",") || ranges.contains("-") ? "s " : " ")
            .append(ranges);
      }
    }
    return b.toString();
  }

  private static String label(Outcome o) {
    return switch (o) {
      case WRITTEN -> "written:";
      case FAILED -> "failed:";
      case UNKNOWN -> "outcome unknown (not retried):";
      case NOT_SENT -> "not sent:";
    };
  }

  /** 1-based ranges of positions with the outcome, e.g. {@code 1-3,5}. */
  static String ranges(List<Outcome> outcomes, Outcome wanted) {
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (i < outcomes.size()) {
      if (outcomes.get(i) != wanted) {
        i++;
        continue;
      }
      int j = i;
      while (j + 1 < outcomes.size() && outcomes.get(j + 1) == wanted) {
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

  private static boolean cancelled(DataContext root) {
    Object flag = root.get(DataContext.Variable.CANCEL_FLAG.camelName);
    return flag instanceof AtomicBoolean b && b.get();
  }

  private static void checkCancel(DataContext root) {
    if (cancelled(root)) {
      throw cancelledError();
    }
  }

  private static CaspioException cancelledError() {
    return new CaspioException(ErrorKind.CANCELLED, "The statement was cancelled", null);
  }

  /** The failure to report: the one of the earliest row or request. */
  private static final class Failure {
    private CaspioException error;
    private int position = Integer.MAX_VALUE;

    void note(int at, CaspioException e) {
      if (error == null || at < position) {
        error = e;
        position = at;
      }
    }
  }
}
