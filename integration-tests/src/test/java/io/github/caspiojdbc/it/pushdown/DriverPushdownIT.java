/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.pushdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Rows;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pushdown settings that arrive through the JDBC URL. */
class DriverPushdownIT {

  @RegisterExtension
  static final EmulatorFixture fixture =
      EmulatorFixture.of(() -> EmulatorFixture.builder().sampleData(3, 1000).start());

  private static final CaspioEmulator emulator = fixture.emulator;

  private static Connection connect(String extra) throws Exception {
    return fixture.connect(extra);
  }

  private static List<LoggedCall> records() {
    return fixture.records();
  }

  private static int count(Connection c, String sql) throws Exception {
    int n = 0;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        n++;
      }
    }
    return n;
  }

  @Test
  void pageSizeProperty_setsRowsPerRequest() throws Exception {
    try (Connection c = connect("&pageSize=50")) {
      count(c, "select count(*) from Customers");
      emulator.clearLog();
      assertEquals(1000, count(c, "select PK_ID from OrderItems"));
      List<LoggedCall> calls = records();
      assertEquals(20, calls.size(), "1000 rows in pages of 50");
      for (LoggedCall call : calls) {
        // v4 (the emulator's default account has it) names it without the q. of v3.
        assertEquals("50", call.queryParam("pageSize"));
      }
    }
  }

  @Test
  void prefetch_readsKeyRangesInParallel_withExactRows() throws Exception {
    try (Connection serial = connect("&pageSize=50&prefetch=0");
        Connection parallel = connect("&pageSize=50&prefetch=4")) {
      List<String> a = Rows.lines(serial, "select * from OrderItems");
      List<String> b = Rows.lines(parallel, "select * from OrderItems");
      assertEquals(a, b, "same rows in the same key order");
      assertTrue(a.size() == 1000);
    }
  }
}
