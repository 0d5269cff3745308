/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.rest.SortKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Everything one pushed-down read asks of Caspio: which table, which select items, which {@code
 * q.where}, grouping, order and how many rows. Immutable; each Caspio operator derives its spec
 * from its input's.
 */
final class ScanSpec {

  /**
   * One output column.
   *
   * @param selectItem the {@code q.select} item that produces it ({@code Name}, {@code COUNT(*) AS
   *     c0}), or null for a write-only column, which is never requested and reads NULL
   * @param key the key of the value in a reply row (the field name or the alias)
   * @param kind how the value is typed and converted
   * @param field whether it is a plain field of the table, usable in {@code q.where}
   * @param filterable whether Caspio can filter on it
   * @param sortable whether Caspio sorts it in Calcite's order
   */
  record Output(
      @Nullable String selectItem,
      String key,
      ColumnKind kind,
      boolean field,
      boolean filterable,
      boolean sortable,
      boolean nullable) {}

  private final CaspioTable table;
  private final List<Output> outputs;
  private final boolean selectAll;
  private final WhereTemplate where;
  private final @Nullable String groupBy;
  private final boolean aggregated;
  private final List<SortKey> orderBy;
  private final long offset;
  private final long fetch;

  /** {@link #key()}, computed once: the planner hashes and compares specs many times. */
  private volatile String key;

  private ScanSpec(
      CaspioTable table,
      List<Output> outputs,
      boolean selectAll,
      WhereTemplate where,
      @Nullable String groupBy,
      boolean aggregated,
      List<SortKey> orderBy,
      long offset,
      long fetch) {
    this.table = Objects.requireNonNull(table);
    this.outputs = List.copyOf(outputs);
    this.selectAll = selectAll;
    this.where = where;
    this.groupBy = groupBy;
    this.aggregated = aggregated;
    this.orderBy = List.copyOf(orderBy);
    this.offset = offset;
    this.fetch = fetch;
  }

  /** A read of every column of a table. */
  static ScanSpec of(CaspioTable table, List<CaspioColumn> columns) {
    List<Output> outputs = new ArrayList<>();
    for (CaspioColumn c : columns) {
      outputs.add(
          new Output(
              c.writeOnly() ? null : c.name(),
              c.name(),
              c.kind(),
              !c.writeOnly(),
              c.filterable(),
              c.sortable(),
              c.nullable()));
    }
    return new ScanSpec(table, outputs, true, WhereTemplate.empty(), null, false, List.of(), 0, -1);
  }

  CaspioTable table() {
    return table;
  }

  List<Output> outputs() {
    return outputs;
  }

  boolean selectAll() {
    return selectAll;
  }

  WhereTemplate where() {
    return where;
  }

  @Nullable String groupBy() {
    return groupBy;
  }

  boolean aggregated() {
    return aggregated;
  }

  List<SortKey> orderBy() {
    return orderBy;
  }

  long offset() {
    return offset;
  }

  /** The most rows wanted after the offset, or -1 for all. */
  long fetch() {
    return fetch;
  }

  /** Whether a filter on this spec's rows may be added to its {@code q.where}. */
  boolean acceptsFilter() {
    return !aggregated && fetch < 0 && offset == 0;
  }

  /** Whether a projection may narrow this spec's {@code q.select}. */
  boolean acceptsProject() {
    return !aggregated && fetch < 0 && offset == 0 && orderBy.isEmpty();
  }

  /** Whether a grouping may be added. */
  boolean acceptsAggregate() {
    return !aggregated && fetch < 0 && offset == 0 && orderBy.isEmpty();
  }

  /** Whether an order, offset or limit may be added. */
  boolean acceptsSort() {
    return fetch < 0 && offset == 0 && orderBy.isEmpty();
  }

