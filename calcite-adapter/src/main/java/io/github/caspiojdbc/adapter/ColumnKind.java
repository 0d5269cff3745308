/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * How a Caspio field is typed in SQL and how its JSON value becomes Calcite's internal value.
 *
 * <p>The one mapping from Caspio types to SQL types (also documented in the README):
 *
 * <table>
 *   <caption>Caspio type to SQL type</caption>
 *   <tr><th>Caspio</th><th>SQL</th></tr>
 *   <tr><td>PK_ID of a table</td><td>BIGINT NOT NULL</td></tr>
 *   <tr><td>PK_ID of a view (source keys, comma-separated)</td><td>VARCHAR</td></tr>
 *   <tr><td>Autonumber, Integer</td><td>INTEGER</td></tr>
 *   <tr><td>Number</td><td>DOUBLE</td></tr>
 *   <tr><td>Currency</td><td>DECIMAL(19, 4)</td></tr>
 *   <tr><td>Text (255), Text (64000)</td><td>VARCHAR (the declared length is enforced on write
 *       and reported by metadata)</td></tr>
 *   <tr><td>Prefixed Autonumber, GUID, Random ID, File</td><td>VARCHAR</td></tr>
 *   <tr><td>Date/Time, Timestamp</td><td>TIMESTAMP(0), wall-clock, never shifted by a zone</td></tr>
 *   <tr><td>Yes/No</td><td>BOOLEAN</td></tr>
 *   <tr><td>List - String/Number/Date</td><td>VARCHAR holding the JSON object of selected items,
 *       item id to value, for example {@code {"1":"Cat","3":"Dog"}}</td></tr>
 *   <tr><td>Formula</td><td>the type of its result</td></tr>
 *   <tr><td>Password</td><td>VARCHAR, write-only: always reads NULL (see {@link
 *       CaspioColumn#writeOnly}); not exposed in views</td></tr>
 * </table>
 */
enum ColumnKind {
  BIGINT,
  INTEGER,
  DOUBLE,
  DECIMAL,
  VARCHAR,
  BOOLEAN,
  TIMESTAMP,
  LIST;

  /** The scale of Currency, the only DECIMAL fields, as {@link #sqlType} declares it. */
  private static final int CURRENCY_SCALE = 4;

  /** The kind for a Caspio type token. */
  static ColumnKind of(String caspioType) {
    return switch (caspioType.toUpperCase(java.util.Locale.ROOT)) {
      case "AUTONUMBER", "INTEGER" -> INTEGER;
      case "NUMBER" -> DOUBLE;
      case "CURRENCY" -> DECIMAL;
      case "DATE/TIME", "TIMESTAMP" -> TIMESTAMP;
      case "YES/NO" -> BOOLEAN;
      case "LIST-STRING", "LIST-NUMBER", "LIST-DATE/TIME" -> LIST;
      default -> VARCHAR;
    };
  }

  /** The SQL type; every Caspio field may be empty, so all but a table's PK_ID are nullable. */
  RelDataType sqlType(RelDataTypeFactory f, boolean nullable) {
    RelDataType t =
        switch (this) {
          case BIGINT -> f.createSqlType(SqlTypeName.BIGINT);
          case INTEGER -> f.createSqlType(SqlTypeName.INTEGER);
          case DOUBLE -> f.createSqlType(SqlTypeName.DOUBLE);
          case DECIMAL -> f.createSqlType(SqlTypeName.DECIMAL, 19, 4);
          case BOOLEAN -> f.createSqlType(SqlTypeName.BOOLEAN);
          case TIMESTAMP -> f.createSqlType(SqlTypeName.TIMESTAMP, 0);
          // Unbounded on purpose: a declared length would make Calcite cut longer values on
          // INSERT and UPDATE without a word. The length is enforced when writing (an error,
          // never a cut) and reported by JDBC metadata from Caspio's field description.
          case VARCHAR, LIST -> f.createSqlType(SqlTypeName.VARCHAR);
        };
    return f.createTypeWithNullability(t, nullable);
  }

  /**
   * Converts a value as the REST client returns it (String, Long, BigDecimal, Boolean, Map or null)
   * to Calcite's internal form for this kind: TIMESTAMP as epoch milliseconds counted without a
   * zone, so no JVM zone ever shifts a Caspio wall-clock value.
   *
   * @throws IllegalArgumentException when the server sent a value of the wrong shape
   */
  Object toInternal(Object value) {
    if (value == null) {
      return null;
    }
    switch (this) {
      case BIGINT:
        return number(value).longValueExact();
      case INTEGER:
        return number(value).intValueExact();
      case DOUBLE:
        return number(value).doubleValue();
      case DECIMAL:
        return currency(number(value));
      case BOOLEAN:
        if (value instanceof Boolean b) {
          return b;
        }
        throw new IllegalArgumentException("expected true or false");
      case TIMESTAMP:
        if (value instanceof String s) {
          try {
            return WallClockText.epochMillis(s);
          } catch (DateTimeException e) {
            throw new IllegalArgumentException("expected a date-time yyyy-MM-ddTHH:mm:ss", e);
          }
        }
        throw new IllegalArgumentException("expected a date-time string");
      case LIST:
        if (value instanceof Map<?, ?> m) {
          return Json.object(m);
        }
        throw new IllegalArgumentException("expected a list object");
      case VARCHAR:
      default:
        return value instanceof String s ? s : String.valueOf(value);
    }
  }

  /**
   * A Currency value at the scale its SQL type declares, so that {@code 197.5} reads as {@code
   * 197.5000} like every other value of the column; digits beyond that scale are refused rather
   * than rounded away (Caspio keeps four decimals, so they mean a malformed reply).
   */
  private static BigDecimal currency(BigDecimal d) {
    try {
      return d.setScale(CURRENCY_SCALE, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "expected a Currency value with at most " + CURRENCY_SCALE + " decimals", e);
    }
  }

  private static BigDecimal number(Object value) {
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof Long || value instanceof Integer) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof Double d) {
      return BigDecimal.valueOf(d);
    }
    if (value instanceof String s) {
      // A view's numeric PK_ID parts or an aggregate may come back quoted.
      try {
        return new BigDecimal(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expected a number", e);
      }
    }
    throw new IllegalArgumentException("expected a number");
  }
}
