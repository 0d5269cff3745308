/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import io.github.caspiojdbc.rest.FieldInfo;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WriteValuesTest {

  private static CaspioColumn column(String type) {
    return new CaspioColumn("C", ColumnKind.of(type), FakeCaspioApi.field("C", type), true);
  }

  static Stream<Arguments> exact() {
    LocalDateTime ldt = LocalDateTime.of(2024, 2, 29, 23, 59, 59);
    long millis = ldt.toInstant(ZoneOffset.UTC).toEpochMilli();
    return Stream.of(
        Arguments.of("INTEGER", 5, 5),
        Arguments.of("INTEGER", new BigDecimal("7.000"), 7),
        Arguments.of("NUMBER", 0.1d, 0.1d),
        Arguments.of("NUMBER", new BigDecimal("2.5"), 2.5d),
        Arguments.of("CURRENCY", new BigDecimal("12.3400"), new BigDecimal("12.34")),
        Arguments.of("CURRENCY", new BigDecimal("1E+3"), new BigDecimal("1000")),
        Arguments.of("CURRENCY", 3L, new BigDecimal("3")),
        Arguments.of("YES/NO", true, true),
        Arguments.of("DATE/TIME", millis, ldt),
        Arguments.of("DATE/TIME", Timestamp.valueOf(ldt), ldt),
        Arguments.of("DATE/TIME", ldt, ldt),
        Arguments.of("DATE/TIME", LocalDate.of(2020, 1, 2), LocalDateTime.of(2020, 1, 2, 0, 0)),
        // Caspio keeps whole seconds: a fraction is truncated, the documented rule.
        Arguments.of(
            "DATE/TIME",
            Timestamp.valueOf("2024-01-01 10:00:00.999"),
            LocalDateTime.of(2024, 1, 1, 10, 0, 0)),
        Arguments.of("NUMBER", new BigDecimal("0.1"), 0.1d),
        Arguments.of("INTEGER", 2.0d, 2),
        Arguments.of("STRING", "O'Brien 😀", "O'Brien 😀"),
        Arguments.of("LIST-STRING", "{\"1\":\"Red\",\"3\":\"Blue\"}", List.of(1L, 3L)),
        Arguments.of("LIST-NUMBER", "[2, \"4\"]", List.of(2L, 4L)),
        Arguments.of("LIST-STRING", "[]", List.of()));
  }

  @ParameterizedTest
  @MethodSource("exact")
  void toRequest_representableValue_convertedExactly(String type, Object in, Object out) {
    assertEquals(out, WriteValues.toRequest(column(type), in));
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("INTEGER", new BigDecimal("1.5"), ErrorKind.OUT_OF_RANGE),
        Arguments.of("INTEGER", 2.7d, ErrorKind.OUT_OF_RANGE),
        Arguments.of("INTEGER", 1L << 40, ErrorKind.OUT_OF_RANGE),
        Arguments.of("INTEGER", new BigDecimal("1E30"), ErrorKind.OUT_OF_RANGE),
        Arguments.of("NUMBER", Double.NaN, ErrorKind.OUT_OF_RANGE),
        Arguments.of("NUMBER", Double.POSITIVE_INFINITY, ErrorKind.OUT_OF_RANGE),
        Arguments.of("NUMBER", new BigDecimal("0.12345678901234567890"), ErrorKind.OUT_OF_RANGE),
        Arguments.of("NUMBER", (1L << 53) + 1, ErrorKind.OUT_OF_RANGE),
        Arguments.of("CURRENCY", new BigDecimal("1.00001"), ErrorKind.OUT_OF_RANGE),
        Arguments.of("CURRENCY", new BigDecimal("1E16"), ErrorKind.OUT_OF_RANGE),
        Arguments.of("STRING", "x".repeat(256), ErrorKind.TOO_LONG),
        Arguments.of("YES/NO", "yes", ErrorKind.DATA),
        Arguments.of("DATE/TIME", "2024-01-01", ErrorKind.DATA),
        Arguments.of("LIST-STRING", "Red", ErrorKind.DATA),
        Arguments.of("LIST-STRING", "[1.5]", ErrorKind.DATA),
        Arguments.of("LIST-STRING", "{\"Red\":\"Red\"}", ErrorKind.DATA));
  }

  @ParameterizedTest
  @MethodSource("refused")
  void toRequest_valueNotStorableExactly_refusedWithItsKind(
      String type, Object in, ErrorKind kind) {
    CaspioException e =
        assertThrows(CaspioException.class, () -> WriteValues.toRequest(column(type), in));
    assertEquals(kind, e.kind());
  }

  private static CaspioColumn colours() {
    FieldInfo f = FakeCaspioApi.field("L", "LIST-STRING");
    FieldInfo listed =
        new FieldInfo(
            f.name(),
            f.type(),
            false,
            false,
            true,
            "",
            "",
            0,
            false,
            false,
            false,
            "",
            "",
            "",
            0,
            Map.of("1", "Red", "2", "Green"),
            null);
    return new CaspioColumn("L", ColumnKind.LIST, listed, true);
  }

  @Test
  void toRequest_listItemsOfTheCatalogue_acceptedAsIds() {
    assertEquals(List.of(2L), WriteValues.toRequest(colours(), "{\"2\":\"Green\"}"));
    assertEquals(List.of(1L, 2L), WriteValues.toRequest(colours(), "[1, 2]"));
  }

  @Test
  void toRequest_unknownItemOrWrongValue_refusedBeforeAnyRequest() {
    CaspioException unknown =
        assertThrows(CaspioException.class, () -> WriteValues.toRequest(colours(), "[3]"));
    assertTrue(unknown.getMessage().contains("no item 3"), unknown.getMessage());
    CaspioException wrong =
        assertThrows(
            CaspioException.class, () -> WriteValues.toRequest(colours(), "{\"1\":\"44\"}"));
    assertTrue(wrong.getMessage().contains("item 1 is \"Red\""), wrong.getMessage());
  }

  @Test
  void toRequest_null_staysNull() {
    assertNull(WriteValues.toRequest(column("INTEGER"), null));
  }
}