  /** Adds conjuncts to {@code q.where}. */
  ScanSpec withWhere(WhereTemplate more) {
    return new ScanSpec(
        table, outputs, selectAll, where.and(more), groupBy, aggregated, orderBy, offset, fetch);
  }

  ScanSpec withOutputs(List<Output> newOutputs) {
    return new ScanSpec(
        table, newOutputs, false, where, groupBy, aggregated, orderBy, offset, fetch);
  }

  ScanSpec withAggregate(List<Output> newOutputs, @Nullable String newGroupBy) {
    return new ScanSpec(table, newOutputs, false, where, newGroupBy, true, orderBy, offset, fetch);
  }

  ScanSpec withSort(List<SortKey> keys, long newOffset, long newFetch) {
    return new ScanSpec(
        table, outputs, selectAll, where, groupBy, aggregated, keys, newOffset, newFetch);
  }

  /** The select items to send; empty means all fields. */
  List<String> selectItems() {
    if (selectAll) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    for (Output o : outputs) {
      if (o.selectItem() != null) {
        items.add(o.selectItem());
      }
    }
    return items;
  }

  /**
   * The request(s) as EXPLAIN shows them, from the REST client's own planning; parameters appear as
   * {@code ?}.
   */
  String describe() {
    String d = table.api().describe(CaspioReader.explainQuery(this));
    return offset > 0 ? d + ", skipping the first " + offset + " rows" : d;
  }

  /**
   * The number of REST calls the read will send, as EXPLAIN shows it: exact when known (one
   * request, or rows counted by an earlier read of the same filter), a bound otherwise.
   */
  String estimatedCalls() {
    return table.api().estimate(CaspioReader.explainQuery(this)).describe();
  }

  /**
   * Everything that makes this spec's request and rows what they are. Two operators with equal keys
   * over the same table are interchangeable; the planner relies on that to merge duplicates, so
   * nothing that changes the request or the rows may be missing here.
   */
  String key() {
    String k = key;
    if (k == null) {
      k = computeKey();
      key = k;
    }
    return k;
  }

  private String computeKey() {
    StringBuilder b = new StringBuilder();
    b.append(table.kind()).append(' ').append(table.caspioName()).append(" select");
    b.append(selectAll ? "*" : "").append('[');
    for (Output o : outputs) {
      b.append(o.selectItem()).append(" as ").append(o.key()).append(':').append(o.kind());
      b.append(o.nullable() ? "?" : "").append(',');
    }
    b.append("] where[").append(where.key()).append("] group[").append(groupBy);
    b.append("] agg[").append(aggregated).append("] order[");
    for (SortKey k : orderBy) {
      b.append(k.expression()).append(k.descending() ? " DESC," : " ASC,");
    }
    b.append("] offset[").append(offset).append("] fetch[").append(fetch).append(']');
    return b.toString();
  }

  /**
   * Plan-node equality for nodes that carry a spec. Calcite compares nodes by their explain text
   * unless told otherwise, and two different specs can describe the same first request (a LIMIT
   * beyond one page, an offset), so equality is the spec's.
   */
  static boolean sameNode(
      org.apache.calcite.rel.RelNode self,
      ScanSpec spec,
      Object other,
      java.util.function.Function<Object, ScanSpec> specOf) {
    return other != null
        && self.getClass() == other.getClass()
        && self.getTraitSet().equals(((org.apache.calcite.rel.RelNode) other).getTraitSet())
        && self.getInputs().equals(((org.apache.calcite.rel.RelNode) other).getInputs())
        && spec.equals(specOf.apply(other));
  }

  /** The hash that goes with {@link #sameNode}. */
  static int nodeHash(org.apache.calcite.rel.RelNode self, ScanSpec spec) {
    return Objects.hash(self.getTraitSet(), self.getInputs(), spec);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScanSpec other && other.table == table && other.key().equals(key());
  }

  @Override
  public int hashCode() {
    return key().hashCode();
  }

  @Override
  public String toString() {
    return describe();
  }
}
