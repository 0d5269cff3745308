/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.hep.HepRelVertex;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Plans INSERT, UPDATE and DELETE on a Caspio table, refusing before any request what Caspio cannot
 * do.
 *
 * <ul>
 *   <li>UPDATE whose WHERE {@link FilterTranslator} pushes exactly (no local re-check needed) and
 *       whose SET values are constants or parameters: one PUT with that {@code q.where} ({@link
 *       CaspioWhereModify}). DELETE likewise: one DELETE.
 *   <li>Any other UPDATE or DELETE: Calcite reads the matching rows through the normal read path
 *       (which re-checks, for example, case-insensitive text matches), then PK_ID lists are written
 *       ({@link CaspioTableModify}). Never a WHERE pushed with different semantics: {@code DELETE
 *       ... WHERE Name = 'abc'} must not delete "ABC".
 *   <li>SET values that depend on the row ({@code x = x + 1}, correlated subqueries) are refused
 *       with 0A000: Caspio's PUT takes values, not expressions, and a read-modify-write would
 *       silently lose concurrent changes.
 *   <li>Generated fields (PK_ID, Autonumber, Prefixed Autonumber, GUID, Random ID, Timestamp,
 *       formulas, fields Caspio marks not editable) cannot be set (25006); INSERT into them is
 *       already refused by the validator because {@link CaspioColumnDefaults} declares them
 *       generated.
 *   <li>A single-table view is written like a table, through its own {@code /views/} path (Caspio
 *       applies the write to the base table); its PK_ID keys are strings. A view joining several
 *       tables is refused with 0A000 before any request.
 * </ul>
 *
 * <p>Size: over the house's 400 lines on purpose. The refusals above are one decision (may this
 * write go to Caspio as it stands, and exactly how) taken over one tree; split, each part would
 * re-walk the same assignments and the order of the checks, which decides the SQLState a user sees,
 * would live in two places.
 */
final class CaspioModifyRule extends RelRule<RuleConfig> {

  /** The one rule; registered by Caspio scans and by {@link CaspioLogicalModify}. */
  static final RelOptRule INSTANCE =
      RuleConfig.of(
              "CaspioModifyRule",
              b0 -> b0.operand(TableModify.class).predicate(CaspioModifyRule::logical).anyInputs(),
              CaspioModifyRule::new)
          .toRule();

  /** The write rules. */
  static final List<RelOptRule> RULES = List.of(INSTANCE);

  private CaspioModifyRule(RuleConfig config) {
    super(config);
  }

