/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.type.RelDataType;

/**
 * The executable form of a Caspio subtree: a leaf that sends the request its spec describes, when
 * the result is first read, through {@link CaspioReader}. EXPLAIN shows that request.
 */
public final class CaspioEnumerableScan extends CaspioLeaf {

  /** Whether this leaf's rows are the statement's rows, so the statement's row cap applies. */
  private final boolean resultRows;

  CaspioEnumerableScan(
      RelOptCluster cluster, RelTraitSet traits, RelDataType rowType, ScanSpec spec, double rows) {
    this(cluster, traits, rowType, spec, rows, false);
  }

  private CaspioEnumerableScan(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelDataType rowType,
      ScanSpec spec,
      double rows,
      boolean resultRows) {
    super(cluster, traits, rowType, spec, rows);
    this.resultRows = resultRows;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new CaspioEnumerableScan(getCluster(), traitSet, rowType, spec, rows, resultRows);
  }

  /** This leaf, marked as giving the statement's rows ({@link RowCap#markResultRows}). */
  CaspioEnumerableScan asResultRows() {
    return new CaspioEnumerableScan(getCluster(), getTraitSet(), rowType, spec, rows, true);
  }

  /** Equal when the spec is: see {@link ScanSpec#sameNode}. */
  @Override
  public boolean deepEquals(Object obj) {
    return ScanSpec.sameNode(this, spec, obj, o -> ((CaspioEnumerableScan) o).spec);
  }

  @Override
  public int deepHashCode() {
    return ScanSpec.nodeHash(this, spec);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("request", spec.describe())
        .item("calls", spec.estimatedCalls());
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType =
        PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), pref.preferArray());
    boolean scalar = physType.getFormat() == JavaRowFormat.SCALAR;
    BlockBuilder block = new BlockBuilder();
    block.add(
        Expressions.return_(
            null,
            Expressions.call(
                CaspioReader.class,
                "read",
                DataContext.ROOT,
                implementor.stash(spec, Object.class),
                Expressions.constant(scalar),
                Expressions.constant(resultRows))));
    return implementor.result(physType, block.toBlock());
  }
}
