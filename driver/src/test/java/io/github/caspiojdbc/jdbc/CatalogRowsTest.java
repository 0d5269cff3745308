/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.caspiojdbc.rest.FieldInfo;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Metadata name patterns, remarks and generated-column flags. */
class CatalogRowsTest {

  @ParameterizedTest(name = "''{0}'' vs {1}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "NULL, Orders, true",
        "%, Orders, true",
        "Orders, Orders, true",
        "orders, Orders, true",
        "Ord%, Orders, true",
        "%ers, Orders, true",
        "O%d%s, Orders, true",
        "Orders%, Orders, true",
        "Order, Orders, false",
        "Order_Items, Order_Items, true",
        "Order_Items, OrderXItems, false",
        "Order\\_Items, Order_Items, true",
        "100\\%, 100%, true",
        "100\\%, 1000, false",
        "'', Orders, false",
        "'', '', true",
      })
  void matches_jdbcPattern_underscoreLiteral(String pattern, String name, boolean expected) {
    assertEquals(expected, CatalogRows.matches(pattern, name));
  }

  private static FieldInfo field(String name, String type, String label, String description) {
    return new FieldInfo(
        name,
        type,
        false,
        false,
        true,
        label,
        description,
        0,
        false,
        false,
        false,
        "",
        "",
        "",
        0,
        Map.of(),
        null);
  }

  @ParameterizedTest(name = "{0}/{1}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "'', '', NULL",
        "Name, '', NULL",
        "Customer name, '', Customer name",
        "'', Shown on invoices, Shown on invoices",
        "Customer name, Shown on invoices, Customer name: Shown on invoices",
      })
  void remarks_labelAndDescription(String label, String description, String expected) {
    assertEquals(expected, CatalogRows.remarks(field("Name", "STRING", label, description)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "STRING, false",
    "AUTONUMBER, false",
    "TIMESTAMP, true",
    "GUID, true",
    "RANDOM ID, true",
    "PREFIXED AUTONUMBER, true",
    "Timestamp, true",
  })
  void generated_byCaspioType(String type, boolean expected) {
    assertEquals(expected, CatalogRows.generated(field("F", type, "", "")));
  }

  @org.junit.jupiter.api.Test
  void generated_formula_true() {
    FieldInfo formula =
        new FieldInfo(
            "F", "NUMBER", false, false, false, "", "", 0, true, false, false, "", "", "", 0,
            Map.of(), null);
    assertEquals(true, CatalogRows.generated(formula));
    assertNull(CatalogRows.remarks(formula));
  }
}
