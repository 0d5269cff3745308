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
 * Tells whether an SQL text would change rows (INSERT, UPDATE, DELETE, MERGE), so that a read-only
 * connection can refuse it before anything reaches Caspio. Parses with the connection's lexical
 * settings; text that does not parse is not a write here (execution then reports the syntax error).
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
    if (sql == null) {
      return false;
    }
    try {
      SqlNode node = SqlParser.create(sql, PARSER).parseStmt();
      return SqlKind.DML.contains(node.getKind());
    } catch (SqlParseException | RuntimeException e) {
      return false;
    }
  }
}
