/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.pushdown;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.emulator.PathKind;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Rows;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One row per pushdown shape: the SQL, the plan's request, the exact REST request(s) the emulator
 * received, and the number of rows. The rows themselves are checked against unpushed execution in
 * {@link DifferentialIT}.
 */
class PushdownIT {

  @RegisterExtension
  static final EmulatorFixture fixture =
      EmulatorFixture.of(() -> EmulatorFixture.builder().sampleData(11, 2000).start());

  private static CaspioEmulator emulator;
  private static Connection conn;

  @BeforeAll
  static void start() throws Exception {
    emulator = fixture.emulator;
    conn = fixture.openCalcite(true);
    Rows.lines(conn, "select count(*) from Customers"); // load metadata once
  }

  @BeforeEach
  void clear() {
    emulator.clearLog();
  }

  /** The record requests since the last clear, as "path ? sorted decoded params". */
  static List<String> requests() {
    List<String> out = new ArrayList<>();
    for (LoggedCall c : emulator.log().entries()) {
      if (c.kind() != PathKind.RECORDS) {
        continue;
      }
      Map<String, List<String>> sorted = new TreeMap<>(c.query());
      StringBuilder b = new StringBuilder(c.path().replace("/integrations/rest/v3", ""));
      String sep = "?";
      for (Map.Entry<String, List<String>> e : sorted.entrySet()) {
        for (String v : e.getValue()) {
          b.append(sep).append(e.getKey()).append('=').append(v);
          sep = "&";
        }
      }
      out.add(b.toString());
    }
    return out;
  }

