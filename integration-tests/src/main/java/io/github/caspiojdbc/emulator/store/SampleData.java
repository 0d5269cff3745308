/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import static io.github.caspiojdbc.emulator.store.FieldType.AUTONUMBER;
import static io.github.caspiojdbc.emulator.store.FieldType.CURRENCY;
import static io.github.caspiojdbc.emulator.store.FieldType.DATE_TIME;
import static io.github.caspiojdbc.emulator.store.FieldType.FILE;
import static io.github.caspiojdbc.emulator.store.FieldType.GUID;
import static io.github.caspiojdbc.emulator.store.FieldType.INTEGER;
import static io.github.caspiojdbc.emulator.store.FieldType.LIST_DATE_TIME;
import static io.github.caspiojdbc.emulator.store.FieldType.LIST_NUMBER;
import static io.github.caspiojdbc.emulator.store.FieldType.LIST_STRING;
import static io.github.caspiojdbc.emulator.store.FieldType.NUMBER;
import static io.github.caspiojdbc.emulator.store.FieldType.PASSWORD;
import static io.github.caspiojdbc.emulator.store.FieldType.PREFIXED_AUTONUMBER;
import static io.github.caspiojdbc.emulator.store.FieldType.RANDOM_ID;
import static io.github.caspiojdbc.emulator.store.FieldType.STRING;
import static io.github.caspiojdbc.emulator.store.FieldType.TEXT;
import static io.github.caspiojdbc.emulator.store.FieldType.TIMESTAMP;
import static io.github.caspiojdbc.emulator.store.FieldType.YES_NO;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongFunction;

/**
 * The deterministic sample account: a small shop. Equal {@code (seed, n)} give identical data.
 *
 * <table>
 *   <caption>Tables (n = largestTableRows)</caption>
 *   <tr><th>Table</th><th>Rows</th><th>Fields (Caspio type)</th></tr>
 *   <tr><td>Customers</td><td>max(50, n/40)</td><td>Customer_ID (RANDOM ID, prefix C, 0U, 8),
 *       Name (STRING), Email (STRING, unique, nulls allowed), City (STRING), Notes (TEXT),
 *       Password (PASSWORD), Joined (DATE/TIME), Active (YES/NO), Credit_Limit (CURRENCY),
 *       Rating (NUMBER), Segments (LIST-STRING: VIP, Retail, Wholesale, Online), Avatar (FILE),
 *       Member_Guid (GUID), Created (TIMESTAMP on insert, UTC), Updated (TIMESTAMP on update,
 *       Pacific Standard Time)</td></tr>
 *   <tr><td>Products</td><td>max(40, min(2000, n/500))</td><td>Product_No (PREFIXED AUTONUMBER
 *       P-00001), Name (STRING, unique), Category (STRING), Description (TEXT), Price (CURRENCY),
 *       Weight_Kg (NUMBER), Stock (INTEGER), In_Stock (YES/NO), Sizes (LIST-NUMBER 36..44),
 *       Available_On (LIST-DATE/TIME), Image (FILE), Price_With_Tax (CURRENCY formula
 *       ROUND(Price * 1.2, 2))</td></tr>
 *   <tr><td>Orders</td><td>max(60, n/10)</td><td>Order_No (AUTONUMBER), Customer_ID (STRING,
 *       a Customers.Customer_ID), Order_Date (DATE/TIME), Status (STRING: Open, Shipped,
 *       Cancelled in varying case, some with a trailing space), Shipped (YES/NO), Total
 *       (CURRENCY), Discount (NUMBER, some negative), Notes (TEXT), Created (TIMESTAMP on
 *       insert)</td></tr>
 *   <tr><td>OrderItems</td><td>n</td><td>Order_No (INTEGER, an Orders.Order_No), Product_No
 *       (STRING, a Products.Product_No), Quantity (INTEGER, returns negative), Unit_Price
 *       (CURRENCY), Line_Total (CURRENCY formula Quantity * Unit_Price), Comment (STRING),
 *       Delivered_At (DATE/TIME)</td></tr>
 * </table>
 *
 * <p>Views: {@code OrderDetails} (Orders joined to Customers on Customer_ID: Order_No, Order_Date,
 * Status, Total, Customer_Name, City; read-only, exposes {@code _PK_ID_Orders} and {@code
 * _PK_ID_Customers}) and {@code OpenOrders} (Orders whose Status = 'Open', case insensitive;
 * writable).
 *
 * <p>Tricky values, for pushdown tests: customer names cycle through {@link #NAMES} (quotes, {@code
 * %}, {@code _}, {@code [}, mixed case, leading/trailing spaces, accents, CJK, emoji); every 7th
 * customer has every nullable field NULL (text fields then render {@code null}, unset ones {@code
 * ""}); dates include leap days and values one second around midnight; ratings, credit limits,
 * discounts and quantities include negatives. PK_IDs are 1..rows in every table.
 */
