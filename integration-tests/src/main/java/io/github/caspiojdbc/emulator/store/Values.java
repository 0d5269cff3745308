/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts record values between Caspio's JSON (caspio-api.md 5.3) and the H2 column values.
 *
 * <p>Storage choices, in one place:
 *
 * <ul>
 *   <li>Text (STRING, TEXT) left unset on insert is stored as {@code ''}, so it renders as {@code
 *       ""} as in Caspio's samples while {@code IS NULL} matches exactly the rows rendered as
 *       {@code null} (an explicit JSON {@code null} is stored as NULL). Unique text fields stay
 *       NULL when unset, so that UniqueAllowNulls admits several unset rows. FILE and the other
 *       types stay NULL when unset.
 *   <li>Yes/No is never NULL: unset or {@code null} is {@code false} (Caspio shows unset as false).
 *   <li>Lists are stored as the sorted, comma-separated item ids ({@code "1,3"}).
 *   <li>Date/Time is a naive {@code TIMESTAMP(0)} read and written as {@link LocalDateTime}, so the
 *       JVM time zone never shifts it.
 *   <li>Passwords are stored as a salted SHA-256 hash and never rendered.
 * </ul>
 *
 * <p>Where Caspio is uncertain (NULL text in replies, date and list input forms) the strict answer
 * above is the default of a named {@link Switches} switch, passed in by the caller.
 */
final class Values {

