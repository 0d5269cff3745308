/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.jdbc.CaspioDriver;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The driver through {@link DriverManager}: registration, connect, a first query. */
class DriverBasicsIT {
  @RegisterExtension static final EmulatorFixture fixture = new EmulatorFixture();

  @Test
  void driverManager_caspioUrl_findsOurDriver() throws Exception {
    Driver d = DriverManager.getDriver(fixture.url());
    assertInstanceOf(CaspioDriver.class, d);
    assertTrue(d.acceptsURL("jdbc:caspio://x.caspio.com"));
    assertFalse(d.acceptsURL("jdbc:calcite:"));
    assertFalse(d.acceptsURL("jdbc:caspio-calcite:"));
    assertNull(d.connect("jdbc:h2:mem:x", EmulatorFixture.credentials()));
  }

  @Test
  void connect_thenCount_returnsSampleRows() throws Exception {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM Customers")) {
      assertTrue(rs.next());
      assertEquals(50, rs.getInt(1));
      assertFalse(rs.next());
      assertEquals("caspio", c.getSchema());
      assertTrue(c.getAutoCommit());
    }
  }

  @Test
  void connect_calciteDriver_notLeftRegistered() throws Exception {
    try (Connection c = fixture.connect()) {
      assertTrue(c.isValid(5));
      List<String> names = DriverManager.drivers().map(d -> d.getClass().getName()).toList();
      assertTrue(names.contains(CaspioDriver.class.getName()), names.toString());
      // calcite-core is on this test's class path, so its own service entry registers it; what
      // must not appear is a second, internal registration.
      long calcite = names.stream().filter("org.apache.calcite.jdbc.Driver"::equals).count();
      assertTrue(calcite <= 1, names.toString());
      assertFalse(names.stream().anyMatch(n -> n.endsWith("CalciteBridge")), names.toString());
    }
  }
}
