/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.rest.ObjectKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the {@code q.where} conjunct of a join reduction: {@code Key IN (SELECT Key FROM Other
 * WHERE …)}, with the other read's conditions (and their parameter holes) copied in. Views are
 * named {@code _v_<view>} inside a subquery, as Caspio requires (caspio-api.md 3.5).
 */
final class KeySubquery {

  private KeySubquery() {}

  /**
   * Whether a key pair can be compared inside Caspio with no row lost that Calcite would match.
   * Both must be plain fields of the same kind; lists hold JSON text, and Yes/No is left out
   * because an unset Yes/No may be shown as {@code false} while SQL Server holds NULL, which {@code
   * IN} never matches (caspio-api.md 5.3: unconfirmed, so the strict choice).
   */
  static boolean usable(ScanSpec.Output target, ScanSpec.Output source) {
    return target.field()
        && target.filterable()
        && source.field()
        && target.kind() == source.kind()
        && target.kind() != ColumnKind.LIST
        && target.kind() != ColumnKind.BOOLEAN;
  }

  /**
   * Whether Caspio's {@code =} on this key pair is exactly Calcite's: numbers and date-times of one
   * kind. Text is compared case-insensitively there; Yes/No may show NULL as false.
   */
  static boolean exactlyComparable(ScanSpec.Output target, ScanSpec.Output source) {
    ColumnKind k = target.kind();
    return usable(target, source)
        && (k == ColumnKind.INTEGER
            || k == ColumnKind.BIGINT
            || k == ColumnKind.DECIMAL
            || k == ColumnKind.DOUBLE
            || k == ColumnKind.TIMESTAMP);
  }

  /**
   * The anti-join conjunct: keeps the target rows whose key matches no source row. NULL keys are
   * kept (they match nothing), and NULLs are kept out of the subquery, where a single one would
   * make {@code NOT IN} unknown for every row.
   */
  static WhereTemplate.Conjunct notIn(
      ScanSpec.Output targetKey,
      ScanSpec source,
      ScanSpec.Output sourceKey,
      List<WhereTemplate.Conjunct> conditions) {
    String tk = name(targetKey.key());
    String sk = name(sourceKey.key());
    List<Object> parts = new ArrayList<>();
    parts.add(
        "("
            + tk
            + " IS NULL OR "
            + tk
            + " NOT IN (SELECT "
            + sk
            + " FROM "
            + objectName(source.table())
            + " WHERE "
            + sk
            + " IS NOT NULL");
    for (WhereTemplate.Conjunct c : conditions) {
      if (c.parts().equals(List.of(sk + " IS NOT NULL"))) {
        continue; // Already said.
      }
      parts.add(" AND (");
      parts.addAll(c.parts());
      parts.add(")");
    }
    parts.add("))");
    return new WhereTemplate.Conjunct(merge(parts), true, true);
  }

  /**
   * The reduction conjunct for a target key given the source's own conditions. Text keys also keep
   * NULL and empty values: Caspio may show an unset text as {@code ""} (caspio-api.md 5.3, an open
   * question), and two such values join locally though SQL Server's {@code IN} would not match
   * them.
   */
  static WhereTemplate.Conjunct in(
      ScanSpec.Output targetKey,
      ScanSpec source,
      ScanSpec.Output sourceKey,
      List<WhereTemplate.Conjunct> conditions) {
    String tk = name(targetKey.key());
    boolean text = targetKey.kind() == ColumnKind.VARCHAR;
    List<Object> parts = new ArrayList<>();
    parts.add(
        (text ? "(" : "")
            + tk
            + " IN (SELECT "
            + name(sourceKey.key())
            + " FROM "
            + objectName(source.table())
            + " WHERE ");
    boolean many = conditions.size() > 1;
    for (int i = 0; i < conditions.size(); i++) {
      parts.add((i > 0 ? " AND " : "") + (many ? "(" : ""));
      parts.addAll(conditions.get(i).parts());
      parts.add(many ? ")" : "");
    }
    parts.add(")" + (text ? " OR " + tk + " IS NULL OR " + tk + " = '')" : ""));
    return new WhereTemplate.Conjunct(merge(parts), true, true);
  }

  /** The name a subquery uses for a table or view. */
  static String objectName(CaspioTable table) {
    if (table.kind() != ObjectKind.VIEW) {
      return name(table.caspioName());
    }
    String view = name(table.caspioName());
    // The prefix goes inside the brackets when the name needs them: [_v_My View].
    return view.startsWith("[") ? "[_v_" + view.substring(1) : "_v_" + view;
  }

  static String name(String identifier) {
    return CaspioSqlDialect.INSTANCE.quoteIdentifier(new StringBuilder(), identifier).toString();
  }

  /** Adjacent text pieces as one, so that equal conjuncts have equal parts. */
  private static List<Object> merge(List<Object> parts) {
    List<Object> out = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (Object p : parts) {
      if (p instanceof String s) {
        text.append(s);
        continue;
      }
      if (text.length() > 0) {
        out.add(text.toString());
        text.setLength(0);
      }
      out.add(p);
    }
    if (text.length() > 0) {
      out.add(text.toString());
    }
    return out;
  }
}
