/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.pushdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.emulator.store.FieldDef;
import io.github.caspiojdbc.emulator.store.FieldType;
import io.github.caspiojdbc.emulator.store.TableDef;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The escape hatch {@code TABLE(caspio_where(table, condition))} through the driver: Caspio's own
 * condition goes into the request as given, SQL conditions on the result are pushed beside it, and
 * conditions that are more than one expression never leave the driver.
 */
class RawWhereIT {
  @RegisterExtension static final EmulatorFixture fixture = new EmulatorFixture();

  private static Connection conn;

  @BeforeAll
  static void open() throws Exception {
    conn = fixture.connect();
    Rows.lines(conn, "select count(*) from Orders"); // fields loaded
  }

  @AfterAll
  static void close() throws Exception {
    conn.close();
  }

  @BeforeEach
  void clear() {
    fixture.clear();
  }

  private static List<String> records() {
    return fixture.emulator.log().entries().stream()
        .filter(c -> c.path().contains("/records"))
        .map(c -> String.valueOf(c.query()))
        .toList();
  }

  @Test
  void condition_goesIntoTheRequest_andCaspioDecides_caseAndTrailingBlanksIgnored()
      throws Exception {
    List<String> raw =
        Rows.lines(
            conn,
            "select PK_ID, Status, Total from table(caspio_where('Orders',"
                + " 'Status = ''Open'' AND Total > 100')) order by PK_ID");
    List<String> requests = records();
    // Caspio's comparison, not SQL's: 'open' and 'OPEN ' match too (SQL Server's collation).
    List<String> sql =
        Rows.lines(
            conn,
            "select PK_ID, Status, Total from Orders where upper(trim(trailing ' ' from Status))"
                + " = 'OPEN' and Total > 100 order by PK_ID");
    assertFalse(raw.isEmpty());
    assertEquals(sql, raw);
    assertEquals(1, requests.size(), requests::toString);
    assertTrue(requests.get(0).contains("Status = 'Open' AND Total > 100"), requests::toString);
  }

  @Test
  void sqlConditions_arePushedBesideIt() throws Exception {
    List<String> rows =
        Rows.lines(
            conn,
            "select PK_ID from table(caspio_where('orders', 'LEN(Status) = 4'))"
                + " where PK_ID <= 40 order by PK_ID");
    List<String> requests = records();
    List<String> sql =
        Rows.lines(
            conn,
            "select PK_ID from Orders where char_length(Status) = 4 and PK_ID <= 40 order by"
                + " PK_ID");
    assertEquals(sql, rows);
    assertEquals(1, requests.size(), requests::toString);
    assertTrue(requests.get(0).contains("LEN(Status) = 4"), requests::toString);
    assertTrue(requests.get(0).contains("PK_ID <= 40"), requests::toString);
  }

  @Test
  void twoReadsWithTheSameCondition_onTablesOfTheSameShape_stayApart() throws Exception {
    // Two tables of the same fields under one condition are still two reads, never one taken for
    // both (the read's terms name the object, CaspioTableScan).
    try (CaspioEmulator twins =
            EmulatorFixture.builder()
                .empty()
                .table(TableDef.of("Lefts", FieldDef.of("Name", FieldType.STRING)))
                .table(TableDef.of("Rights", FieldDef.of("Name", FieldType.STRING)))
                .startEmulator();
        Connection c = EmulatorFixture.connect(twins.port(), "")) {
      twins.store().load("Lefts", List.<Object[]>of(new Object[] {1L, "left one"}).iterator());
      twins.store().load("Rights", List.<Object[]>of(new Object[] {1L, "right one"}).iterator());
      List<String> rows =
          Rows.lines(
              c,
              "select l.Name, r.Name from table(caspio_where('Lefts', 'PK_ID > 0')) l"
                  + " join table(caspio_where('Rights', 'PK_ID > 0')) r on l.PK_ID = r.PK_ID");
      assertEquals(List.of("left one | right one"), rows);
    }
  }

  @Test
  void explain_showsTheCondition() throws Exception {
    String plan =
        String.join(
            "\n",
            Rows.lines(
                conn,
                "explain plan for select * from table(caspio_where('Orders', 'Total > 100'))"));
    // v4 names the parameter "where", v3 "q.where".
    assertTrue(plan.contains("where=Total > 100"), plan);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "Total > 1; DELETE FROM Orders",
        "Total > 1 -- and the rest",
        "Total > 1 /* hidden */",
        "(Total > 1",
        "Total > 1)",
        "Status = 'Open",
        " ",
      })
  void conditionsThatAreNotOneExpression_areRefusedBeforeAnyCall(String condition) {
    String literal = condition.replace("'", "''");
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                Rows.lines(conn, "select * from table(caspio_where('Orders', '" + literal + "'))"));
    assertEquals("42000", e.getSQLState(), e::toString);
    assertTrue(e.getMessage().contains("caspio_where"), e::getMessage);
    List<LoggedCall> calls = fixture.emulator.log().entries();
    assertEquals(List.of(), calls);
  }

  @Test
  void conditionBeyondTheUriLimit_isRefusedBeforeAnyCall() {
    String longCondition = "PK_ID > 0" + " OR PK_ID = 7".repeat(200);
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                Rows.lines(
                    conn, "select * from table(caspio_where('Orders', '" + longCondition + "'))"));
    assertEquals("0A000", e.getSQLState(), e::toString);
    assertEquals(List.of(), records());
  }

  @Test
  void unknownTable_is42S02() {
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> Rows.lines(conn, "select * from table(caspio_where('Nope', 'PK_ID > 1'))"));
    assertEquals("42S02", e.getSQLState(), e::toString);
  }
}
