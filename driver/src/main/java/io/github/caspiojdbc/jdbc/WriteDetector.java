/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlBasicVisitor;

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

  /**
   * What one SQL text is, parsed once: each execution asks up to three questions of the same text
   * (read-only, execute method, metadata to preload), and a prepared statement asks them at every
   * execution, so the answers are kept by text, a bounded number of them.
   *
   * @param kind the statement's kind, or null when the text is empty or does not parse
   * @param identifiers every name the statement uses (tables among them)
   * @param insertValues whether it is an {@code INSERT ... VALUES}, which reads no table
   */
  record Shape(SqlKind kind, Set<String> identifiers, boolean insertValues) {}

  private static final int MAX_SHAPES = 512;
  private static final Shape NONE = new Shape(null, Set.of(), false);

  private static final Map<String, Shape> SHAPES =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Shape> eldest) {
              return size() > MAX_SHAPES;
            }
          });

  private WriteDetector() {}

  static boolean isWrite(String sql) {
    SqlKind kind = shape(sql).kind();
    return kind != null && SqlKind.DML.contains(kind);
  }

  /** Whether {@code sql} is a query (SELECT, VALUES, WITH, UNION, ORDER BY, EXPLAIN ...). */
  static boolean isQuery(String sql) {
    SqlKind kind = shape(sql).kind();
    return kind != null
        && (SqlKind.QUERY.contains(kind)
            || kind == SqlKind.EXPLAIN
            || kind == SqlKind.DESCRIBE_TABLE);
  }

  /** The shape of {@code sql}, parsed on first sight of the text. */
  static Shape shape(String sql) {
    if (sql == null) {
      return NONE;
    }
    Shape known = SHAPES.get(sql);
    if (known != null) {
      return known;
    }
    SqlNode node = parse(sql);
    Shape shape =
        node == null
            ? NONE
            : new Shape(
                node.getKind(),
                identifiers(node),
                node instanceof SqlInsert i && i.getSource().getKind() == SqlKind.VALUES);
    SHAPES.put(sql, shape);
    return shape;
  }

  private static Set<String> identifiers(SqlNode node) {
    Set<String> names = new LinkedHashSet<>();
    node.accept(
        new SqlBasicVisitor<Void>() {
          @Override
          public Void visit(SqlIdentifier id) {
            names.addAll(id.names);
            return null;
          }
        });
    return Set.copyOf(names);
  }

  /** Whether {@code sql} holds no statement at all: only blanks, semicolons or comments. */
  static boolean isEmpty(String sql) {
    return sql != null && skipNoise(sql, true) == sql.length();
  }

  /**
   * The index of the first character of {@code sql} past blanks and comments (and semicolons, if
   * asked): its length when nothing else follows, -1 for an unclosed comment, which is a syntax
   * error the parser reports.
   */
  static int skipNoise(String sql, boolean semicolons) {
    // A loop rather than a regular expression, whose repetition would recurse on long inputs.
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || (semicolons && c == ';')) {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        if (end < 0) {
          return -1;
        }
        i = end + 2;
      } else {
        return i;
      }
    }
    return n;
  }

  /** The statement in {@code sql}, or null when it is empty or does not parse. */
  private static SqlNode parse(String sql) {
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
