/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The T-SQL words a fragment may contain, whatever the account: functions, keywords, type names and
 * date parts. This is the allow-list itself, kept as data apart from {@link FragmentGuard}, which
 * applies it word by word; a function enters the emulator by being added here (and tested).
 */
final class AllowList {
  private AllowList() {}

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

  /** Data type names: after {@code AS} they end a CAST, anything else there is an alias. */
  static final Set<String> TYPES =
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

  /** Keywords and data type names a fragment may use. */
  static final Set<String> KEYWORDS =
      union(
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
              // As in VARCHAR(MAX); not a type of its own.
              "MAX"),
          TYPES);

  /** Date parts H2 understands; accepted only as the first argument of DATEADD/DATEDIFF. */
  static final Set<String> DATE_PARTS =
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
  static final Set<String> CLAUSE_ENDERS =
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
  static final Set<String> RESERVED_ALIASES =
      Set.of("information_schema", "public", "acct", "pg_catalog", "sys");

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  /** Whether an unquoted word is a keyword or a function name, never a user's name. */
  static boolean isKeyword(SqlToken w) {
    String upper = w.text().toUpperCase(Locale.ROOT);
    return KEYWORDS.contains(upper) || FUNCTIONS.contains(upper);
  }
}
