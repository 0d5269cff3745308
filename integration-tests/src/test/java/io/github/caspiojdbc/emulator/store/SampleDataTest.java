/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import static io.github.caspiojdbc.emulator.store.Fixtures.select;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The deterministic sample account. */
class SampleDataTest {

  private static ArrayNode everything(CaspioStore store, ObjectKind kind, String name) {
    ArrayNode all = Fixtures.MAPPER.createArrayNode();
    for (int page = 1; ; page++) {
      ArrayNode rows =
          store
              .query(kind, name, new RecordQuery(null, null, null, null, null, page, 1000, false))
              .rows();
      if (rows.isEmpty()) {
        return all;
      }
      all.addAll(rows);
    }
  }

  @Test
  void withSampleData_sameSeed_identicalData_otherSeed_differentData() {
    try (CaspioStore a = CaspioStore.withSampleData(5, 1500);
        CaspioStore b = CaspioStore.withSampleData(5, 1500);
        CaspioStore c = CaspioStore.withSampleData(6, 1500)) {
      for (String t : a.tableNames()) {
        assertEquals(everything(a, ObjectKind.TABLE, t), everything(b, ObjectKind.TABLE, t), t);
      }
      for (String v : a.viewNames()) {
        assertEquals(everything(a, ObjectKind.VIEW, v), everything(b, ObjectKind.VIEW, v), v);
      }
      assertNotEquals(
          everything(a, ObjectKind.TABLE, "Customers"),
          everything(c, ObjectKind.TABLE, "Customers"));
    }
  }

  @ParameterizedTest(name = "n={0}")
  @CsvSource({"1, 50, 40, 60, 1", "4000, 100, 40, 400, 4000", "30000, 750, 60, 3000, 30000"})
  void withSampleData_rowCountsScaleWithLargestTable(
      int n, long customers, long products, long orders, long items) {
    try (CaspioStore s = CaspioStore.withSampleData(1, n)) {
      assertEquals(List.of("Customers", "Products", "Orders", "OrderItems"), s.tableNames());
      assertEquals(List.of("OrderDetails", "OpenOrders"), s.viewNames());
      assertEquals(customers, s.rowCount("Customers"));
      assertEquals(products, s.rowCount("Products"));
      assertEquals(orders, s.rowCount("Orders"));
      assertEquals(items, s.rowCount("OrderItems"));
    }
  }

  @Test
  void sampleSchema_coversEveryTypeAndAFormula() {
    Set<FieldType> types = EnumSet.noneOf(FieldType.class);
    boolean formula = false;
    for (TableDef t :
        List.of(
            SampleData.customersTable(),
            SampleData.productsTable(),
            SampleData.ordersTable(),
            SampleData.orderItemsTable())) {
      for (FieldDef f : t.fields()) {
        types.add(f.type());
        formula |= f.formula() != null;
      }
    }
    // ATTACHMENT is left out of the sample account on purpose: its rows would show only nulls, and
    // the suites and benchmarks built on the sample schema stay as they were; the attachment
    // tests make their own tables.
    assertEquals(EnumSet.complementOf(EnumSet.of(FieldType.ATTACHMENT)), types);
    assertTrue(formula);
  }

  @Test
  void sampleData_holdsTrickyValues() {
    try (CaspioStore s = CaspioStore.withSampleData(2, 2000)) {
      for (String where :
          List.of(
              "Name LIKE '%''%'",
              "Name LIKE '%[%]%'",
              "Name LIKE '%[_]%'",
              "Name LIKE '%[[]%'",
              "Name LIKE '% '",
              "Name = N'李小龙'",
              "Name LIKE N'%😀%'",
              "Name LIKE N'%ö%'",
              "Email IS NULL",
              "City IS NULL",
              "Notes IS NULL",
              "Joined IS NULL",
              "Credit_Limit IS NULL",
              "Rating IS NULL",
              "Segments IS NULL",
              "Avatar IS NULL",
              "Password IS NULL OR 1 = 1",
              "Rating < 0",
              "Credit_Limit < 0",
              "Joined = '2024-02-29T00:00:00'",
              "Joined = '2024-02-29T23:59:59'",
              "Joined = '1999-12-31T23:59:59'",
              "Notes LIKE '%' + CHAR(10) + '%'")) {
        if (where.startsWith("Password")) {
          continue;
        }
        long n =
            s.query(ObjectKind.TABLE, "Customers", select("COUNT(*) AS n", where))
                .rows()
                .get(0)
                .get("n")
                .longValue();
        assertTrue(n > 0, where);
      }
      assertTrue(count(s, "OrderItems", "Quantity < 0") > 0);
      assertTrue(count(s, "OrderItems", "Delivered_At IS NULL") > 0);
      assertTrue(count(s, "Orders", "Discount < 0") > 0);
      assertTrue(count(s, "Orders", "Status = 'OPEN '") > 0);
      assertTrue(count(s, "Products", "Category IS NULL AND Stock IS NULL AND Sizes IS NULL") > 0);
      assertTrue(count(s, "Products", "Name LIKE '%[%]%'") > 0);
      assertFalse(s.passwordFields("Customers").isEmpty());
    }
  }

  private static long count(CaspioStore s, String table, String where) {
    return s.query(ObjectKind.TABLE, table, select("COUNT(*) AS n", where))
        .rows()
        .get(0)
        .get("n")
        .longValue();
  }

  @Test
  void sampleData_referencesAreConsistent() {
    try (CaspioStore s = CaspioStore.withSampleData(4, 1000)) {
      assertEquals(
          0,
          count(
              s,
              "OrderItems",
              "Order_No NOT IN (SELECT Order_No FROM Orders) OR Product_No NOT IN (SELECT"
                  + " Product_No FROM Products)"));
      assertEquals(0, count(s, "Orders", "Customer_ID NOT IN (SELECT Customer_ID FROM Customers)"));
      long joined =
          s.query(
                  ObjectKind.VIEW,
                  "OrderDetails",
                  new RecordQuery(null, null, null, null, null, null, null, true))
              .totalCount();
      assertEquals(s.rowCount("Orders"), joined);
    }
  }
}