  static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
  private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
  private static final Pattern DATE_TIME =
      Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})");

  /** What {@link Switches.DateInput#DROP_FRACTION_AND_OFFSET} cuts off a date-time. */
  private static final Pattern FRACTION_AND_OFFSET =
      Pattern.compile("(?<=T\\d{2}:\\d{2}:\\d{2})(\\.\\d{1,7})?(Z|[+-]\\d{2}:?\\d{2})?$");

  private static final Pattern LIST_STRING = Pattern.compile("\\s*\\[(\\d+)\\]\\s*");
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final SecureRandom SALTS = new SecureRandom();

  private Values() {}

  /**
   * Converts one body value for storage.
   *
   * @param switches the accepted date and list forms
   * @throws StoreException 400 {@code InvalidInputValue} when the value does not fit the type
   *     (strict: no implicit conversion between JSON strings, numbers and booleans)
   */
  static Object fromJson(FieldDef f, JsonNode v, Switches switches) {
    if (v == null || v.isNull()) {
      return f.type() == FieldType.YES_NO ? Boolean.FALSE : null;
    }
    switch (f.type()) {
      case STRING:
        return text(f, v, 255);
      case TEXT:
        return text(f, v, 64000);
      case FILE:
        return text(f, v, 1024);
      case PASSWORD:
        return hashPassword(text(f, v, 255));
      case NUMBER:
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
          throw mismatch(f);
        }
        return v.doubleValue();
      case INTEGER:
        if (!v.isNumber()) {
          throw mismatch(f);
        }
        try {
          return v.decimalValue().intValueExact();
        } catch (ArithmeticException e) {
          throw mismatch(f);
        }
      case CURRENCY:
        if (!v.isNumber()) {
          throw mismatch(f);
        }
        // SQL Server's money keeps 4 decimals and rounds the rest away.
        BigDecimal money = v.decimalValue().setScale(4, RoundingMode.HALF_UP);
        if (money.abs().compareTo(new BigDecimal("922337203685477.5807")) > 0) {
          throw mismatch(f);
        }
        return money;
      case DATE_TIME:
        if (!v.isTextual()) {
          throw mismatch(f);
        }
        return parseDate(f, v.textValue(), switches.dateInput());
      case YES_NO:
        if (!v.isBoolean()) {
          throw mismatch(f);
        }
        return v.booleanValue();
      case LIST_STRING:
      case LIST_NUMBER:
      case LIST_DATE_TIME:
        return listIds(f, v, switches.listWrite());
      default:
        throw new StoreException(
            400, "AlterReadOnlyData", "Field '" + f.name() + "' is read-only and cannot be set");
    }
  }

  private static String text(FieldDef f, JsonNode v, int max) {
    if (!v.isTextual()) {
      throw mismatch(f);
    }
    String s = v.textValue();
    if (s.length() > max) {
      throw new StoreException(
          400,
          "InvalidInputValue",
          "String or binary data would be truncated in field '" + f.name() + "'");
    }
    return s;
  }

  /**
   * Parses Caspio's accepted input forms {@code yyyy-MM-dd} and {@code yyyy-MM-ddTHH:mm:ss}.
   * Strict: offsets and a trailing {@code Z} (seen to be rejected or mangled, caspio-api.md 5.2),
   * fractions and the empty string are refused, unless {@code input} drops the first three.
   */
  static LocalDateTime parseDate(FieldDef f, String s, Switches.DateInput input) {
    if (input == Switches.DateInput.DROP_FRACTION_AND_OFFSET) {
      s = FRACTION_AND_OFFSET.matcher(s).replaceFirst("");
    }
    try {
      Matcher m = DATE_TIME.matcher(s);
      if (m.matches()) {
        return LocalDateTime.of(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)),
            Integer.parseInt(m.group(4)),
            Integer.parseInt(m.group(5)),
            Integer.parseInt(m.group(6)));
      }
      m = DATE.matcher(s);
      if (m.matches()) {
        return LocalDate.of(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)))
            .atStartOfDay();
      }
    } catch (java.time.DateTimeException e) {
      // 2023-02-29 and friends fall through to the mismatch below.
    }
    throw mismatch(f);
  }

  /** Accepts {@code [1,3]} (ids as numbers or digit strings) or Caspio's {@code "[1], [3]"}. */
  private static String listIds(FieldDef f, JsonNode v, Switches.ListWrite forms) {
    TreeSet<Integer> ids = new TreeSet<>();
    if (v.isArray()
        ? forms == Switches.ListWrite.STRING_ONLY
        : forms == Switches.ListWrite.ARRAY_ONLY) {
      throw mismatch(f);
    }
    if (v.isArray()) {
      for (JsonNode item : v) {
        if (item.isIntegralNumber()) {
          ids.add(item.intValue());
        } else if (item.isTextual() && item.textValue().matches("\\d{1,9}")) {
          ids.add(Integer.parseInt(item.textValue()));
        } else {
          throw mismatch(f);
        }
      }
    } else if (v.isTextual()) {
      String s = v.textValue();
      if (!s.isBlank()) {
        for (String part : s.split(",", -1)) {
          Matcher m = LIST_STRING.matcher(part);
          if (!m.matches() || m.group(1).length() > 9) {
            throw mismatch(f);
          }
          ids.add(Integer.parseInt(m.group(1)));
        }
      }
    } else {
      throw mismatch(f);
    }
    for (int id : ids) {
      if (id < 1 || id > f.listItems().size()) {
        throw mismatch(f);
      }
    }
    if (ids.isEmpty()) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (int id : ids) {
      b.append(b.length() == 0 ? "" : ",").append(id);
    }
    return b.toString();
  }

  static StoreException mismatch(FieldDef f) {
    // The message Caspio is documented to use for list values sent instead of ids.
    return new StoreException(
        400,
        "InvalidInputValue",
        "Cannot perform operation because the value doesn't match the data type of the following"
            + " field(s): "
            + f.name());
  }

  /** A salted one-way hash; the emulator never needs the clear text back. */
  static String hashPassword(String clear) {
    byte[] salt = new byte[12];
    SALTS.nextBytes(salt);
    return "sha256$" + Base64.getEncoder().encodeToString(salt) + "$" + digest(salt, clear);
  }

  /** Whether {@code clear} matches a stored {@link #hashPassword} value. */
  static boolean passwordMatches(String stored, String clear) {
    if (stored == null) {
      return false;
    }
    String[] parts = stored.split("\\$");
    return parts.length == 3
        && MessageDigest.isEqual(
            parts[2].getBytes(StandardCharsets.US_ASCII),
            digest(Base64.getDecoder().decode(parts[1]), clear)
                .getBytes(StandardCharsets.US_ASCII));
  }

  private static String digest(byte[] salt, String clear) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(salt);
      return Base64.getEncoder().encodeToString(md.digest(clear.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JRE", e);
    }
  }

  /** Reads a column as a Java value without any time-zone conversion. */
  static Object read(ResultSet rs, int col, int sqlType) throws SQLException {
    switch (sqlType) {
      case Types.TIMESTAMP:
        return rs.getObject(col, LocalDateTime.class);
      case Types.DATE:
        return rs.getObject(col, LocalDate.class);
      case Types.TIME:
        return rs.getObject(col, LocalTime.class);
      default:
        return rs.getObject(col);
    }
  }

  /**
   * Renders a value of a known field; falls back to {@link #generic} when an expression reused the
   * field's name for a value of another type.
   *
   * @param nullText how a NULL of a text field is shown
   */
  static JsonNode render(FieldDef f, Object v, Switches.NullText nullText) {
    if (v == null) {
      boolean text = f.type() == FieldType.STRING || f.type() == FieldType.TEXT;
      return text && nullText == Switches.NullText.AS_EMPTY_STRING
          ? JSON.textNode("")
          : JSON.nullNode();
    }
    if (f.type().isList() && v instanceof String) {
      return renderList(f, (String) v);
    }
    return generic(v);
  }

  private static JsonNode renderList(FieldDef f, String ids) {
    ObjectNode o = JSON.objectNode();
    List<String> items = f.listItems();
    for (String id : ids.split(",")) {
      int i;
      try {
        i = Integer.parseInt(id.trim());
      } catch (NumberFormatException e) {
        return JSON.textNode(ids);
      }
      if (i < 1 || i > items.size()) {
        return JSON.textNode(ids);
      }
      o.put(Integer.toString(i), items.get(i - 1));
    }
    return o;
  }

  /** Renders a computed value by its Java type. */
  static JsonNode generic(Object v) {
    if (v == null) {
      return JSON.nullNode();
    }
    if (v instanceof Boolean) {
      return JSON.booleanNode((Boolean) v);
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return JSON.numberNode(((Number) v).intValue());
    }
    if (v instanceof Long) {
      return JSON.numberNode((Long) v);
    }
    if (v instanceof BigDecimal) {
      return JSON.numberNode(plain((BigDecimal) v));
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      // [INF] whole numbers print without a fraction, as .NET serializers do.
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return JSON.numberNode((long) d);
      }
      return JSON.numberNode(d);
    }
    if (v instanceof java.math.BigInteger) {
      return JSON.numberNode((java.math.BigInteger) v);
    }
    if (v instanceof LocalDateTime) {
      return JSON.textNode(ISO.format((LocalDateTime) v));
    }
    if (v instanceof LocalDate) {
      return JSON.textNode(ISO.format(((LocalDate) v).atStartOfDay()));
    }
    if (v instanceof LocalTime) {
      return JSON.textNode(((LocalTime) v).withNano(0).toString());
    }
    return JSON.textNode(v.toString());
  }

  /** Currency and decimals without trailing zeros and never in exponent notation. */
  static BigDecimal plain(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }
}
