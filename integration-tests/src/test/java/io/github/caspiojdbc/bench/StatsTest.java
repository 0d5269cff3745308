/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          5             | 5
          3 1 2         | 2
          4 1 3 2       | 2.5
          9 9 1 1 5     | 5
          """)
  void median_oddAndEvenCounts(String samples, double expected) {
    assertEquals(expected, Stats.median(parse(samples)), 1e-9);
  }

  @Test
  void percentile_nearestRank() {
    double[] s = parse("10 20 30 40 50 60 70 80 90 100");
    assertEquals(50, Stats.percentile(s, 50), 1e-9);
    assertEquals(90, Stats.percentile(s, 90), 1e-9);
    assertEquals(100, Stats.percentile(s, 100), 1e-9);
    assertEquals(10, Stats.percentile(s, 1), 1e-9);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          123456.7 | rows/s   | 123,457 rows/s
          12.345   | ms       | 12.35 ms
          1234.5   | ms       | 1,235 ms
          49017644 | bytes    | 49,017,644 B
          19.84    | MB       | 19.8 MB
          137.93   | per 1000 | 137.9 per 1000
          """)
  void number_unitSpecificFormat(double value, String unit, String expected) {
    assertEquals(expected, ReportWriter.number(value, unit));
  }

  private static double[] parse(String s) {
    String[] parts = s.trim().split("\\s+");
    double[] d = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      d[i] = Double.parseDouble(parts[i]);
    }
    return d;
  }
}
