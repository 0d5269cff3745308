/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * An executable leaf that reads one Caspio table or view: the plain read ({@link
 * CaspioEnumerableScan}) and the read narrowed by another input's keys ({@link CaspioKeyedScan}).
 * Both cost what crosses the network, and both name the object they read for {@link LocalFilters}.
 */
abstract class CaspioLeaf extends AbstractRelNode implements EnumerableRel {

  /** The request, without what an execution adds. */
  final ScanSpec spec;

  /** The rows the planner expects. */
  final double rows;

  CaspioLeaf(
      RelOptCluster cluster, RelTraitSet traits, RelDataType rowType, ScanSpec spec, double rows) {
    super(cluster, traits);
    this.rowType = rowType;
    this.spec = spec;
    this.rows = rows;
  }

  /** The Caspio name of the table or view this leaf reads. */
  public String tableName() {
    return spec.table().caspioName();
  }

  @Override
  protected RelDataType deriveRowType() {
    return rowType;
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return rows;
  }

  /**
   * The transfer dominates: rows times columns crossing the network. Volcano compares row counts,
   * so the transfer is expressed there; narrower and shorter results then win.
   */
  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double width = Math.max(1, rowType.getFieldCount());
    return planner.getCostFactory().makeCost(rows * width, rows * width, 0);
  }
}
