/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Conversions between Caspio's JSON values and Java types, for the adapter's per-column typing
 * (rows carry raw JSON scalars, see {@link CaspioApi}).
 */
public final class CaspioValues {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  private CaspioValues() {}

  /**
   * A Caspio date/time value ({@code yyyy-MM-ddTHH:mm:ss}, optionally with a fraction, or a bare
   * date) as a wall-clock {@link LocalDateTime}; null stays null. Caspio dates carry no zone.
   *
   * @throws IllegalArgumentException when the text is not such a value
   */
  public static LocalDateTime toLocalDateTime(Object value) {
    if (value == null) {
      return null;
    }
    String s = value.toString();
    try {
      if (s.length() == 10) {
        return LocalDate.parse(s).atStartOfDay();
      }
      return LocalDateTime.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a Caspio date/time: " + abbreviate(s), e);
    }
  }

  /** A date/time as Caspio accepts it: seconds precision unless there is a fraction. */
  public static String format(LocalDateTime value) {
    return value.getNano() == 0 ? SECONDS.format(value) : value.toString();
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
