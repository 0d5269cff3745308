/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.rel2sql.SqlImplementor;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Splits a filter condition into the part Caspio can evaluate, rendered as a {@code q.where}
 * template, and the part Calcite must evaluate.
 *
 * <p>Caspio runs the fragment on SQL Server with its default collation, which compares text
 * case-insensitively and ignores trailing spaces. So every predicate is classified:
 *
 * <ul>
 *   <li><b>exact</b>: Caspio selects exactly the rows Calcite would (comparisons of numbers,
 *       date-times and Yes/No values; NULL tests on them). Pushed and not re-checked.
 *   <li><b>superset</b>: Caspio selects at least the rows Calcite would (text {@code =}, {@code
 *       IN}, {@code LIKE}, {@code IS NULL}). Pushed and re-checked locally, so the result is exact.
 *   <li><b>not pushable</b>: anything else, including text {@code <>} and ranges (the collation
 *       would drop rows Calcite keeps), {@code NOT} over a superset, arithmetic (SQL Server divides
 *       integers), functions and prepared parameters inside {@code LIKE}.
 * </ul>
 *
 * <p>{@code AND} and {@code OR} of pushable predicates are pushable (superset if any part is);
 * {@code NOT} is pushable only over an exact predicate.
 */
final class FilterTranslator {

  /** What Calcite must still evaluate after the push, and what was pushed. */
  record Result(WhereTemplate where, @Nullable RexNode residual, List<Piece> pieces) {
    /** Whether Caspio's rows are exactly the filter's rows, so nothing is left to re-check. */
    boolean exact() {
      return residual == null;
    }
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("\u0001(\\d+)\u0001");
  private static final Pattern PLACEHOLDER_LITERAL = Pattern.compile("N'\u0001(\\d+)\u0001'");

  private final RexBuilder rexBuilder;
  private final RelDataType rowType;
  private final List<String> caspioNames;
  private final IntPredicate filterable;

  /**
   * @param rowType the input's row type
   * @param caspioNames for each input field, the Caspio field name it reads
   * @param filterable which input fields Caspio can filter on (List fields and computed values
   *     cannot be)
   */
  FilterTranslator(
      RexBuilder rexBuilder,
      RelDataType rowType,
      List<String> caspioNames,
      IntPredicate filterable) {
    this.rexBuilder = rexBuilder;
    this.rowType = rowType;
    this.caspioNames = List.copyOf(caspioNames);
    this.filterable = filterable;
  }

  static boolean isPlaceholder(String value) {
    return PLACEHOLDER.matcher(value).matches();
  }

  /**
   * One top-level conjunct of the condition and, when pushable, its rendered form.
   *
   * @param conjunct null when Caspio cannot evaluate it
   * @param exact whether Caspio's rows are exactly Calcite's (no re-check needed)
   */
  record Piece(RexNode rex, WhereTemplate.@Nullable Conjunct conjunct, boolean exact) {}

  Result translate(RexNode condition) {
    RexNode expanded = RexUtil.expandSearch(rexBuilder, null, condition);
    List<WhereTemplate.Conjunct> pushed = new ArrayList<>();
    List<RexNode> residual = new ArrayList<>();
    List<Piece> pieces = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(expanded)) {
      Pushable p = classify(conjunct);
      WhereTemplate.Conjunct rendered = p == null ? null : render(p.node(), !p.exact());
      pieces.add(new Piece(conjunct, rendered, rendered != null && p.exact()));
      if (rendered == null) {
        residual.add(conjunct);
        continue;
      }
      pushed.add(rendered);
      if (!p.exact()) {
        residual.add(conjunct);
      }
    }
    RexNode rest = residual.isEmpty() ? null : RexUtil.composeConjunction(rexBuilder, residual);
    return new Result(new WhereTemplate(pushed), rest, pieces);
  }

  /** A predicate Caspio can evaluate, rewritten into the form that is sent. */
  private record Pushable(RexNode node, boolean exact) {}

  private @Nullable Pushable classify(RexNode e) {
    switch (e.getKind()) {
      case AND:
      case OR:
        {
          List<RexNode> operands = new ArrayList<>();
          boolean exact = true;
          for (RexNode operand : ((RexCall) e).getOperands()) {
            Pushable p = classify(operand);
            if (p == null) {
              return null;
            }
            operands.add(p.node());
            exact &= p.exact();
          }
          return new Pushable(rexBuilder.makeCall(((RexCall) e).getOperator(), operands), exact);
        }
      case NOT:
        {
          RexNode operand = ((RexCall) e).getOperands().get(0);
          if (operand instanceof RexInputRef ref && family(ref) == SqlTypeFamily.BOOLEAN) {
            return booleanTest(ref, false);
          }
          Pushable p = classify(operand);
          // NOT of a superset is a subset: rows would go missing.
          return p != null && p.exact()
              ? new Pushable(rexBuilder.makeCall(SqlStdOperatorTable.NOT, p.node()), true)
              : null;
        }
      case INPUT_REF:
        return family((RexInputRef) e) == SqlTypeFamily.BOOLEAN
            ? booleanTest((RexInputRef) e, true)
            : null;
      case IS_NULL:
      case IS_NOT_NULL:
        return nullTest((RexCall) e);
      case EQUALS:
      case NOT_EQUALS:
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
        return comparison((RexCall) e);
      case LIKE:
        return like((RexCall) e);
      default:
        return null;
    }
  }

