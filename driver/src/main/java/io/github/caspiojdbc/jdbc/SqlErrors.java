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
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
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
 *   <li>a {@link CaspioException} from the adapter or the REST client: {@link CaspioErrors#toSql}
 *       (kind, SQLState, HTTP status);
 *   <li>a parse error: 42000 with a one-line message giving line, column and the offending token
 *       (Calcite's own lists every token it expected, thousands of characters); a validation error:
 *       42S02 for an unknown table, 42S22 for an unknown column, otherwise 42000, with Calcite's
 *       message (it names the object and the position);
 *   <li>failures of expression evaluation, which Calcite also runs while planning (constant
 *       reduction), so they may arrive inside an {@link ExceptionInInitializerError}: division by
 *       zero 22012; text that is not a date or date-time 22007 in an explicit {@code CAST} and
 *       22018 otherwise (a comparison or an assignment converts implicitly); text that is not a
 *       number 22018; a value of the wrong Java class (a String bound where a number is expected)
 *       22018;
 *   <li>Calcite's "unbound parameter": 07001;
 *   <li>an {@link ArithmeticException} (numeric overflow in Calcite's casts): 22003;
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
  private static final Pattern INVALID_DATETIME =
      Pattern.compile("Invalid (?:DATE|TIME|TIMESTAMP) value, '(.*)'", Pattern.DOTALL);
  private static final Pattern NOT_A_DIGIT = Pattern.compile("^Character (.) is neither");
  private static final Pattern JAVA_LANG_CAST =
      Pattern.compile("class java\\.lang\\.(\\w+) cannot be cast to class java\\.lang\\.(\\w+)");
  private static final Pattern INPUT_STRING = Pattern.compile("^For input string: \"(.*)\"");
  private static final Pattern ENCOUNTERED =
      Pattern.compile("^Encountered \"(.*?)\" at line (\\d+), column (\\d+)", Pattern.DOTALL);

  /** Messages longer than this are cut: a message is read by a person, often in a dialog box. */
  private static final int MAX_MESSAGE = 300;

  private SqlErrors() {}

  /** The JDBC form of {@code t}. */
  static SQLException translate(Throwable t) {
    return translate(t, null);
  }

  /**
   * The JDBC form of {@code t}, a failure of executing {@code sql} (null when unknown, which only
   * changes the SQLState of an invalid date: see the class comment).
   */
  static SQLException translate(Throwable t, String sql) {
    if (t instanceof BatchUpdateException b) {
      return b; // Built by StatementWrites with exact counts; its cause is already translated.
    }
    CaspioException caspio = find(t, CaspioException.class);
    if (caspio != null) {
      return CaspioErrors.toSql(caspio);
    }
    SqlParseException parse = find(t, SqlParseException.class);
    if (parse != null) {
      return wrap(ErrorKind.SYNTAX, syntaxMessage(parse), t);
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
    SQLException evaluation = evaluationFailure(t, sql);
    if (evaluation != null) {
      return evaluation;
    }
    ArithmeticException overflow = find(t, ArithmeticException.class);
    if (overflow != null) {
      // Calcite's checked casts, e.g. a value too large for an INTEGER column.
      return wrap(ErrorKind.OUT_OF_RANGE, innermostMessage(t), t);
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

  /** Failures of computing a value, or null when {@code t} is none of them. */
  private static SQLException evaluationFailure(Throwable t, String sql) {
    ArithmeticException arithmetic = find(t, ArithmeticException.class);
    if (arithmetic != null
        && arithmetic.getMessage() != null
        && arithmetic.getMessage().toLowerCase(Locale.ROOT).contains("by zero")) {
      return wrap(ErrorKind.DIVISION_BY_ZERO, "Division by zero", t);
    }
    NumberFormatException number = find(t, NumberFormatException.class);
    if (number != null) {
      return wrap(ErrorKind.INVALID_CAST, notANumber(number.getMessage()), t);
    }
    for (Throwable c : chain(t)) {
      if (c instanceof ClassCastException && c.getMessage() != null) {
        // Calcite's generated code casts a bound value to the Java class of its SQL type.
        Matcher m = JAVA_LANG_CAST.matcher(c.getMessage());
        if (m.find()) {
          return wrap(ErrorKind.INVALID_CAST, wrongClass(m.group(1), m.group(2)), t);
        }
      }
      if (c instanceof IllegalArgumentException && c.getMessage() != null) {
        Matcher m = INVALID_DATETIME.matcher(c.getMessage());
        if (m.find()) {
          String text = m.group(1);
          ErrorKind kind =
              explicitCast(sql, text) ? ErrorKind.INVALID_DATETIME : ErrorKind.INVALID_CAST;
          return wrap(
              kind,
              "'"
                  + cut(text, 60)
                  + "' is not a valid date or date-time; write it as yyyy-MM-dd or"
                  + " yyyy-MM-dd HH:mm:ss",
              t);
        }
      }
      if (c instanceof RuntimeException
          && c.getMessage() != null
          && c.getMessage().endsWith("unbound parameter")) {
        return wrap(
            ErrorKind.PARAMETER_NOT_SET,
            "A parameter of the prepared statement has no value; set every parameter before"
                + " executing",
            t);
      }
    }
    return null;
  }

  private static String wrongClass(String actual, String expected) {
    String what =
        switch (expected) {
          case "Number", "Integer", "Long", "Short", "Byte", "Double", "Float" -> "a number";
          case "Boolean" -> "a boolean";
          case "String", "CharSequence" -> "text";
          default -> "a value of type " + expected;
        };
    String given = actual.equals("String") ? "A text value (String)" : "A " + actual + " value";
    return given
        + " cannot be used where "
        + what
        + " is expected; pass a value of the column's type (for a parameter, the setter of that"
        + " type, such as setBigDecimal or setInt)";
  }

  private static String notANumber(String detail) {
    String m = detail == null ? "" : detail;
    Matcher input = INPUT_STRING.matcher(m);
    if (input.find()) {
      return "'" + cut(input.group(1), 60) + "' is not a valid number";
    }
    Matcher digit = NOT_A_DIGIT.matcher(m);
    if (digit.find()) {
      return "A text value is not a valid number (it contains '"
          + digit.group(1)
          + "'); numbers are written with digits, an optional sign and a decimal point";
    }
    return "A text value is not a valid number";
  }

  /** Whether {@code sql} converts the literal {@code text} with an explicit CAST to a date type. */
  private static boolean explicitCast(String sql, String text) {
    if (sql == null) {
      return false;
    }
    String literal = Pattern.quote("'" + text.replace("'", "''") + "'");
    return Pattern.compile(
            "\\bcast\\s*\\(\\s*" + literal + "\\s+as\\s+(?:date|time|timestamp)\\b",
            Pattern.CASE_INSENSITIVE)
        .matcher(sql)
        .find();
  }

  /** "Syntax error at line 1, column 20: unexpected end of input", and what was expected if few. */
  static String syntaxMessage(SqlParseException parse) {
    String m = parse.getMessage() == null ? "" : parse.getMessage();
    Matcher at = ENCOUNTERED.matcher(m);
    StringBuilder b = new StringBuilder();
    if (at.find()) {
      String token = at.group(1).trim();
      b.append("Syntax error at line ")
          .append(at.group(2))
          .append(", column ")
          .append(at.group(3))
          .append(": ")
          .append(
              token.equals("<EOF>")
                  ? "unexpected end of input"
                  : "unexpected '" + cut(token, 40) + "'");
      Collection<String> expected = parse.getExpectedTokenNames();
      if (expected != null && !expected.isEmpty() && expected.size() <= 5) {
        b.append(" (expected ").append(String.join(", ", expected)).append(')');
      }
    } else {
      int end = m.indexOf("Was expecting");
      String first = (end >= 0 ? m.substring(0, end) : m).strip();
      b.append("SQL syntax error: ").append(first.replace('\n', ' '));
    }
    return cut(b.toString(), MAX_MESSAGE);
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }

  private static Iterable<Throwable> chain(Throwable t) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    List<Throwable> out = new ArrayList<>();
    for (Throwable c = t; c != null && seen.put(c, true) == null; c = c.getCause()) {
      out.add(c);
    }
    return out;
  }

  private static SQLException wrap(ErrorKind kind, String message, Throwable cause) {
    return CaspioErrors.toSql(new CaspioException(kind, message, cause));
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
