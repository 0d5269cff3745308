/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import static io.github.caspiojdbc.emulator.store.Fixtures.select;
import static io.github.caspiojdbc.emulator.store.Fixtures.where;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GET records against the sample account: paging rules and T-SQL fragment features. */
class CaspioStoreQueryTest {
  private static final int ITEMS = 2000;
  private static CaspioStore store;

  @BeforeAll
  static void open() {
    store = CaspioStore.withSampleData(11, ITEMS);
  }

  @AfterAll
  static void close() {
    store.close();
  }

  private static ArrayNode rows(String table, RecordQuery q) {
    return store.query(ObjectKind.TABLE, table, q).rows();
  }

  private static List<Long> pkIds(ArrayNode rows) {
    List<Long> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.get("PK_ID").longValue()));
    return out;
  }

  /** limit | pageNumber | pageSize || rows | first PK_ID | served page | served size. */
  @ParameterizedTest(name = "limit={0} page={1} size={2}")
  @CsvSource(
      nullValues = "-",
      value = {
        "-,    -,   -,    100,  1,    1, 100",
        "5,    -,   -,    5,    1,    1, 5",
        "1000, -,   -,    1000, 1,    1, 1000",
        "-,    2,   -,    25,   26,   2, 25",
        "-,    -,   10,   10,   1,    1, 10",
        "-,    3,   10,   10,   21,   3, 10",
        "7,    3,   10,   10,   21,   3, 10",
        "-,    1,   5,    5,    1,    1, 5",
        "-,    2,   1000, 1000, 1001, 2, 1000",
        "-,    200, 10,   10,   1991, 200, 10",
        "-,    201, 10,   0,    -,    201, 10",
        "-,    99,  1000, 0,    -,    99, 1000",
      })
  void query_pagingParameters_followCaspioRules(
      Integer limit,
      Integer page,
      Integer size,
      int rows,
      Long firstPk,
      int servedPage,
      int servedSize) {
    RecordPage p =
        store.query(
            ObjectKind.TABLE,
            "OrderItems",
            new RecordQuery(null, null, null, null, limit, page, size, false));
    assertEquals(rows, p.rows().size());
    if (firstPk != null) {
      assertEquals(firstPk, p.rows().get(0).get("PK_ID").longValue());
    }
    assertEquals(servedPage, p.pageNumber());
    assertEquals(servedSize, p.pageSize());
    assertNull(p.totalCount());
  }

  @ParameterizedTest(name = "limit={0} page={1} size={2}")
  @CsvSource(
      nullValues = "-",
      value = {"1001, -, -", "0, -, -", "-1, -, -", "-, 1, 4", "-, 1, 1001", "-, 0, 10", "-, -, 0"})
  void query_pagingOutOfRange_incorrectQueryParameter(Integer limit, Integer page, Integer size) {
    StoreException e =
        assertThrows(
            StoreException.class,
            () ->
                store.query(
                    ObjectKind.TABLE,
                    "OrderItems",
                    new RecordQuery(null, null, null, null, limit, page, size, false)));
    assertEquals(400, e.status());
    assertEquals("IncorrectQueryParameter", e.code());
  }

  @Test
  void query_paginationInfo_countsAllMatchingRows() {
    RecordPage p =
        store.query(
            ObjectKind.TABLE,
            "OrderItems",
            new RecordQuery(null, "PK_ID <= 1234", null, null, null, 2, 100, true));
    assertEquals(1234L, p.totalCount());
    assertEquals(101L, p.rows().get(0).get("PK_ID").longValue());
    RecordPage grouped =
        store.query(
            ObjectKind.TABLE,
            "Orders",
            new RecordQuery("Shipped, COUNT(*) AS n", null, "Shipped", null, null, null, 5, true));
    assertEquals(2L, grouped.totalCount());
    RecordPage aggregate =
        store.query(
            ObjectKind.TABLE,
            "Orders",
            new RecordQuery("COUNT(*) AS n", null, null, null, null, null, null, true));
    assertEquals(1L, aggregate.totalCount());
  }

  @Test
  void query_keysetPaging_walksEveryRowOnce() {
    Set<Long> seen = new HashSet<>();
    long last = 0;
    while (true) {
      ArrayNode page =
          rows(
              "OrderItems",
              new RecordQuery("PK_ID", "PK_ID > " + last, null, "PK_ID", 1000, null, null, false));
      if (page.isEmpty()) {
        break;
      }
      for (JsonNode r : page) {
        assertTrue(seen.add(r.get("PK_ID").longValue()));
        last = r.get("PK_ID").longValue();
      }
    }
    assertEquals(ITEMS, seen.size());
  }

  /** Fragment | expected matching Customers PK_IDs (sample data names cycle through 16). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Name = 'o''brien'                      | 1",
        "Name = N'李小龙'                        | 3",
        "Name = 'Emoji 😀 Fan'                  | 4",
        "name = 'MIXED CASE'                    | 8, 9",
        "Name LIKE '100[%]%' AND PK_ID < 16     | 5",
        "Name LIKE '100!%%' ESCAPE '!'          | 5, 21, 37",
        "Name LIKE 'under[_]score'              | 6",
        "Name LIKE '[[]bracket]%' AND PK_ID < 16 | 7",
        "Name LIKE '[^A-Z]%' AND PK_ID < 16     | 3, 5, 7, 11, 14",
        "Name LIKE 'trailing'                   | 10",
        "Name LIKE 'zo_ %' AND PK_ID < 16       | 2",
        "Name LIKE '%&%' AND PK_ID < 17         | 16",
        "Name IN ('Ann', 'bob') AND PK_ID <= 16 | 12, 13",
        "PK_ID BETWEEN 3 AND 5                  | 3, 4, 5",
        "PK_ID = '4'                            | 4",
        "Email IS NULL AND PK_ID < 30           | 7, 14, 21, 28",
        "NOT (PK_ID > 2)                        | 1, 2",
        "PK_ID IN (SELECT TOP 2 PK_ID FROM Customers ORDER BY PK_ID DESC) | 49, 50",
        "Customer_ID IN (SELECT Customer_ID FROM Orders WHERE PK_ID = 1) AND PK_ID > 0 | -",
        "Joined = '2024-02-29' AND PK_ID < 30   | 1",
        "Joined >= '2024-02-29T23:59:59' AND Joined < '2024-03-01' | 8, 50",
        "YEAR(Joined) = 2000 AND MONTH(Joined) = 2 AND DAY(Joined) = 29 | 29",
        "LEN(Name) = 3 AND LOWER(Name) = 'ann' AND PK_ID < 16 | 12",
        "Credit_Limit < 0 AND PK_ID IN (1, 2, 3) | -",
        "COALESCE(City, 'none') = 'none' AND PK_ID < 15 | 7, 14",
        "Name = 'trailing'                      | 10",
        "Name = 'TRAILING   '                   | 10",
        "Name IN ('ann  ', 'x') AND PK_ID < 16  | 12",
        "LEFT(Name, 3) = 'ANN' AND PK_ID < 16   | 12",
        "Name <> 'trailing' AND PK_ID BETWEEN 9 AND 11 | 9, 11",
        "1 = 0                                  | ",
        "'a' = 'A' AND PK_ID < 3                | 1, 2",
        "'a ' = 'a' AND PK_ID < 3               | 1, 2",
        "'a' <> 'A' AND PK_ID < 3               | ",
        "'a' = 'b' AND PK_ID < 3                | ",
      })
  void query_whereFragment_evaluatedAsTsql(String where, String expected) {
    ArrayNode rows =
        rows("Customers", new RecordQuery("PK_ID", where, null, null, null, null, null, false));
    if ("-".equals(expected)) {
      // Only checks that the fragment runs; the match depends on generated values.
      return;
    }
    List<Long> want = new ArrayList<>();
    if (expected != null) {
      for (String s : expected.split(",")) {
        want.add(Long.parseLong(s.trim()));
      }
    }
    assertEquals(want, pkIds(rows));
  }

  @Test
  void query_joinedSubqueryOnOtherTable_matchesJoin() {
    ArrayNode orders =
        rows(
            "Orders",
            new RecordQuery(
                "PK_ID, Customer_ID",
                "Customer_ID IN (SELECT c.Customer_ID FROM Customers c WHERE c.PK_ID = 5)",
                null,
                null,
                1000,
                null,
                null,
                false));
    String id =
        rows("Customers", select("Customer_ID", "PK_ID = 5")).get(0).get("Customer_ID").textValue();
    assertFalse(orders.isEmpty());
    orders.forEach(o -> assertEquals(id, o.get("Customer_ID").textValue()));
  }

  @Test
  void query_viewInSubquery_usesVPrefix() {
    ArrayNode open =
        rows(
            "Orders",
            new RecordQuery(
                "PK_ID",
                "PK_ID IN (SELECT Order_No FROM _v_OpenOrders)",
                null,
                null,
                1000,
                null,
                null,
                false));
    RecordPage view =
        store.query(
            ObjectKind.VIEW,
            "OpenOrders",
            new RecordQuery(null, null, null, null, 1000, null, null, true));
    assertEquals(view.totalCount().intValue(), open.size());
  }

  @Test
  void query_aggregatesGroupByAndOrderByAlias() {
    ArrayNode groups =
        rows(
            "Orders",
            new RecordQuery(
                "Shipped, COUNT(*) AS n, SUM(Total) AS total, MIN(Order_Date) AS first_date",
                null,
                "Shipped",
                "n DESC",
                null,
                null,
                null,
                false));
    assertEquals(2, groups.size());
    assertTrue(groups.get(0).get("n").longValue() >= groups.get(1).get("n").longValue());
    assertTrue(groups.get(0).get("Shipped").isBoolean());
    assertTrue(groups.get(0).get("first_date").textValue().matches("\\d{4}-.*T.*"));
    long count = rows("Orders", select("COUNT(*) AS n", null)).get(0).get("n").longValue();
    assertEquals(SampleData.orders(ITEMS), count);
    JsonNode distinct = rows("Orders", select("COUNT(DISTINCT Customer_ID) AS c", null)).get(0);
    assertTrue(distinct.get("c").longValue() <= SampleData.customers(ITEMS));
  }

  @Test
  void query_caseInsensitiveTextGrouping_groupsCasesTogether() {
    ArrayNode groups =
        rows(
            "Orders",
            new RecordQuery(
                "Status, COUNT(*) AS n",
                "Status LIKE 'open'",
                "Status",
                null,
                null,
                null,
                null,
                false));
    // 'Open', 'open' and 'OPEN ' all match and form one group, as under SQL Server's collation.
    assertEquals(1, groups.size());
    assertEquals(List.of("Status", "n"), keysOf(groups.get(0)));
    ArrayNode aliased =
        rows(
            "Orders",
            new RecordQuery(
                "Orders.Status AS s, COUNT(*) AS n", null, "Status", "s", null, null, null, false));
    // Open, Shipped, Cancelled: three groups whatever the case or trailing blanks.
    assertEquals(3, aliased.size());
    long equal =
        rows("Orders", select("COUNT(*) AS n", "Status = 'open'")).get(0).get("n").longValue();
    long grouped = 0;
    for (JsonNode g : groups) {
      grouped += g.get("n").longValue();
    }
    assertEquals(grouped, equal);
  }

  private static List<String> keysOf(JsonNode row) {
    List<String> keys = new ArrayList<>();
    row.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  @Test
  void query_windowFunctions() {
    ArrayNode rows =
        rows(
            "OrderItems",
            new RecordQuery(
                "PK_ID, Order_No, ROW_NUMBER() OVER (PARTITION BY Order_No ORDER BY PK_ID DESC) AS"
                    + " rn, RANK() OVER (ORDER BY Order_No) AS r, COUNT(*) OVER () AS total",
                "Order_No <= 3",
                null,
                "Order_No, rn",
                null,
                null,
                null,
                false));
    assertFalse(rows.isEmpty());
    assertEquals(1, rows.get(0).get("rn").intValue());
    assertEquals(rows.size(), rows.get(0).get("total").intValue());
  }

  @Test
  void query_unaliasedExpression_namedColumnN() {
    JsonNode row = rows("Customers", select("PK_ID, PK_ID * 2", "PK_ID = 3")).get(0);
    assertEquals(6, row.get("Column2").intValue());
  }

  @Test
  void query_namesCaseInsensitive_outputInDeclaredCase() {
    JsonNode row = rows("oRdErItEmS", select("pk_id, QUANTITY, unit_price", "PK_id = 1")).get(0);
    List<String> keys = new ArrayList<>();
    row.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("PK_ID", "Quantity", "Unit_Price"), keys);
  }

  @Test
  void query_yesNoComparesWithBits() {
    long yes = rows("Orders", select("COUNT(*) AS n", "Shipped = 1")).get(0).get("n").longValue();
    long no = rows("Orders", select("COUNT(*) AS n", "Shipped = 0")).get(0).get("n").longValue();
    assertEquals(SampleData.orders(ITEMS), yes + no);
    assertTrue(yes > 0 && no > 0);
  }

  @Test
  void query_selectStar_skipsPasswordField() {
    JsonNode row = rows("Customers", where("PK_ID = 1")).get(0);
    assertFalse(row.has("Password"));
    assertEquals(15, row.size());
  }

  @ParameterizedTest(name = "{0} / {1} / {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "Password     | -                  | -",
        "PK_ID        | Password IS NULL   | -",
        "PK_ID        | -                  | Password",
        "PK_ID        | PK_ID IN (SELECT PK_ID FROM Customers WHERE Password = 'x') | -",
      })
  void query_passwordFieldNamed_refused(String select, String where, String order) {
    StoreException e =
        assertThrows(
            StoreException.class,
            () ->
                store.query(
                    ObjectKind.TABLE,
                    "Customers",
                    new RecordQuery(select, where, null, order, null, null, null, false)));
    assertEquals(400, e.status());
  }

  @Test
  void query_unknownSelectedField_500_unknownWhereField_400() {
    assertEquals(
        500,
        assertThrows(StoreException.class, () -> rows("Customers", select("Nope", null))).status());
    StoreException w =
        assertThrows(StoreException.class, () -> rows("Customers", where("Nope = 1")));
    assertEquals(400, w.status());
    assertEquals("SqlServerError", w.code());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "Name = 1 +",
        "Joined = 'not a date'",
        "PK_ID = 'abc'",
        "Name = DATEPART(year, Joined)",
      })
  void query_engineRejectsFragment_sqlServerError(String where) {
    StoreException e = assertThrows(StoreException.class, () -> rows("Customers", where(where)));
    assertEquals(400, e.status());
    assertEquals("SqlServerError", e.code());
    assertFalse(e.getMessage().contains("acct"), e::getMessage);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Nope", "Customer", "_v_OpenOrders"})
  void query_unknownTable_objectNotFound(String name) {
    StoreException e = assertThrows(StoreException.class, () -> rows(name, RecordQuery.all()));
    assertEquals(404, e.status());
    assertEquals("ObjectNotFound", e.code());
  }

  @Test
  void query_views_pkIdIsCommaJoinedString() {
    JsonNode joined = store.query(ObjectKind.VIEW, "orderdetails", RecordQuery.all()).rows().get(0);
    String[] parts = joined.get("PK_ID").textValue().split(",");
    assertEquals(2, parts.length);
    assertEquals(Long.parseLong(parts[0]), joined.get("_PK_ID_Orders").longValue());
    assertEquals(Long.parseLong(parts[1]), joined.get("_PK_ID_Customers").longValue());
    JsonNode single = store.query(ObjectKind.VIEW, "OpenOrders", RecordQuery.all()).rows().get(0);
    assertTrue(single.get("PK_ID").isTextual());
    assertFalse(single.has("_PK_ID_Orders"));
    ArrayNode filtered =
        store
            .query(
                ObjectKind.VIEW,
                "OrderDetails",
                new RecordQuery(
                    "Order_No, Customer_Name",
                    "Customer_Name LIKE 'o''b%'",
                    null,
                    null,
                    null,
                    null,
                    null,
                    false))
            .rows();
    filtered.forEach(
        r -> assertTrue(r.get("Customer_Name").textValue().toLowerCase().startsWith("o'b")));
  }

  @Test
  void query_getDate_available() {
    JsonNode row = rows("Customers", select("GETDATE() AS now", "PK_ID = 1")).get(0);
    assertTrue(row.get("now").textValue().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}"));
  }

  /** Every allow-listed function really runs on the engine. */
  @Test
  void query_everyAllowedFunction_runs() {
    List<String> expressions =
        List.of(
            "COUNT(*) OVER ()",
            "SUM(Rating) OVER ()",
            "AVG(Rating) OVER ()",
            "MIN(PK_ID) OVER ()",
            "MAX(PK_ID) OVER ()",
            "ROW_NUMBER() OVER (ORDER BY PK_ID)",
            "RANK() OVER (ORDER BY PK_ID)",
            "DENSE_RANK() OVER (ORDER BY PK_ID)",
            "NTILE(2) OVER (ORDER BY PK_ID)",
            "LAG(PK_ID) OVER (ORDER BY PK_ID)",
            "LEAD(PK_ID) OVER (ORDER BY PK_ID)",
            "FIRST_VALUE(PK_ID) OVER (ORDER BY PK_ID)",
            "LAST_VALUE(PK_ID) OVER (ORDER BY PK_ID)",
            "LEN(Name)",
            "UPPER(Name)",
            "LOWER(Name)",
            "LTRIM(Name)",
            "RTRIM(Name)",
            "TRIM(Name)",
            "SUBSTRING(Name, 1, 2)",
            "LEFT(Name, 2)",
            "RIGHT(Name, 2)",
            "CHARINDEX('a', Name)",
            "REPLACE(Name, 'a', 'b')",
            "CONCAT(Name, 'x')",
            "SPACE(2)",
            "COALESCE(City, '')",
            "ISNULL(City, '')",
            "NULLIF(City, '')",
            "CAST(PK_ID AS VARCHAR(10))",
            "CONVERT(VARCHAR(10), PK_ID)",
            "GETDATE()",
            "YEAR(Joined)",
            "MONTH(Joined)",
            "DAY(Joined)",
            "DATEADD(day, 1, Joined)",
            "DATEDIFF(day, Joined, GETDATE())",
            "ABS(Rating)",
            "ROUND(Rating, 1)",
            "FLOOR(Rating)",
            "CEILING(Rating)",
            "POWER(Rating, 2)",
            "SQRT(ABS(Rating))",
            "SIGN(Rating)",
            "LOG(ABS(Rating) + 1)",
            "EXP(1)",
            "PI()",
            "RAND()",
            "NEWID()",
            "SOUNDEX(Name)",
            "ASCII(Name)",
            "CHAR(65)");
    Set<String> covered = new HashSet<>();
    for (String e : expressions) {
      rows("Customers", select(e + " AS v", "PK_ID < 5"));
      covered.add(e.substring(0, e.indexOf('(')).toUpperCase());
    }
    rows("Customers", select("STRING_AGG(Name, ',') AS v", "PK_ID < 5"));
    covered.add("STRING_AGG");
    assertEquals(AllowList.FUNCTIONS, covered);
  }
}
