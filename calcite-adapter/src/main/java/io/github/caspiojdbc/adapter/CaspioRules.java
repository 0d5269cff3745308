/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.rest.CaspioApi;
import io.github.caspiojdbc.rest.SortKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The rules that move work into Caspio. Each converts one logical operator sitting on a Caspio
 * subtree into a {@link CaspioOperator} whose spec adds that operator's part of the request, and
 * declines whenever Caspio could return different rows than Calcite would.
 *
 * <p>Size: just over the house's 400 lines, on purpose. Each rule is short; they stay together
 * because what one may push depends on what the others already pushed (a limit after an order, an
 * aggregate after a filter), and that interplay is read best in one list.
 */
final class CaspioRules {

  private CaspioRules() {}

  /** Turns a Caspio subtree into the executable leaf that sends its request. */
  static final RelOptRule TO_ENUMERABLE =
      RuleConfig.of(
              "CaspioToEnumerableRule",
              b0 -> b0.operand(CaspioRel.class).anyInputs(),
              ToEnumerable::new)
          .toRule();

  /** Pushes the translatable part of a filter into {@code q.where}. */
  static final RelOptRule FILTER =
      RuleConfig.of(
              "CaspioFilterRule",
              b0 ->
                  b0.operand(LogicalFilter.class)
                      .oneInput(b1 -> b1.operand(CaspioRel.class).anyInputs()),
              FilterRule::new)
          .toRule();

  /** Narrows {@code q.select} to the fields a projection of plain columns needs. */
  static final RelOptRule PROJECT =
      RuleConfig.of(
              "CaspioProjectRule",
              b0 ->
                  b0.operand(LogicalProject.class)
                      .oneInput(b1 -> b1.operand(CaspioRel.class).anyInputs()),
              ProjectRule::new)
          .toRule();

  /** Pushes ORDER BY, OFFSET and LIMIT when Caspio sorts the keys as Calcite would. */
  static final RelOptRule SORT =
      RuleConfig.of(
              "CaspioSortRule",
              b0 ->
                  b0.operand(LogicalSort.class)
                      .oneInput(b1 -> b1.operand(CaspioRel.class).anyInputs()),
              SortRule::new)
          .toRule();

  /** Pushes GROUP BY with COUNT, SUM, MIN and MAX when Caspio computes them exactly. */
  static final RelOptRule AGGREGATE =
      RuleConfig.of(
              "CaspioAggregateRule",
              b0 ->
                  b0.operand(LogicalAggregate.class)
                      .oneInput(b1 -> b1.operand(CaspioRel.class).anyInputs()),
              AggregateRule::new)
          .toRule();

  /** The rules that move work into requests (all but {@link #TO_ENUMERABLE}). */
  static final List<RelOptRule> PUSHDOWN = List.of(FILTER, PROJECT, SORT, AGGREGATE);

  /** See {@link #TO_ENUMERABLE}. */
  static final class ToEnumerable extends RelRule<RuleConfig> {
    ToEnumerable(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      CaspioRel rel = call.rel(0);
      call.transformTo(
          new CaspioEnumerableScan(
              rel.getCluster(),
              rel.getTraitSet().replace(EnumerableConvention.INSTANCE),
              rel.getRowType(),
              rel.spec(),
              rel.estimateRowCount(call.getMetadataQuery())));
    }
  }

