/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import io.github.caspiojdbc.rest.CaspioApi;
import io.github.caspiojdbc.rest.PagingMode;
import io.github.caspiojdbc.rest.RecordCursor;
import io.github.caspiojdbc.rest.RecordQuery;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Executes a pushed-down read for generated code: binds the statement's parameters into the {@code
 * q.where}, opens a REST cursor when the first row is wanted, and converts each reply row into
 * Calcite's internal values. While the cursor is open it is registered with {@link StatementCancel}
 * under the statement's cancel flag, so that a cancel aborts its request in flight. The only public
 * entry point is {@link #read}.
 */
public final class CaspioReader {

  private CaspioReader() {}

  /**
   * The rows of a Caspio subtree. Called by generated code only.
   *
   * @param root the statement's data context: parameters, timeout and cancel flag
   * @param spec the subtree's {@link ScanSpec}
   * @param scalar whether each row is a single value rather than an array
   * @param resultRows whether the rows are the statement's, so its {@link RowCap} applies
   */
  public static Enumerable<Object> read(
      DataContext root, Object spec, boolean scalar, boolean resultRows) {
    ScanSpec s = (ScanSpec) spec;
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object> enumerator() {
        return new Reader(root, s, scalar, resultRows ? RowCap.current() : 0);
      }
    };
  }

  /** One execution's rows of a spec that does not give the statement's rows. */
  static Enumerator<Object> enumerator(DataContext root, ScanSpec spec, boolean scalar) {
    return new Reader(root, spec, scalar, 0);
  }

  /** The request a spec sends for the given parameter values. */
  static RecordQuery toQuery(
      ScanSpec spec, java.util.function.IntFunction<Object> params, Duration timeout) {
    return toQuery(spec, params, timeout, 0);
  }

  /** The request a spec sends, asking for at most {@code cap} rows after the offset (0: all). */
  static RecordQuery toQuery(
      ScanSpec spec, java.util.function.IntFunction<Object> params, Duration timeout, long cap) {
    String where;
    try {
      where = spec.where().render(params);
    } catch (IllegalArgumentException e) {
      throw new CaspioException(
          ErrorKind.DATA,
          "A parameter value cannot be sent to Caspio (it has the wrong type for its column)",
          e);
    }
    RecordQuery.Builder b = RecordQuery.of(spec.table().kind(), spec.table().caspioName());
    List<String> select = spec.selectItems();
    if (!spec.selectAll() && select.isEmpty()) {
      // Nothing is read from the rows (COUNT(*) computed locally): fetch the narrowest column.
      select = List.of(CaspioTable.PK_ID);
    }
    b.select(dedupe(select)).where(where).groupBy(spec.groupBy()).orderBy(spec.orderBy());
    b.pageSize(spec.table().pageSize());
    long fetch = RowCap.fetch(spec, cap);
    if (fetch >= 0) {
      b.maxRows(spec.offset() + fetch);
    }
    if (spec.aggregated() && spec.groupBy() == null) {
      b.paging(PagingMode.SINGLE);
    }
    if (timeout != null) {
      b.timeout(timeout);
    }
    RecordQuery query = b.build();
    if (spec.selectAll() && starMayLackKey(spec)) {
      // v2 samples never show PK_ID in select * rows (caspio-api.md section 9 item 7), and both
      // the PK_ID column and keyset paging need it: name every column instead of "*", unless a
      // table is so wide that the names would not fit in the URI; "*" is then the only request
      // that can be sent, and a reply without PK_ID is refused as a malformed row.
      RecordQuery named =
          query.toBuilder()
              .select(
                  dedupe(
                      spec.outputs().stream()
                          .map(ScanSpec.Output::selectItem)
                          .filter(Objects::nonNull)
                          .toList()))
              .build();
      if (spec.table().api().fits(named)) {
        return named;
      }
    }
    return query;
  }

  /** The request a spec sends, with parameters shown as {@code ?}, for EXPLAIN. */
  static RecordQuery explainQuery(ScanSpec spec) {
    return toQuery(spec, i -> null, null).toBuilder().where(spec.where().describe()).build();
  }

  /**
   * The request a spec would send with long parameter values, for planning against the URI limit.
   * Parameters of re-checked conjuncts can be dropped at execution if they turn out longer.
   */
  static RecordQuery estimateQuery(ScanSpec spec) {
    String where = spec.where().describe();
    RecordQuery q = toQuery(spec, i -> null, null);
    return q.toBuilder()
        .where(where == null ? null : where.replace("?", "N'" + "x".repeat(40) + "'"))
        .build();
  }

  /** Whether a {@code select *} of this spec's table might come back without {@code PK_ID}. */
  private static boolean starMayLackKey(ScanSpec spec) {
    return spec.table().kind() == io.github.caspiojdbc.rest.ObjectKind.TABLE
        && !spec.table().api().starRowsCarryKey();
  }

  private static List<String> dedupe(List<String> items) {
    return items.stream().distinct().toList();
  }

  /** Reads one execution's rows. */
  private static final class Reader implements Enumerator<Object> {
    private final DataContext root;
    private final ScanSpec spec;
    private final boolean scalar;
    private final AtomicBoolean cancelFlag;

    /** The statement's row cap when this read gives its rows, else 0. */
    private final long cap;

    private RecordCursor cursor;
    private int[] positions;
    private long skipped;
    private Object current;

    Reader(DataContext root, ScanSpec spec, boolean scalar, long cap) {
      this.root = root;
      this.spec = spec;
      this.scalar = scalar;
      this.cap = cap;
      Object flag = root.get(DataContext.Variable.CANCEL_FLAG.camelName);
      this.cancelFlag = flag instanceof AtomicBoolean b ? b : new AtomicBoolean();
    }

    @Override
    public Object current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      if (cancelFlag.get()) {
        if (cursor != null) {
          cursor.cancel();
        }
        throw new CaspioException(ErrorKind.CANCELLED, "The statement was cancelled", null);
      }
      if (cursor == null) {
        open();
      }
      while (nextRaw()) {
        if (skipped < spec.offset()) {
          skipped++;
          continue;
        }
        current = convert(cursor.current());
        return true;
      }
      return false;
    }

    /**
     * The query, with re-checked conjuncts left out (longest first) while it exceeds Caspio's URI
     * limit; long parameter values can make a planned request too long.
     */
    private RecordQuery fitting(RecordQuery q, Duration timeout) {
      CaspioApi api = spec.table().api();
      if (api.fits(q)) {
        return q;
      }
      java.util.Set<WhereTemplate.Conjunct> dropped = new java.util.HashSet<>();
      java.util.List<WhereTemplate.Conjunct> droppable = new java.util.ArrayList<>();
      for (WhereTemplate.Conjunct c : spec.where().conjuncts()) {
        if (c.droppable()) {
          droppable.add(c);
        }
      }
      for (WhereTemplate.Conjunct c : droppable) {
        dropped.add(c);
        String where = spec.where().render(i -> root.get("?" + i), k -> !dropped.contains(k));
        RecordQuery smaller = q.toBuilder().where(where).build();
        if (api.fits(smaller)) {
          return smaller;
        }
      }
      throw new CaspioException(
          ErrorKind.UNSUPPORTED,
          "The request for "
              + spec.table().caspioName()
              + " would exceed Caspio's limit of "
              + CaspioApi.MAX_URI_LENGTH
              + " characters even with approximate conditions evaluated locally;"
              + " shorten the long values or IN lists in the WHERE clause",
          null);
    }

    /** The cursor's next row; a cancel that aborted a request surfaces as CANCELLED. */
    private boolean nextRaw() {
      try {
        return cursor.next();
      } catch (CaspioException e) {
        if (cancelFlag.get() && e.kind() != ErrorKind.CANCELLED) {
          throw new CaspioException(ErrorKind.CANCELLED, "The statement was cancelled", e);
        }
        throw e;
      }
    }

    private void open() {
      Object t = root.get(DataContext.Variable.TIMEOUT.camelName);
      Duration timeout = t instanceof Long ms && ms > 0 ? Duration.ofMillis(ms) : null;
      RecordQuery q = fitting(toQuery(spec, i -> root.get("?" + i), timeout, cap), timeout);
      cursor = spec.table().api().query(q);
      // Registered before the flag is checked: a cancel either finds this cursor or is seen here.
      StatementCancel.opened(cancelFlag, cursor);
      if (cancelFlag.get()) {
        cursor.cancel();
      }
    }

    private Object convert(Object[] raw) {
      if (positions == null) {
        positions = positions(cursor.columns());
      }
      List<ScanSpec.Output> outputs = spec.outputs();
      Object[] row = new Object[outputs.size()];
      for (int i = 0; i < row.length; i++) {
        int p = positions[i];
        Object value = p < 0 || p >= raw.length ? null : raw[p];
        try {
          row[i] = outputs.get(i).kind().toInternal(value);
        } catch (IllegalArgumentException | ArithmeticException e) {
          throw new CaspioException(
              ErrorKind.REMOTE,
              "Caspio returned a value of the wrong type for column "
                  + outputs.get(i).key()
                  + " of "
                  + spec.table().caspioName()
                  + ": "
                  + e.getMessage(),
              e);
        }
      }
      return scalar ? row[0] : row;
    }

    /** Where each output's value sits in the reply rows; names match regardless of case. */
    private int[] positions(List<String> columns) {
      Map<String, Integer> byName = new HashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        byName.putIfAbsent(columns.get(i).toUpperCase(Locale.ROOT), i);
      }
      List<ScanSpec.Output> outputs = spec.outputs();
      int[] pos = new int[outputs.size()];
      for (int i = 0; i < pos.length; i++) {
        Integer p = byName.get(outputs.get(i).key().toUpperCase(Locale.ROOT));
        if (p == null && !columns.isEmpty() && outputs.get(i).selectItem() != null) {
          throw new CaspioException(
              ErrorKind.REMOTE,
              "Caspio's reply for "
                  + spec.table().caspioName()
                  + " lacks the column "
                  + outputs.get(i).key()
                  + "; the table may have changed, reconnect to reload its fields",
              null);
        }
        // A write-only column reads NULL even if a reply were to carry a value for it.
        pos[i] = p == null || outputs.get(i).selectItem() == null ? -1 : p;
      }
      return pos;
    }

    @Override
    public void reset() {
      close();
      cursor = null;
      positions = null;
      skipped = 0;
    }

    @Override
    public void close() {
      if (cursor != null) {
        StatementCancel.closed(cancelFlag, cursor);
        cursor.close();
      }
    }
  }
}