  static String plan(String sql) throws Exception {
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("explain plan for " + sql)) {
      rs.next();
      return rs.getString(1).trim();
    }
  }

  /** The {@code ;;}-separated parts in a fixed order. */
  private static String sorted(String parts) {
    List<String> list = new ArrayList<>(List.of(parts.split(" ;; ")));
    java.util.Collections.sort(list);
    return String.join(" ;; ", list);
  }

  /** The requests the plan's Caspio scans will send, in plan order. */
  static List<String> scans(String plan) {
    List<String> out = new ArrayList<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "CaspioEnumerableScan\\(request=\\[(.*)\\], calls=\\[[^\\]]*\\]\\)")
            .matcher(plan);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @org.junit.jupiter.api.Test
  void preparedParameters_arePushedAtExecution() throws Exception {
    try (java.sql.PreparedStatement ps =
        conn.prepareStatement("select PK_ID from OrderItems where Quantity = ? and PK_ID < ?")) {
      ps.setInt(1, 2);
      ps.setLong(2, 100);
      int first = count(ps.executeQuery());
      ps.setInt(1, -1);
      ps.setLong(2, 50);
      count(ps.executeQuery());
      List<String> sent = requests();
      assertEquals(2, sent.size(), sent::toString);
      org.junit.jupiter.api.Assertions.assertTrue(
          sent.get(0).contains("q.where=(Quantity = 2) AND (PK_ID < 100)"), sent.get(0));
      org.junit.jupiter.api.Assertions.assertTrue(
          sent.get(1).contains("q.where=(Quantity = (-1)) AND (PK_ID < 50)"), sent.get(1));
      assertEquals(
          Rows.lines(conn, "select PK_ID from OrderItems where Quantity = 2 and PK_ID < 100")
              .size(),
          first);
    }
  }

  @org.junit.jupiter.api.Test
  void longTextParameter_isLeftOutOfTheRequestAndCheckedLocally() throws Exception {
    try (java.sql.PreparedStatement ps =
        conn.prepareStatement("select PK_ID from Customers where Name = ? and PK_ID < ?")) {
      ps.setString(1, "O'Brien" + " ".repeat(0) + "y".repeat(2500));
      ps.setLong(2, 40);
      assertEquals(0, count(ps.executeQuery()));
      List<String> sent = requests();
      assertEquals(1, sent.size());
      org.junit.jupiter.api.Assertions.assertTrue(
          sent.get(0).contains("q.where=PK_ID < 40"), sent.get(0));
      ps.setString(1, "O'Brien");
      int rows = count(ps.executeQuery());
      assertEquals(
          Rows.lines(conn, "select PK_ID from Customers where Name = 'O''Brien' and PK_ID < 40")
              .size(),
          rows);
      org.junit.jupiter.api.Assertions.assertTrue(
          requests().get(1).contains("Name = N'O''Brien'"), requests().toString());
    }
  }

  @org.junit.jupiter.api.Test
  void longInList_isEvaluatedLocally_withOneScan() throws Exception {
    StringBuilder in = new StringBuilder();
    for (int i = 1; i <= 700; i += 2) {
      in.append(i == 1 ? "" : ", ").append(i);
    }
    List<String> rows =
        Rows.lines(
            conn, "select PK_ID from OrderItems where Quantity > 2 and PK_ID in (" + in + ")");
    List<String> sent = requests();
    assertEquals(2, sent.size(), sent::toString);
    org.junit.jupiter.api.Assertions.assertTrue(
        sent.get(0).contains("q.where=Quantity > 2"), sent.get(0));
    org.junit.jupiter.api.Assertions.assertFalse(sent.get(0).contains("PK_ID = 1"), sent.get(0));
    org.junit.jupiter.api.Assertions.assertTrue(rows.size() > 0);
  }

  private static int count(ResultSet rs) throws Exception {
    int n = 0;
    try (rs) {
      while (rs.next()) {
        n++;
      }
    }
    return n;
  }

  /**
   * Columns: the SQL; the request(s) EXPLAIN shows for its Caspio scans ({@code ;;} between scans,
   * {@code -} for none); the requests the emulator received; the row count.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          select * from Products limit 10 | GET /integrations/rest/v3/tables/Products/records?q.limit=10 | /tables/Products/records?q.limit=10 | 10
          select * from OrderItems | GET /integrations/rest/v3/tables/OrderItems/records?q.orderBy=PK_ID ASC&q.pageNumber=1&q.pageSize=1000&q.getPaginationInfo=true, then while pages are full: key ranges PK_ID>a AND PK_ID<=b, 4 at a time | /tables/OrderItems/records?q.getPaginationInfo=true&q.orderBy=PK_ID ASC&q.pageNumber=1&q.pageSize=1000 ;; /tables/OrderItems/records?q.orderBy=PK_ID ASC&q.pageNumber=1&q.pageSize=1000&q.where=PK_ID>1000 | 2000
          select Name, Price from Products where Price > 50 | GET /integrations/rest/v3/tables/Products/records?q.select=Name,Price,PK_ID&q.where=Price > 50&q.orderBy=PK_ID ASC&q.pageNumber=1&q.pageSize=1000&q.getPaginationInfo=true, then while pages are full: PK_ID>last PK_ID | /tables/Products/records?q.getPaginationInfo=true&q.orderBy=PK_ID ASC&q.pageNumber=1&q.pageSize=1000&q.select=Name,Price,PK_ID&q.where=Price > 50 | 38
          select PK_ID from Customers where Name = 'O''Brien' | GET /integrations/rest/v3/tables/Customers/records?q.select=PK_ID,Name&q.where=Name = N'O''Brien'&q.orderBy=PK_ID ASC&q.pageNumber=1&q.pageSize=1000&q.getPaginationInfo=true, then while pages are full: PK_ID>last PK_ID | /tables/Customers/records?q.getPaginationInfo=true&q.orderBy=PK_ID ASC&q.pageNumber=1&q.pageSize=1000&q.select=PK_ID,Name&q.where=Name = N'O''Brien' | 1
          select PK_ID from Customers where Name like '%[%' | GET /integrations/rest/v3/tables/Customers/records?q.select=PK_ID,Name&q.where=Name LIKE N'%[[]%'&q.orderBy=PK_ID ASC&q.pageNumber=1&q.pageSize=1000&q.getPaginationInfo=true, then while pages are full: PK_ID>last PK_ID | /tables/Customers/records?q.getPaginationInfo=true&q.orderBy=PK_ID ASC&q.pageNumber=1&q.pageSize=1000&q.select=PK_ID,Name&q.where=Name LIKE N'%[[]%' | 3
          select count(*) from OrderItems | GET /integrations/rest/v3/tables/OrderItems/records?q.select=COUNT(*) AS a0&q.limit=1000 | /tables/OrderItems/records?q.limit=1000&q.select=COUNT(*) AS a0 | 1
          select count(*) from OrderItems where Quantity > 2 and Delivered_At is not null | GET /integrations/rest/v3/tables/OrderItems/records?q.select=COUNT(*) AS a0&q.where=(Quantity > 2) AND (Delivered_At IS NOT NULL)&q.limit=1000 | /tables/OrderItems/records?q.limit=1000&q.select=COUNT(*) AS a0&q.where=(Quantity > 2) AND (Delivered_At IS NOT NULL) | 1
          select Order_No, sum(Quantity), max(Unit_Price) from OrderItems group by Order_No | GET /integrations/rest/v3/tables/OrderItems/records?q.select=Order_No,SUM(Quantity) AS a0,MAX(Unit_Price) AS a1&q.groupBy=Order_No&q.orderBy=Order_No ASC&q.pageNumber=1&q.pageSize=1000&q.getPaginationInfo=true, then q.pageNumber=2.. | /tables/OrderItems/records?q.getPaginationInfo=true&q.groupBy=Order_No&q.orderBy=Order_No ASC&q.pageNumber=1&q.pageSize=1000&q.select=Order_No,SUM(Quantity) AS a0,MAX(Unit_Price) AS a1 | 200
          select PK_ID, Quantity from OrderItems order by Quantity desc, PK_ID limit 5 | GET /integrations/rest/v3/tables/OrderItems/records?q.select=PK_ID,Quantity&q.orderBy=Quantity DESC,PK_ID ASC&q.limit=5 | /tables/OrderItems/records?q.limit=5&q.orderBy=Quantity DESC,PK_ID ASC&q.select=PK_ID,Quantity | 5
          select PK_ID from OrderItems where Quantity < 0 order by PK_ID limit 3 offset 2 | GET /integrations/rest/v3/tables/OrderItems/records?q.select=PK_ID&q.where=Quantity < 0&q.orderBy=PK_ID ASC&q.limit=5, skipping the first 2 rows | /tables/OrderItems/records?q.limit=5&q.orderBy=PK_ID ASC&q.select=PK_ID&q.where=Quantity < 0 | 3
          select * from Customers where 1 = 0 | - | - | 0
          select * from Customers limit 0 | - | - | 0
          select PK_ID from Customers where upper(Name) = 'X' | GET /integrations/rest/v3/tables/Customers/records?q.select=PK_ID,Name&q.orderBy=PK_ID ASC&q.pageNumber=1&q.pageSize=1000&q.getPaginationInfo=true, then while pages are full: key ranges PK_ID>a AND PK_ID<=b, 4 at a time | /tables/Customers/records?q.getPaginationInfo=true&q.orderBy=PK_ID ASC&q.pageNumber=1&q.pageSize=1000&q.select=PK_ID,Name | 0
          select o.PK_ID, c.Name from Orders o join Customers c on o.Customer_ID = c.Customer_ID where o.Total > 500 | GET /integrations/rest/v3/tables/Customers/records?q.select=Customer_ID,Name,PK_ID&q.where=(Customer_ID IN (SELECT Customer_ID FROM Orders WHERE Total > 500) OR Customer_ID IS NULL OR Customer_ID = '')&q.orderBy=PK_ID ASC&q.pageNumber=1&q.pageSize=1000&q.getPaginationInfo=true, then while pages are full: PK_ID>last PK_ID ;; GET /integrations/rest/v3/tables/Orders/records?q.select=PK_ID,Customer_ID,Total&q.where=Total > 500&q.orderBy=PK_ID ASC&q.pageNumber=1&q.pageSize=1000&q.getPaginationInfo=true, then while pages are full: PK_ID>last PK_ID | /tables/Customers/records?q.getPaginationInfo=true&q.orderBy=PK_ID ASC&q.pageNumber=1&q.pageSize=1000&q.select=Customer_ID,Name,PK_ID&q.where=(Customer_ID IN (SELECT Customer_ID FROM Orders WHERE Total > 500) OR Customer_ID IS NULL OR Customer_ID = '') ;; /tables/Orders/records?q.getPaginationInfo=true&q.orderBy=PK_ID ASC&q.pageNumber=1&q.pageSize=1000&q.select=PK_ID,Customer_ID,Total&q.where=Total > 500 | 149
          select Status, count(*) from Orders group by Status | GET /integrations/rest/v3/tables/Orders/records?q.select=Status,PK_ID&q.orderBy=PK_ID ASC&q.pageNumber=1&q.pageSize=1000&q.getPaginationInfo=true, then while pages are full: key ranges PK_ID>a AND PK_ID<=b, 4 at a time | /tables/Orders/records?q.getPaginationInfo=true&q.orderBy=PK_ID ASC&q.pageNumber=1&q.pageSize=1000&q.select=Status,PK_ID | 6
          select * from OrderDetails where Total > 100 order by Order_No limit 5 | GET /integrations/rest/v3/views/OrderDetails/records?q.where=Total > 100&q.orderBy=Order_No ASC,PK_ID ASC&q.limit=5 | /views/OrderDetails/records?q.limit=5&q.orderBy=Order_No ASC,PK_ID ASC&q.where=Total > 100 | 5
          select PK_ID, Joined from Customers where Joined >= timestamp '2024-02-29 00:00:00' | GET /integrations/rest/v3/tables/Customers/records?q.select=PK_ID,Joined&q.where=Joined >= '2024-02-29T00:00:00'&q.orderBy=PK_ID ASC&q.pageNumber=1&q.pageSize=1000&q.getPaginationInfo=true, then while pages are full: PK_ID>last PK_ID | /tables/Customers/records?q.getPaginationInfo=true&q.orderBy=PK_ID ASC&q.pageNumber=1&q.pageSize=1000&q.select=PK_ID,Joined&q.where=Joined >= '2024-02-29T00:00:00' | 8
          select PK_ID from Customers where Active and Rating < -1 | GET /integrations/rest/v3/tables/Customers/records?q.select=PK_ID&q.where=(Active = 1) AND (Rating < (-1))&q.orderBy=PK_ID ASC&q.pageNumber=1&q.pageSize=1000&q.getPaginationInfo=true, then while pages are full: PK_ID>last PK_ID | /tables/Customers/records?q.getPaginationInfo=true&q.orderBy=PK_ID ASC&q.pageNumber=1&q.pageSize=1000&q.select=PK_ID&q.where=(Active = 1) AND (Rating < (-1)) | 2
          """)
  void shape_sendsExactlyTheseRequests(String sql, String planned, String sent, int rows)
      throws Exception {
    String p = plan(sql);
    // Scans of a join may be planned and run in either order.
    assertEquals(
        sorted(planned), sorted(scans(p).isEmpty() ? "-" : String.join(" ;; ", scans(p))), "plan");
    emulator.clearLog();
    List<String> result = Rows.lines(conn, sql);
    List<String> got = requests();
    assertEquals(sorted(sent), sorted(got.isEmpty() ? "-" : String.join(" ;; ", got)), "requests");
    assertEquals(rows, result.size(), "rows");
  }
}
