/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.rest.RecordQuery;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which join sides get the other side's conditions as a subquery, and in what words. */
class JoinReductionTest {

  private FakeCaspioApi api;
  private Connection conn;

  @BeforeEach
  void setUp() throws Exception {
    api = new FakeCaspioApi();
    api.table(
        "Orders",
        List.of(
            FakeCaspioApi.field("Cust", "INTEGER"),
            FakeCaspioApi.field("Amount", "INTEGER"),
            FakeCaspioApi.field("Code", "STRING"),
            FakeCaspioApi.field("Paid", "YES/NO")),
        rows("Cust", 1L, "Amount", 5L, "Code", "a", "Paid", true));
    api.table(
        "Customers",
        List.of(
            FakeCaspioApi.field("Cust", "INTEGER"),
            FakeCaspioApi.field("City", "STRING"),
            FakeCaspioApi.field("Code", "STRING"),
            FakeCaspioApi.field("Vip", "YES/NO")),
        rows("Cust", 1L, "City", "x", "Code", "a", "Vip", true));
    Properties p = new Properties();
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    conn = DriverManager.getConnection("jdbc:calcite:", p);
    CalciteConnection cc = conn.unwrap(CalciteConnection.class);
    cc.getRootSchema().add("caspio", CaspioSchema.create(api, Duration.ofMinutes(5)));
    cc.setSchema("caspio");
  }

  @AfterEach
  void tearDown() throws Exception {
    conn.close();
  }

