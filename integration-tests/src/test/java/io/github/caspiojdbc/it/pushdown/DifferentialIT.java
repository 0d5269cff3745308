/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.pushdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Rows;
import io.github.caspiojdbc.rest.ApiVersion;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the same queries with pushdown on and off against the emulator's sample data (which holds
 * mixed-case, padded, NULL, negative and unicode values on purpose) and requires identical results:
 * pushdown may change how many requests a query makes, never its rows. The pushed-down side runs on
 * REST v3 and on REST v4, whose parameters and envelopes differ.
 */
class DifferentialIT {

  @RegisterExtension
  static final EmulatorFixture fixture =
      EmulatorFixture.of(() -> EmulatorFixture.builder().sampleData(11, 2000).start());

  private static Connection pushed;
  private static Connection pushedV4;
  private static Connection local;

  @BeforeAll
  static void start() throws Exception {
    pushed = fixture.openCalcite(true);
    pushedV4 = fixture.openCalcite(true, ApiVersion.V4);
    local = fixture.openCalcite(false);
  }

  /** The query suite: hand-written shapes plus generated predicate combinations. */
  static Stream<String> queries() {
    List<String> q = new ArrayList<>();
    // Scans and projections.
    q.add("select * from Customers");
    q.add("select Name, City from Customers");
    q.add("select PK_ID, Quantity, Unit_Price, Line_Total from OrderItems");
    q.add("select * from OrderDetails");
    q.add("select * from OpenOrders");
    // Text predicates: case, trailing spaces, quotes and wildcards in data.
    for (String v :
        List.of("Open", "open", "OPEN", "Open ", "Shipped", "shipped ", "Cancelled", "none")) {
      q.add("select PK_ID, Status from Orders where Status = '" + v + "'");
      q.add("select PK_ID, Status from Orders where Status <> '" + v + "'");
      q.add("select count(*) from Orders where Status = '" + v + "'");
    }
    for (String p : List.of("O%", "o%", "%n", "%'%", "%[%", "%\\%%", "Z%", "% ")) {
      q.add("select PK_ID, Name from Customers where Name like '" + p.replace("'", "''") + "'");
    }
    q.add("select PK_ID, Name from Customers where Name like 'O_B%'");
    q.add("select PK_ID from Customers where Name in ('O''Brien', 'o''brien', 'Zoë Ångström')");
    q.add("select PK_ID from Customers where Name is null");
    q.add("select PK_ID from Customers where Name is not null");
    q.add("select PK_ID from Customers where City is null or City = 'Paris'");
    q.add("select PK_ID from Customers where not (City = 'Paris')");
    q.add("select PK_ID from Customers where upper(Name) = 'O''BRIEN'");
    q.add("select PK_ID from Customers where Name > 'M'");
    // Numbers, negatives, NULLs.
    for (String c :
        List.of(
            "Rating > 0",
            "Rating < 0",
            "Rating >= -1.5",
            "Rating is null",
            "Rating is not null",
            "Credit_Limit between 100 and 5000",
            "Credit_Limit not between 100 and 5000",
            "Credit_Limit in (0, 100, 250.5)",
            "not (Rating > 2)",
            "Rating > 2 or Credit_Limit < 0",
            "Rating <> 3",
            "PK_ID in (1, 3, 5, 7, 9, 11)",
            "PK_ID between 10 and 20 and Rating > 0")) {
      q.add("select PK_ID, Rating, Credit_Limit from Customers where " + c);
    }
    for (String c :
        List.of(
            "Quantity < 0",
            "Quantity = 1",
            "Quantity * 2 > 5",
            "Quantity / 2 = 1",
            "Unit_Price > 10.5",
            "Line_Total < 0",
            "Order_No = 5",
            "Order_No in (1, 2, 3) and Quantity > 0",
            "Delivered_At is null",
            "Delivered_At >= timestamp '2024-02-29 00:00:00'",
            "Delivered_At < timestamp '2024-03-01 00:00:00'",
            "Delivered_At between timestamp '2023-12-31 23:59:59' and timestamp '2024-01-01"
                + " 00:00:01'",
            "Product_No = 'P-00001'",
            "Comment like '%!%'")) {
      q.add("select PK_ID, Order_No, Quantity, Unit_Price from OrderItems where " + c);
    }
    // Booleans and dates.
    for (String c :
        List.of(
            "Active",
            "not Active",
            "Active = true",
            "Active = false",
            "Active and Rating > 1",
            "Joined < timestamp '2020-01-01 00:00:00'",
            "Joined >= timestamp '2024-02-29 00:00:00'",
            "Joined is null")) {
      q.add("select PK_ID, Active, Joined from Customers where " + c);
    }
    q.add("select PK_ID from Orders where Shipped and Total > 100");
    q.add("select PK_ID from Orders where Discount < 0 and not Shipped");
    // Sorting, offsets and limits (always on a total order, so both runs must agree).
    q.add("select PK_ID, Quantity from OrderItems order by Quantity, PK_ID limit 25");
    q.add("select PK_ID, Quantity from OrderItems order by Quantity desc, PK_ID desc limit 25");
    q.add("select PK_ID, Rating from Customers order by Rating, PK_ID");
    q.add("select PK_ID, Rating from Customers order by Rating desc nulls last, PK_ID");
    q.add("select PK_ID, Rating from Customers order by Rating nulls last, PK_ID");
    q.add("select PK_ID, Joined from Customers order by Joined desc, PK_ID limit 10");
    q.add("select PK_ID, Name from Customers order by Name, PK_ID");
    q.add("select PK_ID from OrderItems order by PK_ID limit 7 offset 1003");
    q.add("select PK_ID from OrderItems order by PK_ID desc limit 3");
    q.add("select PK_ID, Total from Orders where Total > 0 order by Total desc, PK_ID limit 5");
    q.add("select * from Products order by PK_ID limit 1");
    q.add("select * from Products order by PK_ID limit 0");
    // Aggregates.
    q.add("select count(*) from OrderItems");
    q.add("select count(*) from OrderItems where Quantity > 2");
    q.add("select count(Rating), count(distinct Rating) from Customers");
    q.add("select sum(Quantity), min(Quantity), max(Quantity) from OrderItems");
    q.add("select sum(Unit_Price), min(Unit_Price), max(Unit_Price) from OrderItems");
    q.add("select avg(Quantity) from OrderItems");
    q.add("select avg(Rating) from Customers");
    q.add("select min(Joined), max(Joined) from Customers");
    q.add("select Order_No, count(*), sum(Quantity) from OrderItems group by Order_No");
    q.add("select Quantity, count(*) from OrderItems group by Quantity order by Quantity");
    q.add("select Active, count(*) from Customers group by Active");
    q.add("select Status, count(*) from Orders group by Status");
    q.add("select City, count(*) from Customers group by City");
    q.add("select distinct Status from Orders");
    q.add("select distinct Quantity from OrderItems");
    q.add(
        "select Order_No, sum(Line_Total) from OrderItems where Quantity > 0 group by Order_No"
            + " having sum(Line_Total) > 100");
    q.add("select count(*) from Customers where Name = 'o''brien'");
    q.add("select max(Total) from Orders where Status = 'Open'");
    // Joins, subqueries, unions, windows, expressions.
    q.add(
        "select o.PK_ID, c.Name from Orders o join Customers c"
            + " on o.Customer_ID = c.Customer_ID where o.Total > 50");
    q.add(
        "select c.City, count(*) from Orders o join Customers c"
            + " on o.Customer_ID = c.Customer_ID group by c.City");
    q.add(
        "select i.PK_ID, p.Name from OrderItems i join Products p"
            + " on i.Product_No = p.Product_No where i.Quantity > 3");
    q.add(
        "select PK_ID from Orders where Customer_ID in"
            + " (select Customer_ID from Customers where Active)");
    q.add("select PK_ID from Customers where PK_ID < 5 union select PK_ID from Products");
    q.add("select PK_ID from Customers union all select PK_ID from Orders where PK_ID < 3");
    q.add("select PK_ID, row_number() over (partition by Active order by PK_ID) from Customers");
    q.add("select PK_ID, Quantity * Unit_Price as v from OrderItems where Quantity > 1");
    q.add("select upper(Name), char_length(City) from Customers");
    q.add("select PK_ID from Products where Price_With_Tax > Price");
    q.add("select Segments from Customers where Segments is not null");
    q.add("select PK_ID from Orders where Order_No = 3 or Order_No = 4");
    q.add("select PK_ID from Customers where 1 = 0");
    q.add("select PK_ID from Customers where PK_ID = -1");
    q.add("select * from OrderDetails where Total > 100 order by Order_No limit 5");
    q.add("select count(*) from OrderDetails where City = 'paris'");
    // Two reads of one table that differ only past the first request must not be merged.
    q.add(
        "select count(*) from (select PK_ID from OrderItems order by PK_ID limit 1500)"
            + " union all select count(*) from OrderItems");
    q.add(
        "select a.PK_ID from (select PK_ID from OrderItems where Quantity = 1) a"
            + " join (select PK_ID from OrderItems where Quantity = 2) b on a.PK_ID = b.PK_ID");
    // Join reductions (docs/joins.md): each side's pushed conditions narrow the other side's read
    // through an IN (SELECT ...) subquery; text keys with NULLs, case and trailing blanks,
    // outer, semi and anti joins, views, and parameters of the other side.
    String oc = " from Orders o join Customers c on o.Customer_ID = c.Customer_ID";
    q.add("select o.PK_ID, c.Name" + oc + " where c.City = 'Paris'");
    q.add("select o.PK_ID, c.Name" + oc + " where c.City = 'paris ' and o.Total > 100");
    q.add("select o.PK_ID, c.Name" + oc + " where c.Active and o.Status = 'open'");
    q.add("select o.PK_ID, c.Name" + oc + " where c.Rating < 0 or c.Rating is null");
    q.add(
        "select o.PK_ID, c.Name from Orders o left join Customers c"
            + " on o.Customer_ID = c.Customer_ID and c.City = 'Paris' where o.Total > 300");
    q.add(
        "select o.PK_ID, c.PK_ID from Orders o right join Customers c"
            + " on o.Customer_ID = c.Customer_ID and o.Total > 300 where c.City = 'NEW YORK'");
    q.add(
        "select o.PK_ID, c.PK_ID from Orders o full join Customers c"
            + " on o.Customer_ID = c.Customer_ID and o.Total > 400 where c.Active or c.Active is null");
    q.add(
        "select a.PK_ID, b.PK_ID from Customers a join Customers b on a.City = b.City"
            + " where b.Rating > 2");
    q.add(
        "select a.PK_ID, b.PK_ID from Customers a left join Customers b on a.City = b.City"
            + " and b.Name like 'O%' where a.Rating > 2");
    q.add(
        "select a.PK_ID, b.PK_ID from Customers a join Customers b on a.Name = b.Name"
            + " where b.Name like '% '");
    q.add(
        "select i.PK_ID, o.Status from OrderItems i join Orders o on i.Order_No = o.Order_No"
            + " where o.Status = 'Cancelled' and i.Quantity > 2");
    q.add(
        "select i.PK_ID, p.Name from OrderItems i join Products p on i.Product_No = p.Product_No"
            + " where p.Category = 'tools' or p.Price > 50");
    q.add(
        "select c.Name, v.Order_No from OpenOrders v join Customers c"
            + " on v.Customer_ID = c.Customer_ID where v.Total > 200");
    q.add(
        "select c.Name, d.Order_No from OrderDetails d join Customers c"
            + " on d.Customer_Name = c.Name where d.Total > 400");
    q.add(
        "select PK_ID from Orders where Customer_ID in"
            + " (select Customer_ID from Customers where City = 'paris')");
    q.add(
        "select PK_ID from Orders o where exists (select 1 from Customers c"
            + " where c.Customer_ID = o.Customer_ID and c.City is null)");
    q.add(
        "select PK_ID from Orders o where not exists (select 1 from Customers c"
            + " where c.Customer_ID = o.Customer_ID and c.Rating > 0)");
    q.add(
        "select PK_ID from Customers where City not in"
            + " (select City from Customers where Rating > 3)");
    q.add(
        "select PK_ID from Customers c where City in"
            + " (select City from Customers where Name like '%é%')");
    q.add(
        "select Order_No from OrderItems where Order_No in"
            + " (select Order_No from Orders where Discount < 0) and Quantity < 0");
    // Anti joins on number keys (NOT EXISTS, LEFT JOIN ... IS NULL), NULL keys included.
    q.add(
        "select PK_ID from OrderItems i where not exists (select 1 from Orders o"
            + " where o.Order_No = i.Order_No and o.Discount < 0)");
    q.add(
        "select i.PK_ID from OrderItems i left join Orders o on i.Order_No = o.Order_No"
            + " and o.Total > 1000 where o.PK_ID is null");
    q.add(
        "select PK_ID from Products p where not exists (select 1 from Products q"
            + " where q.Stock = p.Stock and q.PK_ID < 30)");
    q.add(
        "select PK_ID from Customers a where not exists (select 1 from Customers b"
            + " where b.Rating = a.Rating and b.Active)");
    q.add(
        "select PK_ID from Products p where not exists (select 1 from Products q"
            + " where q.Stock = p.Stock and upper(q.Name) like 'SHIRT 1%')");
    // Key lists (docs/joins.md): the other side is read first when Caspio cannot run it as a
    // subquery (a LIMIT, a grouping, VALUES, a condition Caspio cannot evaluate) and its keys go
    // into this side's request; text keys with case, trailing blanks, blanks and NULLs; several
    // lists; outer and semi joins.
    q.add(
        "select o.PK_ID, c.Name from Orders o join (select Customer_ID, Name from Customers"
            + " order by PK_ID limit 20) c on o.Customer_ID = c.Customer_ID");
    q.add("select o.PK_ID, c.PK_ID" + oc + " where char_length(c.Name) between 3 and 9");
    q.add(
        "select a.PK_ID, b.PK_ID from Customers a join (select PK_ID, Name from Customers"
            + " order by PK_ID limit 30) b on a.Name = b.Name");
    q.add(
        "select a.PK_ID, b.PK_ID from Customers a join (select PK_ID, City from Customers"
            + " where char_length(Name) < 8) b on a.City = b.City");
    q.add(
        "select i.PK_ID, o.Order_No from OrderItems i join (select Order_No from Orders"
            + " order by PK_ID limit 150) o on i.Order_No = o.Order_No");
    q.add(
        "select PK_ID from OrderItems where Order_No in"
            + " (select Order_No from Orders order by Total desc, PK_ID limit 5)");
    q.add(
        "select i.PK_ID from OrderItems i join (values (1), (2), (3), (cast(null as integer)))"
            + " v(k) on i.Order_No = v.k");
    q.add(
        "select o.PK_ID, x.n from Orders o join (select Customer_ID, count(*) as n from Orders"
            + " group by Customer_ID having count(*) > 5) x on o.Customer_ID = x.Customer_ID");
    q.add(
        "select o.PK_ID, i.PK_ID from (select Order_No, PK_ID from Orders order by PK_ID limit"
            + " 10) o left join OrderItems i on i.Order_No = o.Order_No");
    // Conditions longer than Caspio's 2047-character request limit are evaluated locally.
    StringBuilder in = new StringBuilder();
    for (int i = 1; i <= 700; i += 2) {
      in.append(i == 1 ? "" : ", ").append(i);
    }
    q.add("select PK_ID, Quantity from OrderItems where PK_ID in (" + in + ")");
    q.add("select PK_ID, Quantity from OrderItems where Quantity > 2 and PK_ID in (" + in + ")");
    q.add("select PK_ID from Customers where Name = '" + "x".repeat(2500) + "' or PK_ID = 3");
    return q.stream();
  }

  @Test
  void suite_hasAtLeastAHundredQueries() {
    assertTrue(queries().count() >= 100, () -> "only " + queries().count());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void pushdownOnAndOff_giveTheSameRows(String sql) throws Exception {
    List<String> expected = Rows.lines(local, sql);
    List<String> actual = Rows.lines(pushed, sql);
    List<String> actualV4 = Rows.lines(pushedV4, sql);
    if (!sql.toLowerCase(Locale.ROOT).contains("order by")) {
      Collections.sort(expected);
      Collections.sort(actual);
      Collections.sort(actualV4);
    }
    assertEquals(expected, actual, sql);
    assertEquals(expected, actualV4, "REST v4: " + sql);
  }
}
