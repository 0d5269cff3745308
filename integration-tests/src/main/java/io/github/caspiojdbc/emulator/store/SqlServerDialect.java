/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import io.github.caspiojdbc.emulator.store.SqlToken.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where H2 and SQL Server read the same text differently, this rewrites it to SQL Server's meaning:
 * trailing blanks ignored in text comparisons, LIKE patterns and plain GROUP BY items, Yes/No
 * fields compared with 0 and 1 (SQL Server's BIT is a number; H2's BOOLEAN is not),
 * case-insensitive results of string functions, and T-SQL LIKE bracket classes. It never decides
 * what is allowed ({@link FragmentGuard} does); it marks text to put before and after tokens, which
 * {@link FragmentRewriter} then emits. Kept apart because each rule answers to a known H2
 * difference, and the list of them grows with the emulator's fidelity, not with its security.
 *
 * <p>Size: just over the house's 400 lines, on purpose: it is that list, one short rule per known
 * difference over the same tokens, and the rules must run in a fixed order.
 */
final class SqlServerDialect {
  private final Map<String, String> fields;
  private final Set<String> textFields;
  private final Set<String> yesNoFields;
  private final Set<String> groupedText = new HashSet<>();

  /**
   * @param fields field names, lower-cased, to their declared casing
   * @param textFields lower-cased names that denote a text field wherever they occur; their
   *     comparisons with literals ignore trailing blanks as SQL Server's do
   * @param yesNoFields lower-cased names that denote a Yes/No field wherever they occur
   */
  SqlServerDialect(Map<String, String> fields, Set<String> textFields, Set<String> yesNoFields) {
    this.fields = fields;
    this.textFields = textFields;
    this.yesNoFields = yesNoFields;
  }

  /**
   * Notes the text fields a GROUP BY lists as plain items. SQL Server puts {@code 'Open'} and
   * {@code 'Open '} in one group; grouping on the right-trimmed value (and selecting that same
   * expression under the field's name) reproduces it. Call before rewriting SELECT and GROUP BY.
   */
  void prepareGrouping(String groupBy) {
    if (groupBy == null || groupBy.isBlank()) {
      return;
    }
    List<SqlToken> t = SqlToken.tokenize(groupBy);
    for (int[] item : items(t)) {
      int end = item[1];
      int start = textRefEndingAt(t, end);
      if (start == item[0]) {
        groupedText.add(t.get(end).text().toLowerCase(Locale.ROOT));
      }
    }
  }

  /**
   * Marks the text to emit around tokens of one fragment; the order of the rules matters, as each
   * wraps what an earlier one put there.
   */
  void mark(
      List<SqlToken> t,
      Clause clause,
      String[] before,
      String[] after,
      boolean[] trim,
      boolean[] drop) {
    if (clause == Clause.WHERE || clause == Clause.DEFINITION) {
      markBlankInsensitiveComparisons(t, before, after, trim);
    }
    markBitComparisons(t, before, after);
    markCaseInsensitiveTextFunctions(t, before, after);
    if (clause == Clause.GROUP_BY || clause == Clause.SELECT) {
      markGroupedTextItems(t, clause, before, after, drop);
    }
  }

