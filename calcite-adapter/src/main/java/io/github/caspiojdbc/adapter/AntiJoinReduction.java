/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Anti-join reduction: {@code NOT EXISTS} reaches the planner as {@code a LEFT JOIN b} kept only
 * where a never-null field of {@code b} is NULL, i.e. the rows of {@code a} without a partner. When
 * {@code b}'s keys are exactly the keys of a Caspio read, {@code a}'s read gets {@code k IS NULL OR
 * k NOT IN (SELECT k FROM b WHERE k IS NOT NULL AND …)} and drops the rows that surely have a
 * partner. The join and the NULL test stay local.
 *
 * <p>Unlike the semi-join case ({@link JoinReduction}) a looser match in Caspio would drop rows
 * that must stay, so only exact conditions qualify: number and date-time keys (text compares
 * case-insensitively there), a single {@code =} as the whole join condition, and conditions of
 * {@code b} that Caspio evaluates exactly, with nothing re-checked above them.
 */
final class AntiJoinReduction extends RelRule<RuleConfig> {

  /**
   * The rule, in three shapes that differ only in what they wait for on the right: any input, or a
   * Caspio read under a projection (and a grouping), so that the rule fires again when that read is
   * found deep in the right input after the join was first seen. Registered by every
   * pushdown-enabled scan.
   */
  static final List<RelOptRule> RULES =
      List.of(
          rule("CaspioAntiJoinReductionRule", b -> b.operand(RelNode.class).anyInputs()),
          rule(
              "CaspioAntiJoinReductionRule:project",
              b ->
                  b.operand(LogicalProject.class)
                      .oneInput(b1 -> b1.operand(CaspioRel.class).anyInputs())),
          rule(
              "CaspioAntiJoinReductionRule:aggregate",
              b ->
                  b.operand(LogicalProject.class)
                      .oneInput(
                          b1 ->
                              b1.operand(LogicalAggregate.class)
                                  .oneInput(b2 -> b2.operand(CaspioRel.class).anyInputs()))));

  private static RelOptRule rule(String description, RelRule.OperandTransform right) {
    return RuleConfig.of(
            description,
            b0 ->
                b0.operand(LogicalFilter.class)
                    .oneInput(
                        b1 ->
                            b1.operand(LogicalJoin.class)
                                .predicate(j -> j.getJoinType() == JoinRelType.LEFT)
                                .inputs(
                                    b2 ->
                                        b2.operand(RelNode.class)
                                            .predicate(r -> r instanceof CaspioRel)
                                            .anyInputs(),
                                    right)),
            AntiJoinReduction::new)
        .toRule();
  }

  /** How deep the walk from the join's right input down to a Caspio read may go. */
  private static final int MAX_DEPTH = 12;

  private AntiJoinReduction(RuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalFilter filter = call.rel(0);
    LogicalJoin join = call.rel(1);
    CaspioRel left = call.rel(2);
    int leftCount = join.getLeft().getRowType().getFieldCount();
    if (!keepsOnlyUnmatched(filter.getCondition(), join, leftCount)) {
      return;
    }
    JoinInfo info = join.analyzeCondition();
    if (info.leftKeys.size() != 1 || !info.isEqui() || !info.nullExclusionFlags.get(0)) {
      return;
    }
    KeyOrigin source = keySource(join.getRight(), info.rightKeys.get(0), 0, new HashSet<>());
    ScanSpec t = left.spec();
    if (source == null || !t.table().pushdown() || !t.acceptsFilter()) {
      return;
    }
    ScanSpec s = source.caspio.spec();
    ScanSpec.Output tk = t.outputs().get(info.leftKeys.get(0));
    ScanSpec.Output sk = s.outputs().get(source.key);
    if (t.table().api() != s.table().api() || !KeySubquery.exactlyComparable(tk, sk)) {
      return;
    }
    WhereTemplate.Conjunct c = KeySubquery.notIn(tk, s, sk, s.where().conjuncts());
    if (t.where().conjuncts().contains(c)) {
      return;
    }
    ScanSpec reduced = t.withWhere(new WhereTemplate(List.of(c)));
    if (!t.table().api().fits(CaspioReader.estimateQuery(reduced))) {
      return;
    }
    RelNode op = new JoinSide(left, null).with(reduced, "reduce", JoinReduction.ROW_FACTOR);
    RelNode newJoin = join.copy(join.getTraitSet(), List.of(op, join.getRight()));
    call.transformTo(filter.copy(filter.getTraitSet(), List.of(newJoin)));
  }

  /** Whether one conjunct is {@code IS NULL} of a right-side field that is never null itself. */
  private static boolean keepsOnlyUnmatched(RexNode condition, LogicalJoin join, int leftCount) {
    for (RexNode c : RelOptUtil.conjunctions(condition)) {
      if (c.getKind() == SqlKind.IS_NULL
          && ((RexCall) c).getOperands().get(0) instanceof RexInputRef ref
          && ref.getIndex() >= leftCount
          && !join.getRight()
              .getRowType()
              .getFieldList()
              .get(ref.getIndex() - leftCount)
              .getType()
              .isNullable()) {
        return true;
      }
    }
    return false;
  }

  /** A Caspio read and the field whose values are exactly the right input's key values. */
  private record KeyOrigin(CaspioRel caspio, int key) {}

  /**
   * Walks from the join's right input to a Caspio read through what keeps the set of key values:
   * projections of the key, groupings on it, and {@code IS NOT NULL} of it (NULL never matches).
   * The read must select exactly the rows its spec says: no re-checked conditions.
   */
  private static @Nullable KeyOrigin keySource(RelNode r, int key, int depth, Set<String> visited) {
    if (depth > MAX_DEPTH) {
      return null;
    }
    if (r instanceof RelSubset subset) {
      if (!visited.add(subset.getId() + ":" + key)) {
        return null; // Already walked from here without success.
      }
      for (RelNode n : subset.getRelList()) {
        KeyOrigin s = keySource(n, key, depth + 1, visited);
        if (s != null) {
          return s;
        }
      }
      return null;
    }
    if (r instanceof CaspioRel c) {
      ScanSpec spec = c.spec();
      if (spec.aggregated() || spec.fetch() >= 0 || spec.offset() > 0) {
        return null;
      }
      for (WhereTemplate.Conjunct conj : spec.where().conjuncts()) {
        if (conj.droppable()) {
          return null;
        }
      }
      return new KeyOrigin(c, key);
    }
    if (r instanceof LogicalProject p) {
      return p.getProjects().get(key) instanceof RexInputRef ref
          ? keySource(p.getInput(), ref.getIndex(), depth + 1, visited)
          : null;
    }
    if (r instanceof LogicalAggregate a) {
      List<Integer> group = a.getGroupSet().asList();
      return key < group.size() && a.getGroupType() == LogicalAggregate.Group.SIMPLE
          ? keySource(a.getInput(), group.get(key), depth + 1, visited)
          : null;
    }
    if (r instanceof LogicalFilter f) {
      RexNode cond = f.getCondition();
      return cond.getKind() == SqlKind.IS_NOT_NULL
              && ((RexCall) cond).getOperands().get(0) instanceof RexInputRef ref
              && ref.getIndex() == key
          ? keySource(f.getInput(), key, depth + 1, visited)
          : null;
    }
    return null;
  }
}
