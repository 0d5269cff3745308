/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Key lists, the fallback of {@link JoinReduction}: when the other input of an equi-join cannot be
 * written as a Caspio subquery (it is a {@code LIMIT}, a grouping, {@code VALUES}, a filter Caspio
 * cannot evaluate, or a subquery too long for one request) but is expected to be clearly smaller,
 * that input is read first and a Caspio read on this side asks only for its keys ({@link
 * CaspioKeyedScan}). Whether the keys are sent is decided when the statement runs, by calls.
 *
 * <p>The join stays local and unchanged, so the result is exact for the same reasons as a
 * reduction's: the lists only remove rows that find no partner, and Caspio's looser text comparison
 * only lets more rows through. Keys are numbers of one exact kind or text; not Yes/No (an unset one
 * may be shown as false), floating numbers or date-times, whose written literal might not match the
 * stored value exactly.
 */
final class KeyListRule extends RelRule<RuleConfig> {

  /** The rule, with the narrowed read on the left and on the right. */
  static final List<RelOptRule> RULES = List.of(rule(true), rule(false));

  /**
   * How much smaller than this side the other input must be expected to be: reading it first holds
   * its rows for the join, worth it only when they are few.
   */
  private static final double SMALLER = 0.5;

  /**
   * The narrowed read's expected rows relative to the plain read: above a subquery reduction's
   * ({@link JoinReduction}), which needs no first read, so that it wins wherever both apply.
   */
  private static final double ROW_FACTOR = 0.6;

  private final boolean targetLeft;

  private KeyListRule(RuleConfig config, boolean targetLeft) {
    super(config);
    this.targetLeft = targetLeft;
  }

  private static RelOptRule rule(boolean targetLeft) {
    return RuleConfig.of(
            "CaspioKeyListRule:" + (targetLeft ? "left" : "right"),
            b0 ->
                b0.operand(LogicalJoin.class)
                    .inputs(
                        b1 ->
                            targetLeft
                                ? b1.operand(RelNode.class)
                                    .predicate(JoinSide::candidate)
                                    .anyInputs()
                                : b1.operand(RelNode.class).anyInputs(),
                        b2 ->
                            targetLeft
                                ? b2.operand(RelNode.class).anyInputs()
                                : b2.operand(RelNode.class)
                                    .predicate(JoinSide::candidate)
                                    .anyInputs()),
            c -> new KeyListRule(c, targetLeft))
        .toRule();
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalJoin join = call.rel(0);
    JoinSide target = JoinSide.of(call.rel(targetLeft ? 1 : 2));
    if (target == null || !JoinSide.narrowable(join.getJoinType(), targetLeft)) {
      return;
    }
    ScanSpec t = target.caspio().spec();
    if (!t.table().pushdown()
        || !t.acceptsFilter()
        || t.where().conjuncts().stream().anyMatch(WhereTemplate.Conjunct::reduction)) {
      return;
    }
    RelNode source = join.getInput(targetLeft ? 1 : 0);
    JoinInfo info = join.analyzeCondition();
    List<Integer> targetKeys = targetLeft ? info.leftKeys : info.rightKeys;
    List<Integer> sourceKeys = targetLeft ? info.rightKeys : info.leftKeys;
    if (subqueryNarrows(target, targetKeys, source, sourceKeys, info) || narrowedOnly(source)) {
      return;
    }
    RelMetadataQuery mq = call.getMetadataQuery();
    double sourceRows = mq.getRowCount(source);
    double targetRows = mq.getRowCount(target.caspio());
    if (sourceRows > targetRows * SMALLER) {
      return;
    }
    RelDataType sourceType = source.getRowType();
    for (int i = 0; i < targetKeys.size(); i++) {
      ScanSpec.Output key = t.outputs().get(targetKeys.get(i));
      SqlTypeName type =
          target
              .caspio()
              .getRowType()
              .getFieldList()
              .get(targetKeys.get(i))
              .getType()
              .getSqlTypeName();
      SqlTypeName other =
          sourceType.getFieldList().get(sourceKeys.get(i)).getType().getSqlTypeName();
      if (!info.nullExclusionFlags.get(i) || !listable(key) || type != other) {
        continue;
      }
      String link = "input#" + source.getId();
      RelTraitSet enumerable = join.getTraitSet().replace(EnumerableConvention.INSTANCE);
      RelNode spool =
          new KeySpool(join.getCluster(), enumerable, convert(source, enumerable), link);
      RelNode keyed =
          new CaspioKeyedScan(
              join.getCluster(),
              target.caspio().getTraitSet().replace(EnumerableConvention.INSTANCE),
              target.caspio().getRowType(),
              t,
              new KeyList(link, sourceKeys.get(i), KeySubquery.name(key.key()), type),
              Math.max(1, targetRows * ROW_FACTOR));
      RelNode narrowed = target.with(keyed);
      call.transformTo(
          join.copy(
              join.getTraitSet(),
              targetLeft ? List.of(narrowed, spool) : List.of(spool, narrowed)));
      return;
    }
  }

  /** Whether a key can be sent as a list of literals that match every row Calcite would join. */
  private static boolean listable(ScanSpec.Output key) {
    ColumnKind k = key.kind();
    return key.field()
        && key.filterable()
        && (k == ColumnKind.INTEGER
            || k == ColumnKind.BIGINT
            || k == ColumnKind.DECIMAL
            || k == ColumnKind.VARCHAR);
  }

  /**
   * Whether the source is a Caspio read narrowed by nothing but reductions: its keys then come from
   * this side's own rows, and sending them back would remove nothing.
   */
  private static boolean narrowedOnly(RelNode source) {
    List<RelNode> forms = source instanceof RelSubset s ? s.getRelList() : List.of(source);
    for (RelNode form : forms) {
      if (form instanceof CaspioRel c
          && !c.spec().where().isEmpty()
          && c.spec().where().conjuncts().stream().allMatch(WhereTemplate.Conjunct::reduction)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@link JoinReduction} narrows the target from some form of the source already. */
  private static boolean subqueryNarrows(
      JoinSide target,
      List<Integer> targetKeys,
      RelNode source,
      List<Integer> sourceKeys,
      JoinInfo info) {
    List<RelNode> forms = source instanceof RelSubset s ? s.getRelList() : List.of(source);
    for (RelNode form : forms) {
      JoinSide side = JoinSide.candidate(form) ? JoinSide.of(form) : null;
      if (side != null
          && JoinReduction.reduce(target, targetKeys, side, sourceKeys, info) != null) {
        return true;
      }
    }
    return false;
  }
}