  private @Nullable Pushable booleanTest(RexInputRef ref, boolean value) {
    if (!filterable.test(ref.getIndex())) {
      return null;
    }
    return new Pushable(
        rexBuilder.makeCall(SqlStdOperatorTable.EQUALS, ref, rexBuilder.makeLiteral(value)), true);
  }

  private @Nullable Pushable nullTest(RexCall call) {
    RexInputRef ref = column(call.getOperands().get(0));
    if (ref == null) {
      return null;
    }
    if (family(ref) != SqlTypeFamily.CHARACTER) {
      return new Pushable(rexBuilder.makeCall(call.getOperator(), ref), true);
    }
    // Caspio may show a stored NULL text as "", so "IS NOT NULL" could drop rows the user sees as
    // non-null; "IS NULL" can only return extra rows, which the re-check removes.
    return call.getKind() == SqlKind.IS_NULL
        ? new Pushable(rexBuilder.makeCall(call.getOperator(), ref), false)
        : null;
  }

  private @Nullable Pushable comparison(RexCall call) {
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    SqlKind kind = call.getKind();
    RexInputRef leftRef = column(left);
    RexInputRef rightRef = column(right);
    if (leftRef == null && rightRef != null) {
      // Normalise "literal op column" to "column op' literal".
      return comparison((RexCall) rexBuilder.makeCall(RexUtil.op(kind.reverse()), right, left));
    }
    if (leftRef == null) {
      return null;
    }
    SqlTypeFamily family = family(leftRef);
    if (rightRef != null) {
      // Column against column: only numbers and date-times compare the same way in both engines.
      boolean same =
          family == family(rightRef)
              && (family == SqlTypeFamily.NUMERIC || family == SqlTypeFamily.TIMESTAMP);
      return same
          ? new Pushable(rexBuilder.makeCall(call.getOperator(), leftRef, rightRef), true)
          : null;
    }
    RexNode value = value(right, family);
    if (value == null) {
      return null;
    }
    RexNode rewritten = rexBuilder.makeCall(call.getOperator(), leftRef, value);
    switch (family) {
      case NUMERIC:
      case TIMESTAMP:
      case DATE:
        return new Pushable(rewritten, true);
      case BOOLEAN:
        return kind == SqlKind.EQUALS || kind == SqlKind.NOT_EQUALS
            ? new Pushable(rewritten, true)
            : null;
      case CHARACTER:
        return kind == SqlKind.EQUALS ? new Pushable(rewritten, false) : null;
      default:
        return null;
    }
  }

  private @Nullable Pushable like(RexCall call) {
    if (call.getOperands().size() != 2 || call.getOperator() != SqlStdOperatorTable.LIKE) {
      return null; // ESCAPE clauses, ILIKE, SIMILAR TO and NOT LIKE stay local.
    }
    RexInputRef ref = column(call.getOperands().get(0));
    if (ref == null
        || family(ref) != SqlTypeFamily.CHARACTER
        || !(call.getOperands().get(1) instanceof RexLiteral literal)) {
      return null;
    }
    String pattern = literal.getValueAs(String.class);
    // SQL Server's "_" matches one UTF-16 unit, Calcite's one code point: with supplementary
    // characters Caspio could miss rows, so such patterns stay local.
    if (pattern == null || pattern.indexOf('_') >= 0 || !CaspioSqlDialect.isSafeString(pattern)) {
      return null;
    }
    RexNode escaped = rexBuilder.makeLiteral(CaspioSqlDialect.escapeLikePattern(pattern));
    return new Pushable(rexBuilder.makeCall(SqlStdOperatorTable.LIKE, ref, escaped), false);
  }

  /** The column an operand reads, seeing through lossless numeric widening casts. */
  private @Nullable RexInputRef column(RexNode operand) {
    RexNode node = operand;
    if (node.getKind() == SqlKind.CAST) {
      RexNode inner = ((RexCall) node).getOperands().get(0);
      boolean numeric =
          SqlTypeFamily.NUMERIC.contains(node.getType())
              && SqlTypeFamily.NUMERIC.contains(inner.getType());
      if (!numeric || !widens(inner.getType(), node.getType())) {
        return null;
      }
      node = inner;
    }
    if (node instanceof RexInputRef ref && filterable.test(ref.getIndex())) {
      return ref;
    }
    return null;
  }

