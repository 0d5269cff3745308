/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each named switch of {@link Switches}, flipped on a store: the strict default first, then the
 * other answer. The account check's probes of the same facts are flipped in {@code AccountCheckIT};
 * the list forms have no probe, so they are pinned here only.
 */
class SwitchesTest {
  private final CaspioStore store = Fixtures.itemsStore();

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void with_setsOnlyTheSwitchOfTheValuesType_andRefusesAnyOtherEnum() {
    Switches s = Switches.STRICT.with(Switches.NullText.AS_EMPTY_STRING);
    assertEquals(Switches.NullText.AS_EMPTY_STRING, s.nullText());
    assertEquals(Switches.STRICT.with(Switches.NullText.AS_NULL), Switches.STRICT);
    assertEquals(Switches.STRICT.collation(), s.collation());
    assertEquals(Switches.STRICT.paginationBlock(), s.paginationBlock());
    assertThrows(
        IllegalArgumentException.class, () -> Switches.STRICT.with(java.time.DayOfWeek.MONDAY));
    Switches later = Switches.STRICT.with(Switches.BodyKeyCase.EXACT);
    assertEquals(Switches.BodyKeyCase.EXACT, later.bodyKeyCase());
    assertEquals(Switches.STRICT.tokenErrorBody(), later.tokenErrorBody());
    assertEquals(
        Switches.LegacyQueryJson.PARSED,
        Switches.STRICT.with(Switches.LegacyQueryJson.PARSED).legacyQueryJson());
  }

  @Test
  void bodyKeyCase_default_ignoresCase_exactSwitchMakesAnotherCaseAnUnknownKey() {
    JsonNode row = insert("{\"title\":\"lower\"}");
    assertEquals("lower", row.get("Title").asText(), "replies carry the defined name");
    assertTrue(row.path("title").isMissingNode());
    store.switches(Switches.STRICT.with(Switches.BodyKeyCase.EXACT));
    assertRefused("{\"title\":\"lower\"}", 404, "FieldNotFound");
    assertEquals("exact", insert("{\"Title\":\"exact\"}").get("Title").asText());
    long pk = insert("{\"Title\":\"u\"}").get("PK_ID").asLong();
    StoreException e =
        assertThrows(
            StoreException.class,
            () ->
                store.update(
                    ObjectKind.TABLE,
                    "Items",
                    "PK_ID=" + pk,
                    Fixtures.json("{\"TITLE\":\"v\"}"),
                    false));
    assertEquals("FieldNotFound", e.code());
  }

  @Test
  void listWrite_default_takesArrayAndString_arrayOnlyRefusesString_stringOnlyRefusesArray() {
    insert("{\"Title\":\"a\",\"Tags\":[1,3]}");
    insert("{\"Title\":\"b\",\"Tags\":\"[1], [3]\"}");
    store.switches(Switches.STRICT.with(Switches.ListWrite.ARRAY_ONLY));
    insert("{\"Title\":\"c\",\"Tags\":[2]}");
    assertRefused("{\"Title\":\"d\",\"Tags\":\"[2]\"}", "InvalidInputValue");
    store.switches(Switches.STRICT.with(Switches.ListWrite.STRING_ONLY));
    insert("{\"Title\":\"e\",\"Tags\":\"[2]\"}");
    assertRefused("{\"Title\":\"f\",\"Tags\":[2]}", "InvalidInputValue");
  }

  @Test
  void dateInput_default_refusesZAndFraction_dropSwitchKeepsTheWallClock() {
    assertRefused("{\"Due\":\"2024-02-29T13:45:10Z\"}", "InvalidInputValue");
    assertRefused("{\"Due\":\"2024-02-29T13:45:10.5\"}", "InvalidInputValue");
    store.switches(Switches.STRICT.with(Switches.DateInput.DROP_FRACTION_AND_OFFSET));
    assertEquals(
        "2024-02-29T13:45:10", insert("{\"Due\":\"2024-02-29T13:45:10Z\"}").get("Due").asText());
    assertEquals(
        "2024-02-29T13:45:10",
        insert("{\"Due\":\"2024-02-29T13:45:10.123+02:00\"}").get("Due").asText());
    assertRefused("{\"Due\":\"\"}", "InvalidInputValue");
  }

  @Test
  void nullText_default_isNull_emptySwitchRendersEmptyText() {
    long pk = insert("{\"Title\":null,\"Qty\":null}").get("PK_ID").asLong();
    assertTrue(row(pk).get("Title").isNull());
    store.switches(Switches.STRICT.with(Switches.NullText.AS_EMPTY_STRING));
    assertEquals("", row(pk).get("Title").asText());
    assertTrue(row(pk).get("Title").isTextual());
    assertTrue(row(pk).get("Qty").isNull(), "only text fields render NULL as empty");
  }