final class SampleData {
  static final List<String> NAMES =
      List.of(
          "O'Brien",
          "Zoë Ångström",
          "李小龙",
          "Emoji 😀 Fan",
          "100% Cotton",
          "under_score",
          "[bracket] Ltd",
          "MIXED case",
          "mixed CASE",
          "trailing ",
          "  leading",
          "Ann",
          "Bob",
          "Łukasz Żółć",
          "Renée \"Quote\" Co",
          "Müller & Söhne");
  static final List<String> CITIES =
      List.of("São Paulo", "Zürich", "東京", "New York", "new york ", "Paris", "Kraków", "");
  static final List<LocalDateTime> TRICKY_DATES =
      List.of(
          LocalDateTime.of(2024, 2, 29, 0, 0, 0),
          LocalDateTime.of(2024, 2, 29, 23, 59, 59),
          LocalDateTime.of(2023, 12, 31, 23, 59, 59),
          LocalDateTime.of(2024, 1, 1, 0, 0, 0),
          LocalDateTime.of(2000, 2, 29, 12, 0, 0),
          LocalDateTime.of(1999, 12, 31, 23, 59, 59));
  private static final List<String> STATUSES =
      List.of("Open", "Shipped", "Cancelled", "open", "OPEN ", "Shipped ");
  private static final LocalDateTime EPOCH = LocalDateTime.of(2020, 1, 1, 0, 0, 0);

  private SampleData() {}

  static int customers(int n) {
    return Math.max(50, n / 40);
  }

  static int products(int n) {
    return Math.max(40, Math.min(2000, n / 500));
  }

  static int orders(int n) {
    return Math.max(60, n / 10);
  }

