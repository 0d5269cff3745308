/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Clob;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Calendar;
import java.util.Locale;

/**
 * Converts what an application passes to a {@code PreparedStatement} setter into a value of the
 * parameter's SQL type, exactly or not at all.
 *
 * <p>Calcite types every parameter from its context ({@code Stock = ?} makes it INTEGER, a Currency
 * column DECIMAL(19, 4)) and its generated code narrows whatever Java object it finds without a
 * check: a {@code long} of 5,000,000,000 became 705,032,704 and {@code 2.7} became 2. So the value
 * is converted here, when it is set, by these rules (the JDBC 4.2 {@code setObject} table, minus
 * every conversion that would change the value):
 *
 * <ul>
 *   <li>integer types: any number or numeric text whose value is a whole number in range; {@code
 *       true}/{@code false} as 1/0. A fraction or an overflow is 22003, text that is not a number
 *       22018;
 *   <li>DECIMAL(p, s): any number or numeric text with at most {@code s} significant decimals and
 *       at most {@code p - s} integer digits. A {@code double} is taken at its shortest decimal
 *       form ({@code 9.99}, not 9.9900000000000002131628...), which is the value its source code or
 *       text showed;
 *   <li>DOUBLE: any number that a {@code double} holds exactly (a {@code long} above 2^53 that it
 *       cannot, or a {@code BigDecimal} with more digits than it keeps, is 22003);
 *   <li>BOOLEAN: {@code Boolean}, the numbers 0 and 1, and the texts true/false/1/0 in any case;
 *   <li>TIMESTAMP: {@code Timestamp} (wall-clock in the JVM's zone, or in the {@code Calendar}'s
 *       when one is given), {@code java.util.Date}, {@code LocalDateTime}, {@code Date} and {@code
 *       LocalDate} (midnight), and the texts {@code yyyy-MM-dd}, {@code yyyy-MM-dd HH:mm[:ss[.f]]}
 *       and the same with {@code T}. Caspio keeps whole seconds, so <b>a fraction of a second is
 *       truncated</b> (12:00:00.999 is stored and matched as 12:00:00), as SQL allows for an
 *       assignment to TIMESTAMP(0). Values with a zone or offset ({@code OffsetDateTime}, {@code
 *       ZonedDateTime}, {@code Instant}) are refused (0A000): Caspio date-times have no zone, and
 *       picking one would silently shift the stored value;
 *   <li>DATE and TIME likewise, from their own types, timestamps and texts;
 *   <li>VARCHAR: text, character streams and {@code Clob}s, and numbers, booleans and date-times as
 *       their SQL text. Bytes are refused (22018): Caspio has no binary text, and storing hex or a
 *       guessed charset would store something the application did not write.
 * </ul>
 *
 * Parameters of other types (Calcite's ANY, for example {@code select ?}) get the object as given.
 */
final class ParameterValues {

  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private ParameterValues() {}

