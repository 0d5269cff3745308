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
 * Validates a Caspio T-SQL fragment against an allow-list and rewrites it for H2. Every word must
 * be a field, table or view ({@code _v_Name}) of the account, an alias the query itself defines, an
 * allowed keyword, or an allowed function directly followed by {@code (}. Known names are emitted
 * double-quoted (H2 runs with case-insensitive identifiers, so the quoting keeps Caspio's
 * case-insensitive naming while protecting names that are H2 keywords, such as {@code Year}).
 * Anything else is refused before H2 sees it, so a fragment can reach neither H2's system functions
 * (FILE_READ, CSVREAD, LINK_SCHEMA…), nor INFORMATION_SCHEMA, nor a second statement. The
 * restricted H2 user that runs the statements is a second line of defence.
 */
final class FragmentRewriter {

  /** Which clause a fragment fills; decides error statuses and clause-specific rules. */
  enum Clause {
    SELECT,
    WHERE,
    GROUP_BY,
    ORDER_BY,
    /** Formula and view definitions written by the emulator itself. */
    DEFINITION
  }

  /** Functions H2 runs with SQL Server meaning in MSSQLServer mode (each one is tested). */
  static final Set<String> FUNCTIONS =
      Set.of(
          "COUNT",
          "SUM",
          "AVG",
          "MIN",
          "MAX",
          "ROW_NUMBER",
          "RANK",
          "DENSE_RANK",
          "NTILE",
          "LAG",
          "LEAD",
          "FIRST_VALUE",
          "LAST_VALUE",
          "LEN",
          "UPPER",
          "LOWER",
          "LTRIM",
          "RTRIM",
          "TRIM",
          "SUBSTRING",
          "LEFT",
          "RIGHT",
          "CHARINDEX",
          "REPLACE",
          "CONCAT",
          "SPACE",
          "COALESCE",
          "ISNULL",
          "NULLIF",
          "CAST",
          "CONVERT",
          "GETDATE",
          "YEAR",
          "MONTH",
          "DAY",
          "DATEADD",
          "DATEDIFF",
          "ABS",
          "ROUND",
          "FLOOR",
          "CEILING",
          "POWER",
          "SQRT",
          "SIGN",
          "LOG",
          "EXP",
          "PI",
          "RAND",
          "NEWID",
          "STRING_AGG",
          "SOUNDEX",
          "ASCII",
          "CHAR");

  /** Keywords, data type names and DATEADD/DATEDIFF date parts a fragment may use. */
  static final Set<String> KEYWORDS =
      Set.of(
          "SELECT",
          "FROM",
          "WHERE",
          "AND",
          "OR",
          "NOT",
          "IN",
          "IS",
          "NULL",
          "LIKE",
          "ESCAPE",
          "BETWEEN",
          "EXISTS",
          "AS",
          "ASC",
          "DESC",
          "GROUP",
          "BY",
          "ORDER",
          "HAVING",
          "DISTINCT",
          "TOP",
          "CASE",
          "WHEN",
          "THEN",
          "ELSE",
          "END",
          "ALL",
          "ANY",
          "SOME",
          "ON",
          "JOIN",
          "INNER",
          "LEFT",
          "RIGHT",
          "FULL",
          "OUTER",
          "CROSS",
          "UNION",
          "EXCEPT",
          "INTERSECT",
          "OVER",
          "PARTITION",
          "ROWS",
          "RANGE",
          "UNBOUNDED",
          "PRECEDING",
          "FOLLOWING",
          "CURRENT",
          "ROW",
          "OFFSET",
          "FETCH",
          "NEXT",
          "FIRST",
          "ONLY",
          "TRUE",
          "FALSE",
          "CURRENT_TIMESTAMP",
          "INT",
          "INTEGER",
          "BIGINT",
          "SMALLINT",
          "TINYINT",
          "BIT",
          "DECIMAL",
          "NUMERIC",
          "MONEY",
          "FLOAT",
          "REAL",
          "VARCHAR",
          "NVARCHAR",
          "CHAR",
          "NCHAR",
          "MAX",
          "DATE",
          "DATETIME",
          "DATETIME2",
          "SMALLDATETIME",
          "TIME");

  /** Data type names: after {@code AS} they end a CAST, anything else there is an alias. */
  private static final Set<String> TYPES =
      Set.of(
          "INT",
          "INTEGER",
          "BIGINT",
          "SMALLINT",
          "TINYINT",
          "BIT",
          "DECIMAL",
          "NUMERIC",
          "MONEY",
          "FLOAT",
          "REAL",
          "VARCHAR",
          "NVARCHAR",
          "CHAR",
          "NCHAR",
          "DATE",
          "DATETIME",
          "DATETIME2",
          "SMALLDATETIME",
          "TIME");

  /** Date parts H2 understands; accepted only as the first argument of DATEADD/DATEDIFF. */
  private static final Set<String> DATE_PARTS =
      Set.of(
          "YEAR",
          "YYYY",
          "YY",
          "MONTH",
          "MM",
          "M",
          "DAY",
          "DD",
          "D",
          "DAYOFYEAR",
          "DY",
          "WEEK",
          "WK",
          "WW",
          "HOUR",
          "HH",
          "MINUTE",
          "MI",
          "N",
          "SECOND",
          "SS",
          "S",
          "MILLISECOND",
          "MS",
          "QUARTER");

  /** Keywords that may not appear outside parentheses, per clause (they would leave it). */
  private static final Set<String> CLAUSE_ENDERS =
      Set.of(
          "FROM",
          "WHERE",
          "GROUP",
          "HAVING",
          "ORDER",
          "UNION",
          "EXCEPT",
          "INTERSECT",
          "OFFSET",
          "FETCH");

  /** Schema names of the H2 database: never acceptable as aliases. */
  private static final Set<String> RESERVED_ALIASES =
      Set.of("information_schema", "public", "acct", "pg_catalog", "sys");

  private final Map<String, String> fields;
  private final Map<String, String> objects;
  private final Set<String> passwords;
  private final Set<String> textFields;
  private final Set<String> aliases = new HashSet<>();
  private final Set<String> groupedText = new HashSet<>();

  /**
   * Creates a rewriter for one query.
   *
   * @param fields every field name usable in the account, lower-cased, to its declared casing
   * @param objects every table name, and {@code _v_<view>} for views, lower-cased, to the H2 object
   *     name
   * @param passwords lower-cased names of password fields, which may never be named
   * @param textFields lower-cased names that denote a text field wherever they occur; their
   *     comparisons with literals ignore trailing blanks as SQL Server's do
   */
  FragmentRewriter(
      Map<String, String> fields,
      Map<String, String> objects,
      Set<String> passwords,
      Set<String> textFields) {
    this.fields = fields;
    this.objects = objects;
    this.passwords = passwords;
    this.textFields = textFields;
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
        after[last] = after[last] + " AS " + quote(name);
      }
    }
  }

  /**
   * Records the aliases a fragment defines ({@code x AS a}, {@code FROM T t}, {@code COUNT(*) n})
   * so that every clause of the query may refer to them. Call for all fragments before {@link
   * #rewrite}.
   */
  void collectAliases(String fragment) {
    if (fragment == null || fragment.isBlank()) {
      return;
    }
    List<SqlToken> t = SqlToken.tokenize(fragment);
    for (int i = 1; i < t.size(); i++) {
      SqlToken w = t.get(i);
      if (!w.is(Kind.WORD) || isKnown(w) || (!w.quoted() && isKeyword(w))) {
        continue;
      }
      if (i + 1 < t.size() && (t.get(i + 1).is(Kind.LPAREN) || t.get(i + 1).is(Kind.DOT))) {
        continue;
      }
      SqlToken prev = t.get(i - 1);
      boolean afterOperand =
          prev.isWord("AS")
              || prev.is(Kind.RPAREN)
              || (prev.is(Kind.WORD) && (prev.quoted() || !isKeyword(prev)));
      String lower = w.text().toLowerCase(Locale.ROOT);
      if (afterOperand && !RESERVED_ALIASES.contains(lower) && !passwords.contains(lower)) {
        aliases.add(lower);
      }
    }
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
    if (clause == Clause.WHERE || clause == Clause.DEFINITION) {
      markBlankInsensitiveComparisons(t, before, after, trim);
    }
    markCaseInsensitiveTextFunctions(t, before, after);
    if (clause == Clause.GROUP_BY || clause == Clause.SELECT) {
      markGroupedTextItems(t, clause, before, after, drop);
    }
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
            throw sqlError("Incorrect syntax near ')'.");
          }
          text = ")";
          break;
        case STAR:
          if (prev != null && prev.is(Kind.DOT)) {
            throw sqlError("Qualified '*' is not supported in query fragments.");
          }
          boolean listItem =
              (prev == null || prev.is(Kind.COMMA)) && (next == null || next.is(Kind.COMMA));
          text = clause == Clause.SELECT && depth == 0 && listItem ? star : "*";
          break;
        case WORD:
          text = likePattern(t, i) != null ? "REGEXP" : word(t, i, clause, depth);
          break;
        case STRING:
          String regex = i > 0 ? likePattern(t, i - 1) : null;
          text = regex != null ? regex : tok.text();
          break;
        default:
          text = tok.text();
      }
      if (trim[i]) {
        text = trimLiteral(text);
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
      throw sqlError("Incorrect syntax: unbalanced parentheses.");
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

  private String word(List<SqlToken> t, int i, Clause clause, int depth) {
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
    if (!w.quoted() && call && FUNCTIONS.contains(upper)) {
      return upper;
    }
    if (!w.quoted() && call && KEYWORDS.contains(upper)) {
      return upper;
    }
    if (call) {
      throw sqlError("'" + w.text() + "' is not a recognized built-in function name.");
    }
    if (!w.quoted()
        && DATE_PARTS.contains(upper)
        && i >= 2
        && prev.is(Kind.LPAREN)
        && (t.get(i - 2).isWord("DATEADD") || t.get(i - 2).isWord("DATEDIFF"))) {
      return upper;
    }
    if (prev != null && prev.isWord("AS") && !member && !qualifier) {
      if (!w.quoted() && TYPES.contains(upper)) {
        return upper;
      }
      if (RESERVED_ALIASES.contains(lower)) {
        throw sqlError("Invalid alias '" + w.text() + "'.");
      }
      aliases.add(lower);
      return quote(w.text());
    }
    if (member) {
      String f = fields.get(lower);
      if (f == null) {
        throw unknown(w, clause);
      }
      return quote(f);
    }
    if (qualifier) {
      String o = objects.get(lower);
      if (o != null) {
        return quote(o);
      }
      if (aliases.contains(lower)) {
        return quote(w.text());
      }
      throw unknown(w, clause);
    }
    String f = fields.get(lower);
    if (f != null) {
      return quote(f);
    }
    String o = objects.get(lower);
    if (o != null) {
      return quote(o);
    }
    if (!w.quoted() && KEYWORDS.contains(upper)) {
      if (depth == 0 && CLAUSE_ENDERS.contains(upper) && endsClause(upper, clause)) {
        throw sqlError("Incorrect syntax near the keyword '" + upper + "'.");
      }
      return upper;
    }
    if (aliases.contains(lower)) {
      return quote(w.text());
    }
    throw unknown(w, clause);
  }

  /**
   * When token {@code i} is a LIKE followed by a literal pattern and no ESCAPE clause, returns the
   * pattern translated to an H2 regular expression literal, else {@code null}. H2's LIKE differs
   * from T-SQL's in three ways this fixes: it knows no {@code [abc]}, {@code [a-z]}, {@code [^a]}
   * or {@code [%]} classes, it treats backslash as an escape character, and it does not ignore the
   * value's trailing blanks. The regex is case-insensitive like SQL Server's default collation.
   */
  private static String likePattern(List<SqlToken> t, int i) {
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
   * without its trailing blanks, which gives the same answer.
   */
  private void markBlankInsensitiveComparisons(
      List<SqlToken> t, String[] before, String[] after, boolean[] trim) {
    for (int i = 1; i + 1 < t.size(); i++) {
      SqlToken op = t.get(i);
      boolean cmp = op.is(Kind.OPERATOR) && (op.text().equals("=") || op.text().equals("<>"));
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
  private static String trimLiteral(String literal) {
    int end = literal.length() - 1;
    int k = end;
    while (k > 0 && literal.charAt(k - 1) == ' ') {
      k--;
    }
    int open = literal.indexOf('\'');
    return k - 1 < open ? literal : literal.substring(0, k) + "'";
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
      return !FUNCTIONS.contains(upper) && !TYPES.contains(upper);
    }
    return true;
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

  private static boolean isKeyword(SqlToken w) {
    String upper = w.text().toUpperCase(Locale.ROOT);
    return KEYWORDS.contains(upper) || FUNCTIONS.contains(upper);
  }

  static String quote(String name) {
    return '"' + name + '"';
  }

  private static StoreException unknown(SqlToken w, Clause clause) {
    String message = "Invalid column name '" + w.text() + "'.";
    return clause == Clause.SELECT
        ? new StoreException(500, "InternalError", message)
        : sqlError(message);
  }

  static StoreException sqlError(String message) {
    return new StoreException(400, "SqlServerError", message);
  }
}
