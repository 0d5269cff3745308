/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/** A read of all records of a Caspio table or view; the leaf of every Caspio subtree. */
public final class CaspioTableScan extends TableScan implements CaspioRel {

  private final CaspioTable caspioTable;

  /** A condition every request of this read carries ({@link RawWhere}); empty for a plain read. */
  private final WhereTemplate fixed;

  CaspioTableScan(
      RelOptCluster cluster, RelTraitSet traitSet, RelOptTable table, CaspioTable caspioTable) {
    this(cluster, traitSet, table, caspioTable, WhereTemplate.empty());
  }

  CaspioTableScan(
      RelOptCluster cluster,
      RelTraitSet traitSet,
      RelOptTable table,
      CaspioTable caspioTable,
      WhereTemplate fixed) {
    super(cluster, traitSet, List.of(), table);
    this.caspioTable = caspioTable;
    this.fixed = fixed;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return this;
  }

  @Override
  public void register(RelOptPlanner planner) {
    planner.addRule(CaspioRules.TO_ENUMERABLE);
    // UPDATE and DELETE read their target through a scan; INSERT registers via its own node.
    CaspioModifyRule.RULES.forEach(planner::addRule);
    if (caspioTable.pushdown()) {
      for (RelOptRule rule : CaspioRules.PUSHDOWN) {
        planner.addRule(rule);
      }
      planner.addRule(JoinReduction.INSTANCE);
      AntiJoinReduction.RULES.forEach(planner::addRule);
      KeyListRule.RULES.forEach(planner::addRule);
    }
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    // A table macro's table is named after the function: the object read is in the terms, so that
    // EXPLAIN and the planner tell two caspio_where reads apart by more than their conditions.
    return super.explainTerms(pw)
        .itemIf("of", caspioTable.caspioName(), !fixed.isEmpty())
        .itemIf("where", fixed, !fixed.isEmpty());
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // The transfer is charged by the converter above, which sees what is really fetched.
    return planner.getCostFactory().makeTinyCost();
  }

  @Override
  public ScanSpec spec() {
    return ScanSpec.of(caspioTable, caspioTable.columns()).withWhere(fixed);
  }
}