  private static boolean logical(TableModify m) {
    return m.getConvention() == Convention.NONE && m.getTable().unwrap(CaspioTable.class) != null;
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    TableModify modify = call.rel(0);
    CaspioTable table = modify.getTable().unwrap(CaspioTable.class);
    if (table == null) {
      return;
    }
    checkAcceptsWrites(table);
    List<CaspioColumn> columns = table.columns();
    RexBuilder rexBuilder = modify.getCluster().getRexBuilder();
    switch (modify.getOperation()) {
      case INSERT:
        transformToRows(
            call,
            modify,
            new WriteSpec(table, WriteSpec.Mode.INSERT, columns, List.of(), WhereTemplate.empty()));
        return;
      case UPDATE:
      case DELETE:
        break;
      default:
        throw new CaspioException(
            ErrorKind.UNSUPPORTED,
            modify.getOperation()
                + " is not supported on Caspio tables; use INSERT, UPDATE or DELETE",
            null);
    }
    boolean update = modify.getOperation() == TableModify.Operation.UPDATE;
    int n = columns.size();
    LogicalProject project = passthroughProject(modify.getInput(), n);
    List<String> targets = update ? modify.getUpdateColumnList() : List.of();
    List<CaspioColumn> targetColumns = new ArrayList<>();
    List<RexNode> sources = new ArrayList<>();
    for (int j = 0; targets != null && j < targets.size(); j++) {
      CaspioColumn c = column(table, targets.get(j));
      checkSettable(table, c);
      // Calcite refers to each SET value as a column the input adds after the table's columns.
      RexNode source = modify.getSourceExpressionList().get(j);
      if (source instanceof RexInputRef ref && ref.getIndex() >= n && project != null) {
        source = project.getProjects().get(ref.getIndex());
      }
      if (dependsOnRow(source)) {
        throw new CaspioException(
            ErrorKind.UNSUPPORTED,
            "UPDATE of "
                + table.caspioName()
                + " sets "
                + c.name()
                + " to an expression that depends on the row or on a subquery; Caspio updates take"
                + " values, not expressions, and reading then writing each row could lose"
                + " concurrent changes. Set constants or parameters instead",
            null);
      }
      targetColumns.add(c);
      sources.add(source);
    }

    Shape shape =
        project != null
            ? filterOrScan(project.getInput(), table)
            : filterOrScan(modify.getInput(), table);
    FilterTranslator.Result where = null;
    if (shape != null && shape.condition() != null) {
      List<String> names = new ArrayList<>();
      for (CaspioColumn c : columns) {
        names.add(c.name());
      }
      where =
          new FilterTranslator(
                  rexBuilder, shape.scan().getRowType(), names, i -> columns.get(i).filterable())
              .translate(shape.condition());
    }
    WhereTemplate pushed = where == null ? WhereTemplate.empty() : where.where();
    boolean exactWhere = shape != null && (where == null || where.exact());

    List<WriteSpec.Assignment> direct = new ArrayList<>();
    for (int j = 0; j < targetColumns.size() && direct != null; j++) {
      WriteSpec.Assignment a = directSource(modify, targetColumns.get(j), sources.get(j));
      if (a == null) {
        direct = null;
      } else {
        direct.add(a);
      }
    }
    if (exactWhere && direct != null) {
      WriteSpec spec =
          new WriteSpec(
              table,
              update ? WriteSpec.Mode.UPDATE_WHERE : WriteSpec.Mode.DELETE_WHERE,
              columns,
              direct,
              pushed);
      call.transformTo(
          new CaspioWhereModify(
              modify.getCluster(),
              modify.getTraitSet().replace(EnumerableConvention.INSTANCE),
              modify.getRowType(),
              spec));
      return;
    }
    List<WriteSpec.Assignment> fromRows = new ArrayList<>();
    for (int j = 0; j < targetColumns.size(); j++) {
      fromRows.add(new WriteSpec.Assignment(targetColumns.get(j), null, -1, columns.size() + j));
    }
    transformToRows(
        call,
        modify,
        new WriteSpec(
            table,
            update ? WriteSpec.Mode.UPDATE_KEYS : WriteSpec.Mode.DELETE_KEYS,
            columns,
            fromRows,
            pushed));
  }

  private static void transformToRows(RelOptRuleCall call, TableModify modify, WriteSpec spec) {
    RelNode input = uncastInput(modify.getInput());
    call.transformTo(
        new CaspioTableModify(
            modify.getCluster(),
            modify.getTraitSet().replace(EnumerableConvention.INSTANCE),
            modify.getTable(),
            modify.getCatalogReader(),
            convert(input, input.getTraitSet().replace(EnumerableConvention.INSTANCE)),
            modify.getOperation(),
            modify.getUpdateColumnList(),
            modify.getSourceExpressionList(),
            modify.isFlattened(),
            spec));
  }

  /**
   * The input with Calcite's narrowing numeric casts removed from its top Project, so that the
   * writer sees each value as computed and stores it exactly or refuses it ({@link WriteValues}):
   * Calcite casts a DOUBLE 2.7 to INTEGER 2, or a 1.23456 to DECIMAL(19, 4) 1.2345, without a word.
   * Other casts (text to date-time, widening) stay, since they change no value.
   */
  private static RelNode uncastInput(RelNode input) {
    for (RelNode r : rels(input)) {
      if (r instanceof LogicalProject p) {
        List<RexNode> exprs = new ArrayList<>();
        boolean changed = false;
        for (RexNode e : p.getProjects()) {
          RexNode u = uncast(e);
          changed |= u != e;
          exprs.add(u);
        }
        if (changed) {
          return LogicalProject.create(
              p.getInput(),
              p.getHints(),
              exprs,
              p.getRowType().getFieldNames(),
              p.getVariablesSet());
        }
        return input;
      }
    }
    return input;
  }

