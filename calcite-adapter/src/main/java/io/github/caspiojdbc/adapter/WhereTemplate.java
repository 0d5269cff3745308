/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A pushed {@code q.where}: the AND of conjuncts rendered at planning time, with holes for the
 * prepared-statement parameters, which are written as literals only when the statement executes.
 *
 * <p>A conjunct that is also re-checked locally ({@link Conjunct#droppable()}) may be left out of
 * the request when one of its parameter values cannot be written safely: the scan then returns more
 * rows and the local filter removes them, so the result stays exact.
 */
final class WhereTemplate {

  /** One hole: the parameter's index and the SQL type it is compared as. */
  record Param(int index, SqlTypeName type) {}

  /**
   * One conjunct: text pieces ({@link String}) and holes ({@link Param}) in order.
   *
   * @param droppable whether the conjunct is re-checked locally and so may be omitted
   * @param reduction whether it is a join reduction ({@link JoinReduction}): a subquery on another
   *     table that only narrows the rows a local join would discard anyway. Reductions are never
   *     copied into other subqueries, which keeps their nesting to one level.
   */
  record Conjunct(List<Object> parts, boolean droppable, boolean reduction) {
    Conjunct {
      parts = List.copyOf(parts);
    }

    /** A condition of the query itself. */
    Conjunct(List<Object> parts, boolean droppable) {
      this(parts, droppable, false);
    }
  }

  private static final WhereTemplate EMPTY = new WhereTemplate(List.of());

  private final List<Conjunct> conjuncts;

  WhereTemplate(List<Conjunct> conjuncts) {
    this.conjuncts = List.copyOf(conjuncts);
  }

  static WhereTemplate empty() {
    return EMPTY;
  }

  List<Conjunct> conjuncts() {
    return conjuncts;
  }

  boolean isEmpty() {
    return conjuncts.isEmpty();
  }

  /** The AND of two templates. */
  WhereTemplate and(WhereTemplate other) {
    List<Conjunct> all = new ArrayList<>(conjuncts);
    all.addAll(other.conjuncts);
    return new WhereTemplate(all);
  }

  /**
   * The fragment for these parameter values, or null when nothing is pushed.
   *
   * @throws IllegalArgumentException when a value that must be pushed cannot be written (a
   *     parameter of a conjunct that is not re-checked locally)
   */
  String render(IntFunction<Object> params) {
    return render(params, c -> true);
  }

  /**
   * The fragment without the conjuncts {@code keep} rejects; only re-checked (droppable) conjuncts
   * may be rejected.
   */
  String render(IntFunction<Object> params, java.util.function.Predicate<Conjunct> keep) {
    List<String> rendered = new ArrayList<>();
    for (Conjunct c : conjuncts) {
      if (!keep.test(c)) {
        if (!c.droppable()) {
          throw new IllegalStateException("an exact condition cannot be left out");
        }
        continue;
      }
      String s = render(c, params);
      if (s != null) {
        rendered.add(s);
      } else if (!c.droppable()) {
        throw new IllegalArgumentException("a parameter value cannot be sent to Caspio");
      }
    }
    return join(rendered);
  }

  /** The fragment as EXPLAIN shows it: holes appear as {@code ?}. */
  String describe() {
    List<String> out = new ArrayList<>();
    for (Conjunct c : conjuncts) {
      StringBuilder b = new StringBuilder();
      for (Object p : c.parts()) {
        b.append(p instanceof Param ? "?" : p);
      }
      out.add(b.toString());
    }
    return join(out);
  }

  /**
   * A complete, unambiguous text of this template (holes with their parameter index and type,
   * re-check flags), for telling plans apart.
   */
  String key() {
    StringBuilder b = new StringBuilder();
    for (Conjunct c : conjuncts) {
      b.append(c.reduction() ? "&" : "").append(c.droppable() ? "~(" : "(");
      for (Object p : c.parts()) {
        if (p instanceof Param param) {
          b.append("?").append(param.index()).append(':').append(param.type());
        } else {
          b.append(p);
        }
      }
      b.append(')');
    }
    return b.toString();
  }

  private static String join(List<String> parts) {
    if (parts.isEmpty()) {
      return null;
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    StringBuilder b = new StringBuilder();
    for (String p : parts) {
      if (b.length() > 0) {
        b.append(" AND ");
      }
      b.append('(').append(p).append(')');
    }
    return b.toString();
  }

  private static String render(Conjunct c, IntFunction<Object> params) {
    StringBuilder b = new StringBuilder();
    for (Object p : c.parts()) {
      if (p instanceof Param param) {
        String literal = literal(param.type(), params.apply(param.index()));
        if (literal == null) {
          return null;
        }
        b.append(literal);
      } else {
        b.append((String) p);
      }
    }
    return b.toString();
  }

  /**
   * A parameter value as a T-SQL literal of its comparison type, or null when it cannot be written
   * safely or is of an unexpected kind. A null value is written as {@code NULL}: with ANSI_NULLS on
   * (SQL Server's default for .NET clients such as Caspio's), a comparison with NULL is unknown
   * there as it is in Calcite.
   */
  static String literal(SqlTypeName type, Object value) {
    if (value == null) {
      return "NULL";
    }
    switch (Objects.requireNonNull(type).getFamily()) {
      case CHARACTER:
        return value instanceof String s && CaspioSqlDialect.isSafeString(s)
            ? CaspioSqlDialect.stringLiteral(s)
            : null;
      case NUMERIC:
        return numeric(value);
      case BOOLEAN:
        return value instanceof Boolean bool ? (bool ? "1" : "0") : null;
      case TIMESTAMP:
      case DATE:
        LocalDateTime ldt = dateTime(type, value);
        return ldt == null ? null : CaspioSqlDialect.dateTimeLiteral(ldt);
      default:
        return null;
    }
  }

  private static String numeric(Object value) {
    if (value instanceof BigDecimal d) {
      return CaspioSqlDialect.numberLiteral(d);
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return CaspioSqlDialect.numberLiteral(BigDecimal.valueOf(((Number) value).longValue()));
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) ? CaspioSqlDialect.numberLiteral(d) : null;
    }
    return null;
  }

  /**
   * Calcite hands over date-times either as JDBC objects or in its internal form (milliseconds or
   * days since the epoch, counted without a zone); both are read without the JVM zone.
   */
  private static LocalDateTime dateTime(SqlTypeName type, Object value) {
    if (value instanceof LocalDateTime ldt) {
      return ldt;
    }
    if (value instanceof LocalDate ld) {
      return ld.atStartOfDay();
    }
    if (value instanceof java.sql.Timestamp ts) {
      return ts.toLocalDateTime();
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate().atStartOfDay();
    }
    if (value instanceof Long millis && type == SqlTypeName.TIMESTAMP) {
      return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }
    if (value instanceof Integer days && type == SqlTypeName.DATE) {
      return LocalDate.ofEpochDay(days).atStartOfDay();
    }
    return null;
  }

  @Override
  public String toString() {
    String d = describe();
    return d == null ? "" : d;
  }
}
