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
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * The join input whose keys a {@link CaspioKeyedScan} sends: its rows pass through unchanged and
 * are read once, shared with the keyed read through {@link KeySource} under this spool's link.
 */
final class KeySpool extends SingleRel implements EnumerableRel {

  private final String link;

  KeySpool(RelOptCluster cluster, RelTraitSet traits, RelNode input, String link) {
    super(cluster, traits, input);
    this.link = link;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new KeySpool(getCluster(), traitSet, sole(inputs), link);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // Holding the rows is what a hash join does with one side anyway; the reads are charged below.
    return planner.getCostFactory().makeTinyCost();
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("keys", "read once, shared as " + link);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    Result in = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    PhysType out = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    BlockBuilder block = new BlockBuilder();
    Expression rows = block.append("rows", in.block);
    Expression converted = in.physType.convertTo(rows, out.getFormat());
    block.add(
        Expressions.return_(
            null,
            Expressions.call(
                KeySource.class,
                "spool",
                DataContext.ROOT,
                Expressions.constant(link),
                converted,
                Expressions.constant(out.getFormat() == JavaRowFormat.SCALAR))));
    return implementor.result(out, block.toBlock());
  }
}
