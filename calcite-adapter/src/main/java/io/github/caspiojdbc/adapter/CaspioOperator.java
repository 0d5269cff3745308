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
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A filter, projection, sort or aggregate that Caspio evaluates, described only by the spec it
 * produces. It deliberately is not a Calcite {@code Filter} or {@code Project}: a pushed text
 * filter selects a superset of rows (Caspio's collation ignores case), and Calcite must not infer
 * facts from it that would let it drop the local re-check above.
 */
public final class CaspioOperator extends SingleRel implements CaspioRel {

  private final String operation;
  private final ScanSpec spec;
  private final double rowFactor;

  CaspioOperator(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelNode input,
      RelDataType rowType,
      String operation,
      ScanSpec spec,
      double rowFactor) {
    super(cluster, traits, input);
    this.rowType = rowType;
    this.operation = operation;
    this.spec = spec;
    this.rowFactor = rowFactor;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new CaspioOperator(
        getCluster(), traitSet, sole(inputs), rowType, operation, spec, rowFactor);
  }

  @Override
  protected RelDataType deriveRowType() {
    return rowType;
  }

  @Override
  public ScanSpec spec() {
    return spec;
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return Math.max(1, mq.getRowCount(getInput()) * rowFactor);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // Small factors so that a plan doing the work in Caspio beats the same work done locally.
    return planner.getCostFactory().makeCost(estimateRowCount(mq), 0, 0).multiplyBy(0.01);
  }

  /** Equal when the spec is: see {@link ScanSpec#sameNode}. */
  @Override
  public boolean deepEquals(Object obj) {
    return ScanSpec.sameNode(this, spec, obj, o -> ((CaspioOperator) o).spec);
  }

  @Override
  public int deepHashCode() {
    return ScanSpec.nodeHash(this, spec);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item(operation, spec.describe());
  }
}
