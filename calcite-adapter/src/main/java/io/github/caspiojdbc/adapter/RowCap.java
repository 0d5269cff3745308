/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.rel.RelNode;

/**
 * A statement's {@code setMaxRows(n)} carried to the request, so that only n rows are asked for, as
 * a written {@code LIMIT n} would. Tools such as DBeaver set 200 on every query; without this each
 * of them would fetch a full page of 1,000 rows and drop 800.
 *
 * <p>The cap is an execution's, not a plan's: JDBC lets it change between executions of one
 * prepared statement, so plans stay free of it and the JDBC layer {@linkplain #enter enters} it
 * around each execution. It is applied only to the read whose rows are the statement's rows, one
 * for one and in their order ({@link #markResultRows}): a read under a local filter, a join, an
 * aggregate or a local sort keeps all its rows, since the first n of them need not give the first n
 * results. The JDBC layer still stops the rows at n, so a plan this class leaves alone is exact.
 *
 * <p>A thread-local, as {@code CallScope} is, because Calcite's generated code stands between the
 * statement and the reader; the reader takes it when its execution starts, on the caller's thread.
 */
public final class RowCap implements AutoCloseable {
  private static final ThreadLocal<Long> CURRENT = new ThreadLocal<>();

  private final Long previous;
  private boolean closed;

  private RowCap(Long previous) {
    this.previous = previous;
  }

  /**
   * Makes {@code maxRows} (0 or less for none) the current execution's cap until {@link #close()}.
   */
  public static RowCap enter(long maxRows) {
    RowCap cap = new RowCap(CURRENT.get());
    CURRENT.set(maxRows > 0 ? maxRows : 0L);
    return cap;
  }

  /** The current execution's cap, 0 for none. */
  static long current() {
    Long n = CURRENT.get();
    return n == null ? 0 : n;
  }

  /**
   * The plan with its result-row read marked: the leaf reached from the root through projections
   * alone. Anything else on the way (a filter evaluated locally, a sort, a join, an aggregate, a
   * limit) leaves the plan as it is.
   */
  static RelNode markResultRows(RelNode rel) {
    if (rel instanceof CaspioEnumerableScan scan) {
      return scan.asResultRows();
    }
    if (rel instanceof EnumerableCalc calc && calc.getProgram().getCondition() == null) {
      RelNode input = markResultRows(calc.getInput());
      return input == calc.getInput() ? calc : calc.copy(calc.getTraitSet(), List.of(input));
    }
    return rel;
  }

  /** The most rows a read of {@code spec} should ask for after its offset, -1 for all. */
  static long fetch(ScanSpec spec, long cap) {
    if (cap <= 0) {
      return spec.fetch();
    }
    return spec.fetch() < 0 ? cap : Math.min(spec.fetch(), cap);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }
}
