/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import java.util.List;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A join input as the narrowing rules ({@link JoinReduction}, {@link KeyListRule}) see it: a Caspio
 * read, optionally under a local filter that re-checks what Caspio only approximates.
 *
 * @param caspio the read whose request is narrowed
 * @param filter the local filter above it, kept above the narrowed read
 */
record JoinSide(CaspioRel caspio, @Nullable LogicalFilter filter) {

  /** Whether a rule operand may be a join side; {@link #of} decides. */
  static boolean candidate(RelNode r) {
    return r instanceof CaspioRel || r instanceof LogicalFilter;
  }

  /**
   * Whether a join of this type may drop rows of its left (or right) input that find no partner
   * before joining: never a side whose unmatched rows are kept.
   */
  static boolean narrowable(JoinRelType type, boolean left) {
    return left
        ? type == JoinRelType.INNER || type == JoinRelType.RIGHT || type == JoinRelType.SEMI
        : type == JoinRelType.INNER
            || type == JoinRelType.LEFT
            || type == JoinRelType.SEMI
            || type == JoinRelType.ANTI;
  }

  static @Nullable JoinSide of(RelNode r) {
    if (r instanceof CaspioRel c) {
      return new JoinSide(c, null);
    }
    if (r instanceof LogicalFilter f && f.getInput() instanceof RelSubset subset) {
      // A filtered read's conditions are pushed, with a local re-check above: the pushed rows are a
      // superset of the filter's, which is all a narrowing needs.
      CaspioRel best = null;
      for (RelNode n : subset.getRelList()) {
        if (n instanceof CaspioRel c
            && (best == null
                || c.spec().where().conjuncts().size() > best.spec().where().conjuncts().size())) {
          best = c;
        }
      }
      return best == null ? null : new JoinSide(best, f);
    }
    return null;
  }

  /** This side with its read replaced by a Caspio operator with the narrowed spec. */
  RelNode with(ScanSpec narrowed, String operation, double rowFactor) {
    return with(
        new CaspioOperator(
            caspio.getCluster(),
            caspio.getTraitSet(),
            caspio,
            caspio.getRowType(),
            operation,
            narrowed,
            rowFactor));
  }

  /** This side with its read replaced by {@code read}, under the same local filter. */
  RelNode with(RelNode read) {
    return filter == null ? read : filter.copy(filter.getTraitSet(), List.of(read));
  }
}
