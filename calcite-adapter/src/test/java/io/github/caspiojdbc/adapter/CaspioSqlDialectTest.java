/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Literals that no value can break out of. */
class CaspioSqlDialectTest {

  @Test
  void stringLiteral_doublesQuotesAndUsesUnicodeForm() {
    assertEquals("N'O''Brien'", CaspioSqlDialect.stringLiteral("O'Brien"));
    assertEquals("N''''''", CaspioSqlDialect.stringLiteral("''"));
    assertEquals("N'--/* ] [ % _ ;'", CaspioSqlDialect.stringLiteral("--/* ] [ % _ ;"));
    assertEquals("N'日本 😀'", CaspioSqlDialect.stringLiteral("日本 😀"));
    assertEquals("N'a\nb'", CaspioSqlDialect.stringLiteral("a\nb"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "nul\u0000",
        "bell\u0007",
        "\u02BC",
        "\u2019",
        "\u2018",
        "\uFF07",
        "\u2032",
        "lone\uD800",
        "\uDC00lone",
        "esc\u001B"
      })
  void stringLiteral_unsafeCharacters_refused(String value) {
    assertFalse(CaspioSqlDialect.isSafeString(value));
    assertThrows(IllegalArgumentException.class, () -> CaspioSqlDialect.stringLiteral(value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "plain", "tab\tand\r\nlines", "é", "😀", "100%_[x]"})
  void isSafeString_ordinaryText_accepted(String value) {
    assertTrue(CaspioSqlDialect.isSafeString(value));
  }

  @Test
  void escapeLikePattern_escapesOpeningBracketOnly() {
    assertEquals("[[]a]%", CaspioSqlDialect.escapeLikePattern("[a]%"));
  }

  @Test
  void numberLiteral_isPlainAndParenthesisedWhenNegative() {
    assertEquals("(-5)", CaspioSqlDialect.numberLiteral(new BigDecimal("-5")));
    assertEquals("1000000000000000000000", CaspioSqlDialect.numberLiteral(new BigDecimal("1E21")));
    assertEquals("0.00001", CaspioSqlDialect.numberLiteral(new BigDecimal("1E-5")));
    assertEquals("(-1.5)", CaspioSqlDialect.numberLiteral(-1.5d));
    assertThrows(IllegalArgumentException.class, () -> CaspioSqlDialect.numberLiteral(Double.NaN));
  }

  @Test
  void dateTimeLiteral_isIsoWithT() {
    assertEquals(
        "'2024-02-29T23:59:59'",
        CaspioSqlDialect.dateTimeLiteral(LocalDateTime.of(2024, 2, 29, 23, 59, 59)));
    assertEquals(
        "'2024-02-29T00:00:00.120'",
        CaspioSqlDialect.dateTimeLiteral(LocalDateTime.of(2024, 2, 29, 0, 0, 0, 120_000_000)));
  }

  @Test
  void quoteIdentifier_bracketsOnlyWhenNeeded() {
    assertEquals("Name", CaspioSqlDialect.INSTANCE.quoteIdentifier("Name"));
    assertEquals("[_PK_ID_Orders]", CaspioSqlDialect.INSTANCE.quoteIdentifier("_PK_ID_Orders"));
    assertEquals("[a]]b]", CaspioSqlDialect.INSTANCE.quoteIdentifier("a]b"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a = 1; DROP TABLE x",
        "a = 1 -- x",
        "a = 1 /* x */",
        "N'open",
        "[open",
        "a = \"x\"",
      })
  void fragmentScanner_brokenStructure_rejected(String sql) {
    assertFalse(FragmentScanner.isWellFormed(sql));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"a = N'x; -- /* y'", "[a;b] = 1", "a = N'it''s'", "a > (-1) AND b < 2", "a = 1"})
  void fragmentScanner_wellFormed_accepted(String sql) {
    assertTrue(FragmentScanner.isWellFormed(sql));
  }
}
