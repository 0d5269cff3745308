/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CalciteCharsetTest {
  private static final List<String> KEYS =
      List.of(
          "calcite.default.charset",
          "calcite.default.nationalcharset",
          "calcite.default.collation.name");

  @Test
  void apply_unsetOrUserValues_setsOnlyMissingOnes() {
    List<String> saved = KEYS.stream().map(System::getProperty).toList();
    try {
      KEYS.forEach(System::clearProperty);
      System.setProperty("calcite.default.nationalcharset", "UTF-8");
      CalciteCharset.apply();
      assertEquals("UTF-16LE", System.getProperty("calcite.default.charset"));
      assertEquals("UTF-8", System.getProperty("calcite.default.nationalcharset"));
      assertEquals("UTF-16LE$en_US", System.getProperty("calcite.default.collation.name"));
    } finally {
      for (int i = 0; i < KEYS.size(); i++) {
        if (saved.get(i) == null) {
          System.clearProperty(KEYS.get(i));
        } else {
          System.setProperty(KEYS.get(i), saved.get(i));
        }
      }
    }
  }
}
