/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The digit-by-digit reading of Caspio's date-times agrees with the ISO formatter on every text.
 */
class WallClockTextTest {
  private static long iso(String s) {
    return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2020-10-07T04:54:19",
        "1970-01-01T00:00:00",
        "1969-12-31T23:59:59",
        "0001-01-01T00:00:00",
        "9999-12-31T23:59:59",
        "2024-02-29T12:00:00",
        "2020-10-07T04:54:19.607",
        "2020-10-07T04:54",
        "+12020-10-07T04:54:19"
      })
  void acceptsWhatTheFormatterAcceptsWithTheSameValue(String s) {
    assertEquals(iso(s), WallClockText.epochMillis(s), s);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2023-02-29T12:00:00",
        "2020-02-30T00:00:00",
        "2020-13-01T00:00:00",
        "2020-00-01T00:00:00",
        "2020-01-00T00:00:00",
        "2020-01-01T24:00:00",
        "2020-01-01T23:60:00",
        "2020-01-01T23:59:60",
        "2020-01-01 00:00:00",
        "2020-0a-01T00:00:00",
        "20-01-01T00:00:00Z",
        "2020-01-01T00:00:0Z",
        "2020-01-01T00:00:00Z",
        "2020-01-01",
        "",
        "-020-01-01T00:00:00"
      })
  void refusesWhatTheFormatterRefuses(String s) {
    assertThrows(DateTimeException.class, () -> iso(s), s);
    assertThrows(DateTimeException.class, () -> WallClockText.epochMillis(s), s);
  }

  @Test
  void agreesOnRandomWallClocks() {
    Random r = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      String s =
          String.format(
              "%04d-%02d-%02dT%02d:%02d:%02d",
              r.nextInt(10_000),
              r.nextInt(14),
              r.nextInt(33),
              r.nextInt(25),
              r.nextInt(61),
              r.nextInt(61));
      boolean isoOk;
      long expected = 0;
      try {
        expected = iso(s);
        isoOk = true;
      } catch (DateTimeException e) {
        isoOk = false;
      }
      if (isoOk) {
        assertEquals(expected, WallClockText.epochMillis(s), s);
      } else {
        assertThrows(DateTimeException.class, () -> WallClockText.epochMillis(s), s);
      }
    }
  }
}