  private static List<Map<String, Object>> rows(Object... kv) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("PK_ID", 1L);
    for (int i = 0; i < kv.length; i += 2) {
      r.put((String) kv[i], kv[i + 1]);
    }
    return List.of(r);
  }

  /** The q.where each table is planned with, by table ("-" for none). */
  private Map<String, String> wheres(String sql) throws Exception {
    String plan;
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("explain plan for " + sql)) {
      rs.next();
      plan = rs.getString(1);
    }
    Map<String, String> out = new LinkedHashMap<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "request=\\[GET (\\w+) select=\\[[^\\]]*\\] where=(.*?) order=")
            .matcher(plan);
    while (m.find()) {
      out.merge(m.group(1), m.group(2).equals("null") ? "-" : m.group(2), (a, b) -> a + " | " + b);
    }
    return out;
  }

  @Test
  void innerJoin_numberKey_eachFilteredSideNarrowsTheOther() throws Exception {
    Map<String, String> w =
        wheres(
            "select o.Amount, c.City from Orders o join Customers c on o.Cust = c.Cust"
                + " where c.City = 'x' and o.Amount > 3");
    // The planner may add the conditions in either order.
    assertConjuncts(
        w.get("Orders"), "Amount > 3", "Cust IN (SELECT Cust FROM Customers WHERE City = N'x')");
    assertConjuncts(
        w.get("Customers"), "City = N'x'", "Cust IN (SELECT Cust FROM Orders WHERE Amount > 3)");
  }

  private static void assertConjuncts(String where, String a, String b) {
    assertTrue(
        where.equals("(" + a + ") AND (" + b + ")") || where.equals("(" + b + ") AND (" + a + ")"),
        where);
  }

  @Test
  void innerJoin_textKey_keepsNullAndEmptyKeys() throws Exception {
    Map<String, String> w =
        wheres(
            "select o.Amount from Orders o join Customers c on o.Code = c.Code where c.Cust < 9");
    assertEquals(
        "(Code IN (SELECT Code FROM Customers WHERE Cust < 9) OR Code IS NULL OR Code = '')",
        w.get("Orders"));
  }

  @Test
  void outerJoins_narrowOnlyTheSideWhoseUnmatchedRowsAreDropped() throws Exception {
    Map<String, String> left =
        wheres(
            "select o.Amount, c.City from Orders o left join Customers c"
                + " on o.Cust = c.Cust and c.City = 'x' where o.Amount > 3");
    assertEquals("Amount > 3", left.get("Orders"));
    assertTrue(
        left.get("Customers").contains("Cust IN (SELECT Cust FROM Orders WHERE Amount > 3)"));
    Map<String, String> full =
        wheres(
            "select o.Amount, c.City from Orders o full join Customers c on o.Cust = c.Cust"
                + " and o.Amount > 3");
    assertFalse(full.toString().contains("SELECT"), full.toString());
  }

  @Test
  void yesNoKeys_limitedSides_andNullSafeEquality_areNotUsed() throws Exception {
    assertFalse(
        wheres("select 1 from Orders o join Customers c on o.Paid = c.Vip where c.Cust < 3")
            .toString()
            .contains("SELECT"));
    assertFalse(
        wheres(
                "select 1 from Orders o join (select * from Customers where Cust < 3 limit 2) c"
                    + " on o.Cust = c.Cust")
            .toString()
            .contains("SELECT"));
    assertFalse(
        wheres(
                "select 1 from Orders o join Customers c on o.Cust is not distinct from c.Cust"
                    + " where c.Cust < 3")
            .toString()
            .contains("SELECT"));
  }

  @Test
  void semiJoin_fromInSubquery_isNarrowed() throws Exception {
    Map<String, String> w =
        wheres("select Amount from Orders where Cust in (select Cust from Customers where Vip)");
    assertEquals("Cust IN (SELECT Cust FROM Customers WHERE Vip = 1)", w.get("Orders"));
  }

  @Test
  void antiJoin_numberKey_dropsRowsThatSurelyHaveAPartner() throws Exception {
    String notIn =
        "(Cust IS NULL OR Cust NOT IN (SELECT Cust FROM Customers WHERE Cust IS NOT NULL"
            + " AND (Vip = 1)))";
    assertEquals(
        notIn,
        wheres(
                "select Amount from Orders o where not exists"
                    + " (select 1 from Customers c where c.Cust = o.Cust and c.Vip)")
            .get("Orders"));
    assertEquals(
        notIn,
        wheres(
                "select o.Amount from Orders o left join Customers c on o.Cust = c.Cust and c.Vip"
                    + " where c.PK_ID is null")
            .get("Orders"));
  }

  @Test
  void antiJoin_textKeyOrRecheckedCondition_isNotPushed() throws Exception {
    assertFalse(
        wheres(
                "select Amount from Orders o where not exists"
                    + " (select 1 from Customers c where c.Code = o.Code and c.Vip)")
            .get("Orders")
            .contains("SELECT"));
    assertFalse(
        wheres(
                "select Amount from Orders o where not exists"
                    + " (select 1 from Customers c where c.Cust = o.Cust and c.City = 'x')")
            .get("Orders")
            .contains("SELECT"));
  }

  @Test
  void parameters_ofTheOtherSide_areBoundInsideTheSubquery() throws Exception {
    String sql =
        "select o.Amount from Orders o join Customers c on o.Cust = c.Cust where c.City = ?";
    assertEquals("Cust IN (SELECT Cust FROM Customers WHERE City = ?)", wheres(sql).get("Orders"));
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setString(1, "O'x");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rs.getObject(1);
        }
      }
    }
    List<String> sent = new ArrayList<>();
    for (RecordQuery q : api.queries) {
      sent.add(q.name() + ": " + q.where());
    }
    assertTrue(
        sent.contains("Orders: Cust IN (SELECT Cust FROM Customers WHERE City = N'O''x')"),
        sent.toString());
  }

  @Test
  void subqueryBeyondTheUriLimit_leavesThePlainRead() throws Exception {
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < 180; i++) {
      in.append(i == 0 ? "" : ", ").append(1000 + i);
    }
    Map<String, String> w =
        wheres(
            "select 1 from Orders o join Customers c on o.Cust = c.Cust"
                + " where c.Cust in ("
                + in
                + ") and o.Amount in ("
                + in
                + ")");
    assertFalse(w.get("Orders").contains("SELECT"), w.toString());
    assertFalse(w.get("Customers").contains("SELECT"), w.toString());
  }
}
