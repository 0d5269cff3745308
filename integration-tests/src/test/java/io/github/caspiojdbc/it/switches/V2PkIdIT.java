/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.switches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.store.FieldDef;
import io.github.caspiojdbc.emulator.store.Switches;
import io.github.caspiojdbc.emulator.store.TableDef;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The driver reads v2 tables whole whether or not v2 puts {@code PK_ID} in {@code select *} rows
 * (caspio-api.md section 9 item 7, the {@link Switches.V2PkId} switch): a paged {@code SELECT *}
 * returns every row once, each with its key, under both answers. Before the driver named every
 * column on v2, {@code OMITTED} failed both reads ("a row without PK_ID").
 */
class V2PkIdIT {
  @RegisterExtension final EmulatorFixture fixture = EmulatorFixture.builder().perTest();

  @ParameterizedTest
  @EnumSource(Switches.V2PkId.class)
  void selectStar_pagedOnV2_everyRowOnceWithItsKey(Switches.V2PkId v2PkId) throws Exception {
    fixture.emulator.store().switches(Switches.STRICT.with(v2PkId));
    long expected = fixture.emulator.store().rowCount("OrderItems");
    Set<Long> keys = new HashSet<>();
    int rows = 0;
    try (Connection c = fixture.connect("&apiVersion=v2&pageSize=50");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM OrderItems")) {
      while (rs.next()) {
        rows++;
        long key = rs.getLong("PK_ID");
        assertTrue(!rs.wasNull() && key > 0, "row " + rows + " has no PK_ID");
        keys.add(key);
      }
    }
    assertEquals(expected, rows);
    assertEquals(expected, keys.size());
    assertTrue(fixture.records().size() > 1, "the read was paged: " + fixture.records().size());
    assertTrue(
        fixture.records().stream().allMatch(r -> r.path().startsWith("/rest/v2/")),
        "every read went to v2");
    // The driver names the key itself rather than trusting "*" to carry it.
    assertTrue(
        fixture.records().stream()
            .allMatch(r -> String.valueOf(r.queryParam("q.select")).contains("PK_ID")),
        fixture.records().toString());
  }

  @ParameterizedTest
  @EnumSource(Switches.V2PkId.class)
  void selectStar_oneRequestOnV2_keyIsNeverNull(Switches.V2PkId v2PkId) throws Exception {
    fixture.emulator.store().switches(Switches.STRICT.with(v2PkId));
    int rows = 0;
    try (Connection c = fixture.connect("&apiVersion=v2");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT * FROM OrderItems ORDER BY PK_ID FETCH FIRST 3 ROWS ONLY")) {
      while (rs.next()) {
        rows++;
        assertEquals(rows, rs.getLong("PK_ID"), "row " + rows);
      }
    }
    assertEquals(3, rows);
    assertEquals(1, fixture.records().size(), "one request: " + fixture.records());
  }

  /**
   * A table too wide for its column names to fit in one URI is read with {@code *}: the only
   * request that can be sent. Where v2 then leaves PK_ID out, the rows are refused as malformed
   * with a SQLException, never read with a null key.
   */
  @ParameterizedTest
  @EnumSource(Switches.V2PkId.class)
  void selectStar_tableTooWideToName_readWithStar(Switches.V2PkId v2PkId) throws Exception {
    List<FieldDef> fields = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      fields.add(
          FieldDef.of(
              String.format("A_rather_long_field_name_%02d", i),
              io.github.caspiojdbc.emulator.store.FieldType.STRING));
    }
    fixture.emulator.store().createTable(TableDef.of("WideV2", fields.toArray(FieldDef[]::new)));
    fixture.emulator.store().switches(Switches.STRICT.with(v2PkId));
    try (Connection c = fixture.connect("&apiVersion=v2");
        Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO WideV2 (A_rather_long_field_name_00) VALUES ('x')");
      fixture.clear();
      if (v2PkId == Switches.V2PkId.INCLUDED) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM WideV2")) {
          assertTrue(rs.next());
          assertEquals(1, rs.getLong("PK_ID"));
          assertEquals("x", rs.getString("A_rather_long_field_name_00"));
        }
      } else {
        SQLException e =
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM WideV2").next());
        assertTrue(e.getMessage().contains("PK_ID"), e.getMessage());
      }
    }
    assertTrue(
        fixture.records().stream()
            .allMatch(
                r -> "*".equals(r.queryParam("q.select")) || r.queryParam("q.select") == null),
        fixture.records().toString());
  }
}