  /** Top-level comma-separated items as {@code [first, last]} token indexes, up to HAVING. */
  private static List<int[]> items(List<SqlToken> t) {
    List<int[]> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int k = 0; k <= t.size(); k++) {
      boolean end = k == t.size() || (depth == 0 && t.get(k).isWord("HAVING"));
      if (end || (depth == 0 && t.get(k).is(Kind.COMMA))) {
        if (k > start) {
          out.add(new int[] {start, k - 1});
        }
        if (end) {
          break;
        }
        start = k + 1;
      } else if (t.get(k).is(Kind.LPAREN)) {
        depth++;
      } else if (t.get(k).is(Kind.RPAREN)) {
        depth--;
      }
    }
    return out;
  }

  private void markGroupedTextItems(
      List<SqlToken> t, Clause clause, String[] before, String[] after, boolean[] drop) {
    if (groupedText.isEmpty()) {
      return;
    }
    for (int[] item : items(t)) {
      int last = item[1];
      boolean aliased = false;
      if (clause == Clause.SELECT && last - item[0] >= 1) {
        // "field AS name" or "field name": the item's value is the reference before the alias.
        SqlToken maybeAlias = t.get(last);
        boolean asForm = last - item[0] >= 2 && t.get(last - 1).isWord("AS");
        boolean bare =
            !asForm
                && t.get(last - 1).is(Kind.WORD)
                && !t.get(last - 1).isWord("AS")
                && maybeAlias.is(Kind.WORD)
                && !t.get(last - 1).is(Kind.DOT);
        if (asForm || (bare && textRefEndingAt(t, last - 1) == item[0])) {
          last = asForm ? last - 2 : last - 1;
          aliased = true;
        }
      }
      int start = textRefEndingAt(t, last);
      if (start != item[0] || !groupedText.contains(t.get(last).text().toLowerCase(Locale.ROOT))) {
        continue;
      }
      // At the top level the only table is the queried one: "T.f" and "f" must become the very
      // same expression in SELECT and GROUP BY, so the qualifier is dropped.
      for (int k = start; k < last; k++) {
        drop[k] = true;
      }
      wrap(before, after, last, last);
      if (clause == Clause.SELECT && !aliased) {
        String name =
            fields.getOrDefault(t.get(last).text().toLowerCase(Locale.ROOT), t.get(last).text());
        after[last] = after[last] + " AS " + SqlToken.quote(name);
      }
    }
  }

  /**
   * When token {@code i} is a LIKE followed by a literal pattern and no ESCAPE clause, returns the
   * pattern translated to an H2 regular expression literal, else {@code null}. H2's LIKE differs
   * from T-SQL's in three ways this fixes: it knows no {@code [abc]}, {@code [a-z]}, {@code [^a]}
   * or {@code [%]} classes, it treats backslash as an escape character, and it does not ignore the
   * value's trailing blanks. The regex is case-insensitive like SQL Server's default collation.
   */
  static String likePattern(List<SqlToken> t, int i) {
    if (!t.get(i).isWord("LIKE") || i + 1 >= t.size() || !t.get(i + 1).is(Kind.STRING)) {
      return null;
    }
    if (i + 2 < t.size() && (t.get(i + 2).isWord("ESCAPE") || t.get(i + 2).is(Kind.OPERATOR))) {
      // An explicit escape, or a pattern built by an expression: left to H2's LIKE.
      return null;
    }
    String literal = t.get(i + 1).text();
    String body = literal.substring(literal.indexOf('\'') + 1, literal.length() - 1);
    String pattern = body.replace("''", "'");
    StringBuilder r = new StringBuilder("(?isu)^");
    for (int k = 0; k < pattern.length(); k++) {
      char c = pattern.charAt(k);
      int close = c == '[' ? pattern.indexOf(']', k + 2) : -1;
      if (c == '%') {
        r.append(".*");
      } else if (c == '_') {
        r.append('.');
      } else if (close > 0) {
        String inside = pattern.substring(k + 1, close);
        boolean negated = inside.startsWith("^") && inside.length() > 1;
        r.append(negated ? "[^" : "[");
        for (char x : (negated ? inside.substring(1) : inside).toCharArray()) {
          r.append("\\[]^&".indexOf(x) >= 0 ? "\\" + x : String.valueOf(x));
        }
        r.append(']');
        k = close;
      } else if ("\\.^$|?*+()[]{}".indexOf(c) >= 0) {
        r.append('\\').append(c);
      } else {
        r.append(c);
      }
    }
    r.append(" *$");
    return "'" + r.toString().replace("'", "''") + "'";
  }

  /** Functions returning text: wrapped so that H2 compares their result case-insensitively. */
  private static final Set<String> TEXT_FUNCTIONS =
      Set.of(
          "LTRIM",
          "RTRIM",
          "TRIM",
          "SUBSTRING",
          "LEFT",
          "RIGHT",
          "REPLACE",
          "CONCAT",
          "UPPER",
          "LOWER",
          "SPACE",
          "CHAR",
          "SOUNDEX");

  /**
   * H2 types the result of a string function as case-sensitive VARCHAR, whereas SQL Server keeps
   * the column's case-insensitive collation; a CAST to VARCHAR (case-insensitive under the
   * database's IGNORECASE setting) restores it.
   */
  private static void markCaseInsensitiveTextFunctions(
      List<SqlToken> t, String[] before, String[] after) {
    for (int i = 0; i + 1 < t.size(); i++) {
      SqlToken w = t.get(i);
      if (!w.is(Kind.WORD)
          || w.quoted()
          || !t.get(i + 1).is(Kind.LPAREN)
          || !TEXT_FUNCTIONS.contains(w.text().toUpperCase(Locale.ROOT))
          || (i > 0 && t.get(i - 1).is(Kind.DOT))) {
        continue;
      }
      int close = matching(t, i + 1);
      if (close > 0) {
        before[i] = (before[i] == null ? "" : before[i]) + "CAST(";
        after[close] = (after[close] == null ? "" : after[close]) + " AS VARCHAR)";
      }
    }
  }

  /**
   * SQL Server pads the shorter operand with blanks before comparing text, so {@code 'a ' = 'a'}.
   * For the common shapes {@code field = 'x'}, {@code field <> 'x'}, {@code 'x' = field} and {@code
   * field [NOT] IN ('x', …)} on text fields, the field is compared right-trimmed and the literal
   * without its trailing blanks, which gives the same answer. {@code field [NOT] IN (SELECT other
   * FROM …)} with two text fields, the shape of a join reduction, trims both.
   */
  private void markBlankInsensitiveComparisons(
      List<SqlToken> t, String[] before, String[] after, boolean[] trim) {
    for (int i = 1; i + 1 < t.size(); i++) {
      SqlToken op = t.get(i);
      boolean cmp = op.is(Kind.OPERATOR) && (op.text().equals("=") || op.text().equals("<>"));
      if (cmp
          && t.get(i - 1).is(Kind.STRING)
          && t.get(i + 1).is(Kind.STRING)
          && boundaryBefore(t, i - 2)
          && boundaryAfter(t, i + 2)) {
        // Two literals: H2 types both as case-sensitive VARCHAR and compares them unpadded, where
        // SQL Server's default collation makes 'a' = 'A' and 'a ' = 'a' (the account check probes
        // exactly this with a constant q.where).
        wrap(before, after, i - 1, i - 1);
        wrap(before, after, i + 1, i + 1);
        continue;
      }
      if (cmp) {
        int refStart = textRefEndingAt(t, i - 1);
        if (refStart >= 0
            && boundaryBefore(t, refStart - 1)
            && t.get(i + 1).is(Kind.STRING)
            && boundaryAfter(t, i + 2)) {
          wrap(before, after, refStart, i - 1);
          trim[i + 1] = true;
        }
        int refEnd = textRefStartingAt(t, i + 1);
        if (refEnd >= 0
            && t.get(i - 1).is(Kind.STRING)
            && boundaryBefore(t, i - 2)
            && boundaryAfter(t, refEnd + 1)) {
          wrap(before, after, i + 1, refEnd);
          trim[i - 1] = true;
        }
      } else if (op.isWord("IN") && t.get(i + 1).is(Kind.LPAREN)) {
        int refEnd = i - 1;
        if (t.get(refEnd).isWord("NOT")) {
          refEnd--;
        }
        int refStart = refEnd >= 0 ? textRefEndingAt(t, refEnd) : -1;
        int close = matching(t, i + 1);
        if (refStart < 0 || close < 0 || !boundaryBefore(t, refStart - 1)) {
          continue;
        }
        if (t.get(i + 2).isWord("SELECT")) {
          // field [NOT] IN (SELECT other FROM …): both text, compared blank-insensitively too.
          int innerEnd = textRefStartingAt(t, i + 3);
          if (innerEnd >= 0 && innerEnd + 1 < close && t.get(innerEnd + 1).isWord("FROM")) {
            wrap(before, after, refStart, refEnd);
            wrap(before, after, i + 3, innerEnd);
          }
          continue;
        }
        boolean literals = true;
        for (int k = i + 2; k < close; k++) {
          boolean expectString = (k - i) % 2 == 0;
          literals &= expectString ? t.get(k).is(Kind.STRING) : t.get(k).is(Kind.COMMA);
        }
        if (literals && close > i + 2) {
          wrap(before, after, refStart, refEnd);
          for (int k = i + 2; k < close; k += 2) {
            trim[k] = true;
          }
        }
      }
    }
  }

  /**
   * SQL Server stores Yes/No as BIT and compares it with the numbers 0 and 1 anywhere in an
   * expression; H2's BOOLEAN accepts a number beside it only in some shapes, and refuses {@code
   * Shipped=0 OR Shipped=1} ("BOOLEAN and INTEGER are not comparable"). The literals 0 and 1 next
   * to a Yes/No field ({@code f = 1}, {@code 0 <> f}, {@code f IN (0, 1)}) become booleans. Other
   * numbers are left alone: SQL Server compares {@code f = 2} as numbers (never true), which a cast
   * to BOOLEAN would not reproduce, so H2's refusal of them stays (the stricter answer).
   */
  private void markBitComparisons(List<SqlToken> t, String[] before, String[] after) {
    for (int i = 1; i + 1 < t.size(); i++) {
      SqlToken op = t.get(i);
      boolean cmp = op.is(Kind.OPERATOR) && (op.text().equals("=") || op.text().equals("<>"));
      if (cmp && isYesNoRef(t, i - 1) && isBit(t.get(i + 1))) {
        asBoolean(before, after, i + 1);
      } else if (cmp && isBit(t.get(i - 1)) && startsYesNoRef(t, i + 1)) {
        asBoolean(before, after, i - 1);
      } else if (op.isWord("IN")
          && t.get(i + 1).is(Kind.LPAREN)
          && isYesNoRef(t, t.get(i - 1).isWord("NOT") ? i - 2 : i - 1)) {
        int close = matching(t, i + 1);
        for (int k = i + 2; close > 0 && k < close; k++) {
          if (isBit(t.get(k))) {
            asBoolean(before, after, k);
          }
        }
      }
    }
  }

  /** Whether a Yes/No field reference ({@code f} or {@code t.f}) ends at {@code k}. */
  private boolean isYesNoRef(List<SqlToken> t, int k) {
    return k >= 0 && isYesNoField(t.get(k));
  }

  /** Whether a Yes/No field reference starts at {@code k}. */
  private boolean startsYesNoRef(List<SqlToken> t, int k) {
    if (k + 2 < t.size() && t.get(k + 1).is(Kind.DOT)) {
      return isYesNoField(t.get(k + 2));
    }
    return k < t.size()
        && isYesNoField(t.get(k))
        && !(k + 1 < t.size() && t.get(k + 1).is(Kind.LPAREN));
  }

  private boolean isYesNoField(SqlToken w) {
    return w.is(Kind.WORD) && yesNoFields.contains(w.text().toLowerCase(Locale.ROOT));
  }

  private static boolean isBit(SqlToken n) {
    return n.is(Kind.NUMBER) && (n.text().equals("0") || n.text().equals("1"));
  }

  private static void asBoolean(String[] before, String[] after, int k) {
    before[k] = "CAST(" + (before[k] == null ? "" : before[k]);
    after[k] = (after[k] == null ? "" : after[k]) + " AS BOOLEAN)";
  }

  private static void wrap(String[] before, String[] after, int start, int end) {
    before[start] = "CAST(RTRIM(" + (before[start] == null ? "" : before[start]);
    after[end] = (after[end] == null ? "" : after[end]) + ") AS VARCHAR)";
  }

  /** Start index of a text-field reference ({@code f} or {@code t.f}) ending at {@code end}. */
  private int textRefEndingAt(List<SqlToken> t, int end) {
    if (end < 0 || !isTextField(t.get(end))) {
      return -1;
    }
    if (end >= 2 && t.get(end - 1).is(Kind.DOT) && t.get(end - 2).is(Kind.WORD)) {
      return end - 2;
    }
    return end >= 1 && t.get(end - 1).is(Kind.DOT) ? -1 : end;
  }

  /** End index of a text-field reference starting at {@code start}. */
  private int textRefStartingAt(List<SqlToken> t, int start) {
    if (start >= t.size() || !t.get(start).is(Kind.WORD)) {
      return -1;
    }
    if (start + 2 < t.size() && t.get(start + 1).is(Kind.DOT)) {
      return isTextField(t.get(start + 2)) ? start + 2 : -1;
    }
    boolean call = start + 1 < t.size() && t.get(start + 1).is(Kind.LPAREN);
    return !call && isTextField(t.get(start)) ? start : -1;
  }

  private boolean isTextField(SqlToken w) {
    return w.is(Kind.WORD) && textFields.contains(w.text().toLowerCase(Locale.ROOT));
  }

  private static boolean boundaryBefore(List<SqlToken> t, int k) {
    if (k < 0) {
      return true;
    }
    SqlToken x = t.get(k);
    return x.is(Kind.LPAREN)
        || x.isWord("AND")
        || x.isWord("OR")
        || x.isWord("NOT")
        || x.isWord("WHEN")
        || x.isWord("ON")
        || x.isWord("WHERE")
        || x.isWord("HAVING");
  }

  private static boolean boundaryAfter(List<SqlToken> t, int k) {
    if (k >= t.size()) {
      return true;
    }
    SqlToken x = t.get(k);
    return x.is(Kind.RPAREN) || x.isWord("AND") || x.isWord("OR") || x.isWord("THEN");
  }

  /** Index of the parenthesis closing the one at {@code open}, or -1. */
  private static int matching(List<SqlToken> t, int open) {
    int depth = 0;
    for (int k = open; k < t.size(); k++) {
      if (t.get(k).is(Kind.LPAREN)) {
        depth++;
      } else if (t.get(k).is(Kind.RPAREN) && --depth == 0) {
        return k;
      }
    }
    return -1;
  }

  /** A string literal without its trailing blanks ({@code N'a '} becomes {@code N'a'}). */
  static String trimLiteral(String literal) {
    int end = literal.length() - 1;
    int k = end;
    while (k > 0 && literal.charAt(k - 1) == ' ') {
      k--;
    }
    int open = literal.indexOf('\'');
    return k - 1 < open ? literal : literal.substring(0, k) + "'";
  }
}