  private static boolean widens(RelDataType from, RelDataType to) {
    SqlTypeName f = from.getSqlTypeName();
    SqlTypeName t = to.getSqlTypeName();
    if (t == SqlTypeName.DOUBLE || t == SqlTypeName.FLOAT || t == SqlTypeName.REAL) {
      return f != SqlTypeName.DECIMAL && f != SqlTypeName.BIGINT;
    }
    if (t == SqlTypeName.DECIMAL) {
      return SqlTypeName.INT_TYPES.contains(f)
          || f == SqlTypeName.DECIMAL
              && to.getScale() >= from.getScale()
              && to.getPrecision() - to.getScale() >= from.getPrecision() - from.getScale();
    }
    return SqlTypeName.INT_TYPES.contains(f)
        && SqlTypeName.INT_TYPES.contains(t)
        && SqlTypeName.INT_TYPES.indexOf(t) >= SqlTypeName.INT_TYPES.indexOf(f);
  }

  /** A literal or parameter that can stand on the right of a comparison with {@code family}. */
  private @Nullable RexNode value(RexNode operand, SqlTypeFamily family) {
    RexNode node = operand;
    if (node.getKind() == SqlKind.CAST) {
      // Calcite casts literals and parameters to the column's type; the cast adds nothing here.
      node = ((RexCall) node).getOperands().get(0);
    }
    if (node instanceof RexDynamicParam param) {
      return family == SqlTypeFamily.CHARACTER
              || family == SqlTypeFamily.NUMERIC
              || family == SqlTypeFamily.BOOLEAN
              || family == SqlTypeFamily.TIMESTAMP
              || family == SqlTypeFamily.DATE
          ? param
          : null;
    }
    if (!(node instanceof RexLiteral literal) || literal.isNull()) {
      return null;
    }
    switch (literal.getTypeName().getFamily()) {
      case CHARACTER:
        NlsString nls = literal.getValueAs(NlsString.class);
        return family == SqlTypeFamily.CHARACTER
                && nls != null
                && CaspioSqlDialect.isSafeString(nls.getValue())
            ? literal
            : null;
      case NUMERIC:
        if (family != SqlTypeFamily.NUMERIC) {
          return null;
        }
        BigDecimal d = literal.getValueAs(BigDecimal.class);
        if (d == null) {
          return null;
        }
        // The column-typed literal carries padding zeros (10.2500); send the plain value.
        BigDecimal plain = d.stripTrailingZeros();
        return rexBuilder.makeExactLiteral(plain.scale() < 0 ? plain.setScale(0) : plain);
      case BOOLEAN:
        return family == SqlTypeFamily.BOOLEAN ? literal : null;
      case TIMESTAMP:
      case DATE:
        return family == SqlTypeFamily.TIMESTAMP || family == SqlTypeFamily.DATE ? literal : null;
      default:
        return null;
    }
  }

  private SqlTypeFamily family(RexInputRef ref) {
    SqlTypeName name = rowType.getFieldList().get(ref.getIndex()).getType().getSqlTypeName();
    SqlTypeFamily family = name.getFamily();
    return family == null ? SqlTypeFamily.ANY : family;
  }

  /**
   * Renders a pushable predicate with Calcite's SQL writer and the Caspio dialect, leaving holes
   * for parameters. Returns null when the result fails the structure check.
   */
  private WhereTemplate.@Nullable Conjunct render(RexNode node, boolean droppable) {
    Map<Integer, SqlTypeName> paramTypes = new TreeMap<>();
    RexNode withHoles =
        node.accept(
            new RexShuttle() {
              @Override
              public RexNode visitDynamicParam(RexDynamicParam param) {
                paramTypes.put(param.getIndex(), param.getType().getSqlTypeName());
                return rexBuilder.makeLiteral("\u0001" + param.getIndex() + "\u0001");
              }
            });
    List<String> names = caspioNames;
    SqlImplementor.SimpleContext context =
        new SqlImplementor.SimpleContext(
            CaspioSqlDialect.INSTANCE, i -> new SqlIdentifier(names.get(i), SqlParserPos.ZERO));
    SqlNode sql = context.toSql(null, withHoles);
    String text = sql.toSqlString(CaspioSqlDialect.INSTANCE).getSql();
    if (!FragmentScanner.isWellFormed(text)) {
      return null;
    }
    List<Object> parts = new ArrayList<>();
    Matcher m = PLACEHOLDER_LITERAL.matcher(text);
    int last = 0;
    while (m.find()) {
      parts.add(text.substring(last, m.start()));
      int index = Integer.parseInt(m.group(1));
      parts.add(new WhereTemplate.Param(index, paramTypes.get(index)));
      last = m.end();
    }
    parts.add(text.substring(last));
    parts.removeIf(p -> p instanceof String s && s.isEmpty());
    return new WhereTemplate.Conjunct(parts, droppable);
  }
}
