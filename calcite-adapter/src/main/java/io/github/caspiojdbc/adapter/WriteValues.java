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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        case BIGINT -> integral(value, Long.MIN_VALUE, Long.MAX_VALUE);
        case INTEGER -> (int) integral(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
        case DOUBLE -> floating(value);
        case DECIMAL -> decimal(value);
        case BOOLEAN -> bool(value);
        case TIMESTAMP -> dateTime(value);
        case LIST -> listIds(column, value);
        case VARCHAR -> text(column, value instanceof String s ? s : String.valueOf(value));
      };
    } catch (Refused e) {
      throw new CaspioException(
          e.kind,
          "Value for column " + column.name() + " cannot be stored exactly: " + e.getMessage(),
          null);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new CaspioException(
          ErrorKind.DATA,
          "Value for column " + column.name() + " cannot be stored exactly: " + e.getMessage(),
          e);
    }
  }

  /** Why a value was refused, with the SQLState class that says so. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient ErrorKind kind;

    Refused(ErrorKind kind, String message) {
      super(message, null, false, false);
      this.kind = kind;
    }
  }

  /** Text that fits its field: Caspio would cut or refuse a longer value. */
  private static String text(CaspioColumn column, String s) {
    int max = column.textLength();
    if (max > 0 && s.codePointCount(0, s.length()) > max) {
      throw new Refused(
          ErrorKind.TOO_LONG,
          s.codePointCount(0, s.length()) + " characters exceed the field's " + max);
    }
    return s;
  }

  /** A whole number in range; a fraction or an overflow is refused, never cut or wrapped. */
  private static long integral(Object value, long min, long max) {
    long v;
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      v = ((Number) value).longValue();
    } else {
      BigDecimal d = decimalOf(value);
      if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
        throw new Refused(
            ErrorKind.OUT_OF_RANGE,
            d.toPlainString()
                + " has a fraction and the field holds whole numbers (use ROUND, FLOOR or CEIL"
                + " if that is intended)");
      }
      try {
        v = d.longValueExact();
      } catch (ArithmeticException e) {
        throw new Refused(ErrorKind.OUT_OF_RANGE, d.toPlainString() + " is out of range");
      }
    }
    if (v < min || v > max) {
      throw new Refused(
          ErrorKind.OUT_OF_RANGE, v + " is out of range (" + min + " to " + max + ")");
    }
    return v;
  }

  private static Double floating(Object value) {
    if (!(value instanceof Number n)) {
      throw new IllegalArgumentException("expected a number");
    }
    double d = n.doubleValue();
    if (!Double.isFinite(d)) {
      throw new Refused(ErrorKind.OUT_OF_RANGE, "Caspio numbers are finite, got " + d);
    }
    if (!(n instanceof Double || n instanceof Float)) {
      // A decimal or a long beyond 2^53 that a double cannot hold would be stored as another
      // number; the shortest decimal form of the double must be the value itself.
      BigDecimal exact = decimalOf(n);
      if (BigDecimal.valueOf(d).compareTo(exact) != 0) {
        throw new Refused(
            ErrorKind.OUT_OF_RANGE,
            exact.toPlainString()
                + " has more digits than a Caspio Number keeps (nearest: "
                + d
                + ")");
      }
    }
    return d;
  }

  private static BigDecimal decimal(Object value) {
    BigDecimal d = decimalOf(value).stripTrailingZeros();
    // Currency keeps four decimals; a fifth would be rounded by the server.
    if (d.scale() > 4) {
      throw new Refused(
          ErrorKind.OUT_OF_RANGE,
          "Currency keeps at most 4 decimals, got "
              + d.toPlainString()
              + " (use ROUND(x, 4) if rounding is intended)");
    }
    if (d.precision() - d.scale() > 15) {
      throw new Refused(
          ErrorKind.OUT_OF_RANGE,
          d.toPlainString() + " is out of range for Currency (at most 15 integer digits)");
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
        throw new Refused(ErrorKind.OUT_OF_RANGE, "Caspio numbers are finite, got " + d);
      }
      // The shortest decimal form: the value a literal or text showed (2.7, not
      // 2.70000000000000017).
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
    // Caspio stores whole seconds. A fraction is truncated, the documented rule that parameters
    // follow too, so that the value written is the one read back and the one a WHERE matches.
    return ldt.truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * A list field is read as the JSON object of its selected items (item id to value); it is written
   * as the ids. Both that object and a JSON array of ids are accepted. Every id must be an item of
   * the field's list, and an object's values must be those items' values: {@code {"1":"44"}} when
   * item 1 is "36" would otherwise store "36" without a word. The check runs before any request, so
   * a bad row of a multi-row INSERT stops the statement before its first row is sent.
   */
  private static List<Long> listIds(CaspioColumn column, Object value) {
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
    Map<String, String> items = column.field() == null ? Map.of() : column.field().listItems();
    List<Long> ids = new ArrayList<>();
    if (node != null && node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        long id = parseId(e.getKey());
        checkItem(items, id);
        String known = items.get(Long.toString(id));
        JsonNode given = e.getValue();
        if (known != null && !(given.isValueNode() && given.asText().equals(known))) {
          throw new IllegalArgumentException(
              "list item "
                  + id
                  + " is \""
                  + known
                  + "\", not "
                  + given
                  + " (write the ids, for example ["
                  + id
                  + "], or the items as read)");
        }
        ids.add(id);
      }
    } else if (node != null && node.isArray()) {
      for (JsonNode item : node) {
        if (!item.canConvertToExactIntegral() && !item.isTextual()) {
          throw new IllegalArgumentException("list item ids are integers");
        }
        long id = item.isTextual() ? parseId(item.asText()) : item.asLong();
        checkItem(items, id);
        ids.add(id);
      }
    } else {
      throw new IllegalArgumentException(
          "expected a JSON object {\"id\":\"value\",...} or array [id,...] of list items");
    }
    return List.copyOf(ids);
  }

  /** An id the field's list has; an empty catalogue (not described by the server) checks none. */
  private static void checkItem(Map<String, String> items, long id) {
    if (!items.isEmpty() && !items.containsKey(Long.toString(id))) {
      throw new IllegalArgumentException(
          "the list has no item " + id + " (its items: " + items.keySet() + ")");
    }
  }

  private static long parseId(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("list item ids are integers, got " + id, e);
    }
  }
}
