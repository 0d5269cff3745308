/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * REST v4's tautology guard for bulk updates and deletes (research notes 8.3: "a tautology guard
 * may reject always-true filters"). The notes give no rule, so this is a strict, decidable reading
 * that refuses a filter when it is blank, or when any top-level {@code OR} branch (parentheses
 * around the whole filter or a branch are looked through) is one of:
 *
 * <ul>
 *   <li>a constant: a branch naming no field at all, such as {@code 1=1}, {@code 'a'='a'}, {@code
 *       N'a'=N'a'}, {@code 1<2}, {@code NOT 1=0} or {@code GETDATE() IS NOT NULL}; a constant
 *       matches either every row or none, and neither is a scoped bulk write;
 *   <li>{@code PK_ID IS NOT NULL} (PK_ID is never null);
 *   <li>{@code PK_ID > n} with {@code n < 1}, or {@code PK_ID >= n} with {@code n <= 1} (PK_IDs
 *       start at 1; the notes name {@code PK_ID>0}).
 * </ul>
 *
 * <p>Anything else passes, however broad ({@code Age >= 0} still matches every row with an age):
 * the guard catches the obvious "everything" filters, it does not prove filters.
 */
final class TautologyGuard {
  private static final Set<String> KEYWORDS =
      Set.of("AND", "OR", "NOT", "NULL", "IS", "IN", "LIKE", "BETWEEN", "ESCAPE", "TRUE", "FALSE");

  private TautologyGuard() {}

  /**
   * @throws StoreException 400 {@code IncorrectQueryParameter} for a refused filter
   */
  static void check(String where) {
    if (where == null || where.isBlank()) {
      throw refuse("A where filter is required for this bulk call.");
    }
    List<SqlToken> tokens = SqlToken.tokenize(where);
    for (List<SqlToken> branch : branches(tokens)) {
      if (constant(branch) || pkAlways(branch)) {
        throw refuse(
            "The where filter matches every record (tautology guard); scope it, for example"
                + " PK_ID IN (1,2,3).");
      }
    }
  }

  /** Top-level OR branches, looking through enclosing parentheses, recursively. */
  private static List<List<SqlToken>> branches(List<SqlToken> tokens) {
    List<SqlToken> t = unwrap(tokens);
    List<List<SqlToken>> out = new ArrayList<>();
    List<SqlToken> current = new ArrayList<>();
    int depth = 0;
    boolean split = false;
    for (SqlToken k : t) {
      if (k.is(SqlToken.Kind.LPAREN)) {
        depth++;
      } else if (k.is(SqlToken.Kind.RPAREN)) {
        depth--;
      } else if (depth == 0 && k.isWord("OR")) {
        out.add(current);
        current = new ArrayList<>();
        split = true;
        continue;
      }
      current.add(k);
    }
    out.add(current);
    if (!split) {
      return out;
    }
    List<List<SqlToken>> flat = new ArrayList<>();
    for (List<SqlToken> b : out) {
      flat.addAll(branches(b));
    }
    return flat;
  }

  /** Strips parentheses that enclose the whole list. */
  private static List<SqlToken> unwrap(List<SqlToken> t) {
    while (t.size() >= 2
        && t.get(0).is(SqlToken.Kind.LPAREN)
        && t.get(t.size() - 1).is(SqlToken.Kind.RPAREN)
        && closesAtEnd(t)) {
      t = t.subList(1, t.size() - 1);
    }
    return t;
  }

  private static boolean closesAtEnd(List<SqlToken> t) {
    int depth = 0;
    for (int i = 0; i < t.size(); i++) {
      if (t.get(i).is(SqlToken.Kind.LPAREN)) {
        depth++;
      } else if (t.get(i).is(SqlToken.Kind.RPAREN)) {
        depth--;
        if (depth == 0 && i < t.size() - 1) {
          return false;
        }
      }
    }
    return true;
  }

  /** No field named: every word is a keyword or a function name (a word before "("). */
  private static boolean constant(List<SqlToken> branch) {
    for (int i = 0; i < branch.size(); i++) {
      SqlToken k = branch.get(i);
      if (!k.is(SqlToken.Kind.WORD)) {
        continue;
      }
      boolean function = i + 1 < branch.size() && branch.get(i + 1).is(SqlToken.Kind.LPAREN);
      if (k.quoted()
          || (!function && !KEYWORDS.contains(k.text().toUpperCase(java.util.Locale.ROOT)))) {
        return false;
      }
    }
    return true;
  }

  private static boolean pkAlways(List<SqlToken> b) {
    b = unwrap(b);
    if (b.isEmpty()
        || !b.get(0).is(SqlToken.Kind.WORD)
        || !b.get(0).text().equalsIgnoreCase("PK_ID")) {
      return false;
    }
    if (b.size() == 4
        && b.get(1).isWord("IS")
        && b.get(2).isWord("NOT")
        && b.get(3).isWord("NULL")) {
      return true;
    }
    if (b.size() == 3 && b.get(1).is(SqlToken.Kind.OPERATOR) && b.get(2).is(SqlToken.Kind.NUMBER)) {
      BigDecimal n = new BigDecimal(b.get(2).text());
      String op = b.get(1).text();
      return (op.equals(">") && n.compareTo(BigDecimal.ONE) < 0)
          || (op.equals(">=") && n.compareTo(BigDecimal.ONE) <= 0);
    }
    return false;
  }

  private static StoreException refuse(String message) {
    return new StoreException(400, "IncorrectQueryParameter", message);
  }
}