  /**
   * The value to bind for a parameter of JDBC type {@code sqlType}.
   *
   * @param sqlType the parameter's {@link Types} code, as Calcite inferred it
   * @param precision its precision (DECIMAL digits), 0 when unknown
   * @param scale its scale (DECIMAL decimals)
   * @param value what the application passed (never null: nulls are bound as they are)
   * @param calendar the {@code Calendar} given with a date-time setter, or null
   * @param index the 1-based parameter index, for messages
   * @return an Integer, Long, BigDecimal, Double, Float, Boolean, String, LocalDateTime, LocalDate,
   *     LocalTime, or {@code value} itself for types this class does not narrow
   * @throws SQLException 22003, 22018, 22007, 22001 or 0A000 when the value cannot be bound exactly
   */
  static Object convert(
      int sqlType, int precision, int scale, Object value, Calendar calendar, int index)
      throws SQLException {
    try {
      return switch (sqlType) {
        case Types.TINYINT -> (byte) whole(value, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
        case Types.SMALLINT -> (short) whole(value, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
        case Types.INTEGER ->
            (int)
                whole(value, Integer.MIN_VALUE, Integer.MAX_VALUE, "an INTEGER (a Caspio Integer)");
        case Types.BIGINT -> whole(value, Long.MIN_VALUE, Long.MAX_VALUE, "a BIGINT");
        case Types.DECIMAL, Types.NUMERIC -> decimal(value, precision, scale);
        case Types.DOUBLE, Types.FLOAT -> approximate(value);
        case Types.REAL -> real(value);
        case Types.BOOLEAN, Types.BIT -> bool(value);
        case Types.TIMESTAMP -> DateTimeParameters.timestamp(value, calendar);
        case Types.DATE -> DateTimeParameters.date(value, calendar);
        case Types.TIME -> DateTimeParameters.time(value, calendar);
        case Types.VARCHAR,
            Types.CHAR,
            Types.LONGVARCHAR,
            Types.NVARCHAR,
            Types.NCHAR,
            Types.CLOB ->
            text(value);
        default -> value;
      };
    } catch (CaspioException e) {
      throw CaspioErrors.toSql(
          new CaspioException(
              e.kind(), "Parameter " + index + ": " + e.getMessage(), e.getCause()));
    }
  }

  // ------------------------------------------------------------------ numbers

  private static long whole(Object value, long min, long max, String what) {
    if (value instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      long v = ((Number) value).longValue();
      if (v < min || v > max) {
        throw outOfRange(value + " is out of range for " + what + " (" + min + " to " + max + ")");
      }
      return v;
    }
    BigDecimal d = exactNumber(value);
    if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
      throw outOfRange(
          d.toPlainString()
              + " has a fraction; "
              + what
              + " holds whole numbers only (round it explicitly if that is intended)");
    }
    if (d.compareTo(LONG_MIN) < 0 || d.compareTo(LONG_MAX) > 0) {
      throw outOfRange(d.toPlainString() + " is out of range for " + what);
    }
    long v = d.longValue();
    if (v < min || v > max) {
      throw outOfRange(v + " is out of range for " + what + " (" + min + " to " + max + ")");
    }
    return v;
  }

  private static BigDecimal decimal(Object value, int precision, int scale) {
    BigDecimal d = value instanceof Boolean b ? BigDecimal.valueOf(b ? 1 : 0) : exactNumber(value);
    BigDecimal stripped = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    if (stripped.scale() > scale) {
      throw outOfRange(
          d.toPlainString()
              + " has more than "
              + scale
              + " decimals, which its column keeps; rounding would store another value (round it"
              + " explicitly if that is intended)");
    }
    BigDecimal scaled = stripped.setScale(Math.max(scale, 0));
    if (precision > 0 && scaled.precision() - scaled.scale() > precision - scale) {
      throw outOfRange(
          d.toPlainString()
              + " is out of range for DECIMAL("
              + precision
              + ", "
              + scale
              + ") (at most "
              + (precision - scale)
              + " integer digits)");
    }
    return scaled;
  }

  private static Double approximate(Object value) {
    if (value instanceof Double d) {
      return finite(d);
    }
    if (value instanceof Float f) {
      // The float's shortest decimal form, which is what the application wrote (1.1f, not
      // 1.100000023841858).
      return finite(Double.parseDouble(Float.toString(f)));
    }
    BigDecimal d = value instanceof Boolean b ? BigDecimal.valueOf(b ? 1 : 0) : exactNumber(value);
    double v = d.doubleValue();
    finite(v);
    if (BigDecimal.valueOf(v).compareTo(d) != 0) {
      throw outOfRange(
          d.toPlainString()
              + " cannot be held exactly by a DOUBLE (a Caspio Number); the nearest is "
              + v);
    }
    return v;
  }

  private static Float real(Object value) {
    double d = approximate(value);
    float f = (float) d;
    if (Double.parseDouble(Float.toString(f)) != d) {
      throw outOfRange(d + " cannot be held exactly by a REAL");
    }
    return f;
  }

  private static double finite(double d) {
    if (!Double.isFinite(d)) {
      throw outOfRange(d + " cannot be stored: Caspio numbers are finite");
    }
    return d;
  }

  /** A number or numeric text as an exact decimal; doubles at their shortest decimal form. */
  private static BigDecimal exactNumber(Object value) {
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof Double || value instanceof Float) {
      double d = value instanceof Float f ? Double.parseDouble(Float.toString(f)) : (Double) value;
      finite(d);
      return BigDecimal.valueOf(d);
    }
    if (value instanceof String || value instanceof Character) {
      String s = value.toString().trim();
      try {
        return new BigDecimal(s);
      } catch (NumberFormatException e) {
        throw new CaspioException(
            ErrorKind.INVALID_CAST, "'" + clip(s) + "' is not a number", null);
      }
    }
    throw cannot(value, "a number");
  }

