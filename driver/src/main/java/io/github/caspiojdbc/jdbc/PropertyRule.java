/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.jdbc.CaspioProperty.Kind;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * How the raw value of one {@link CaspioProperty} is checked and canonicalised: its {@link
 * CaspioProperty.Kind}, choices, range and unit. Apart from the enum so that the enum stays the one
 * list of properties; the messages name the property and hide secret values ({@link
 * CaspioProperty#shown}).
 */
final class PropertyRule {
  final Kind kind;
  private final List<String> choices;
  private final int min;
  private final int max;
  private final ChronoUnit unit;

  private PropertyRule(Kind kind, List<String> choices, int min, int max, ChronoUnit unit) {
    this.kind = kind;
    this.choices = choices;
    this.min = min;
    this.max = max;
    this.unit = unit;
  }

  static PropertyRule text() {
    return new PropertyRule(Kind.TEXT, List.of(), 0, 0, null);
  }

  static PropertyRule choice(String... choices) {
    return new PropertyRule(Kind.CHOICE, List.of(choices), 0, 0, null);
  }

  static PropertyRule bool() {
    return new PropertyRule(Kind.BOOLEAN, List.of("true", "false"), 0, 0, null);
  }

  static PropertyRule integer(int min, int max) {
    return new PropertyRule(Kind.INTEGER, List.of(), min, max, null);
  }

  static PropertyRule duration(ChronoUnit unit) {
    return duration(unit, Integer.MAX_VALUE);
  }

  static PropertyRule duration(ChronoUnit unit, int max) {
    return new PropertyRule(Kind.DURATION, List.of(), 0, max, unit);
  }

  static PropertyRule url() {
    return new PropertyRule(Kind.URL, List.of(), 0, 0, null);
  }

  static PropertyRule scope() {
    return new PropertyRule(Kind.SCOPE, List.of(), 0, 0, null);
  }

  /** The time unit of a duration property, or null. */
  ChronoUnit unit() {
    return unit;
  }

  List<String> choices() {
    return choices;
  }

  /** The "Values" column of the documentation table. */
  String summary() {
    return switch (kind) {
      case TEXT -> "text";
      case CHOICE, BOOLEAN -> String.join(", ", choices.stream().map(c -> "`" + c + "`").toList());
      case INTEGER, DURATION -> max == Integer.MAX_VALUE ? min + " or more" : min + " to " + max;
      case URL -> "https URL";
      case SCOPE -> "scope tokens";
    };
  }

  String check(CaspioProperty p, String raw) throws SQLException {
    if (raw.isEmpty()) {
      throw CaspioErrors.invalidValue("Property '" + p.key() + "' has an empty value");
    }
    return switch (kind) {
      case TEXT -> checkText(p, raw);
      case CHOICE, BOOLEAN -> checkChoice(p, raw);
      case INTEGER, DURATION -> checkInteger(p, raw);
      case URL -> TokenUrl.parse(checkText(p, raw)).toString();
      case SCOPE -> checkScope(p, raw);
    };
  }

  private static String checkText(CaspioProperty p, String raw) throws SQLException {
    if (raw.isBlank() || !raw.strip().equals(raw)) {
      throw CaspioErrors.invalidValue(
          "Property '" + p.key() + "' must not be blank or start or end with whitespace");
    }
    // Control characters have no business in ids or tokens and could split an HTTP header.
    if (raw.chars().anyMatch(Character::isISOControl)) {
      throw CaspioErrors.invalidValue("Property '" + p.key() + "' contains a control character");
    }
    return raw;
  }

  private String checkChoice(CaspioProperty p, String raw) throws SQLException {
    for (String choice : choices) {
      if (choice.equalsIgnoreCase(raw)) {
        return choice;
      }
    }
    throw CaspioErrors.invalidValue(
        "Property '"
            + p.key()
            + "' has the invalid value "
            + p.shown(raw)
            + "; expected one of: "
            + String.join(", ", choices));
  }

  private String checkInteger(CaspioProperty p, String raw) throws SQLException {
    String range = " (" + min + (max == Integer.MAX_VALUE ? " or more" : " to " + max) + ")";
    // Digits only: no sign, no spaces, no 1e3, and at most 10 so parseInt cannot overflow.
    if (!raw.chars().allMatch(c -> c >= '0' && c <= '9') || raw.length() > 10) {
      throw CaspioErrors.invalidValue(
          "Property '" + p.key() + "' must be a whole number" + range + ", not " + p.shown(raw));
    }
    long value = Long.parseLong(raw);
    if (value < min || value > max) {
      throw CaspioErrors.invalidValue(
          "Property '" + p.key() + "' is out of range" + range + ": " + p.shown(raw));
    }
    return Long.toString(value);
  }

  private static String checkScope(CaspioProperty p, String raw) throws SQLException {
    // RFC 6749 section 3.3: scope-tokens of %x21 / %x23-5B / %x5D-7E, separated by one space.
    for (String token : raw.split(" ", -1)) {
      boolean valid =
          !token.isEmpty()
              && token.chars().allMatch(c -> c == 0x21 || (c >= 0x23 && c <= 0x7E && c != 0x5C));
      if (!valid) {
        throw CaspioErrors.invalidValue(
            "Property '"
                + p.key()
                + "' must be scope tokens separated by single spaces, not "
                + p.shown(raw));
      }
    }
    return raw;
  }
}