  /** See {@link #FILTER}. */
  static final class FilterRule extends RelRule<RuleConfig> {
    FilterRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalFilter filter = call.rel(0);
      CaspioRel input = call.rel(1);
      ScanSpec spec = input.spec();
      if (!spec.table().pushdown() || !spec.acceptsFilter()) {
        return;
      }
      List<ScanSpec.Output> outputs = spec.outputs();
      List<String> names = new ArrayList<>();
      for (ScanSpec.Output o : outputs) {
        names.add(o.key());
      }
      FilterTranslator.Result r =
          new FilterTranslator(
                  filter.getCluster().getRexBuilder(),
                  input.getRowType(),
                  names,
                  i -> outputs.get(i).field() && outputs.get(i).filterable())
              .translate(filter.getCondition());
      // Push conjunct by conjunct while the request stays under Caspio's URI limit; the rest,
      // and everything Caspio only approximates, is evaluated (or re-checked) locally. A re-check
      // filter left above an earlier push translates to the same conjuncts again: those are not
      // pushed twice, which also ends that loop.
      CaspioApi api = spec.table().api();
      List<WhereTemplate.Conjunct> fresh = new ArrayList<>();
      List<RexNode> local = new ArrayList<>();
      for (FilterTranslator.Piece piece : r.pieces()) {
        WhereTemplate.Conjunct c = piece.conjunct();
        if (c == null) {
          local.add(piece.rex());
          continue;
        }
        if (spec.where().conjuncts().contains(c) || fresh.contains(c)) {
          if (!piece.exact()) {
            local.add(piece.rex());
          }
          continue;
        }
        List<WhereTemplate.Conjunct> tryWith = new ArrayList<>(fresh);
        tryWith.add(c);
        ScanSpec candidate = spec.withWhere(new WhereTemplate(tryWith));
        if (!api.fits(CaspioReader.estimateQuery(candidate))) {
          local.add(piece.rex());
          continue;
        }
        fresh.add(c);
        if (!piece.exact()) {
          local.add(piece.rex());
        }
      }
      if (fresh.isEmpty()) {
        return;
      }
      RelNode pushed =
          new CaspioOperator(
              filter.getCluster(),
              input.getTraitSet(),
              input,
              input.getRowType(),
              "filter",
              spec.withWhere(new WhereTemplate(fresh)),
              0.5);
      RexNode residual =
          local.isEmpty()
              ? null
              : RexUtil.composeConjunction(filter.getCluster().getRexBuilder(), local);
      call.transformTo(residual == null ? pushed : LogicalFilter.create(pushed, residual));
    }
  }

  /** See {@link #PROJECT}. */
  static final class ProjectRule extends RelRule<RuleConfig> {
    ProjectRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalProject project = call.rel(0);
      CaspioRel input = call.rel(1);
      ScanSpec spec = input.spec();
      if (!spec.table().pushdown() || !spec.acceptsProject()) {
        return;
      }
      List<ScanSpec.Output> outputs = new ArrayList<>();
      for (RexNode e : project.getProjects()) {
        if (!(e instanceof RexInputRef ref)) {
          return; // Expressions are computed by Calcite, over a narrower pushed projection.
        }
        outputs.add(spec.outputs().get(ref.getIndex()));
      }
      if (outputs.size() == spec.outputs().size()
          && spec.selectAll()
          && outputs.equals(spec.outputs())) {
        return;
      }
      call.transformTo(
          new CaspioOperator(
              project.getCluster(),
              input.getTraitSet(),
              input,
              project.getRowType(),
              "project",
              spec.withOutputs(outputs),
              1.0));
    }
  }

  /** See {@link #SORT}. */
  static final class SortRule extends RelRule<RuleConfig> {
    SortRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalSort sort = call.rel(0);
      CaspioRel input = call.rel(1);
      ScanSpec spec = input.spec();
      if (!spec.table().pushdown() || !spec.acceptsSort()) {
        return;
      }
      long offset = 0;
      long fetch = -1;
      if (sort.offset != null) {
        if (!(sort.offset instanceof RexLiteral lit)) {
          return;
        }
        offset = lit.getValueAs(Long.class);
      }
      if (sort.fetch != null) {
        if (!(sort.fetch instanceof RexLiteral lit)) {
          return;
        }
        fetch = lit.getValueAs(Long.class);
      }
      List<SortKey> keys = new ArrayList<>();
      RelCollation collation = sort.getCollation();
      for (RelFieldCollation fc : collation.getFieldCollations()) {
        ScanSpec.Output o = spec.outputs().get(fc.getFieldIndex());
        if (!o.sortable() || !nullsAsCaspio(fc, o.nullable())) {
          return;
        }
        boolean desc = fc.getDirection() == RelFieldCollation.Direction.DESCENDING;
        if (!desc && fc.getDirection() != RelFieldCollation.Direction.ASCENDING) {
          return;
        }
        keys.add(new SortKey(o.key(), desc));
      }
      call.transformTo(
          new CaspioOperator(
              sort.getCluster(),
              sort.getTraitSet(),
              input,
              input.getRowType(),
              "sort",
              spec.withSort(keys, offset, fetch),
              fetch >= 0 ? 0.1 : 1.0));
    }

    /** SQL Server puts NULLs first when ascending and last when descending. */
    private static boolean nullsAsCaspio(RelFieldCollation fc, boolean nullable) {
      if (!nullable) {
        return true;
      }
      return fc.getDirection() == RelFieldCollation.Direction.ASCENDING
          ? fc.nullDirection == RelFieldCollation.NullDirection.FIRST
          : fc.nullDirection == RelFieldCollation.NullDirection.LAST;
    }
  }

  /** See {@link #AGGREGATE}. */
  static final class AggregateRule extends RelRule<RuleConfig> {
    AggregateRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalAggregate agg = call.rel(0);
      CaspioRel input = call.rel(1);
      ScanSpec spec = input.spec();
      if (!spec.table().pushdown()
          || !spec.acceptsAggregate()
          || agg.getGroupType() != Aggregate.Group.SIMPLE) {
        return;
      }
      List<ScanSpec.Output> in = spec.outputs();
      List<ScanSpec.Output> out = new ArrayList<>();
      List<String> groupBy = new ArrayList<>();
      Set<String> taken = new HashSet<>();
      for (ScanSpec.Output o : in) {
        taken.add(o.key().toUpperCase(Locale.ROOT));
      }
      for (int g : agg.getGroupSet()) {
        ScanSpec.Output o = in.get(g);
        // Text groups would merge values that differ only in case or trailing spaces.
        if (!o.field() || !o.sortable()) {
          return;
        }
        out.add(o);
        groupBy.add(o.key());
      }
      int n = 0;
      for (AggregateCall ac : agg.getAggCallList()) {
        String alias = alias(taken, n++);
        String item = aggregateItem(ac, in, alias);
        if (item == null) {
          return;
        }
        ColumnKind kind = kindOf(ac.getType());
        if (kind == null) {
          return;
        }
        boolean sortable = kind != ColumnKind.VARCHAR && kind != ColumnKind.LIST;
        out.add(
            new ScanSpec.Output(
                item, alias, kind, false, false, sortable, ac.getType().isNullable()));
      }
      call.transformTo(
          new CaspioOperator(
              agg.getCluster(),
              input.getTraitSet(),
              input,
              agg.getRowType(),
              "aggregate",
              spec.withAggregate(out, groupBy.isEmpty() ? null : String.join(",", groupBy)),
              0.1));
    }

    private static String alias(Set<String> taken, int n) {
      // Short: the alias is repeated in every row of the reply.
      String alias = "a" + n;
      while (!taken.add(alias.toUpperCase(Locale.ROOT))) {
        alias = alias + "_";
      }
      return alias;
    }

    /** The select item for an aggregate call, or null when Caspio cannot compute it exactly. */
    private static String aggregateItem(AggregateCall ac, List<ScanSpec.Output> in, String alias) {
      if (ac.filterArg >= 0
          || ac.isApproximate()
          || !ac.getCollation().getFieldCollations().isEmpty()
          || ac.ignoreNulls()) {
        return null;
      }
      SqlKind kind = ac.getAggregation().getKind();
      List<Integer> args = ac.getArgList();
      if (kind == SqlKind.COUNT && args.isEmpty() && !ac.isDistinct()) {
        return "COUNT(*) AS " + alias;
      }
      if (args.size() != 1) {
        return null;
      }
      ScanSpec.Output arg = in.get(args.get(0));
      // Text arguments would be compared with Caspio's case-insensitive collation, and a stored
      // NULL text may be shown as "", so only numbers and date-times qualify.
      if (!arg.field() || !arg.sortable() || arg.kind() == ColumnKind.BOOLEAN) {
        return null;
      }
      String col = arg.key();
      switch (kind) {
        case COUNT:
          return (ac.isDistinct() ? "COUNT(DISTINCT " : "COUNT(") + col + ") AS " + alias;
        case SUM:
        case SUM0:
          // A floating-point sum depends on the order of addition, which the server chooses:
          // only exact types are summed remotely.
          if (ac.isDistinct()
              || arg.kind() == ColumnKind.TIMESTAMP
              || arg.kind() == ColumnKind.DOUBLE) {
            return null;
          }
          // SUM0 is SUM that yields 0 for no rows.
          return kind == SqlKind.SUM0
              ? "COALESCE(SUM(" + col + "),0) AS " + alias
              : "SUM(" + col + ") AS " + alias;
        case MIN:
        case MAX:
          return kind.name() + "(" + col + ") AS " + alias;
        default:
          return null;
      }
    }

    private static ColumnKind kindOf(RelDataType type) {
      SqlTypeName t = type.getSqlTypeName();
      switch (t) {
        case BIGINT:
          return ColumnKind.BIGINT;
        case INTEGER:
        case SMALLINT:
        case TINYINT:
          return ColumnKind.INTEGER;
        case DOUBLE:
        case FLOAT:
        case REAL:
          return ColumnKind.DOUBLE;
        case DECIMAL:
          return ColumnKind.DECIMAL;
        case TIMESTAMP:
          return ColumnKind.TIMESTAMP;
        default:
          return null;
      }
    }
  }
}
