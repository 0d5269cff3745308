/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.validate.SqlValidatorException;

/**
 * Turns whatever Calcite and Avatica throw into the {@link SQLException} a JDBC client expects.
 * Avatica wraps failures during execution in an {@code SQLException} without SQLState ("Error while
 * executing SQL ...") and may let a raw {@link RuntimeException} escape from {@code
 * ResultSet.next()}; the real cause sits somewhere in the chain:
 *
 * <ol>
 *   <li>a {@link BatchUpdateException} of ours: unchanged, so that its counts survive;
 *   <li>a {@link CaspioException} from the adapter or the REST client: its own {@code
 *       toSqlException()} (kind, SQLState, HTTP status);
 *   <li>a parse error: 42000; a validation error: 42S02 for an unknown table, 42S22 for an unknown
 *       column, otherwise 42000, with Calcite's message (it names the object and the position);
 *   <li>an {@link ArithmeticException} (numeric overflow in Calcite's casts): 22000;
 *   <li>an {@link UnsupportedOperationException}: 0A000;
 *   <li>an {@code SQLException} that already has an SQLState: unchanged;
 *   <li>anything else: SQLState HY000 with the innermost useful message.
 * </ol>
 *
 * Messages come from Calcite or from our own code, neither of which ever holds a secret.
 */
final class SqlErrors {
  private static final Pattern OBJECT_NOT_FOUND =
      Pattern.compile("(?:Object|Table) '([^']*)' not found");
  private static final Pattern COLUMN_NOT_FOUND = Pattern.compile("Column '([^']*)' not found");

  private SqlErrors() {}

  /** The JDBC form of {@code t}. */
  static SQLException translate(Throwable t) {
    if (t instanceof BatchUpdateException b) {
      return b; // Built by StatementWrites with exact counts; its cause is already translated.
    }
    CaspioException caspio = find(t, CaspioException.class);
    if (caspio != null) {
      return caspio.toSqlException();
    }
    SqlParseException parse = find(t, SqlParseException.class);
    if (parse != null) {
      return wrap(ErrorKind.SYNTAX, "SQL syntax error: " + parse.getMessage(), t);
    }
    SqlValidatorException invalid = find(t, SqlValidatorException.class);
    CalciteContextException context = find(t, CalciteContextException.class);
    if (invalid != null || context != null) {
      String message = context != null ? context.getMessage() : invalid.getMessage();
      String detail = invalid != null ? invalid.getMessage() : message;
      Matcher table = OBJECT_NOT_FOUND.matcher(detail);
      if (table.find()) {
        return wrap(
            ErrorKind.TABLE_NOT_FOUND,
            message + ". Table and view names are listed by DatabaseMetaData.getTables.",
            t);
      }
      if (COLUMN_NOT_FOUND.matcher(detail).find()) {
        return wrap(ErrorKind.COLUMN_NOT_FOUND, message, t);
      }
      return wrap(ErrorKind.SYNTAX, message, t);
    }
    ArithmeticException overflow = find(t, ArithmeticException.class);
    if (overflow != null) {
      // Calcite's checked casts, e.g. a literal too large for an INTEGER column.
      return wrap(ErrorKind.DATA, innermostMessage(t), t);
    }
    UnsupportedOperationException unsupported = find(t, UnsupportedOperationException.class);
    if (unsupported != null) {
      String m = unsupported.getMessage();
      return wrap(ErrorKind.UNSUPPORTED, m == null ? "Not supported by Caspio" : m, t);
    }
    if (t instanceof SQLException e && e.getSQLState() != null) {
      return e;
    }
    return new SQLException(innermostMessage(t), ErrorKind.REMOTE.sqlState(), t);
  }

  private static SQLException wrap(ErrorKind kind, String message, Throwable cause) {
    return new CaspioException(kind, message, cause).toSqlException();
  }

  /** The first throwable of type {@code type} in the cause chain, or null. */
  static <T extends Throwable> T find(Throwable t, Class<T> type) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable c = t; c != null && seen.put(c, true) == null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  private static String innermostMessage(Throwable t) {
    String message = null;
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable c = t; c != null && seen.put(c, true) == null; c = c.getCause()) {
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        message = c.getMessage();
      }
    }
    return message != null ? message : t.getClass().getSimpleName();
  }
}
