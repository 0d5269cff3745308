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
 * A read of one join input narrowed by the other input's keys ({@link KeyListRule}): when the
 * statement runs, the other input is read first (once, through its {@link KeySpool}), and this read
 * asks Caspio only for rows whose key is among those keys, as {@code Key IN (...)} lists that fit
 * the URI limit, when that costs fewer calls than the plain read ({@link KeyListReader}). EXPLAIN
 * shows both forms.
 */
final class CaspioKeyedScan extends CaspioLeaf {

  private final KeyList keys;

  CaspioKeyedScan(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelDataType rowType,
      ScanSpec spec,
      KeyList keys,
      double rows) {
    super(cluster, traits, rowType, spec, rows);
    this.keys = keys;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new CaspioKeyedScan(getCluster(), traitSet, rowType, spec, keys, rows);
  }

  @Override
  public boolean deepEquals(Object obj) {
    return ScanSpec.sameNode(this, spec, obj, o -> ((CaspioKeyedScan) o).spec)
        && keys.equals(((CaspioKeyedScan) obj).keys);
  }

  @Override
  public int deepHashCode() {
    return 31 * ScanSpec.nodeHash(this, spec) + keys.hashCode();
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("request", spec.describe())
        .item(
            "narrowed",
            "AND "
                + keys.in("<keys of " + keys.link() + ">", false)
                + " in lists within the URI limit, when fewer calls than the plain read")
        .item("calls", "1 per key list, or the plain read's " + spec.estimatedCalls());
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType =
        PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), pref.preferArray());
    BlockBuilder block = new BlockBuilder();
    block.add(
        Expressions.return_(
            null,
            Expressions.call(
                KeyListReader.class,
                "read",
                DataContext.ROOT,
                implementor.stash(spec, Object.class),
                implementor.stash(keys, Object.class),
                Expressions.constant(physType.getFormat() == JavaRowFormat.SCALAR))));
    return implementor.result(physType, block.toBlock());
  }
}
