/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import io.github.caspiojdbc.emulator.store.SqlToken.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a Caspio T-SQL fragment ({@code q.where}, {@code q.select}, {@code q.groupBy}, {@code
 * q.orderBy}, or a formula or view filter) into H2 text, in three rooms: {@link SqlToken} splits
 * it, refusing what is outside the lexicon; {@link FragmentGuard} lets through only allowed words
 * and the account's names; {@link SqlServerDialect} restores SQL Server's meaning where H2's
 * differs. This class drives them over one fragment and emits the result. Known names are emitted
 * double-quoted (H2 runs with case-insensitive identifiers, so the quoting keeps Caspio's
 * case-insensitive naming while protecting names that are H2 keywords, such as {@code Year}). The
 * restricted H2 user that runs the statements is a second line of defence.
 */
final class FragmentRewriter {
  private final FragmentGuard guard;
  private final SqlServerDialect dialect;

  /**
   * Creates a rewriter for one query.
   *
   * @param fields every field name usable in the account, lower-cased, to its declared casing
   * @param objects every table name, and {@code _v_<view>} for views, lower-cased, to the H2 object
   *     name
   * @param passwords lower-cased names of password fields, which may never be named
   * @param textFields lower-cased names that denote a text field wherever they occur; their
   *     comparisons with literals ignore trailing blanks as SQL Server's do
   * @param yesNoFields lower-cased names that denote a Yes/No field wherever they occur; they
   *     compare with 0 and 1 as SQL Server's BIT does
   */
  FragmentRewriter(
      Map<String, String> fields,
      Map<String, String> objects,
      Set<String> passwords,
      Set<String> textFields,
      Set<String> yesNoFields) {
    this.guard = new FragmentGuard(fields, objects, passwords);
    this.dialect = new SqlServerDialect(fields, textFields, yesNoFields);
  }

  /** See {@link SqlServerDialect#prepareGrouping}. Call before rewriting SELECT and GROUP BY. */
  void prepareGrouping(String groupBy) {
    dialect.prepareGrouping(groupBy);
  }

  /** See {@link FragmentGuard#collectAliases}. Call for all fragments before {@link #rewrite}. */
  void collectAliases(String fragment) {
    guard.collectAliases(fragment);
  }

  /**
   * Validates one fragment and returns its H2 text.
   *
   * @param fragment the fragment as the client sent it
   * @param clause where it goes
   * @param star replacement for a top-level {@code *} in a SELECT list (the non-password fields)
   * @throws StoreException 400 for a refused fragment; 500 for an unknown name in {@code q.select}
   *     (caspio-api.md 4.3 reports HTTP 500 for a non-existent selected field)
   */
  String rewrite(String fragment, Clause clause, String star) {
    List<SqlToken> t = SqlToken.tokenize(fragment);
    if (t.isEmpty()) {
      throw new StoreException(400, "IncorrectQueryParameter", "Empty query fragment");
    }
    StringBuilder out = new StringBuilder(fragment.length() + 16);
    String[] before = new String[t.size()];
    String[] after = new String[t.size()];
    boolean[] trim = new boolean[t.size()];
    boolean[] drop = new boolean[t.size()];
    dialect.mark(t, clause, before, after, trim, drop);
    int depth = 0;
    for (int i = 0; i < t.size(); i++) {
      SqlToken tok = t.get(i);
      SqlToken prev = i > 0 ? t.get(i - 1) : null;
      SqlToken next = i + 1 < t.size() ? t.get(i + 1) : null;
      String text;
      switch (tok.kind()) {
        case LPAREN:
          depth++;
          text = "(";
          break;
        case RPAREN:
          if (--depth < 0) {
            throw SqlErrors.sqlError("Incorrect syntax near ')'.");
          }
          text = ")";
          break;
        case STAR:
          if (prev != null && prev.is(Kind.DOT)) {
            throw SqlErrors.sqlError("Qualified '*' is not supported in query fragments.");
          }
          boolean listItem =
              (prev == null || prev.is(Kind.COMMA)) && (next == null || next.is(Kind.COMMA));
          text = clause == Clause.SELECT && depth == 0 && listItem ? star : "*";
          break;
        case WORD:
          text =
              SqlServerDialect.likePattern(t, i) != null
                  ? "REGEXP"
                  : guard.word(t, i, clause, depth);
          break;
        case STRING:
          String regex = i > 0 ? SqlServerDialect.likePattern(t, i - 1) : null;
          text = regex != null ? regex : tok.text();
          break;
        default:
          text = tok.text();
      }
      if (trim[i]) {
        text = SqlServerDialect.trimLiteral(text);
      }
      if (drop[i]) {
        continue;
      }
      if (out.length() > 0 && spaceBetween(prev, tok)) {
        out.append(' ');
      }
      out.append(before[i] == null ? "" : before[i]).append(text);
      out.append(after[i] == null ? "" : after[i]);
    }
    if (depth != 0) {
      throw SqlErrors.sqlError("Incorrect syntax: unbalanced parentheses.");
    }
    return out.toString();
  }

  /** Whether a SELECT list starts with DISTINCT (no default PK ordering is possible then). */
  static boolean startsWithDistinct(String select) {
    List<SqlToken> t = SqlToken.tokenize(select);
    return !t.isEmpty() && t.get(0).isWord("DISTINCT");
  }

  /**
   * Whether a SELECT list uses an aggregate outside a window ({@code COUNT(*)} but not {@code
   * COUNT(*) OVER (…)}), which collapses the rows into groups.
   */
  static boolean hasPlainAggregate(String select) {
    List<SqlToken> t = SqlToken.tokenize(select);
    for (int i = 0; i + 1 < t.size(); i++) {
      SqlToken w = t.get(i);
      boolean aggregate =
          w.isWord("COUNT")
              || w.isWord("SUM")
              || w.isWord("AVG")
              || w.isWord("MIN")
              || w.isWord("MAX")
              || w.isWord("STRING_AGG");
      if (!aggregate || !t.get(i + 1).is(Kind.LPAREN)) {
        continue;
      }
      int depth = 0;
      int j = i + 1;
      for (; j < t.size(); j++) {
        if (t.get(j).is(Kind.LPAREN)) {
          depth++;
        } else if (t.get(j).is(Kind.RPAREN) && --depth == 0) {
          break;
        }
      }
      if (j + 1 >= t.size() || !t.get(j + 1).isWord("OVER")) {
        return true;
      }
    }
    return false;
  }

  /** Compact, readable output: {@code f(a, b)}, {@code t.c}, {@code IN (…)}. */
  private static boolean spaceBetween(SqlToken prev, SqlToken tok) {
    if (tok.is(Kind.DOT) || prev.is(Kind.DOT) || prev.is(Kind.LPAREN)) {
      return false;
    }
    if (tok.is(Kind.RPAREN) || tok.is(Kind.COMMA)) {
      return false;
    }
    if (tok.is(Kind.LPAREN) && prev.is(Kind.WORD) && !prev.quoted()) {
      String upper = prev.text().toUpperCase(Locale.ROOT);
      return !AllowList.FUNCTIONS.contains(upper) && !AllowList.TYPES.contains(upper);
    }
    return true;
  }
}
