/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import static io.github.caspiojdbc.emulator.store.Fixtures.json;
import static io.github.caspiojdbc.emulator.store.Fixtures.where;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** JSON representation of every Caspio type (caspio-api.md 5.3), on write and on read. */
class CaspioStoreTypesTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Title  | `abc`                   | `abc`",
        "Title  | null                    | null",
        "Title  | `  O''Brien ñ 李 😀  `   | `  O''Brien ñ 李 😀  `",
        "Body   | `line1\\nline2`         | `line1\\nline2`",
        "Amount | 2.5                     | 2.5",
        "Amount | -3                      | -3",
        "Amount | 1e3                     | 1000",
        "Amount | 0.1                     | 0.1",
        "Qty    | 7                       | 7",
        "Qty    | -2                      | -2",
        "Qty    | 3.0                     | 3",
        "Price  | 12.34567                | 12.3457",
        "Price  | 10                      | 10",
        "Price  | -0.0001                 | -0.0001",
        "Due    | `2024-02-29`            | `2024-02-29T00:00:00`",
        "Due    | `2024-02-29T23:59:59`   | `2024-02-29T23:59:59`",
        "Due    | null                    | null",
        "Flag   | true                    | true",
        "Flag   | false                   | false",
        "Flag   | null                    | false",
        "Doc    | `/Demo/pic.png`         | `/Demo/pic.png`",
        "Tags   | [1,3]                   | {`1`:`red`,`3`:`blue`}",
        "Tags   | [3,1,3]                 | {`1`:`red`,`3`:`blue`}",
        "Tags   | `[1], [3]`              | {`1`:`red`,`3`:`blue`}",
        "Tags   | [`2`]                   | {`2`:`green`}",
        "Tags   | []                      | null",
        "Tags   | null                    | null",
        "Sizes  | [2]                     | {`2`:`38`}",
        "Days   | [1]                     | {`1`:`2024-01-01T00:00:00`}",
        "Year   | 2024                    | 2024",
      })
  void insert_valueOfType_rendersAsCaspio(String field, String input, String expected) {
    try (CaspioStore store = Fixtures.itemsStore()) {
      ArrayNode rows =
          store.insert(ObjectKind.TABLE, "Items", json("{`" + field + "`:" + input + "}"));
      String want = expected.replace('`', '"');
      assertEquals(want, rows.get(0).get(field).toString());
      // Reading back gives the same JSON as response=rows.
      JsonNode read = store.query(ObjectKind.TABLE, "Items", where("PK_ID = 1")).rows().get(0);
      assertEquals(want, read.get(field).toString());
    }
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Amount | `12`",
        "Amount | true",
        "Qty    | 1.5",
        "Qty    | `3`",
        "Qty    | 3000000000",
        "Price  | `1.00`",
        "Due    | ``",
        "Due    | `2023-02-29`",
        "Due    | `2024-01-01T00:00:00Z`",
        "Due    | `2024-01-01T00:00:00+01:00`",
        "Due    | `2024-01-01 10:00:00`",
        "Due    | `2024-01-01T10:00`",
        "Due    | `01/31/2024`",
        "Due    | 20240101",
        "Flag   | 1",
        "Flag   | `true`",
        "Title  | 5",
        "Title  | {}",
        "Tags   | [`red`]",
        "Tags   | [4]",
        "Tags   | [0]",
        "Tags   | `red`",
        "Tags   | 1",
        "Doc    | 5",
      })
  void insert_valueNotMatchingType_invalidInputValueAndNothingWritten(String field, String input) {
    try (CaspioStore store = Fixtures.itemsStore()) {
      ObjectNode body = json("{`Title`:`t`,`" + field + "`:" + input + "}");
      StoreException e =
          assertThrows(StoreException.class, () -> store.insert(ObjectKind.TABLE, "Items", body));
      assertEquals(400, e.status());
      assertEquals("InvalidInputValue", e.code());
      assertEquals(0, store.rowCount("Items"));
    }
  }

  @Test
  void insert_tooLongString_invalidInputValue() {
    try (CaspioStore store = Fixtures.itemsStore()) {
      ObjectNode body = json("{}").put("Title", "x".repeat(256));
      StoreException e =
          assertThrows(StoreException.class, () -> store.insert(ObjectKind.TABLE, "Items", body));
      assertEquals("InvalidInputValue", e.code());
    }
  }

  @Test
  void insert_emptyBody_generatesEveryServerValue() {
    try (CaspioStore store = Fixtures.itemsStore()) {
      JsonNode first = store.insert(ObjectKind.TABLE, "Items", json("{}")).get(0);
      JsonNode second = store.insert(ObjectKind.TABLE, "Items", json("{}")).get(0);
      assertEquals(1L, first.get("PK_ID").longValue());
      assertTrue(first.get("PK_ID").isIntegralNumber());
      assertEquals(2L, second.get("PK_ID").longValue());
      assertEquals(1, first.get("Auto").intValue());
      assertEquals(2, second.get("Auto").intValue());
      assertEquals("IT-001", first.get("Code").textValue());
      assertEquals("IT-002", second.get("Code").textValue());
      assertTrue(
          first
              .get("Guid")
              .textValue()
              .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-" + "[0-9a-f]{12}"),
          first::toString);
      assertTrue(first.get("Rid").textValue().matches("R[0-9]{8}"), first::toString);
      assertEquals("2024-02-29T23:59:59", first.get("Stamp").textValue());
      // Unset text renders "", unset Yes/No false, other unset types null.
      assertEquals("", first.get("Title").textValue());
      assertEquals("", first.get("Body").textValue());
      assertFalse(first.get("Flag").booleanValue());
      for (String f : List.of("Amount", "Qty", "Price", "Due", "Doc", "Tags", "Total", "Email")) {
        assertTrue(first.get(f).isNull(), f);
      }
      assertFalse(first.has("Secret"));
    }
  }

  @Test
  void insert_row_keysInFieldOrderWithPkIdFirstAndNoPassword() {
    try (CaspioStore store = Fixtures.itemsStore()) {
      JsonNode row = store.insert(ObjectKind.TABLE, "Items", json("{`Secret`:`pw`}")).get(0);
      List<String> keys = new ArrayList<>();
      row.fieldNames().forEachRemaining(keys::add);
      List<String> expected = new ArrayList<>(List.of("PK_ID"));
      Fixtures.itemsTable().fields().stream()
          .filter(f -> f.type() != FieldType.PASSWORD)
          .forEach(f -> expected.add(f.name()));
      assertEquals(expected, keys);
    }
  }

  @Test
  void insert_formula_computedFromOtherFields() {
    try (CaspioStore store = Fixtures.itemsStore()) {
      JsonNode row = store.insert(ObjectKind.TABLE, "Items", json("{`Qty`:3,`Price`:1.25}")).get(0);
      assertEquals("3.75", row.get("Total").toString());
      WriteResult w = store.update(ObjectKind.TABLE, "Items", "PK_ID = 1", json("{`Qty`:4}"), true);
      assertEquals("5", w.rows().get(0).get("Total").toString());
    }
  }

  @Test
  void randomId_honoursFormatLengthAndPrefix() {
    Generators g = new Generators(new Random(3), Clock.systemUTC());
    assertTrue(
        g.randomId(FieldDef.of("a", FieldType.RANDOM_ID).withGenerator("", "U", 6))
            .matches("[A-Z]{6}"));
    assertTrue(
        g.randomId(FieldDef.of("a", FieldType.RANDOM_ID).withGenerator("X-", "0U", 0))
            .matches("X-[0-9A-Z]{12}"));
    assertTrue(
        g.randomId(FieldDef.of("a", FieldType.RANDOM_ID).withGenerator("", "0", 10))
            .matches("[0-9]{10}"));
    assertEquals(
        "AB1234",
        Generators.prefixed(
            FieldDef.of("a", FieldType.PREFIXED_AUTONUMBER).withGenerator("AB", "01", 0), 1234));
    assertEquals(
        "7",
        Generators.prefixed(
            FieldDef.of("a", FieldType.PREFIXED_AUTONUMBER).withGenerator("", "1", 0), 7));
  }

  @Test
  void timestamp_stampedInItsTimeZoneOnInsertAndUpdate() {
    try (CaspioStore store =
        new CaspioStore(Clock.fixed(Fixtures.NOW, ZoneOffset.UTC), new Random(1))) {
      store.createTable(
          TableDef.of(
              "Log",
              FieldDef.of("Note", FieldType.STRING),
              FieldDef.of("Made", FieldType.TIMESTAMP).withStamp(true, false, "UTC"),
              FieldDef.of("Changed", FieldType.TIMESTAMP)
                  .withStamp(false, true, "Pacific Standard Time")));
      JsonNode row = store.insert(ObjectKind.TABLE, "Log", json("{`Note`:`a`}")).get(0);
      assertEquals("2024-02-29T23:59:59", row.get("Made").textValue());
      assertTrue(row.get("Changed").isNull());
      JsonNode updated =
          store.update(ObjectKind.TABLE, "Log", "1=1", json("{`Note`:`b`}"), true).rows().get(0);
      assertEquals("2024-02-29T23:59:59", updated.get("Made").textValue());
      assertEquals("2024-02-29T15:59:59", updated.get("Changed").textValue());
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Pacific/Kiritimati", "America/Los_Angeles", "Asia/Kolkata"})
  void dates_independentOfJvmTimeZone(String zone) {
    TimeZone saved = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone(zone));
    try (CaspioStore store = Fixtures.itemsStore()) {
      store.insert(ObjectKind.TABLE, "Items", json("{`Due`:`2024-02-29T00:00:00`}"));
      store.insert(ObjectKind.TABLE, "Items", json("{`Due`:`2024-03-10T02:30:00`}"));
      ArrayNode rows =
          store
              .query(
                  ObjectKind.TABLE,
                  "Items",
                  where("Due = '2024-02-29T00:00:00' OR Due = '2024-03-10 02:30:00'"))
              .rows();
      assertEquals(2, rows.size());
      assertEquals("2024-02-29T00:00:00", rows.get(0).get("Due").textValue());
      assertEquals("2024-03-10T02:30:00", rows.get(1).get("Due").textValue());
      assertEquals("2024-02-29T23:59:59", rows.get(0).get("Stamp").textValue());
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  @Test
  void password_storedAsHashAndNeverRendered() {
    try (CaspioStore store = Fixtures.itemsStore()) {
      store.insert(ObjectKind.TABLE, "Items", json("{`Secret`:`s3cret`}"));
      assertTrue(store.passwordMatches("Items", "Secret", 1, "s3cret"));
      assertFalse(store.passwordMatches("Items", "Secret", 1, "other"));
      Iterator<String> names =
          store.query(ObjectKind.TABLE, "Items", where("1=1")).rows().get(0).fieldNames();
      names.forEachRemaining(n -> assertFalse(n.equalsIgnoreCase("Secret")));
    }
  }
}