  /**
   * The operand of a numeric cast that may change the value, also under casts that only change
   * nullability; otherwise {@code e} itself.
   */
  private static RexNode uncast(RexNode e) {
    if (e.getKind() == SqlKind.CAST && e instanceof RexCall c) {
      RexNode operand = c.getOperands().get(0);
      if (SqlTypeUtil.isNumeric(operand.getType()) && SqlTypeUtil.isNumeric(c.getType())) {
        if (!RexUtil.isLosslessCast(c)) {
          return operand;
        }
        RexNode inner = uncast(operand);
        if (inner != operand) {
          return inner;
        }
      }
    }
    return e;
  }

  private static CaspioColumn column(CaspioTable table, String name) {
    CaspioColumn c = table.column(name);
    if (c == null) {
      throw new CaspioException(ErrorKind.COLUMN_NOT_FOUND, "No column " + name, null);
    }
    return c;
  }

  /**
   * Refuses a write to a view that joins several tables with 0A000, naming them. Caspio writes
   * through a view only when it has one table (caspio-api.md 3.5); refusing before any request
   * names the tables to write to instead, which Caspio's own refusal would not.
   */
  static void checkAcceptsWrites(CaspioTable table) {
    List<String> viewTables = table.viewSources();
    if (viewTables.size() > 1) {
      throw new CaspioException(
          ErrorKind.UNSUPPORTED,
          "Caspio view "
              + table.caspioName()
              + " joins several tables ("
              + String.join(", ", viewTables)
              + ") and is read-only: write to one of those tables instead",
          null);
    }
  }

  /** Refuses fields Caspio generates or marks read-only. */
  static void checkSettable(CaspioTable table, CaspioColumn c) {
    if (c.field() == null) {
      throw new CaspioException(
          ErrorKind.READ_ONLY,
          "Column "
              + c.name()
              + " of "
              + table.caspioName()
              + " is the key Caspio assigns; it"
              + " cannot be set",
          null);
    }
    if (!c.field().writable()) {
      String type = c.field().type().toUpperCase(Locale.ROOT);
      String why =
          c.field().formula()
              ? "a formula"
              : switch (type) {
                case "AUTONUMBER", "PREFIXED AUTONUMBER", "GUID", "RANDOM ID", "TIMESTAMP" ->
                    "generated by Caspio (" + type.toLowerCase(Locale.ROOT) + ")";
                case "ATTACHMENT" ->
                    "an attachment, whose file is stored with CALL caspio_put_attachment(...)"
                        + " and read with caspio_attachment(table, field, PK_ID)";
                default -> "not editable";
              };
      throw new CaspioException(
          ErrorKind.READ_ONLY,
          "Column " + c.name() + " of " + table.caspioName() + " is " + why + "; it cannot be set",
          null);
    }
  }

