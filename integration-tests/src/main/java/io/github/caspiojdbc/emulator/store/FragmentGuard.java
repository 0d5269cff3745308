/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import io.github.caspiojdbc.emulator.store.SqlToken.Kind;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The security wall of the fragment path: every word of a fragment must be a field, table or view
 * ({@code _v_Name}) of the account, an alias the query itself defines, an allowed keyword, or an
 * allowed function directly followed by {@code (}. Anything else is refused before H2 sees it, so a
 * fragment can reach neither H2's system functions (FILE_READ, CSVREAD, LINK_SCHEMA…), nor
 * INFORMATION_SCHEMA, nor a second statement. Known names come back double-quoted in their declared
 * casing. Separate from the dialect rewrite so that what is let through is decided in one place,
 * whatever the rewrite later does to the text. One guard serves one query, whose aliases it
 * collects.
 */
final class FragmentGuard {
  private final Map<String, String> fields;
  private final Map<String, String> objects;
  private final Set<String> passwords;
  private final Set<String> aliases = new HashSet<>();

  /** See {@link FragmentNames} for what the maps hold. */
  FragmentGuard(Map<String, String> fields, Map<String, String> objects, Set<String> passwords) {
    this.fields = fields;
    this.objects = objects;
    this.passwords = passwords;
  }

  /**
   * Records the aliases a fragment defines ({@code x AS a}, {@code FROM T t}, {@code COUNT(*) n})
   * so that every clause of the query may refer to them. Call for all fragments before {@link
   * FragmentRewriter#rewrite}.
   */
  void collectAliases(String fragment) {
    if (fragment == null || fragment.isBlank()) {
      return;
    }
    List<SqlToken> t = SqlToken.tokenize(fragment);
    for (int i = 1; i < t.size(); i++) {
      SqlToken w = t.get(i);
      if (!w.is(Kind.WORD) || isKnown(w) || (!w.quoted() && AllowList.isKeyword(w))) {
        continue;
      }
      if (i + 1 < t.size() && (t.get(i + 1).is(Kind.LPAREN) || t.get(i + 1).is(Kind.DOT))) {
        continue;
      }
      SqlToken prev = t.get(i - 1);
      boolean afterOperand =
          prev.isWord("AS")
              || prev.is(Kind.RPAREN)
              || (prev.is(Kind.WORD) && (prev.quoted() || !AllowList.isKeyword(prev)));
      String lower = w.text().toLowerCase(Locale.ROOT);
      if (afterOperand
          && !AllowList.RESERVED_ALIASES.contains(lower)
          && !passwords.contains(lower)) {
        aliases.add(lower);
      }
    }
  }

  /**
   * The H2 text of the word at {@code i}, once allowed.
   *
   * @param depth parenthesis depth at the word: clause keywords are refused only at the top
   * @throws StoreException 400 for a refused word; 500 for an unknown name in {@code q.select}
   */
  String word(List<SqlToken> t, int i, Clause clause, int depth) {
    SqlToken w = t.get(i);
    SqlToken prev = i > 0 ? t.get(i - 1) : null;
    SqlToken next = i + 1 < t.size() ? t.get(i + 1) : null;
    String upper = w.text().toUpperCase(Locale.ROOT);
    String lower = w.text().toLowerCase(Locale.ROOT);
    boolean call = next != null && next.is(Kind.LPAREN);
    boolean member = prev != null && prev.is(Kind.DOT);
    boolean qualifier = next != null && next.is(Kind.DOT);
    if (passwords.contains(lower)) {
      throw new StoreException(
          400,
          "IncorrectQueryParameter",
          "Password field '" + w.text() + "' cannot be used in q.select, q.where or q.orderBy");
    }
    if (!w.quoted() && call && AllowList.FUNCTIONS.contains(upper)) {
      return upper;
    }
    if (!w.quoted() && call && AllowList.KEYWORDS.contains(upper)) {
      return upper;
    }
    if (call) {
      throw SqlErrors.sqlError("'" + w.text() + "' is not a recognized built-in function name.");
    }
    if (!w.quoted()
        && AllowList.DATE_PARTS.contains(upper)
        && i >= 2
        && prev.is(Kind.LPAREN)
        && (t.get(i - 2).isWord("DATEADD") || t.get(i - 2).isWord("DATEDIFF"))) {
      return upper;
    }
    if (prev != null && prev.isWord("AS") && !member && !qualifier) {
      if (!w.quoted() && AllowList.TYPES.contains(upper)) {
        return upper;
      }
      if (AllowList.RESERVED_ALIASES.contains(lower)) {
        throw SqlErrors.sqlError("Invalid alias '" + w.text() + "'.");
      }
      aliases.add(lower);
      return SqlToken.quote(w.text());
    }
    if (member) {
      String f = fields.get(lower);
      if (f == null) {
        throw unknown(w, clause);
      }
      return SqlToken.quote(f);
    }
    if (qualifier) {
      String o = objects.get(lower);
      if (o != null) {
        return SqlToken.quote(o);
      }
      if (aliases.contains(lower)) {
        return SqlToken.quote(w.text());
      }
      throw unknown(w, clause);
    }
    String f = fields.get(lower);
    if (f != null) {
      return SqlToken.quote(f);
    }
    String o = objects.get(lower);
    if (o != null) {
      return SqlToken.quote(o);
    }
    if (!w.quoted() && AllowList.KEYWORDS.contains(upper)) {
      if (depth == 0 && AllowList.CLAUSE_ENDERS.contains(upper) && endsClause(upper, clause)) {
        throw SqlErrors.sqlError("Incorrect syntax near the keyword '" + upper + "'.");
      }
      return upper;
    }
    if (aliases.contains(lower)) {
      return SqlToken.quote(w.text());
    }
    throw unknown(w, clause);
  }

  private static boolean endsClause(String keyword, Clause clause) {
    switch (clause) {
      case GROUP_BY:
        return !keyword.equals("HAVING");
      case DEFINITION:
      case WHERE:
      case SELECT:
      case ORDER_BY:
      default:
        return true;
    }
  }

  private boolean isKnown(SqlToken w) {
    String lower = w.text().toLowerCase(Locale.ROOT);
    return fields.containsKey(lower) || objects.containsKey(lower);
  }

  private static StoreException unknown(SqlToken w, Clause clause) {
    String message = "Invalid column name '" + w.text() + "'.";
    return clause == Clause.SELECT
        ? new StoreException(500, "InternalError", message)
        : SqlErrors.sqlError(message);
  }
}