  static void populate(CaspioStore store, long seed, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("largestTableRows must be positive");
    }
    store.createTable(customersTable());
    store.createTable(productsTable());
    store.createTable(ordersTable());
    store.createTable(orderItemsTable());
    int customers = customers(n);
    int products = products(n);
    int orders = orders(n);
    String[] customerIds = customerIds(new Random(seed * 31 + 1), customers);
    store.load("Customers", rows(customers, customerRow(new Random(seed * 31 + 2), customerIds)));
    store.load("Products", rows(products, productRow(new Random(seed * 31 + 3))));
    store.load("Orders", rows(orders, orderRow(new Random(seed * 31 + 4), customerIds)));
    store.load("OrderItems", rows(n, itemRow(new Random(seed * 31 + 5), orders, products)));
    store.createView(
        ViewDef.of("OrderDetails", "Orders")
            .join("Customers", "Customer_ID", "Orders", "Customer_ID")
            .field("Orders", "Order_No")
            .field("Orders", "Order_Date")
            .field("Orders", "Status")
            .field("Orders", "Total")
            .field("Customers", "Name", "Customer_Name")
            .field("Customers", "City"));
    store.createView(
        ViewDef.of("OpenOrders", "Orders")
            .field("Orders", "Order_No")
            .field("Orders", "Customer_ID")
            .field("Orders", "Order_Date")
            .field("Orders", "Status")
            .field("Orders", "Total")
            .field("Orders", "Shipped")
            .where("Orders.Status = 'Open'"));
    files(store.files());
  }

  /**
   * The Files area: a text file and a small PNG (bytes that are not UTF-8, so a client that reads
   * them as text shows the damage) at the root, and two folders, one nested, with a file each.
   */
  static void files(FileArea area) {
    area.addText(FileArea.ROOT, "readme.txt", "Sample files of the caspio-jdbc emulator.\n");
    area.add(FileArea.ROOT, "logo.png", "image/png", SAMPLE_PNG.clone());
    FileArea.Folder invoices = area.addFolder(FileArea.ROOT, "Invoices");
    area.addText(invoices.externalKey(), "2024-001.csv", "Order_No,Total\n1,19.90\n");
    FileArea.Folder archive = area.addFolder(invoices.externalKey(), "Archive");
    area.addText(archive.externalKey(), "2023-999.csv", "Order_No,Total\n999,5.00\n");
    area.addFolder(FileArea.ROOT, "Images");
  }

  /** A 1x1 transparent PNG: the signature alone holds bytes 0x89 and 0x1A. */
  static final byte[] SAMPLE_PNG = {
    (byte) 0x89,
    'P',
    'N',
    'G',
    0x0D,
    0x0A,
    0x1A,
    0x0A,
    0,
    0,
    0,
    0x0D,
    'I',
    'H',
    'D',
    'R',
    0,
    0,
    0,
    1,
    0,
    0,
    0,
    1,
    8,
    6,
    0,
    0,
    0,
    0x1F,
    0x15,
    (byte) 0xC4,
    (byte) 0x89,
    0,
    0,
    0,
    0x0A,
    'I',
    'D',
    'A',
    'T',
    0x78,
    (byte) 0x9C,
    0x63,
    0,
    1,
    0,
    0,
    5,
    0,
    1,
    0x0D,
    0x0A,
    0x2D,
    (byte) 0xB4,
    0,
    0,
    0,
    0,
    'I',
    'E',
    'N',
    'D',
    (byte) 0xAE,
    0x42,
    0x60,
    (byte) 0x82
  };

  static TableDef customersTable() {
    return new TableDef(
        "Customers",
        "People and companies that buy from the shop",
        List.of(
            FieldDef.of("Customer_ID", RANDOM_ID).withGenerator("C", "0U", 8),
            FieldDef.of("Name", STRING).withLabel("Customer name", "Display name"),
            FieldDef.of("Email", STRING).withUnique(true),
            FieldDef.of("City", STRING),
            FieldDef.of("Notes", TEXT),
            FieldDef.of("Password", PASSWORD),
            FieldDef.of("Joined", DATE_TIME),
            FieldDef.of("Active", YES_NO),
            FieldDef.of("Credit_Limit", CURRENCY),
            FieldDef.of("Rating", NUMBER),
            FieldDef.list("Segments", LIST_STRING, "VIP", "Retail", "Wholesale", "Online"),
            FieldDef.of("Avatar", FILE),
            FieldDef.of("Member_Guid", GUID),
            FieldDef.of("Created", TIMESTAMP).withStamp(true, false, "UTC"),
            FieldDef.of("Updated", TIMESTAMP).withStamp(false, true, "Pacific Standard Time")));
  }

  static TableDef productsTable() {
    return new TableDef(
        "Products",
        "",
        List.of(
            FieldDef.of("Product_No", PREFIXED_AUTONUMBER).withGenerator("P-", "00001", 0),
            FieldDef.of("Name", STRING).withUnique(false),
            FieldDef.of("Category", STRING),
            FieldDef.of("Description", TEXT),
            FieldDef.of("Price", CURRENCY),
            FieldDef.of("Weight_Kg", NUMBER),
            FieldDef.of("Stock", INTEGER),
            FieldDef.of("In_Stock", YES_NO),
            FieldDef.list("Sizes", LIST_NUMBER, "36", "38", "40", "42", "44"),
            FieldDef.list(
                "Available_On",
                LIST_DATE_TIME,
                "2024-01-01T00:00:00",
                "2024-02-29T00:00:00",
                "2024-12-31T23:59:59"),
            FieldDef.of("Image", FILE),
            FieldDef.formula("Price_With_Tax", CURRENCY, "ROUND(Price * 1.2, 2)")));
  }

  static TableDef ordersTable() {
    return TableDef.of(
        "Orders",
        FieldDef.of("Order_No", AUTONUMBER),
        FieldDef.of("Customer_ID", STRING),
        FieldDef.of("Order_Date", DATE_TIME),
        FieldDef.of("Status", STRING),
        FieldDef.of("Shipped", YES_NO),
        FieldDef.of("Total", CURRENCY),
        FieldDef.of("Discount", NUMBER),
        FieldDef.of("Notes", TEXT),
        FieldDef.of("Created", TIMESTAMP).withStamp(true, false, ""));
  }

  static TableDef orderItemsTable() {
    return TableDef.of(
        "OrderItems",
        FieldDef.of("Order_No", INTEGER),
        FieldDef.of("Product_No", STRING),
        FieldDef.of("Quantity", INTEGER),
        FieldDef.of("Unit_Price", CURRENCY),
        FieldDef.formula("Line_Total", CURRENCY, "Quantity * Unit_Price"),
        FieldDef.of("Comment", STRING),
        FieldDef.of("Delivered_At", DATE_TIME));
  }

  private static String[] customerIds(Random r, int count) {
    Generators g = new Generators(r, java.time.Clock.systemUTC());
    FieldDef f = customersTable().fields().get(0);
    Set<String> seen = new HashSet<>();
    String[] out = new String[count];
    for (int i = 0; i < count; i++) {
      String id;
      do {
        id = g.randomId(f);
      } while (!seen.add(id));
      out[i] = id;
    }
    return out;
  }

  private static LongFunction<Object[]> customerRow(Random r, String[] ids) {
    return pk -> {
      int i = (int) pk - 1;
      boolean nulls = pk % 7 == 0;
      String name = NAMES.get(i % NAMES.size()) + (i < NAMES.size() ? "" : " " + pk);
      return new Object[] {
        pk,
        ids[i],
        name,
        nulls ? null : "user" + pk + "@example.com",
        nulls ? null : CITIES.get(r.nextInt(CITIES.size())),
        nulls ? null : pk % 3 == 0 ? "" : "Line one\nLine two of " + name,
        nulls ? null : Values.hashPassword("secret" + pk),
        nulls ? null : date(r, pk),
        r.nextBoolean(),
        nulls ? null : money(r, -500, 10_000),
        nulls ? null : Math.round((r.nextDouble() * 12 - 2) * 100) / 100.0,
        nulls ? null : pk % 4 == 0 ? "1,3" : Integer.toString(1 + r.nextInt(4)),
        nulls ? null : "/avatars/" + pk + ".png",
        new UUID(r.nextLong(), r.nextLong()).toString(),
        EPOCH.plusMinutes(pk * 37),
        pk % 5 == 0 ? EPOCH.plusDays(pk) : null
      };
    };
  }

  private static LongFunction<Object[]> productRow(Random r) {
    return pk -> {
      boolean nulls = pk % 7 == 0;
      return new Object[] {
        pk,
        Generators.prefixed(productsTable().fields().get(0), pk),
        (pk % 2 == 0 ? "Shirt " : "shirt_") + pk + (pk % 9 == 0 ? " 50% off" : ""),
        nulls ? null : List.of("Apparel", "apparel", "Tools", "Toys ", "Café").get((int) pk % 5),
        nulls ? null : "Description of product " + pk,
        money(r, 1, 500),
        nulls ? null : Math.round(r.nextDouble() * 5000) / 1000.0,
        nulls ? null : r.nextInt(200) - 10,
        r.nextBoolean(),
        nulls ? null : pk % 3 == 0 ? "1,2,5" : Integer.toString(1 + r.nextInt(5)),
        nulls ? null : Integer.toString(1 + r.nextInt(3)),
        nulls ? null : "/products/p" + pk + ".jpg"
      };
    };
  }

  private static LongFunction<Object[]> orderRow(Random r, String[] customerIds) {
    return pk -> {
      boolean nulls = pk % 7 == 0;
      return new Object[] {
        pk,
        (int) pk,
        customerIds[r.nextInt(customerIds.length)],
        nulls ? null : date(r, pk),
        STATUSES.get(r.nextInt(STATUSES.size())),
        r.nextBoolean(),
        nulls ? null : money(r, 0, 5_000),
        nulls ? null : (double) (r.nextInt(30) - 10),
        pk % 11 == 0 ? "Gift wrap ''please''" : "",
        EPOCH.plusMinutes(pk * 3)
      };
    };
  }

  private static LongFunction<Object[]> itemRow(Random r, int orders, int products) {
    return pk ->
        new Object[] {
          pk,
          1 + r.nextInt(orders),
          "P-" + String.format("%05d", 1 + r.nextInt(products)),
          pk % 50 == 0 ? -1 : 1 + r.nextInt(9),
          money(r, 1, 300),
          pk % 13 == 0 ? "fragile" : "",
          pk % 7 == 0 ? null : EPOCH.plusSeconds(pk * 61 + r.nextInt(86_400))
        };
  }

  private static LocalDateTime date(Random r, long pk) {
    if (pk % 7 == 1) {
      return TRICKY_DATES.get((int) (pk / 7) % TRICKY_DATES.size());
    }
    return EPOCH.plusSeconds(r.nextInt(5 * 365 * 86_400));
  }

  private static BigDecimal money(Random r, int min, int max) {
    long cents = min * 100L + (long) (r.nextDouble() * (max - min) * 100);
    return BigDecimal.valueOf(cents, 2);
  }

  private static Iterator<Object[]> rows(int count, LongFunction<Object[]> row) {
    return new Iterator<>() {
      private long next = 1;

      @Override
      public boolean hasNext() {
        return next <= count;
      }

      @Override
      public Object[] next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return row.apply(next++);
      }
    };
  }
}
