/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.jdbcwrites;

import static io.github.caspiojdbc.it.support.EmulatorFixture.update;
import static io.github.caspiojdbc.it.support.Items.TABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Items;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Unicode SQL literals in INSERT, WHERE, UPDATE and DELETE. Calcite fixes its literal charset when
 * its classes first initialise; other ITs in this JVM use Calcite directly, so the driver runs here
 * in its own class loader, where it loads before any Calcite class, as in an application.
 */
class UnicodeLiteralsIT {

  @Test
  void unicodeLiterals_insertWhereUpdateDelete_roundTrip() throws Exception {
    String[] values = {"日本語", "Ærøskøbing", "emoji 😀", "Grüße", "a'b", "Ωμέγα"};
    try (EmulatorFixture f = Items.driverFixture();
        URLClassLoader loader = EmulatorFixture.isolatedLoader()) {
      Driver d =
          (Driver)
              Class.forName("io.github.caspiojdbc.jdbc.CaspioDriver", true, loader)
                  .getDeclaredConstructor()
                  .newInstance();
      try (Connection c = d.connect(f.url(), EmulatorFixture.credentials())) {
        for (String v : values) {
          String lit = v.replace("'", "''");
          assertEquals(
              1, update(c, "INSERT INTO " + TABLE + " (Name, Qty) VALUES ('" + lit + "', 1)"), v);
          try (Statement s = c.createStatement();
              ResultSet rs =
                  s.executeQuery("SELECT Name FROM " + TABLE + " WHERE Name = '" + lit + "'")) {
            assertTrue(rs.next(), v);
            assertEquals(v, rs.getString(1));
            assertFalse(rs.next());
          }
        }
        assertEquals(1, update(c, "UPDATE " + TABLE + " SET Qty = 2 WHERE Name = '日本語'"));
        assertEquals(1, update(c, "DELETE FROM " + TABLE + " WHERE Name = 'Grüße'"));
        try (Statement s = c.createStatement();
            ResultSet rs =
                s.executeQuery(
                    "SELECT COUNT(*) FROM "
                        + TABLE
                        + " WHERE Name IN ('日本語', 'Ωμέγα')"
                        + " AND Name <> 'x'")) {
          assertTrue(rs.next());
          assertEquals(2, rs.getInt(1));
        }
      }
      assertEquals(values.length - 1, f.rows());
    }
  }
}
