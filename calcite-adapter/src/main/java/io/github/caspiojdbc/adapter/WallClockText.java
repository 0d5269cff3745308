/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Reads a Caspio Date/Time reply value ({@code yyyy-MM-ddTHH:mm:ss}, caspio-api.md 5.2) as the
 * milliseconds Calcite keeps for a TIMESTAMP, reading the wall clock as UTC so that no zone shifts
 * it.
 *
 * <p>Why not only {@link LocalDateTime#parse}: on a scan of a table with a date column the
 * formatter was 28 % of the reading thread's samples (docs/benchmarks.md, "Scan loop profile"). The
 * form Caspio sends is read here digit by digit; anything else (fractions, a short time, a
 * malformed value) goes to {@link LocalDateTime#parse}, so what is accepted and refused is exactly
 * what the ISO formatter accepts and refuses ({@code LocalDateTime.of} checks the fields as
 * strictly as the formatter's STRICT resolver: no 30 February, no 24:00:00).
 */
final class WallClockText {
  private WallClockText() {}

  /**
   * The value's wall clock as milliseconds since 1970-01-01T00:00:00.
   *
   * @throws DateTimeException when the text is not an ISO local date-time
   */
  static long epochMillis(String s) {
    if (s.length() == 19
        && s.charAt(4) == '-'
        && s.charAt(7) == '-'
        && s.charAt(10) == 'T'
        && s.charAt(13) == ':'
        && s.charAt(16) == ':') {
      int year = digits(s, 0, 4);
      int month = digits(s, 5, 2);
      int day = digits(s, 8, 2);
      int hour = digits(s, 11, 2);
      int minute = digits(s, 14, 2);
      int second = digits(s, 17, 2);
      if ((year | month | day | hour | minute | second) >= 0) {
        // of() checks every field (month length, leap years, 0-23 hours) as the formatter would.
        return LocalDateTime.of(year, month, day, hour, minute, second)
                .toEpochSecond(ZoneOffset.UTC)
            * 1000L;
      }
    }
    return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  /** The decimal number of {@code n} ASCII digits at {@code from}, or -1 if one is not a digit. */
  private static int digits(String s, int from, int n) {
    int v = 0;
    for (int i = from; i < from + n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