  private static boolean dependsOnRow(RexNode e) {
    if (e instanceof RexInputRef
        || e instanceof RexFieldAccess
        || e instanceof RexCorrelVariable
        || e instanceof RexSubQuery
        || e instanceof RexOver) {
      return true;
    }
    if (e instanceof RexCall c) {
      for (RexNode o : c.getOperands()) {
        if (dependsOnRow(o)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The value of a SET item known without reading rows: a literal, a parameter, or a constant
   * expression reduced now (only deterministic, non-dynamic ones: CURRENT_TIMESTAMP must be
   * evaluated per execution). Null when Calcite must compute it per execution.
   */
  private static WriteSpec.@Nullable Assignment directSource(
      TableModify modify, CaspioColumn column, RexNode e) {
    RexNode node = uncast(e);
    if (node.getKind() == SqlKind.CAST
        && ((RexCall) node).getOperands().get(0) instanceof RexDynamicParam p
        && p.getType().getSqlTypeName().getFamily()
            == node.getType().getSqlTypeName().getFamily()) {
      node = p;
    }
    if (node instanceof RexDynamicParam p) {
      return new WriteSpec.Assignment(column, null, p.getIndex(), -1);
    }
    if (!(node instanceof RexLiteral)) {
      if (RexUtil.containsInputRef(node) || !constant(node)) {
        return null;
      }
      RexExecutor executor = modify.getCluster().getPlanner().getExecutor();
      if (executor == null) {
        executor = RexUtil.EXECUTOR;
      }
      List<RexNode> reduced = new ArrayList<>();
      try {
        executor.reduce(modify.getCluster().getRexBuilder(), List.of(node), reduced);
      } catch (RuntimeException ex) {
        return null; // Left to execution, which reports the error in context.
      }
      if (reduced.size() != 1 || !(reduced.get(0) instanceof RexLiteral)) {
        return null;
      }
      node = reduced.get(0);
    }
    return new WriteSpec.Assignment(column, literalValue((RexLiteral) node), -1, -1);
  }

  /** Whether an expression has no parameters and only deterministic, non-dynamic operators. */
  private static boolean constant(RexNode e) {
    if (e instanceof RexDynamicParam) {
      return false;
    }
    if (e instanceof RexCall c) {
      if (!c.getOperator().isDeterministic() || c.getOperator().isDynamicFunction()) {
        return false;
      }
      for (RexNode o : c.getOperands()) {
        if (!constant(o)) {
          return false;
        }
      }
      return true;
    }
    return e instanceof RexLiteral;
  }

  /** A literal in Calcite's internal form, as generated code would produce it. */
  private static @Nullable Object literalValue(RexLiteral l) {
    if (l.isNull()) {
      return null;
    }
    SqlTypeName t = l.getTypeName();
    return switch (t.getFamily()) {
      case NUMERIC -> l.getValueAs(BigDecimal.class);
      case BOOLEAN -> l.getValueAs(Boolean.class);
      case TIMESTAMP -> l.getValueAs(Long.class);
      case DATE -> l.getValueAs(Integer.class);
      case CHARACTER -> l.getValueAs(String.class);
      default ->
          throw new CaspioException(
              ErrorKind.UNSUPPORTED, "A " + t + " value cannot be written to Caspio", null);
    };
  }

  /** A DELETE or UPDATE input that is [passthrough Project] [Filter] scan of the target table. */
  private record Shape(CaspioTableScan scan, @Nullable RexNode condition) {}

  /** The input's Project that passes the table's columns through, if any. */
  private static @Nullable LogicalProject passthroughProject(RelNode input, int n) {
    for (RelNode r : rels(input)) {
      if (r instanceof LogicalProject p && passthrough(p, n)) {
        return p;
      }
    }
    return null;
  }

  private static @Nullable Shape filterOrScan(RelNode node, CaspioTable table) {
    for (RelNode r : rels(node)) {
      if (r instanceof CaspioTableScan s && s.getTable().unwrap(CaspioTable.class) == table) {
        return new Shape(s, null);
      }
      if (r instanceof LogicalFilter f) {
        for (RelNode below : rels(f.getInput())) {
          if (below instanceof CaspioTableScan s
              && s.getTable().unwrap(CaspioTable.class) == table) {
            return new Shape(s, f.getCondition());
          }
        }
      }
    }
    return null;
  }

  /** The first {@code n} outputs are the input's columns, unchanged. */
  private static boolean passthrough(LogicalProject p, int n) {
    List<RexNode> exprs = p.getProjects();
    if (exprs.size() < n || p.getInput().getRowType().getFieldCount() != n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (!(exprs.get(i) instanceof RexInputRef ref) || ref.getIndex() != i) {
        return false;
      }
    }
    return true;
  }

  /** The operators a planner node stands for: a Volcano set's members or a Hep vertex's rel. */
  private static List<RelNode> rels(RelNode node) {
    if (node instanceof RelSubset s) {
      return s.getRelList();
    }
    if (node instanceof HepRelVertex v) {
      return List.of(v.getCurrentRel());
    }
    return List.of(node);
  }
}
