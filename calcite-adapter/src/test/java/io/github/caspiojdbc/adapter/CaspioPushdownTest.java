/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.rest.RecordQuery;
import io.github.caspiojdbc.rest.SortKey;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What SQL becomes as a Caspio request, through a Calcite connection over a fake API. */
class CaspioPushdownTest {

  private FakeCaspioApi api;
  private Connection conn;

  @BeforeEach
  void setUp() throws Exception {
    api = new FakeCaspioApi();
    List<Map<String, Object>> data = new ArrayList<>();
    for (long i = 1; i <= 3; i++) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("PK_ID", i);
      r.put("Name", "N" + i);
      r.put("Price", new BigDecimal("1.50").multiply(BigDecimal.valueOf(i)));
      r.put("Qty", i * 10);
      r.put("Active", i % 2 == 1);
      r.put("Joined", "2024-02-29T23:59:0" + i);
      // Caspio never sends a password; if a reply did, the write-only column must still be NULL.
      r.put("Secret", "leaked" + i);
      data.add(r);
    }
    api.table(
        "Products",
        List.of(
            FakeCaspioApi.field("Name", "STRING"),
            FakeCaspioApi.field("Price", "CURRENCY"),
            FakeCaspioApi.field("Qty", "INTEGER"),
            FakeCaspioApi.field("Active", "YES/NO"),
            FakeCaspioApi.field("Joined", "DATE/TIME"),
            FakeCaspioApi.field("Secret", "PASSWORD")),
        data);
    Properties p = new Properties();
    p.setProperty("quoting", "DOUBLE_QUOTE");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("quotedCasing", "UNCHANGED");
    p.setProperty("caseSensitive", "false");
    p.setProperty("defaultNullCollation", "LOW");
    conn = DriverManager.getConnection("jdbc:calcite:", p);
    CalciteConnection cc = conn.unwrap(CalciteConnection.class);
    cc.getRootSchema().add("caspio", CaspioSchema.create(api, Duration.ofMinutes(5)));
    cc.setSchema("caspio");
  }

  @AfterEach
  void tearDown() throws Exception {
    conn.close();
  }

  private List<List<Object>> rows(String sql) throws Exception {
    return ResultRows.of(conn, sql);
  }

  private String plan(String sql) throws Exception {
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("explain plan for " + sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private RecordQuery onlyQuery() {
    assertEquals(1, api.queries.size(), () -> "queries: " + api.queries);
    return api.queries.get(0);
  }

  @Test
  void selectStar_isOneReadOfAllFields_andConvertsTypes() throws Exception {
    List<List<Object>> rows = rows("select * from products");
    RecordQuery q = onlyQuery();
    assertEquals(List.of(), q.select());
    assertEquals(null, q.where());
    assertEquals(3, rows.size());
    List<Object> first = rows.get(0);
    assertEquals(1L, first.get(0));
    assertEquals("N1", first.get(1));
    assertEquals(new BigDecimal("1.5000"), ((BigDecimal) first.get(2)).setScale(4));
    assertEquals(10, first.get(3));
    assertEquals(true, first.get(4));
    assertEquals(
        LocalDateTime.of(2024, 2, 29, 23, 59, 1),
        ((java.sql.Timestamp) first.get(5)).toLocalDateTime());
    assertEquals(7, first.size(), "the password field is a write-only column");
    assertNull(first.get(6), "a write-only column reads NULL");
  }

  @Test
  void tableNames_matchRegardlessOfCase() throws Exception {
    rows("select * from PRODUCTS");
    rows("select * from \"Products\"");
    assertEquals(2, api.queries.size());
  }

  @Test
  void projection_narrowsSelect() throws Exception {
    rows("select name, qty from products");
    assertEquals(List.of("Name", "Qty"), onlyQuery().select());
  }

  @Test
  void numericFilter_isPushedExactly() throws Exception {
    rows("select name from products where qty >= 20 and price < 100");
    RecordQuery q = onlyQuery();
    assertEquals("(Qty >= 20) AND (Price < 100)", q.where());
    assertEquals(List.of("Name"), q.select());
  }

  @Test
  void textFilter_isPushedAndRechecked() throws Exception {
    List<List<Object>> rows = rows("select name from products where name = 'N2'");
    assertEquals("Name = N'N2'", onlyQuery().where());
    assertEquals(List.of(List.of("N2")), rows);
  }

  @Test
  void textEqualityRecheck_dropsCaseVariantsCaspioWouldReturn() throws Exception {
    // The fake returns every row, as a case-insensitive server would for 'n2' vs 'N2'.
    List<List<Object>> rows = rows("select name from products where name = 'n2'");
    assertEquals(List.of(), rows);
  }

  @Test
  void limit_fetchesOnlyWhatIsNeeded() throws Exception {
    List<List<Object>> rows = rows("select * from products limit 2");
    assertEquals(2, onlyQuery().maxRows());
    assertEquals(2, rows.size());
  }

  @Test
  void orderByNumberWithLimit_isPushed() throws Exception {
    List<List<Object>> rows = rows("select name from products order by qty desc limit 2");
    assertEquals(1, rows.get(0).size());
    RecordQuery q = onlyQuery();
    assertEquals(List.of(SortKey.desc("Qty")), q.orderBy());
    assertEquals(2, q.maxRows());
  }

  @Test
  void orderByText_staysLocal() throws Exception {
    rows("select name from products order by name limit 2");
    RecordQuery q = onlyQuery();
    assertEquals(List.of(), q.orderBy());
    assertEquals(Long.MAX_VALUE, q.maxRows());
  }

  @Test
  void countStar_isOneAggregateRequest() throws Exception {
    api.nextRows = List.of(Map.of("a0", 2));
    rows("select count(*) from products where qty > 5");
    RecordQuery q = onlyQuery();
    assertTrue(q.select().get(0).startsWith("COUNT(*) AS "), q.select().toString());
    assertEquals("Qty > 5", q.where());
  }

  @Test
  void groupByNumber_isPushed() throws Exception {
    api.nextRows =
        List.of(Map.of("Qty", 10, "a0", new BigDecimal("1.5"), "a1", "2024-01-01T00:00:00"));
    rows("select qty, sum(price), max(joined) from products group by qty");
    RecordQuery q = onlyQuery();
    assertEquals("Qty", q.groupBy());
    assertEquals(3, q.select().size());
  }

  @Test
  void groupByText_staysLocal() throws Exception {
    rows("select name, count(*) from products group by name");
    assertEquals(null, onlyQuery().groupBy());
  }

  @Test
  void whereFalse_andLimitZero_makeNoRequest() throws Exception {
    rows("select * from products where 1 = 0");
    rows("select * from products limit 0");
    assertEquals(0, api.queries.size());
  }

  @Test
  void preparedParameters_areBoundAtExecution() throws Exception {
    try (PreparedStatement ps = conn.prepareStatement("select name from products where qty = ?")) {
      ps.setInt(1, 20);
      ResultRows.of(ps.executeQuery());
      ps.setInt(1, 30);
      ResultRows.of(ps.executeQuery());
    }
    assertEquals("Qty = 20", api.queries.get(0).where());
    assertEquals("Qty = 30", api.queries.get(1).where());
  }

  @Test
  void explain_showsTheRequest() throws Exception {
    String plan = plan("select name from products where qty > 5 order by qty limit 3");
    assertEquals(
        "CaspioEnumerableScan(request=[GET Products select=[Name, Qty] where=Qty > 5"
            + " order=[SortKey[expression=Qty, descending=false]] max=3], calls=[at least 1])",
        plan.trim());
  }

  @Test
  void metadata_isFetchedOnce() throws Exception {
    rows("select * from products");
    rows("select name from products");
    assertEquals(1, api.listCalls);
    assertEquals(1, api.fieldCalls);
  }
}
