/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.caspiojdbc.auth.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plans a connection keeps by SQL text ({@link PlanCache}), through Calcite connections with
 * {@link CaspioPrepare} over a fake API. Planning is counted by Calcite's parse hook, which runs
 * once per statement actually parsed and planned.
 */
class PlanCacheTest {
  private static final String QTY = "select name from products where qty >= 20";

  private final MutableClock clock = new MutableClock();
  private final List<Connection> opened = new ArrayList<>();
  private final AtomicInteger parses = new AtomicInteger();
  private FakeCaspioApi api;
  private Hook.Closeable parseHook;

  @BeforeEach
  void setUp() {
    api = new FakeCaspioApi();
    List<Map<String, Object>> data = new ArrayList<>();
    for (long i = 1; i <= 3; i++) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("PK_ID", i);
      r.put("Name", "N" + i);
      r.put("Qty", i * 10);
      data.add(r);
    }
    api.table(
        "Products",
        List.of(FakeCaspioApi.field("Name", "STRING"), FakeCaspioApi.field("Qty", "INTEGER")),
        data);
    parseHook = Hook.PARSE_TREE.<Object[]>addThread(tree -> parses.incrementAndGet());
  }

  @AfterEach
  void tearDown() throws SQLException {
    parseHook.close();
    for (Connection c : opened) {
      c.close();
    }
  }

  /** A connection like the driver's, keeping up to {@code size} plans. */
  private Connection connect(int size) throws SQLException {
    Properties p = new Properties();
    p.setProperty("quoting", "DOUBLE_QUOTE");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("quotedCasing", "UNCHANGED");
    p.setProperty("caseSensitive", "false");
    Connection c =
        new org.apache.calcite.jdbc.Driver()
            .withPrepareFactory(CaspioPrepare::new)
            .connect("jdbc:calcite:", p);
    opened.add(c);
    CalciteConnection cc = c.unwrap(CalciteConnection.class);
    cc.getRootSchema().add("caspio", CaspioSchema.create(api, Duration.ofMinutes(5), clock, size));
    cc.setSchema("caspio");
    return c;
  }

  private static PlanCache plans(Connection c) throws SQLException {
    return c.unwrap(CalciteConnection.class)
        .getRootSchema()
        .subSchemas()
        .get("caspio")
        .unwrap(CaspioSchema.class)
        .plans();
  }

  @Test
  void sameText_onANewStatement_isNotParsedAgain_andReadsAgain() throws SQLException {
    Connection c = connect(100);
    List<List<Object>> first = ResultRows.of(c, QTY);
    List<List<Object>> second = ResultRows.of(c, QTY);

    assertEquals(1, parses.get());
    assertEquals(1, plans(c).hits());
    assertEquals(first, second);
    assertEquals(List.of(List.of("N1"), List.of("N2"), List.of("N3")), first);
    assertEquals(2, api.queries.size(), "each execution sends its request");
    assertEquals(api.queries.get(0), api.queries.get(1));
  }

  @Test
  void sameText_inANewPreparedStatement_isNotParsedAgain() throws SQLException {
    Connection c = connect(100);
    String sql = "select name from products where qty >= ?";
    List<List<Object>> results = new ArrayList<>();
    for (int min : new int[] {20, 30}) {
      try (PreparedStatement p = c.prepareStatement(sql)) {
        p.setInt(1, min);
        try (ResultSet rs = p.executeQuery()) {
          results.add(ResultRows.of(rs).stream().flatMap(List::stream).toList());
        }
      }
    }

    assertEquals(1, parses.get());
    assertEquals(2, api.queries.size());
    assertEquals("Qty >= 20", api.queries.get(0).where());
    assertEquals("Qty >= 30", api.queries.get(1).where(), "the second execution's parameter");
  }

  @Test
  void differentTexts_areEachParsed() throws SQLException {
    Connection c = connect(100);
    ResultRows.of(c, QTY);
    ResultRows.of(c, QTY.replace(" where", "  where"));
    ResultRows.of(c, QTY.toUpperCase(java.util.Locale.ROOT));

    assertEquals(3, parses.get());
    assertEquals(0, plans(c).hits());
    assertEquals(3, plans(c).size());
  }

  @Test
  void twoConnections_doNotShare() throws SQLException {
    Connection a = connect(100);
    Connection b = connect(100);
    ResultRows.of(a, QTY);
    ResultRows.of(b, QTY);
    ResultRows.of(a, QTY);
    ResultRows.of(b, QTY);

    assertEquals(2, parses.get());
    assertEquals(1, plans(a).hits());
    assertEquals(1, plans(b).hits());
  }

  @Test
  void tableListLoadedAgain_plansAgain_withTheNewFields() throws SQLException {
    Connection c = connect(100);
    String sql = "select * from products";
    assertEquals(3, ResultRows.of(c, sql).get(0).size());
    ResultRows.of(c, sql);
    assertEquals(1, parses.get());

    api.tables.put(
        "Products",
        List.of(
            FakeCaspioApi.field("Name", "STRING"),
            FakeCaspioApi.field("Qty", "INTEGER"),
            FakeCaspioApi.field("Note", "STRING")));
    for (Map<String, Object> r : api.rows.get("Products")) {
      r.put("Note", "n");
    }
    assertEquals(3, ResultRows.of(c, sql).get(0).size(), "the table list is still the cached one");
    assertEquals(1, parses.get());

    ResultRows.of(c, QTY);
    assertEquals(2, plans(c).size());

    clock.advance(Duration.ofMinutes(6));
    List<List<Object>> after = ResultRows.of(c, sql);
    assertEquals(3, parses.get(), "the expired table list invalidates the plan");
    assertEquals(1, plans(c).size(), "the plan of QTY, made against the old list, is dropped too");
    assertEquals(List.of(1L, "N1", 10, "n"), after.get(0));
    ResultRows.of(c, sql);
    assertEquals(3, parses.get(), "kept again for the new table list");
  }

  @Test
  void newTable_afterTheListIsLoadedAgain_isPlanned() throws SQLException {
    Connection c = connect(100);
    ResultRows.of(c, QTY);
    api.table("Extra", List.of(FakeCaspioApi.field("Name", "STRING")), List.of());
    clock.advance(Duration.ofMinutes(6));
    assertEquals(List.of(), ResultRows.of(c, "select name from extra"));
    ResultRows.of(c, QTY);
    assertEquals(3, parses.get(), "the old plan of QTY was made against the old list");
  }

  @Test
  void leastRecentlyUsed_isDroppedBeyondTheSize() throws SQLException {
    Connection c = connect(2);
    String a = "select name from products";
    String b = "select qty from products";
    String d = "select pk_id from products";
    ResultRows.of(c, a);
    ResultRows.of(c, b);
    ResultRows.of(c, a); // a is now the most recently used
    ResultRows.of(c, d); // drops b
    assertEquals(3, parses.get());
    assertEquals(2, plans(c).size());

    ResultRows.of(c, a);
    assertEquals(3, parses.get(), "a was kept");
    ResultRows.of(c, b);
    assertEquals(4, parses.get(), "b was dropped");
  }

  @Test
  void sizeZero_plansEveryStatement() throws SQLException {
    Connection c = connect(0);
    List<List<Object>> first = ResultRows.of(c, QTY);
    List<List<Object>> second = ResultRows.of(c, QTY);

    assertEquals(2, parses.get());
    assertEquals(0, plans(c).size());
    assertEquals(first, second);
  }

  @Test
  void explain_isPlannedEveryTime() throws SQLException {
    Connection c = connect(100);
    String sql = "explain plan for " + QTY;
    String first = ResultRows.of(c, sql).get(0).get(0).toString();
    String second = ResultRows.of(c, sql).get(0).get(0).toString();

    assertEquals(2, parses.get(), "its text is made while planning, with call estimates");
    assertEquals(first, second);
    assertEquals(0, plans(c).size());
  }

  @Test
  void defaultSchema_isPartOfTheKey() throws SQLException {
    Connection c = connect(100);
    c.unwrap(CalciteConnection.class).getRootSchema().add("other", new OneRowSchema());
    String sql = "select * from products";
    List<List<Object>> caspio = ResultRows.of(c, sql);
    c.setSchema("other");
    List<List<Object>> other = ResultRows.of(c, sql);
    c.setSchema("caspio");
    List<List<Object>> again = ResultRows.of(c, sql);

    assertEquals(List.of(List.of("other")), other);
    assertNotEquals(caspio, other);
    assertEquals(caspio, again);
    assertEquals(2, parses.get());
  }

  @Test
  void localFilters_areAnnouncedOnEveryUse() throws SQLException {
    Connection c = connect(100);
    String sql = "select name from products where name = '" + "x".repeat(2500) + "' or qty = 10";
    List<List<LocalFilters.LocalFilter>> seen = new ArrayList<>();
    LocalFilters.Watch watch = LocalFilters.watch(seen::add);
    try {
      ResultRows.of(c, sql);
      ResultRows.of(c, sql);
    } finally {
      watch.close();
    }

    assertEquals(1, parses.get());
    assertEquals(2, seen.size());
    assertEquals(1, seen.get(0).size(), () -> "local filters: " + seen);
    assertEquals(seen.get(0), seen.get(1));
  }

  /** A schema with one table, {@code products}, of one row, unlike the account's. */
  private static final class OneRowSchema extends AbstractSchema {
    @Override
    protected Map<String, Table> getTableMap() {
      return Map.of("products", new OneRowTable());
    }
  }

  /** One VARCHAR column, one row. */
  private static final class OneRowTable extends AbstractTable implements ScannableTable {
    @Override
    public RelDataType getRowType(RelDataTypeFactory types) {
      return types.builder().add("WHAT", SqlTypeName.VARCHAR).build();
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      return Linq4j.asEnumerable(List.<Object[]>of(new Object[] {"other"}));
    }
  }
}
