/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The driver and its Calcite in a class loader of their own, the way tools load a driver jar, with
 * the thread's context class loader left pointing elsewhere (at another copy of Calcite).
 */
class IsolatedLoaderIT {
  @RegisterExtension static final EmulatorFixture fixture = new EmulatorFixture();

  @Test
  void isolatedDriver_queries_andLeavesNoCalciteDriverRegistered() throws Exception {
    try (URLClassLoader loader = EmulatorFixture.isolatedLoader()) {
      Class<?> driverClass = Class.forName("io.github.caspiojdbc.jdbc.CaspioDriver", true, loader);
      assertNotSame(io.github.caspiojdbc.jdbc.CaspioDriver.class, driverClass);
      Driver d = (Driver) driverClass.getDeclaredConstructor().newInstance();
      try (Connection c = d.connect(fixture.url(), EmulatorFixture.credentials());
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT Status, COUNT(*) AS n FROM Orders WHERE Total > 10 GROUP BY Status")) {
        int groups = 0;
        while (rs.next()) {
          groups++;
        }
        assertTrue(groups > 0);
      }
      // Calcite's driver class in this loader was initialised (and registered itself) during
      // connect; the driver must have taken that registration back.
      Class<?> owner = Class.forName("io.github.caspiojdbc.jdbc.CalciteDrivers", false, loader);
      Method drivers = owner.getDeclaredMethod("registered");
      drivers.setAccessible(true);
      assertEquals(List.of(), drivers.invoke(null));
    }
  }
}
