/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchOptionsTest {
  private static final Path DEFAULT_OUT = Path.of("target/bench/results.json");

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''                       | 1000000 | FULL  | target/bench/results.json
          --quick                  | 20000   | QUICK | target/bench/results.json
          --smoke                  | 2000    | SMOKE | target/bench/results.json
          --rows 250_000           | 250000  | FULL  | target/bench/results.json
          --quick --rows 5,000     | 5000    | QUICK | target/bench/results.json
          --out x.json --smoke     | 2000    | SMOKE | x.json
          """)
  void parse_validArguments_rowsSizeAndOut(String args, int rows, String size, String out) {
    BenchOptions o = BenchOptions.parse(split(args), DEFAULT_OUT);
    assertEquals(rows, o.rows());
    assertEquals(BenchOptions.Size.valueOf(size), o.size());
    assertEquals(Path.of(out), o.out());
    assertFalse(o.callsOnly());
  }

  @Test
  void parse_callsOnly_keepsSizeAndRows() {
    BenchOptions o = BenchOptions.parse(split("--calls-only --rows 30000"), DEFAULT_OUT);
    assertTrue(o.callsOnly());
    assertEquals(30_000, o.rows());
    assertTrue(o.describe().contains("metrics 1-2 only"), o.describe());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          --rows           | --rows needs a value
          --rows ten       | --rows needs a whole number
          --rows 999       | at least 1000
          --fast           | Unknown argument: --fast
          --out            | --out needs a value
          """)
  void parse_badArguments_messageNamesTheProblem(String args, String message) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> BenchOptions.parse(split(args), DEFAULT_OUT));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @ParameterizedTest(name = "{0} rows, {1}")
  @CsvSource({"1000000, FULL, 100", "1000000, QUICK, 30", "2000, SMOKE, 2", "20000, FULL, 20"})
  void rateLimitedPages_cappedBySizeAndByTheTable(int rows, String size, int expected) {
    BenchOptions o = new BenchOptions(rows, BenchOptions.Size.valueOf(size), DEFAULT_OUT);
    assertEquals(expected, o.rateLimitedPages());
  }

  private static String[] split(String args) {
    return args.isBlank() ? new String[0] : args.trim().split("\\s+");
  }
}
