/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.Locale;

/**
 * The date-time rules of {@link ParameterValues}: JDBC's date-time objects and texts as the
 * zone-less wall-clock values Caspio stores, to the second (a fraction is truncated), and a refusal
 * of values that carry a zone, since Caspio has none to keep.
 */
final class DateTimeParameters {

  private static final DateTimeFormatter DATE_TIME =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .toFormatter(Locale.ROOT);

  private DateTimeParameters() {}

  static LocalDateTime timestamp(Object value, Calendar calendar) {
    LocalDateTime t;
    if (value instanceof java.sql.Timestamp ts) {
      t =
          calendar == null
              ? ts.toLocalDateTime()
              : inCalendar(ts.getTime(), calendar).withNano(ts.getNanos());
    } else if (value instanceof java.sql.Date d) {
      t =
          (calendar == null ? d.toLocalDate() : inCalendar(d.getTime(), calendar).toLocalDate())
              .atStartOfDay();
    } else if (value instanceof java.sql.Time) {
      throw ParameterValues.cannot(value, "a date-time (a time of day has no date)");
    } else if (value instanceof java.util.Date d) {
      t =
          calendar == null
              ? new java.sql.Timestamp(d.getTime()).toLocalDateTime()
              : inCalendar(d.getTime(), calendar);
    } else if (value instanceof LocalDateTime l) {
      t = l;
    } else if (value instanceof LocalDate l) {
      t = l.atStartOfDay();
    } else if (value instanceof String s) {
      t = parseDateTime(s);
    } else if (zoned(value)) {
      throw zoneRefused(value);
    } else {
      throw ParameterValues.cannot(value, "a date-time");
    }
    return t.truncatedTo(ChronoUnit.SECONDS);
  }

  static LocalDate date(Object value, Calendar calendar) {
    if (value instanceof java.sql.Date d) {
      return calendar == null ? d.toLocalDate() : inCalendar(d.getTime(), calendar).toLocalDate();
    }
    if (value instanceof LocalDate l) {
      return l;
    }
    if (value instanceof String s) {
      String v = s.trim();
      try {
        return LocalDate.parse(v);
      } catch (DateTimeParseException e) {
        LocalDateTime t = parseDateTime(v);
        return atMidnight(t, v);
      }
    }
    if (value instanceof java.sql.Timestamp
        || value instanceof java.util.Date && !(value instanceof java.sql.Time)
        || value instanceof LocalDateTime) {
      LocalDateTime t = timestamp(value, calendar);
      return atMidnight(t, t.toString());
    }
    if (zoned(value)) {
      throw zoneRefused(value);
    }
    throw ParameterValues.cannot(value, "a date");
  }

  static LocalTime time(Object value, Calendar calendar) {
    LocalTime t;
    if (value instanceof java.sql.Time tm) {
      t = calendar == null ? tm.toLocalTime() : inCalendar(tm.getTime(), calendar).toLocalTime();
    } else if (value instanceof LocalTime l) {
      t = l;
    } else if (value instanceof String s) {
      try {
        t = LocalTime.parse(s.trim());
      } catch (DateTimeParseException e) {
        throw new CaspioException(
            ErrorKind.INVALID_DATETIME,
            "'" + ParameterValues.clip(s) + "' is not a time of day HH:mm[:ss]",
            null);
      }
    } else if (value instanceof OffsetTime) {
      throw zoneRefused(value);
    } else {
      throw ParameterValues.cannot(value, "a time of day");
    }
    return t.truncatedTo(ChronoUnit.SECONDS);
  }

  private static LocalDate atMidnight(LocalDateTime t, String shown) {
    if (!t.toLocalTime().equals(LocalTime.MIDNIGHT)) {
      throw new CaspioException(
          ErrorKind.INVALID_DATETIME,
          shown + " has a time of day; a DATE parameter takes a date only",
          null);
    }
    return t.toLocalDate();
  }

  private static LocalDateTime parseDateTime(String s) {
    String v = s.trim();
    try {
      if (v.length() == 10) {
        return LocalDate.parse(v).atStartOfDay();
      }
      return LocalDateTime.parse(v, DATE_TIME);
    } catch (DateTimeParseException e) {
      throw new CaspioException(
          ErrorKind.INVALID_DATETIME,
          "'"
              + ParameterValues.clip(s)
              + "' is not a date-time (use yyyy-MM-dd or yyyy-MM-dd HH:mm:ss)",
          null);
    }
  }

  /** Epoch milliseconds read as wall-clock time in the calendar's zone, as JDBC defines it. */
  private static LocalDateTime inCalendar(long millis, Calendar calendar) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), calendar.getTimeZone().toZoneId())
        .with(ChronoField.MILLI_OF_SECOND, Math.floorMod(millis, 1000L));
  }

  static boolean zoned(Object value) {
    return value instanceof OffsetDateTime
        || value instanceof ZonedDateTime
        || value instanceof Instant
        || value instanceof OffsetTime;
  }

  static CaspioException zoneRefused(Object value) {
    return new CaspioException(
        ErrorKind.UNSUPPORTED,
        "a "
            + value.getClass().getSimpleName()
            + " has a zone or offset, but Caspio date-times have none; convert it to the"
            + " LocalDateTime you mean to store (for example with atZoneSameInstant(zone)"
            + ".toLocalDateTime())",
        null);
  }
}
