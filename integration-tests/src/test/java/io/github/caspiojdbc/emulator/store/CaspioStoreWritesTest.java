/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import static io.github.caspiojdbc.emulator.store.Fixtures.json;
import static io.github.caspiojdbc.emulator.store.Fixtures.where;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** POST/PUT/DELETE records and password fields: refusals, counts and views. */
class CaspioStoreWritesTest {

  private static StoreException refused(Runnable write) {
    return assertThrows(StoreException.class, write::run);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"PK_ID", "pk_id", "Auto", "Code", "Guid", "Rid", "Stamp", "Total", "auto"})
  void insertAndUpdate_readOnlyField_alterReadOnlyData(String field) {
    try (CaspioStore store = Fixtures.itemsStore()) {
      store.insert(ObjectKind.TABLE, "Items", json("{`Title`:`a`}"));
      StoreException insert =
          refused(
              () ->
                  store.insert(
                      ObjectKind.TABLE, "Items", json("{`Title`:`b`,`" + field + "`:`x`}")));
      assertEquals(400, insert.status());
      assertEquals("AlterReadOnlyData", insert.code());
      StoreException update =
          refused(
              () ->
                  store.update(
                      ObjectKind.TABLE, "Items", "1=1", json("{`" + field + "`:1}"), false));
      assertEquals("AlterReadOnlyData", update.code());
      assertEquals(1, store.rowCount("Items"));
      assertEquals(
          "a",
          store
              .query(ObjectKind.TABLE, "Items", where("1=1"))
              .rows()
              .get(0)
              .get("Title")
              .textValue());
    }
  }

  @Test
  void insert_unknownKey_fieldNotFoundAndNothingWritten() {
    try (CaspioStore store = Fixtures.itemsStore()) {
      StoreException e =
          refused(
              () ->
                  store.insert(ObjectKind.TABLE, "Items", json("{`Title`:`a`,`Nope`:1,`Qty`:2}")));
      assertEquals(404, e.status());
      assertEquals("FieldNotFound", e.code());
      assertEquals(0, store.rowCount("Items"));
      StoreException u =
          refused(() -> store.update(ObjectKind.TABLE, "Items", "1=1", json("{`Nope`:1}"), false));
      assertEquals("FieldNotFound", u.code());
    }
  }

  @Test
  void insert_bodyKeysCaseInsensitive_storedUnderDeclaredNames() {
    try (CaspioStore store = Fixtures.itemsStore()) {
      JsonNode row =
          store.insert(ObjectKind.TABLE, "items", json("{`TITLE`:`a`,`qty`:2,`yEaR`:1999}")).get(0);
      assertEquals("a", row.get("Title").textValue());
      assertEquals(2, row.get("Qty").intValue());
      assertEquals(1999, row.get("Year").intValue());
      StoreException dup =
          refused(() -> store.insert(ObjectKind.TABLE, "Items", json("{`Qty`:1,`QTY`:2}")));
      assertEquals("IncorrectBodyParameter", dup.code());
    }
  }

  @Test
  void unique_violation_sqlServerErrorAndCaseInsensitive() {
    try (CaspioStore store = CaspioStore.inMemory()) {
      store.createTable(
          TableDef.of("Users", FieldDef.of("Login", FieldType.STRING).withUnique(false)));
      store.insert(ObjectKind.TABLE, "Users", json("{`Login`:`ann`}"));
      StoreException e =
          refused(() -> store.insert(ObjectKind.TABLE, "Users", json("{`Login`:`ANN`}")));
      assertEquals(400, e.status());
      assertEquals("SqlServerError", e.code());
      assertTrue(
          e.getMessage().startsWith("Violation of UNIQUE KEY constraint 'UQ_Users_Login'"),
          e::getMessage);
      // Unique without UniqueAllowNulls admits one NULL only, as in SQL Server.
      store.insert(ObjectKind.TABLE, "Users", json("{`Login`:null}"));
      assertEquals(
          "SqlServerError",
          refused(() -> store.insert(ObjectKind.TABLE, "Users", json("{}"))).code());
      // An update creating a duplicate is refused as a whole.
      store.insert(ObjectKind.TABLE, "Users", json("{`Login`:`bob`}"));
      refused(
          () ->
              store.update(
                  ObjectKind.TABLE, "Users", "Login = 'bob'", json("{`Login`:`Ann`}"), false));
      assertEquals(3, store.rowCount("Users"));
    }
  }

  @Test
  void uniqueAllowNulls_admitsSeveralNullsButNoDuplicates() {
    try (CaspioStore store = Fixtures.itemsStore()) {
      store.insert(ObjectKind.TABLE, "Items", json("{}"));
      store.insert(ObjectKind.TABLE, "Items", json("{`Email`:null}"));
      store.insert(ObjectKind.TABLE, "Items", json("{`Email`:`a@b.c`}"));
      assertEquals(
          "SqlServerError",
          refused(() -> store.insert(ObjectKind.TABLE, "Items", json("{`Email`:`A@B.C`}"))).code());
      assertEquals(3, store.rowCount("Items"));
    }
  }

  @Test
  void update_countsAndReturnsRows() {
    try (CaspioStore store = Fixtures.itemsStore()) {
      for (int i = 1; i <= 5; i++) {
        store.insert(ObjectKind.TABLE, "Items", json("{`Qty`:" + i + ",`Title`:`t`}"));
      }
      WriteResult none =
          store.update(ObjectKind.TABLE, "Items", "Qty > 100", json("{`Title`:`x`}"), true);
      assertEquals(0, none.recordsAffected());
      assertTrue(none.rows().isEmpty());
      WriteResult some =
          store.update(ObjectKind.TABLE, "Items", "Qty >= 4", json("{`Qty`:0}"), true);
      assertEquals(2, some.recordsAffected());
      // Rows that no longer match the where clause are still the ones returned.
      assertEquals(2, some.rows().size());
      assertEquals(4L, some.rows().get(0).get("PK_ID").longValue());
      assertEquals(0, some.rows().get(1).get("Qty").intValue());
      WriteResult quiet =
          store.update(ObjectKind.TABLE, "Items", "1=1", json("{`Title`:`y`}"), false);
      assertEquals(5, quiet.recordsAffected());
      assertTrue(quiet.rows().isEmpty());
    }
  }

  @ParameterizedTest(name = "where=[{0}]")
  @ValueSource(strings = {"", "   "})
  void writes_blankWhere_incorrectQueryParameter(String blank) {
    try (CaspioStore store = Fixtures.itemsStore()) {
      store.insert(ObjectKind.TABLE, "Items", json("{}"));
      assertEquals(
          "IncorrectQueryParameter",
          refused(() -> store.update(ObjectKind.TABLE, "Items", blank, json("{`Qty`:1}"), false))
              .code());
      assertEquals(
          "IncorrectQueryParameter",
          refused(() -> store.delete(ObjectKind.TABLE, "Items", blank)).code());
      assertEquals(
          "IncorrectQueryParameter",
          refused(() -> store.setPassword("Items", "Secret", blank, "x")).code());
      assertEquals(
          "IncorrectQueryParameter",
          refused(() -> store.resetPassword("Items", "Secret", null)).code());
      assertEquals(1, store.rowCount("Items"));
    }
  }

  @Test
  void update_emptyBodyOrPasswordKey_incorrectBodyParameter() {
    try (CaspioStore store = Fixtures.itemsStore()) {
      store.insert(ObjectKind.TABLE, "Items", json("{`Secret`:`a`}"));
      assertEquals(
          "IncorrectBodyParameter",
          refused(() -> store.update(ObjectKind.TABLE, "Items", "1=1", json("{}"), false)).code());
      StoreException pw =
          refused(
              () -> store.update(ObjectKind.TABLE, "Items", "1=1", json("{`secret`:`b`}"), false));
      assertEquals(400, pw.status());
      assertTrue(store.passwordMatches("Items", "Secret", 1, "a"));
    }
  }

  @Test
  void delete_countsAndPkIdsNeverReused() {
    try (CaspioStore store = Fixtures.itemsStore()) {
      for (int i = 0; i < 4; i++) {
        store.insert(ObjectKind.TABLE, "Items", json("{}"));
      }
      assertEquals(0, store.delete(ObjectKind.TABLE, "Items", "PK_ID = 99"));
      assertEquals(2, store.delete(ObjectKind.TABLE, "Items", "PK_ID >= 3"));
      assertEquals(2, store.rowCount("Items"));
      JsonNode next = store.insert(ObjectKind.TABLE, "Items", json("{}")).get(0);
      assertEquals(5L, next.get("PK_ID").longValue());
      assertEquals(5, next.get("Auto").intValue());
    }
  }

  @Test
  void passwordFields_setAndResetByWhere() {
    try (CaspioStore store = Fixtures.itemsStore()) {
      store.insert(ObjectKind.TABLE, "Items", json("{`Qty`:1}"));
      store.insert(ObjectKind.TABLE, "Items", json("{`Qty`:2,`Secret`:`old`}"));
      assertEquals(List.of("Secret"), store.passwordFields("items"));
      assertEquals(1, store.setPassword("Items", "secret", "Qty = 1", "new"));
      assertTrue(store.passwordMatches("Items", "Secret", 1, "new"));
      assertTrue(store.passwordMatches("Items", "Secret", 2, "old"));
      assertEquals(2, store.resetPassword("Items", "Secret", "1=1"));
      assertTrue(!store.passwordMatches("Items", "Secret", 2, "old"));
      StoreException e = refused(() -> store.setPassword("Items", "Title", "1=1", "x"));
      assertEquals(404, e.status());
      assertEquals(0, store.setPassword("Items", "Secret", "Qty = 9", "x"));
    }
  }

  @Test
  void singleTableView_writesReachBaseTable_rowsOutsideFilterNotReturned() {
    try (CaspioStore store = CaspioStore.withSampleData(3, 100)) {
      long before = store.rowCount("Orders");
      ArrayNode inside =
          store.insert(ObjectKind.VIEW, "openorders", json("{`Status`:`Open`,`total`:12.5}"));
      assertEquals(1, inside.size());
      assertEquals(String.valueOf(before + 1), inside.get(0).get("PK_ID").textValue());
      assertEquals(12.5, inside.get(0).get("Total").doubleValue());
      ArrayNode outside = store.insert(ObjectKind.VIEW, "OpenOrders", json("{`Status`:`Shipped`}"));
      assertTrue(outside.isEmpty());
      assertEquals(before + 2, store.rowCount("Orders"));
      // A base field the view does not expose is unknown through the view.
      assertEquals(
          "FieldNotFound",
          refused(() -> store.insert(ObjectKind.VIEW, "OpenOrders", json("{`Discount`:1}")))
              .code());
      long open =
          store
              .query(
                  ObjectKind.VIEW,
                  "OpenOrders",
                  new RecordQuery(null, null, null, null, null, null, null, true))
              .totalCount();
      WriteResult closed =
          store.update(
              ObjectKind.VIEW,
              "OpenOrders",
              "PK_ID = '" + (before + 1) + "'",
              json("{`Status`:`Shipped`}"),
              true);
      assertEquals(1, closed.recordsAffected());
      assertTrue(closed.rows().isEmpty());
      int deleted = store.delete(ObjectKind.VIEW, "OpenOrders", "1=1");
      assertEquals(open - 1, deleted);
      assertEquals(before + 2 - deleted, store.rowCount("Orders"));
    }
  }

  @Test
  void multiTableView_refusesEveryWrite() {
    try (CaspioStore store = CaspioStore.withSampleData(3, 100)) {
      List<Runnable> writes =
          List.of(
              () -> store.insert(ObjectKind.VIEW, "OrderDetails", json("{`Status`:`Open`}")),
              () ->
                  store.update(
                      ObjectKind.VIEW, "OrderDetails", "1=1", json("{`Status`:`x`}"), false),
              () -> store.delete(ObjectKind.VIEW, "OrderDetails", "1=1"));
      for (Runnable w : writes) {
        StoreException e = refused(w);
        assertEquals(400, e.status());
        assertEquals("AlterReadOnlyData", e.code());
      }
      assertEquals(SampleData.orders(100), store.rowCount("Orders"));
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"TABLE, Nope", "VIEW, Nope", "VIEW, Orders", "TABLE, OpenOrders"})
  void writes_unknownObject_objectNotFound(ObjectKind kind, String name) {
    try (CaspioStore store = CaspioStore.withSampleData(3, 100)) {
      StoreException e = refused(() -> store.insert(kind, name, json("{}")));
      assertEquals(404, e.status());
      assertEquals("ObjectNotFound", e.code());
    }
  }

  @Test
  void concurrentInsertsAndReads_keepKeysUniqueAndCountsExact() throws Exception {
    try (CaspioStore store = Fixtures.itemsStore()) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<List<Long>>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(
            pool.submit(
                () -> {
                  List<Long> ids = new ArrayList<>();
                  for (int i = 0; i < 50; i++) {
                    JsonNode row = store.insert(ObjectKind.TABLE, "Items", json("{}")).get(0);
                    ids.add(row.get("PK_ID").longValue());
                    store.query(ObjectKind.TABLE, "Items", where("PK_ID <= " + i));
                  }
                  return ids;
                }));
      }
      Set<Long> all = new HashSet<>();
      for (Future<List<Long>> f : futures) {
        all.addAll(f.get(60, TimeUnit.SECONDS));
      }
      pool.shutdown();
      assertEquals(200, all.size());
      assertEquals(200, store.rowCount("Items"));
      ArrayNode autos =
          store
              .query(
                  ObjectKind.TABLE,
                  "Items",
                  new RecordQuery(
                      "COUNT(DISTINCT Auto) AS a, MAX(Auto) AS m",
                      null,
                      null,
                      null,
                      null,
                      null,
                      null,
                      false))
              .rows();
      assertEquals(200, autos.get(0).get("a").intValue());
      assertEquals(200, autos.get(0).get("m").intValue());
    }
  }
}
