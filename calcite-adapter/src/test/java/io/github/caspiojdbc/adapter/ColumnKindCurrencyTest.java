/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Currency values always carry the scale their SQL type declares. */
class ColumnKindCurrencyTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "197.5, 197.5000",
    "331.73, 331.7300",
    "0, 0.0000",
    "-12, -12.0000",
    "1E+3, 1000.0000",
    "0.0001, 0.0001",
    "2.50000, 2.5000",
    "922337203685477.5807, 922337203685477.5807"
  })
  void toInternal_decimal_scaleFour(String in, String expected) {
    BigDecimal got = (BigDecimal) ColumnKind.DECIMAL.toInternal(new BigDecimal(in));
    assertEquals(new BigDecimal(expected), got);
    assertEquals(4, got.scale());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"7", "12.5"})
  void toInternal_decimal_fromLongOrString(String in) {
    Object v = in.contains(".") ? in : Long.valueOf(in);
    assertEquals(4, ((BigDecimal) ColumnKind.DECIMAL.toInternal(v)).scale());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"0.00001", "1.23456"})
  void toInternal_decimal_moreDigits_refusedNotRounded(String in) {
    assertThrows(
        IllegalArgumentException.class, () -> ColumnKind.DECIMAL.toInternal(new BigDecimal(in)));
  }
}
