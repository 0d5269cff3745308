/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed query suite of metrics 1 and 2, each query with the minimal requests a hand-written
 * client would send for the same exact answer.
 *
 * <p>How the minimum is chosen. The result's columns (select list, ORDER BY and join keys) come
 * back, filters on numbers, dates and booleans run in Caspio, aggregates and LIMIT n &le; 1000 are
 * one request, a statically empty query is no request. Comparisons and grouping on text are the
 * exception: Caspio (SQL Server collation) ignores case and trailing blanks where SQL does not, so
 * an exact answer needs the text column back for a local re-check; there the minimum is a scan of
 * the referenced columns with the filter pushed as a pre-filter. A scan of R rows costs max(1,
 * ceil(R/1000)) calls; the rows are counted by the bare client when it runs the minimal requests. A
 * join side narrowed by the other side's condition (an {@code IN (SELECT …)} subquery Caspio
 * evaluates) costs the pages of its matching rows; that is written here by hand, not taken from the
 * driver's plan.
 */
final class QuerySuite {
  private QuerySuite() {}

  /**
   * One hand-written request. {@code paged}: pages of 1000 by page number until a short page
   * (ordered by PK_ID unless an order is given); otherwise exactly one call.
   */
  record Minimal(String resource, Map<String, String> params, boolean paged) {}

  /**
   * A suite entry: the SQL, its parameters (non-empty means it runs as a PreparedStatement) and its
   * minimal requests (none for a statically empty result).
   */
  record Query(String sql, List<Object> parameters, List<Minimal> minimal) {}

