/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * An UPDATE or DELETE that Caspio executes whole: one PUT or DELETE whose {@code q.where} is the
 * statement's WHERE (exact, so no row is read first) and whose body holds constants and parameters.
 * A leaf: nothing is read.
 */
public final class CaspioWhereModify extends AbstractRelNode implements EnumerableRel {

  private final WriteSpec spec;

  CaspioWhereModify(
      RelOptCluster cluster, RelTraitSet traits, RelDataType rowType, WriteSpec spec) {
    super(cluster, traits);
    this.rowType = rowType;
    this.spec = spec;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new CaspioWhereModify(getCluster(), traitSet, rowType, spec);
  }

  @Override
  protected RelDataType deriveRowType() {
    return rowType;
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return 1;
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // One request and nothing read: always cheaper than reading the rows first.
    return planner.getCostFactory().makeZeroCost();
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("request", spec.describe());
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder block = new BlockBuilder();
    block.add(
        Expressions.return_(
            null,
            Expressions.call(
                CaspioWriter.class,
                "writeWhere",
                DataContext.ROOT,
                implementor.stash(spec, Object.class))));
    PhysType physType =
        PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.SCALAR);
    return implementor.result(physType, block.toBlock());
  }
}
