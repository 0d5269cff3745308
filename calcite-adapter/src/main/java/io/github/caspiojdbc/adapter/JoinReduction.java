/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Semi-join reduction: when one input of an equi-join is a Caspio read with a pushed {@code
 * q.where}, the other input's read gets {@code Key IN (SELECT Key FROM Other WHERE …)}, so that it
 * returns only rows that can find a partner instead of the whole table.
 *
 * <p>The join itself stays local and unchanged: a reduction only removes rows the join would drop
 * anyway, so the result is exact even where Caspio compares more loosely than Calcite (text ignores
 * case and trailing blanks there, which only lets more rows through). Which side may be reduced
 * follows from the join type: both for inner and semi joins, the row-generating side of an outer
 * join only, the inner side of an anti join; never a side whose unmatched rows are kept.
 */
final class JoinReduction extends RelRule<RuleConfig> {

  /** The rule; registered by every pushdown-enabled scan. */
  static final RelOptRule INSTANCE =
      RuleConfig.of(
              "CaspioJoinReductionRule",
              b0 ->
                  b0.operand(LogicalJoin.class)
                      .inputs(
                          b1 ->
                              b1.operand(RelNode.class).predicate(JoinReduction::side).anyInputs(),
                          b2 ->
                              b2.operand(RelNode.class).predicate(JoinReduction::side).anyInputs()),
              JoinReduction::new)
          .toRule();

  /** How many rows of the reduced read are expected to remain, relative to the plain read. */
  static final double ROW_FACTOR = 0.5;

  private JoinReduction(RuleConfig config) {
    super(config);
  }

  private static boolean side(RelNode r) {
    return JoinSide.candidate(r);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalJoin join = call.rel(0);
    JoinSide left = JoinSide.of(call.rel(1));
    JoinSide right = JoinSide.of(call.rel(2));
    if (left == null || right == null) {
      return;
    }
    JoinRelType type = join.getJoinType();
    boolean reduceLeft = JoinSide.narrowable(type, true);
    boolean reduceRight = JoinSide.narrowable(type, false);
    JoinInfo info = join.analyzeCondition();
    RelNode newLeft = reduceLeft ? reduce(left, info.leftKeys, right, info.rightKeys, info) : null;
    RelNode newRight =
        reduceRight ? reduce(right, info.rightKeys, left, info.leftKeys, info) : null;
    if (newLeft == null && newRight == null) {
      return;
    }
    call.transformTo(
        join.copy(
            join.getTraitSet(),
            List.of(
                newLeft == null ? join.getLeft() : newLeft,
                newRight == null ? join.getRight() : newRight)));
  }

  /**
   * The target side narrowed by the source side's pushed conditions on the first usable key pair,
   * or null when no pair qualifies or the target already has that reduction.
   */
  static @Nullable RelNode reduce(
      JoinSide target,
      List<Integer> targetKeys,
      JoinSide source,
      List<Integer> sourceKeys,
      JoinInfo info) {
    ScanSpec t = target.caspio().spec();
    ScanSpec s = source.caspio().spec();
    if (!t.table().pushdown()
        || !t.acceptsFilter()
        || s.aggregated()
        || s.fetch() >= 0
        || s.offset() > 0
        || t.table().api() != s.table().api()) {
      return null;
    }
    List<WhereTemplate.Conjunct> own = new ArrayList<>();
    for (WhereTemplate.Conjunct c : s.where().conjuncts()) {
      if (!c.reduction()) {
        own.add(c);
      }
    }
    if (own.isEmpty()) {
      return null; // Nothing narrows the source: the subquery would keep almost every row.
    }
    for (int i = 0; i < targetKeys.size(); i++) {
      if (!info.nullExclusionFlags.get(i)) {
        continue; // IS NOT DISTINCT FROM matches NULL keys, which IN never does.
      }
      ScanSpec.Output tk = t.outputs().get(targetKeys.get(i));
      ScanSpec.Output sk = s.outputs().get(sourceKeys.get(i));
      if (!KeySubquery.usable(tk, sk)) {
        continue;
      }
      WhereTemplate.Conjunct c = KeySubquery.in(tk, s, sk, own);
      if (t.where().conjuncts().contains(c)) {
        return null;
      }
      ScanSpec reduced = t.withWhere(new WhereTemplate(List.of(c)));
      if (!t.table().api().fits(CaspioReader.estimateQuery(reduced))) {
        return null; // Too long for one request: the plain read stays.
      }
      return target.with(reduced, "reduce", ROW_FACTOR);
    }
    return null;
  }
}
