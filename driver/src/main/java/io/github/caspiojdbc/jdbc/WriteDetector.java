/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * Tells what an SQL text is before anything reaches Caspio: whether it would change rows (INSERT,
 * UPDATE, DELETE, MERGE), so that a read-only connection can refuse it and {@code executeQuery}
 * need not send a write it cannot undo; whether it is a query, which {@code executeUpdate} refuses;
 * whether it is empty. Parses with the connection's lexical settings; text that does not parse is
 * neither a write nor a query here (execution then reports the syntax error).
 */
final class WriteDetector {
  private static final SqlParser.Config PARSER =
      SqlParser.config()
          .withQuoting(Quoting.DOUBLE_QUOTE)
          .withUnquotedCasing(Casing.UNCHANGED)
          .withQuotedCasing(Casing.UNCHANGED)
          .withCaseSensitive(false);

  private WriteDetector() {}

  static boolean isWrite(String sql) {
    SqlNode node = parse(sql);
    return node != null && SqlKind.DML.contains(node.getKind());
  }

  /** Whether {@code sql} is a query (SELECT, VALUES, WITH, UNION, ORDER BY, EXPLAIN ...). */
  static boolean isQuery(String sql) {
    SqlNode node = parse(sql);
    return node != null
        && (SqlKind.QUERY.contains(node.getKind())
            || node.getKind() == SqlKind.EXPLAIN
            || node.getKind() == SqlKind.DESCRIBE_TABLE);
  }

  /** Whether {@code sql} holds no statement at all: only blanks, semicolons or comments. */
  static boolean isEmpty(String sql) {
    if (sql == null) {
      return false;
    }
    // A loop rather than a regular expression, whose repetition would recurse on long inputs.
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == ';') {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        if (end < 0) {
          return false; // an unclosed comment is a syntax error, reported by the parser
        }
        i = end + 2;
      } else {
        return false;
      }
    }
    return true;
  }

  /** The statement in {@code sql}, or null when it is empty or does not parse. */
  static SqlNode parse(String sql) {
    if (sql == null || isEmpty(sql)) {
      return null;
    }
    try {
      return SqlParser.create(sql, PARSER).parseStmt();
    } catch (SqlParseException | RuntimeException e) {
      return null;
    }
  }
}