  static List<Query> queries() {
    List<Query> q = new ArrayList<>();
    // Scans, projections and filters.
    q.add(sql("select * from Products", scan("tables/Products")));
    q.add(sql("select * from Customers", scan("tables/Customers")));
    q.add(sql("select * from Orders", scan("tables/Orders")));
    q.add(
        sql(
            "select Name, Price from Products where Price > 50",
            scan("tables/Products", "q.select", "Name,Price", "q.where", "Price > 50")));
    q.add(
        sql(
            "select PK_ID, Quantity from OrderItems where PK_ID <= 5000",
            scan("tables/OrderItems", "q.select", "PK_ID,Quantity", "q.where", "PK_ID <= 5000")));
    q.add(
        sql(
            "select Order_No, Total from Orders where Total > 500",
            scan("tables/Orders", "q.select", "Order_No,Total", "q.where", "Total > 500")));
    q.add(
        sql(
            "select PK_ID from Customers where Name = 'O''Brien'",
            scan("tables/Customers", "q.select", "PK_ID,Name", "q.where", "Name = N'O''Brien'")));
    q.add(
        sql(
            "select PK_ID, Name from Customers where Name like '%[%'",
            scan("tables/Customers", "q.select", "PK_ID,Name", "q.where", "Name LIKE N'%[[]%'")));
    q.add(
        sql(
            "select PK_ID, Joined from Customers where Joined >= timestamp '2024-02-29 00:00:00'",
            scan(
                "tables/Customers",
                "q.select",
                "PK_ID,Joined",
                "q.where",
                "Joined >= '2024-02-29T00:00:00'")));
    q.add(
        sql(
            "select Name, City from Customers where Active = true",
            scan("tables/Customers", "q.select", "Name,City", "q.where", "Active = 1")));
    q.add(
        sql(
            "select Name from Products where Category = 'Tools' and Price between 10 and 100",
            scan(
                "tables/Products",
                "q.select",
                "Name,Category",
                "q.where",
                "(Category = N'Tools') AND (Price >= 10) AND (Price <= 100)")));
    q.add(
        sql(
            "select PK_ID from OrderItems where Quantity < 0 and PK_ID <= 20000",
            scan(
                "tables/OrderItems",
                "q.select",
                "PK_ID",
                "q.where",
                "(Quantity < 0) AND (PK_ID <= 20000)")));
    q.add(
        sql(
            "select Product_No, Stock from Products where Stock > 10 and In_Stock",
            scan(
                "tables/Products",
                "q.select",
                "Product_No,Stock",
                "q.where",
                "(Stock > 10) AND (In_Stock = 1)")));
    q.add(
        sql(
            "select PK_ID, Order_Date from Orders"
                + " where Order_Date < timestamp '2021-01-01 00:00:00'",
            scan(
                "tables/Orders",
                "q.select",
                "PK_ID,Order_Date",
                "q.where",
                "Order_Date < '2021-01-01T00:00:00'")));
    // ORDER BY and LIMIT.
    q.add(sql("select * from Products limit 10", single("tables/Products", "q.limit", "10")));
    q.add(
        sql(
            "select PK_ID, Quantity from OrderItems order by Quantity desc, PK_ID limit 5",
            single(
                "tables/OrderItems",
                "q.select",
                "PK_ID,Quantity",
                "q.orderBy",
                "Quantity DESC,PK_ID ASC",
                "q.limit",
                "5")));
    q.add(
        sql(
            "select PK_ID from OrderItems where Quantity < 0 order by PK_ID limit 3 offset 2",
            single(
                "tables/OrderItems",
                "q.select",
                "PK_ID",
                "q.where",
                "Quantity < 0",
                "q.orderBy",
                "PK_ID ASC",
                "q.limit",
                "5")));
    q.add(
        sql(
            "select * from OrderDetails where Total > 100 order by Order_No limit 5",
            single(
                "views/OrderDetails",
                "q.where",
                "Total > 100",
                "q.orderBy",
                "Order_No ASC",
                "q.limit",
                "5")));
    q.add(
        sql(
            "select Name, Price from Products order by Price desc limit 20",
            single(
                "tables/Products",
                "q.select",
                "Name,Price",
                "q.orderBy",
                "Price DESC",
                "q.limit",
                "20")));
    q.add(
        sql(
            "select Order_No, Order_Date from Orders order by Order_Date desc, PK_ID limit 1000",
            single(
                "tables/Orders",
                "q.select",
                "Order_No,Order_Date,PK_ID",
                "q.orderBy",
                "Order_Date DESC,PK_ID ASC",
                "q.limit",
                "1000")));
    // Aggregates, with and without GROUP BY.
    q.add(
        sql(
            "select count(*) from OrderItems",
            single("tables/OrderItems", "q.select", "COUNT(*) AS c")));
    q.add(
        sql(
            "select count(*) from OrderItems where Quantity > 2 and Delivered_At is not null",
            single(
                "tables/OrderItems",
                "q.select",
                "COUNT(*) AS c",
                "q.where",
                "(Quantity > 2) AND (Delivered_At IS NOT NULL)")));
    q.add(
        sql(
            "select Order_No, sum(Quantity), max(Unit_Price) from OrderItems"
                + " where Order_No <= 1500 group by Order_No",
            scan(
                "tables/OrderItems",
                "q.select",
                "Order_No,SUM(Quantity) AS s,MAX(Unit_Price) AS m",
                "q.where",
                "Order_No <= 1500",
                "q.groupBy",
                "Order_No",
                "q.orderBy",
                "Order_No ASC")));
    q.add(
        sql(
            "select Category, count(*), avg(Price) from Products group by Category",
            scan("tables/Products", "q.select", "Category,Price")));
    q.add(
        sql(
            "select min(Joined), max(Joined) from Customers",
            single("tables/Customers", "q.select", "MIN(Joined) AS a,MAX(Joined) AS b")));
    q.add(
        sql(
            "select sum(Total) from Orders where Status = 'Open'",
            scan("tables/Orders", "q.select", "Status,Total", "q.where", "Status = N'Open'")));
    q.add(
        sql(
            "select Status, count(*) from Orders group by Status",
            scan("tables/Orders", "q.select", "Status")));
    q.add(
        sql(
            "select count(*) from Customers where City = 'Paris'",
            scan("tables/Customers", "q.select", "City", "q.where", "City = N'Paris'")));
    q.add(
        sql(
            "select max(Quantity), min(Quantity), count(Delivered_At) from OrderItems",
            single(
                "tables/OrderItems",
                "q.select",
                "MAX(Quantity) AS a,MIN(Quantity) AS b,COUNT(Delivered_At) AS c")));
    q.add(
        sql(
            "select Product_No, count(*) from OrderItems where PK_ID <= 10000 group by Product_No",
            scan("tables/OrderItems", "q.select", "Product_No", "q.where", "PK_ID <= 10000")));
    // Joins. A hand-written client narrows each side with the other side's condition as a
    // subquery (Caspio evaluates Key IN (SELECT Key FROM Other WHERE ...)), so each side costs
    // the pages of its matching rows only; a side without a condition is a scan of its own.
    q.add(
        new Query(
            "select o.PK_ID, c.Name from Orders o join Customers c"
                + " on o.Customer_ID = c.Customer_ID where o.Total > 500",
            List.of(),
            List.of(
                scan(
                    "tables/Customers",
                    "q.select",
                    "Customer_ID,Name",
                    "q.where",
                    "Customer_ID IN (SELECT Customer_ID FROM Orders WHERE Total > 500)"),
                scan("tables/Orders", "q.select", "PK_ID,Customer_ID", "q.where", "Total > 500"))));
    q.add(
        new Query(
            "select p.Name, i.Quantity from OrderItems i join Products p"
                + " on i.Product_No = p.Product_No where i.PK_ID <= 3000",
            List.of(),
            List.of(
                scan(
                    "tables/Products",
                    "q.select",
                    "Product_No,Name",
                    "q.where",
                    "Product_No IN (SELECT Product_No FROM OrderItems WHERE PK_ID <= 3000)"),
                scan(
                    "tables/OrderItems",
                    "q.select",
                    "Product_No,Quantity",
                    "q.where",
                    "PK_ID <= 3000"))));
    // The R-row table joined with a filtered table: about 50 matching rows.
    q.add(
        new Query(
            "select i.PK_ID, i.Quantity, o.Status from OrderItems i join Orders o"
                + " on i.Order_No = o.Order_No where o.PK_ID <= 5",
            List.of(),
            List.of(
                scan("tables/Orders", "q.select", "Order_No,Status", "q.where", "PK_ID <= 5"),
                scan(
                    "tables/OrderItems",
                    "q.select",
                    "PK_ID,Order_No,Quantity",
                    "q.where",
                    "Order_No IN (SELECT Order_No FROM Orders WHERE PK_ID <= 5)"))));
    q.add(
        new Query(
            "select PK_ID, Quantity from OrderItems where Order_No in"
                + " (select Order_No from Orders where PK_ID <= 5)",
            List.of(),
            List.of(
                scan("tables/Orders", "q.select", "Order_No", "q.where", "PK_ID <= 5"),
                scan(
                    "tables/OrderItems",
                    "q.select",
                    "PK_ID,Order_No,Quantity",
                    "q.where",
                    "Order_No IN (SELECT Order_No FROM Orders WHERE PK_ID <= 5)"))));
    // Key lists: the other side is no subquery Caspio can run (a LIMIT; a long IN list, which
    // Calcite plans as a join with VALUES), so it comes first and its keys narrow the R-row
    // side. A hand-written client sends the same keys; the first five orders are Order_No 1..5.
    q.add(
        new Query(
            "select i.PK_ID, i.Quantity from OrderItems i join (select Order_No from Orders"
                + " order by PK_ID limit 5) o on i.Order_No = o.Order_No",
            List.of(),
            List.of(
                single(
                    "tables/Orders",
                    "q.select",
                    "Order_No",
                    "q.orderBy",
                    "PK_ID ASC",
                    "q.limit",
                    "5"),
                scan(
                    "tables/OrderItems",
                    "q.select",
                    "PK_ID,Order_No,Quantity",
                    "q.where",
                    "Order_No IN (1,2,3,4,5)"))));
    StringBuilder thirty = new StringBuilder();
    for (int i = 1; i <= 30; i++) {
      thirty.append(i == 1 ? "" : ",").append(i);
    }
    q.add(
        sql(
            "select PK_ID, Quantity from OrderItems where Order_No in ("
                + thirty.toString().replace(",", ", ")
                + ")",
            scan(
                "tables/OrderItems",
                "q.select",
                "PK_ID,Order_No,Quantity",
                "q.where",
                "Order_No IN (" + thirty + ")")));
    // The R/40-row Customers filtered on text (re-checked locally) against R/10 Orders.
    q.add(
        new Query(
            "select o.PK_ID, o.Total, c.Name from Orders o join Customers c"
                + " on o.Customer_ID = c.Customer_ID where c.City = 'Paris' and c.PK_ID <= 400",
            List.of(),
            List.of(
                scan(
                    "tables/Customers",
                    "q.select",
                    "Customer_ID,Name,City",
                    "q.where",
                    "(City = N'Paris') AND (PK_ID <= 400)"),
                scan(
                    "tables/Orders",
                    "q.select",
                    "PK_ID,Customer_ID,Total",
                    "q.where",
                    "Customer_ID IN (SELECT Customer_ID FROM Customers"
                        + " WHERE (City = N'Paris') AND (PK_ID <= 400))"))));
    q.add(
        new Query(
            "select PK_ID, Total from Orders o where exists (select 1 from Customers c"
                + " where c.Customer_ID = o.Customer_ID and c.Rating > 9.9)",
            List.of(),
            List.of(
                scan("tables/Customers", "q.select", "Customer_ID", "q.where", "Rating > 9.9"),
                scan(
                    "tables/Orders",
                    "q.select",
                    "PK_ID,Customer_ID,Total",
                    "q.where",
                    "Customer_ID IN (SELECT Customer_ID FROM Customers WHERE Rating > 9.9)"))));
    // Statically empty: no call is needed.
    q.add(new Query("select * from Customers where 1 = 0", List.of(), List.of()));
    q.add(new Query("select * from Customers limit 0", List.of(), List.of()));
    q.add(
        new Query("select PK_ID from Orders where PK_ID < 0 and PK_ID > 10", List.of(), List.of()));
    // Prepared lookups.
    q.add(
        new Query(
            "select * from Customers where PK_ID = ?",
            List.of(7),
            List.of(scan("tables/Customers", "q.where", "PK_ID = 7"))));
    q.add(
        new Query(
            "select PK_ID, Quantity from OrderItems where Order_No = ? and Quantity > ?",
            List.of(17, 1),
            List.of(
                scan(
                    "tables/OrderItems",
                    "q.select",
                    "PK_ID,Quantity",
                    "q.where",
                    "(Order_No = 17) AND (Quantity > 1)"))));
    return List.copyOf(q);
  }

  private static Query sql(String sql, Minimal minimal) {
    return new Query(sql, List.of(), List.of(minimal));
  }

  private static Minimal scan(String resource, String... keyValues) {
    Map<String, String> p = params(keyValues);
    p.putIfAbsent("q.orderBy", "PK_ID ASC");
    return new Minimal(resource, p, true);
  }

  private static Minimal single(String resource, String... keyValues) {
    return new Minimal(resource, params(keyValues), false);
  }

  private static Map<String, String> params(String... keyValues) {
    Map<String, String> p = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.put(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }
}