  // ------------------------------------------------------------------ booleans

  private static Boolean bool(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number) {
      BigDecimal d = exactNumber(value);
      if (d.compareTo(BigDecimal.ONE) == 0) {
        return true;
      }
      if (d.signum() == 0) {
        return false;
      }
      throw new CaspioException(
          ErrorKind.INVALID_CAST, d.toPlainString() + " is not a Yes/No value (use 1 or 0)", null);
    }
    if (value instanceof String s) {
      switch (s.trim().toLowerCase(Locale.ROOT)) {
        case "true", "1":
          return true;
        case "false", "0":
          return false;
        default:
          throw new CaspioException(
              ErrorKind.INVALID_CAST,
              "'" + clip(s) + "' is not a Yes/No value (use true, false, 1 or 0)",
              null);
      }
    }
    throw cannot(value, "a Yes/No value");
  }

  // ------------------------------------------------------------------ text

  private static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Character c) {
      return c.toString();
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof java.sql.Timestamp
        || value instanceof java.sql.Date
        || value instanceof java.sql.Time) {
      // JDBC's escape forms (yyyy-mm-dd hh:mm:ss.f...), complete: text keeps every digit.
      return value.toString();
    }
    if (value instanceof LocalDateTime
        || value instanceof LocalDate
        || value instanceof LocalTime) {
      return value.toString();
    }
    if (value instanceof Reader r) {
      return read(r);
    }
    if (value instanceof Clob c) {
      try (Reader r = c.getCharacterStream()) {
        return read(r);
      } catch (SQLException | IOException e) {
        throw new CaspioException(ErrorKind.DATA, "the Clob could not be read: " + e, e);
      }
    }
    if (value instanceof byte[] || value instanceof InputStream || value instanceof java.sql.Blob) {
      throw new CaspioException(
          ErrorKind.INVALID_CAST,
          "bytes cannot be stored in a Caspio text field (Caspio has no binary text, and"
              + " decoding them would guess a charset); pass a String, for example new String("
              + "bytes, StandardCharsets.UTF_8), if the bytes are text",
          null);
    }
    if (DateTimeParameters.zoned(value)) {
      throw DateTimeParameters.zoneRefused(value);
    }
    throw cannot(value, "text");
  }

  private static String read(Reader r) {
    StringBuilder b = new StringBuilder();
    char[] buf = new char[8192];
    try {
      for (int n = r.read(buf); n >= 0; n = r.read(buf)) {
        b.append(buf, 0, n);
      }
    } catch (IOException e) {
      throw new CaspioException(
          ErrorKind.DATA, "the character stream could not be read: " + e.getMessage(), e);
    }
    return b.toString();
  }

  /** An ASCII stream's bytes as text: ASCII is the one charset its name promises. */
  static String ascii(InputStream in, long length) throws SQLException {
    try {
      byte[] bytes =
          length >= 0
              ? in.readNBytes((int) Math.min(length, Integer.MAX_VALUE))
              : in.readAllBytes();
      for (byte b : bytes) {
        if (b < 0) {
          throw CaspioErrors.toSql(
              new CaspioException(
                  ErrorKind.INVALID_CAST,
                  "setAsciiStream was given a non-ASCII byte; use setCharacterStream or setString",
                  null));
        }
      }
      return new String(bytes, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw CaspioErrors.toSql(
          new CaspioException(
              ErrorKind.DATA, "the stream could not be read: " + e.getMessage(), e));
    }
  }

  // ------------------------------------------------------------------ messages

  private static CaspioException outOfRange(String message) {
    return new CaspioException(ErrorKind.OUT_OF_RANGE, message, null);
  }

  static CaspioException cannot(Object value, String what) {
    return new CaspioException(
        ErrorKind.INVALID_CAST,
        "a " + value.getClass().getSimpleName() + " cannot be converted to " + what,
        null);
  }

  static String clip(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
