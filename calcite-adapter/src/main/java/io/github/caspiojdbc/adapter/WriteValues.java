/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Converts a value bound for a Caspio field, in Calcite's internal form or as a JDBC parameter
 * object, into what the REST client sends. Conversions are exact or fail: a write must store the
 * value the user wrote, since nothing re-checks it afterwards.
 */
final class WriteValues {

  private WriteValues() {}

  /**
   * The value to send for a column.
   *
   * @throws CaspioException kind DATA when the value cannot be stored exactly
   */
  static Object toRequest(CaspioColumn column, Object value) {
    if (value == null) {
      return null;
    }
    try {
      return switch (column.kind()) {
        case BIGINT -> integral(value);
        case INTEGER -> Math.toIntExact(integral(value));
        case DOUBLE -> floating(value);
        case DECIMAL -> decimal(value);
        case BOOLEAN -> bool(value);
        case TIMESTAMP -> dateTime(value);
        case LIST -> listIds(value);
        case VARCHAR -> text(column, value instanceof String s ? s : String.valueOf(value));
      };
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new CaspioException(
          ErrorKind.DATA,
          "Value for column " + column.name() + " cannot be stored exactly: " + e.getMessage(),
          e);
    }
  }

  /** Text that fits its field: Caspio would cut or refuse a longer value. */
  private static String text(CaspioColumn column, String s) {
    int max = column.textLength();
    if (max > 0 && s.codePointCount(0, s.length()) > max) {
      throw new IllegalArgumentException(
          s.codePointCount(0, s.length()) + " characters exceed the field's " + max);
    }
    return s;
  }

  private static Long integral(Object value) {
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    return decimalOf(value).longValueExact();
  }

  private static Double floating(Object value) {
    if (!(value instanceof Number n)) {
      throw new IllegalArgumentException("expected a number");
    }
    double d = n.doubleValue();
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("Caspio numbers are finite");
    }
    return d;
  }

  private static BigDecimal decimal(Object value) {
    BigDecimal d = decimalOf(value).stripTrailingZeros();
    // Currency keeps four decimals; a fifth would be rounded by the server.
    if (d.scale() > 4) {
      throw new IllegalArgumentException("Currency keeps at most 4 decimals, got " + d);
    }
    return d.scale() < 0 ? d.setScale(0) : d;
  }

  private static BigDecimal decimalOf(Object value) {
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("Caspio numbers are finite");
      }
      return BigDecimal.valueOf(d);
    }
    throw new IllegalArgumentException("expected a number");
  }

  private static Boolean bool(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    throw new IllegalArgumentException("expected true or false");
  }

  /**
   * Calcite's internal timestamps are milliseconds counted without a zone, JDBC parameters may be
   * {@link java.sql.Timestamp} (a wall-clock value in the JVM's zone, as JDBC defines it) or
   * java.time values; all become the same wall-clock {@link LocalDateTime}.
   */
  private static LocalDateTime dateTime(Object value) {
    LocalDateTime ldt;
    if (value instanceof Long millis) {
      ldt = LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    } else if (value instanceof java.sql.Timestamp ts) {
      ldt = ts.toLocalDateTime();
    } else if (value instanceof java.sql.Date d) {
      ldt = d.toLocalDate().atStartOfDay();
    } else if (value instanceof LocalDateTime l) {
      ldt = l;
    } else if (value instanceof LocalDate ld) {
      ldt = ld.atStartOfDay();
    } else if (value instanceof Integer days) {
      ldt = LocalDate.ofEpochDay(days).atStartOfDay();
    } else {
      throw new IllegalArgumentException("expected a date-time");
    }
    if (ldt.getNano() != 0) {
      // Caspio stores whole seconds; rounding here would make the written value differ from the
      // one read back and from the one a WHERE matches.
      throw new IllegalArgumentException(
          "Caspio stores date-times to the second; " + ldt + " has a fraction of a second");
    }
    return ldt;
  }

  /**
   * A list field is read as the JSON object of its selected items (item id to value); it is written
   * as the ids. Both that object and a JSON array of ids are accepted.
   */
  private static List<Long> listIds(Object value) {
    if (!(value instanceof String s)) {
      throw new IllegalArgumentException("expected JSON text of list item ids");
    }
    JsonNode node;
    try {
      node = Json.read(s);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "expected a JSON object {\"id\":\"value\",...} or array [id,...] of list items", e);
    }
    List<Long> ids = new ArrayList<>();
    if (node != null && node.isObject()) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        ids.add(parseId(it.next()));
      }
    } else if (node != null && node.isArray()) {
      for (JsonNode item : node) {
        if (!item.canConvertToExactIntegral() && !item.isTextual()) {
          throw new IllegalArgumentException("list item ids are integers");
        }
        ids.add(item.isTextual() ? parseId(item.asText()) : item.asLong());
      }
    } else {
      throw new IllegalArgumentException(
          "expected a JSON object {\"id\":\"value\",...} or array [id,...] of list items");
    }
    return List.copyOf(ids);
  }

  private static long parseId(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("list item ids are integers, got " + id, e);
    }
  }
}
