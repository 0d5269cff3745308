/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.caspiojdbc.emulator.PathKind;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Items;
import io.github.caspiojdbc.jdbc.CaspioCallStats;
import io.github.caspiojdbc.rest.CallCounts;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The opt-in reply cache ({@code cacheTtl}): identical reads within the time to live send no call
 * and count as hits; a write through the driver drops the table's replies; other credentials never
 * see them; without the property nothing is cached.
 */
class ReplyCacheIT {
  @RegisterExtension
  static final EmulatorFixture fixture = EmulatorFixture.of(Items::driverFixture);

  private static long reads() {
    return fixture.calls(PathKind.RECORDS).stream().filter(c -> c.method().equals("GET")).count();
  }

  private static String count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      StringBuilder b = new StringBuilder();
      while (rs.next()) {
        b.append(rs.getString(1)).append(';');
      }
      return b.toString();
    }
  }

  @Test
  void identicalReads_areServedFromMemory_untilAWrite() throws SQLException {
    String sql = "SELECT COUNT(*) FROM Items";
    try (Connection c = fixture.connect("&cacheTtl=60");
        Connection other = fixture.connect("&cacheTtl=60");
        Statement s = c.createStatement();
        Statement o = other.createStatement()) {
      String first = count(s, sql);
      fixture.clear();
      assertEquals(first, count(s, sql));
      CallCounts hit = s.unwrap(CaspioCallStats.class).calls();
      assertEquals(0, reads(), "served from memory");
      assertEquals(0, hit.reads());
      assertEquals(1, hit.cacheHits());
      assertEquals(first, count(o, sql), "same credentials share the cache");
      assertEquals(0, reads());

      // A write through the driver, on another connection, drops the table's replies everywhere.
      o.executeUpdate("INSERT INTO Items (Name, Qty) VALUES ('cached', 1)");
      fixture.clear();
      String after = count(s, sql);
      assertEquals(1, reads(), "read again after the write");
      assertEquals(0, s.unwrap(CaspioCallStats.class).calls().cacheHits());
      assertEquals(
          Long.parseLong(first.replace(";", "")) + 1, Long.parseLong(after.replace(";", "")));
      o.executeUpdate("DELETE FROM Items WHERE Name = 'cached'");
      assertEquals(1, c.unwrap(CaspioCallStats.class).callsByTable().get("Items").cacheHits());
    }
  }

  @Test
  void anotherTokenIdentity_neverSeesTheReplies() throws SQLException {
    String sql = "SELECT COUNT(*) FROM Products";
    try (Connection c = fixture.connect("&cacheTtl=60");
        Statement s = c.createStatement()) {
      count(s, sql);
      // Another scope is another token, so another identity to the driver: its own cache.
      try (Connection d = fixture.connect("&cacheTtl=60&scope=reports");
          Statement t = d.createStatement()) {
        fixture.clear();
        count(t, sql);
        assertEquals(1, reads(), "not served from the first identity's cache");
        assertEquals(0, t.unwrap(CaspioCallStats.class).calls().cacheHits());
        fixture.clear();
        count(s, sql);
        assertEquals(0, reads(), "the first identity still hits its own");
      }
    }
  }

  @Test
  void withoutCacheTtl_everyReadIsSent() throws SQLException {
    String sql = "SELECT COUNT(*) FROM Orders";
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      count(s, sql);
      fixture.clear();
      count(s, sql);
      count(s, sql);
      assertEquals(2, reads());
      assertEquals(0, s.unwrap(CaspioCallStats.class).calls().cacheHits());
    }
  }
}
