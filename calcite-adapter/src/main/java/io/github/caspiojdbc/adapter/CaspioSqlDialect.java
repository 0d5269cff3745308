/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.sql.SqlAbstractDateTimeLiteral;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.MssqlSqlDialect;
import org.apache.calcite.util.TimestampString;

/**
 * The T-SQL that Caspio splices into its queries: SQL Server syntax with every literal written so
 * that no value can change the structure of the fragment.
 *
 * <p>Strings are Unicode literals {@code N'...'} with quotes doubled. Booleans are {@code 1} and
 * {@code 0} (Caspio stores Yes/No as bits). Date-times are ISO 8601 with a {@code T}, the only form
 * SQL Server reads the same way under every language and date-format setting. Negative numbers are
 * parenthesised so that a minus sign can never meet another one and open a {@code --} comment.
 * Values that {@link #isSafeString(String)} rejects are never rendered: callers evaluate such
 * predicates locally instead.
 */
final class CaspioSqlDialect extends MssqlSqlDialect {

  /** The one instance; the dialect has no state. */
  static final CaspioSqlDialect INSTANCE = new CaspioSqlDialect();

  /**
   * Characters that some SQL Server code paths map to an apostrophe when Unicode text is converted
   * to a code page ("best fit" mapping), and control characters other than tab and line breaks (NUL
   * ends strings in some layers; the translator uses U+0001 internally). A literal containing one
   * could change meaning on the server, so such values are never pushed.
   */
  private static final Pattern UNSAFE =
      Pattern.compile(
          "[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\u02B9\\u02BB\\u02BC\\u02BD\\u02C8"
              + "\\u2018\\u2019\\u201A\\u201B\\u2032\\u2035\\u275B\\u275C\\uFF07]");

  private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  private static final DateTimeFormatter ISO_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  private CaspioSqlDialect() {
    super(
        MssqlSqlDialect.DEFAULT_CONTEXT
            .withIdentifierQuoteString("[")
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false)
            .withNullCollation(NullCollation.LOW));
  }

  /**
   * Whether a string value may be written as a literal: no NUL, no apostrophe look-alike, and no
   * unpaired surrogate (which has no faithful encoding in the request URI).
   */
  static boolean isSafeString(String value) {
    if (UNSAFE.matcher(value).find()) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** A Unicode string literal; the caller has checked {@link #isSafeString(String)}. */
  static String stringLiteral(String value) {
    if (!isSafeString(value)) {
      throw new IllegalArgumentException("value cannot be written as a T-SQL literal");
    }
    return "N'" + value.replace("'", "''") + "'";
  }

  /**
   * A LIKE pattern with T-SQL's one addition to LIKE's syntax, {@code [}, made literal; {@code %}
   * and {@code _} keep their standard meaning in both engines.
   */
  static String escapeLikePattern(String pattern) {
    return pattern.replace("[", "[[]");
  }

  /** An exact number, never in scientific notation, parenthesised when negative. */
  static String numberLiteral(BigDecimal value) {
    String plain = value.toPlainString();
    return value.signum() < 0 ? "(" + plain + ")" : plain;
  }

  /** A finite floating-point number; T-SQL reads {@code 1.0E-5} as a float. */
  static String numberLiteral(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("not a finite number");
    }
    String s = Double.toString(value);
    return value < 0 ? "(" + s + ")" : s;
  }

  /** A date-time literal in the language-independent ISO 8601 form with {@code T}. */
  static String dateTimeLiteral(LocalDateTime value) {
    String s = ISO_SECONDS.format(value);
    int nanos = value.getNano();
    if (nanos != 0) {
      // SQL Server's datetime keeps milliseconds; more digits would not parse.
      s += String.format(java.util.Locale.ROOT, ".%03d", nanos / 1_000_000);
    }
    return "'" + s + "'";
  }

  @Override
  public void quoteStringLiteral(StringBuilder buf, String charsetName, String val) {
    if (FilterTranslator.isPlaceholder(val)) {
      // A parameter hole; user values can never take this form (control characters are unsafe).
      buf.append("N'").append(val).append('\'');
    } else {
      buf.append(stringLiteral(val));
    }
  }

  @Override
  public void unparseBoolLiteral(
      SqlWriter writer, SqlLiteral literal, int leftPrec, int rightPrec) {
    Boolean value = literal.getValueAs(Boolean.class);
    writer.literal(value == null ? "NULL" : value ? "1" : "0");
  }

  @Override
  public void unparseNumericLiteral(SqlWriter writer, String value, int leftPrec, int rightPrec) {
    writer.literal(value.startsWith("-") ? "(" + value + ")" : value);
  }

  @Override
  public void unparseDateTimeLiteral(
      SqlWriter writer, SqlAbstractDateTimeLiteral literal, int leftPrec, int rightPrec) {
    TimestampString ts = literal.getValueAs(TimestampString.class);
    writer.literal(dateTimeLiteral(toLocalDateTime(ts)));
  }

  @Override
  protected boolean identifierNeedsQuote(String val) {
    return !PLAIN_IDENTIFIER.matcher(val).matches();
  }

  @Override
  public StringBuilder quoteIdentifier(StringBuilder buf, String val) {
    if (identifierNeedsQuote(val)) {
      buf.append('[').append(val.replace("]", "]]")).append(']');
    } else {
      buf.append(val);
    }
    return buf;
  }

  static LocalDateTime toLocalDateTime(TimestampString ts) {
    // TimestampString is zone-free "yyyy-MM-dd HH:mm:ss[.fff]"; parse without the JVM zone.
    return LocalDateTime.parse(ts.toString().replace(' ', 'T'));
  }
}
