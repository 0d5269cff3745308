/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Parameter values converted to their SQL type exactly, or refused with the right SQLState. */
class ParameterValuesTest {
  private static final LocalDateTime WHEN = LocalDateTime.of(2024, 5, 6, 7, 8, 9);

  static Stream<Arguments> exact() {
    return Stream.of(
        Arguments.of(Types.INTEGER, 5L, 5),
        Arguments.of(Types.INTEGER, 3.0d, 3),
        Arguments.of(Types.INTEGER, "75", 75),
        Arguments.of(Types.INTEGER, true, 1),
        Arguments.of(Types.BIGINT, new BigDecimal("7.000"), 7L),
        Arguments.of(Types.DECIMAL, 9.99d, new BigDecimal("9.9900")),
        Arguments.of(Types.DECIMAL, 1.1f, new BigDecimal("1.1000")),
        Arguments.of(Types.DECIMAL, new BigDecimal("12.3400"), new BigDecimal("12.3400")),
        Arguments.of(Types.DOUBLE, new BigDecimal("0.1"), 0.1d),
        Arguments.of(Types.DOUBLE, 1.1f, 1.1d),
        Arguments.of(Types.BOOLEAN, "TRUE", true),
        Arguments.of(Types.BOOLEAN, 0, false),
        Arguments.of(Types.VARCHAR, new BigDecimal("1.50"), "1.50"),
        Arguments.of(
            Types.VARCHAR, Timestamp.valueOf("2024-05-06 07:08:09.5"), "2024-05-06 07:08:09.5"),
        Arguments.of(Types.TIMESTAMP, Timestamp.valueOf("2024-05-06 07:08:09.999"), WHEN),
        Arguments.of(Types.TIMESTAMP, "2024-05-06T07:08:09", WHEN),
        Arguments.of(Types.TIMESTAMP, "2024-05-06", WHEN.toLocalDate().atStartOfDay()),
        Arguments.of(Types.TIMESTAMP, LocalDate.of(2024, 5, 6), WHEN.toLocalDate().atStartOfDay()),
        Arguments.of(Types.DATE, "2024-05-06", LocalDate.of(2024, 5, 6)));
  }

  @ParameterizedTest
  @MethodSource("exact")
  void convert_valueThatFits_convertedExactly(int type, Object in, Object out) throws SQLException {
    assertEquals(out, ParameterValues.convert(type, 19, 4, in, null, 1));
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of(Types.INTEGER, 5_000_000_000L, "22003"),
        Arguments.of(Types.INTEGER, 2.7d, "22003"),
        Arguments.of(Types.INTEGER, "abc", "22018"),
        Arguments.of(Types.DECIMAL, new BigDecimal("1.23456"), "22003"),
        Arguments.of(Types.DECIMAL, new BigDecimal("1E16"), "22003"),
        Arguments.of(Types.DOUBLE, (1L << 53) + 1, "22003"),
        Arguments.of(Types.DOUBLE, Double.NaN, "22003"),
        Arguments.of(Types.BOOLEAN, "yes", "22018"),
        Arguments.of(Types.BOOLEAN, 2, "22018"),
        Arguments.of(Types.TIMESTAMP, "not a date", "22007"),
        Arguments.of(Types.TIMESTAMP, OffsetDateTime.of(WHEN, ZoneOffset.UTC), "0A000"),
        Arguments.of(Types.TIMESTAMP, 5, "22018"),
        Arguments.of(Types.DATE, "2024-05-06 07:08:09", "22007"),
        Arguments.of(Types.VARCHAR, new byte[] {1}, "22018"));
  }

  @ParameterizedTest
  @MethodSource("refused")
  void convert_valueThatDoesNotFit_refusedWithItsState(int type, Object in, String state) {
    SQLException e =
        assertThrows(SQLException.class, () -> ParameterValues.convert(type, 19, 4, in, null, 2));
    assertEquals(state, e.getSQLState(), e.getMessage());
    assertEquals(true, e.getMessage().startsWith("Parameter 2: "), e.getMessage());
  }

  @Test
  void convert_timestampWithCalendar_readInTheCalendarsZone() throws SQLException {
    Calendar tokyo = Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"));
    Timestamp instant = Timestamp.from(WHEN.atOffset(ZoneOffset.ofHours(9)).toInstant());
    assertEquals(WHEN, ParameterValues.convert(Types.TIMESTAMP, 0, 0, instant, tokyo, 1));
  }

  @Test
  void convert_typeNotNarrowed_passesThrough() throws SQLException {
    Object o = new Object();
    assertEquals(o, ParameterValues.convert(Types.OTHER, 0, 0, o, null, 1));
  }
}