  @Test
  void limitWithPaging_default_ignored_replaceSwitchMakesTheLimitThePageSize() {
    for (int i = 0; i < 12; i++) {
      insert("{\"Title\":\"t" + i + "\"}");
    }
    RecordQuery q = new RecordQuery("PK_ID", null, null, "PK_ID", 3, 2, 5, false);
    assertEquals(5, store.query(ObjectKind.TABLE, "Items", q).rows().size());
    assertEquals(6, store.query(ObjectKind.TABLE, "Items", q).rows().get(0).get("PK_ID").asLong());
    store.switches(Switches.STRICT.with(Switches.LimitWithPaging.REPLACES_PAGE_SIZE));
    assertEquals(3, store.query(ObjectKind.TABLE, "Items", q).rows().size());
    assertEquals(4, store.query(ObjectKind.TABLE, "Items", q).rows().get(0).get("PK_ID").asLong());
  }

  @Test
  void badSelectField_default_500_switch400() {
    RecordQuery q = new RecordQuery("Nope", null, null, null, null, null, null, false);
    StoreException e =
        assertThrows(StoreException.class, () -> store.query(ObjectKind.TABLE, "Items", q));
    assertEquals(500, e.status());
    store.switches(Switches.STRICT.with(Switches.BadSelectField.STATUS_400));
    e = assertThrows(StoreException.class, () -> store.query(ObjectKind.TABLE, "Items", q));
    assertEquals(400, e.status());
    assertEquals("SqlServerError", e.code());
  }

  @Test
  void collation_default_caseInsensitive_caseSensitiveStoreTellsCaseApart() {
    insert("{\"Title\":\"Apple\"}");
    assertEquals(1, count("Title = 'apple'"));
    assertEquals(1, count("'a' = 'A'"));
    try (CaspioStore cs =
        new CaspioStore(
            Clock.fixed(Fixtures.NOW, ZoneOffset.UTC),
            new Random(1),
            Switches.STRICT.with(Switches.Collation.CASE_SENSITIVE))) {
      cs.createTable(Fixtures.itemsTable());
      cs.insert(ObjectKind.TABLE, "Items", Fixtures.json("{\"Title\":\"Apple \"}"));
      assertEquals(0, count(cs, "Title = 'apple'"));
      assertEquals(1, count(cs, "Title = 'Apple'"), "trailing blanks stay ignored");
      assertEquals(0, count(cs, "'a' = 'A'"));
    }
  }

  @Test
  void unknownBodyField_default_fieldNotFound_switchColumnNotFound() {
    assertRefused("{\"Nope\":1}", 404, "FieldNotFound");
    store.switches(Switches.STRICT.with(Switches.UnknownBodyField.COLUMN_NOT_FOUND));
    assertRefused("{\"Nope\":1}", 404, "ColumnNotFound");
  }

  @Test
  void writeErrorStatus_default_400_switch500_sameCodes() {
    assertRefused("{\"Auto\":1}", 400, "AlterReadOnlyData");
    assertRefused("{\"Qty\":\"x\"}", 400, "InvalidInputValue");
    store.switches(Switches.STRICT.with(Switches.WriteErrorStatus.STATUS_500));
    assertRefused("{\"Auto\":1}", 500, "AlterReadOnlyData");
    assertRefused("{\"Qty\":\"x\"}", 500, "InvalidInputValue");
    assertRefused("{\"Nope\":1}", 404, "FieldNotFound");
  }

  @Test
  void with_textForm_setsTheNamedSwitch_refusesUnknownNamesAndValues() {
    assertEquals(
        Switches.STRICT.with(Switches.WriteErrorStatus.STATUS_500),
        Switches.STRICT.with("writeErrorStatus=status_500"));
    assertThrows(IllegalArgumentException.class, () -> Switches.STRICT.with("nullText=MAYBE"));
    assertThrows(IllegalArgumentException.class, () -> Switches.STRICT.with("colour=RED"));
    for (String text :
        new String[] {
          "tokenErrorBody=CASPIO_ENVELOPE",
          "v2PkId=OMITTED",
          "unknownQueryParam=REJECTED",
          "legacyQueryJson=PARSED",
          "bodyKeyCase=EXACT"
        }) {
      assertTrue(!Switches.STRICT.with(text).equals(Switches.STRICT), text);
      assertTrue(Switches.names().contains(text.substring(0, text.indexOf('=') + 1)), text);
    }
  }

  @Test
  void switches_collationOfARunningStore_cannotChange() {
    assertThrows(
        IllegalArgumentException.class,
        () -> store.switches(Switches.STRICT.with(Switches.Collation.CASE_SENSITIVE)));
  }

  private JsonNode insert(String json) {
    return store.insert(ObjectKind.TABLE, "Items", Fixtures.json(json)).get(0);
  }

  private void assertRefused(String json, String code) {
    assertRefused(json, 400, code);
  }

  private void assertRefused(String json, int status, String code) {
    StoreException e = assertThrows(StoreException.class, () -> insert(json));
    assertEquals(status, e.status());
    assertEquals(code, e.code());
  }

  private JsonNode row(long pk) {
    RecordQuery q = new RecordQuery(null, "PK_ID=" + pk, null, null, null, null, null, false);
    return store.query(ObjectKind.TABLE, "Items", q).rows().get(0);
  }

  private long count(String where) {
    return count(store, where);
  }

  private static long count(CaspioStore s, String where) {
    RecordQuery q = new RecordQuery("PK_ID", where, null, null, null, null, null, false);
    return s.query(ObjectKind.TABLE, "Items", q).rows().size();
  }
}
