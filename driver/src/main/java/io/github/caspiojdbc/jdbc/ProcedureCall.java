/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBinaryStringLiteral;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.util.BitString;

/**
 * One {@code CALL} of a {@link CaspioProcedure}, parsed: which procedure, and for each of its
 * arguments either a literal value or the index of a {@code ?} parameter. Takes {@code CALL
 * name(...)} and JDBC's escape {@code {call name(...)}}; the name may be qualified by the account
 * schema. Arguments are literals (text, {@code X'..'} bytes, numbers, NULL) or {@code ?}, never
 * expressions: a procedure sends one request, and nothing is evaluated before it.
 *
 * @param procedure the procedure called
 * @param literals each argument's literal value, null where it is a parameter or NULL
 * @param parameters each argument's 0-based {@code ?} index, or -1 for a literal
 */
record ProcedureCall(CaspioProcedure procedure, List<Object> literals, int[] parameters) {
  private static final SqlParser.Config PARSER =
      SqlParser.config()
          .withQuoting(Quoting.DOUBLE_QUOTE)
          .withUnquotedCasing(Casing.UNCHANGED)
          .withQuotedCasing(Casing.UNCHANGED)
          .withCaseSensitive(false);

  /** How many {@code ?} the call has. */
  int parameterCount() {
    int n = 0;
    for (int p : parameters) {
      n += p >= 0 ? 1 : 0;
    }
    return n;
  }

  /**
   * Whether {@code sql} starts with {@code CALL} or JDBC's <code>{</code> escape: such text never
   * goes to Calcite, whose rewriting of CALL into a SELECT could run a procedure while planning.
   */
  static boolean isCall(String sql) {
    if (sql == null) {
      return false;
    }
    int i = WriteDetector.skipNoise(sql, false);
    int n = sql.length();
    if (i < 0) {
      return false;
    }
    if (i < n && sql.charAt(i) == '{') {
      return true;
    }
    return sql.regionMatches(true, i, "call", 0, 4)
        && (i + 4 == n || !Character.isJavaIdentifierPart(sql.charAt(i + 4)));
  }

  /**
   * Parses a CALL of one of the driver's procedures.
   *
   * @throws SQLException 42000 for text that is not such a call, names no procedure of the driver,
   *     or has arguments that are not literals or {@code ?}; 0A000 for the {@code {? = call}} form
   */
  static ProcedureCall parse(String sql) throws SQLException {
    String text = sql == null ? "" : sql.strip();
    while (text.endsWith(";")) {
      text = text.substring(0, text.length() - 1).strip();
    }
    if (text.startsWith("{")) {
      if (!text.endsWith("}")) {
        throw syntax("A JDBC call escape opens with '{' and must close with '}': " + clip(sql));
      }
      text = text.substring(1, text.length() - 1).strip();
      if (text.startsWith("?")) {
        throw new java.sql.SQLFeatureNotSupportedException(
            "The driver's procedures return no value, so {? = call ...} has nothing to assign;"
                + " use {call name(...)}",
            ErrorKind.UNSUPPORTED.sqlState());
      }
      if (!text.regionMatches(true, 0, "call", 0, 4)) {
        throw syntax("A JDBC call escape reads {call name(...)}: " + clip(sql));
      }
    }
    SqlNode node;
    try {
      node = SqlParser.create(text, PARSER).parseStmt();
    } catch (SqlParseException e) {
      throw syntax("Not a valid CALL statement: " + e.getMessage());
    }
    if (node.getKind() != SqlKind.PROCEDURE_CALL
        || !(((SqlCall) node).operand(0) instanceof SqlBasicCall routine)
        || !(routine.getOperator() instanceof SqlUnresolvedFunction fn)) {
      throw syntax("Expected CALL name(arguments): " + clip(sql));
    }
    List<String> names = fn.getNameAsId().names;
    String name = names.get(names.size() - 1);
    if (names.size() > 2
        || (names.size() == 2 && !names.get(0).equalsIgnoreCase(CaspioConnection.SCHEMA))) {
      throw unknown(String.join(".", names));
    }
    CaspioProcedure procedure = CaspioProcedure.named(name);
    if (procedure == null) {
      throw unknown(name);
    }
    List<SqlNode> operands = routine.getOperandList();
    if (operands.size() != procedure.parameters().size()) {
      throw syntax(
          procedure.sqlName()
              + " takes "
              + procedure.parameters().size()
              + " arguments ("
              + procedure.signature()
              + "), not "
              + operands.size());
    }
    List<Object> literals = new ArrayList<>();
    int[] parameters = new int[operands.size()];
    for (int i = 0; i < operands.size(); i++) {
      SqlNode arg = operands.get(i);
      parameters[i] = arg instanceof SqlDynamicParam p ? p.getIndex() : -1;
      literals.add(parameters[i] >= 0 ? null : literal(procedure, i, arg));
    }
    return new ProcedureCall(
        procedure, java.util.Collections.unmodifiableList(literals), parameters);
  }

  private static Object literal(CaspioProcedure procedure, int i, SqlNode arg) throws SQLException {
    if (arg instanceof SqlLiteral lit
        && lit.getTypeName() == org.apache.calcite.sql.type.SqlTypeName.NULL) {
      return null;
    }
    if (arg instanceof SqlCharStringLiteral s) {
      return s.getValueAs(String.class);
    }
    if (arg instanceof SqlBinaryStringLiteral b) {
      return b.getValueAs(BitString.class).getAsByteArray();
    }
    if (arg instanceof SqlNumericLiteral n) {
      return n.getValueAs(BigDecimal.class);
    }
    throw syntax(
        "Argument "
            + (i + 1)
            + " of "
            + procedure.sqlName()
            + " ("
            + procedure.parameters().get(i).name()
            + ") must be a literal or ?, not "
            + clip(arg.toString()));
  }

  private static SQLException unknown(String name) {
    return syntax(
        "Caspio has no stored procedures, and "
            + name
            + " is not one of the driver's: "
            + CaspioProcedure.list());
  }

  private static SQLException syntax(String message) {
    return CaspioErrors.toSql(new CaspioException(ErrorKind.SYNTAX, message, null));
  }

  private static String clip(String s) {
    return ParameterValues.clip(s == null ? "" : s);
  }
}
