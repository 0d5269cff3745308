/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The driver class without a server: registration, URL acceptance, versions. */
class CaspioDriverTest {
  private final CaspioDriver driver = new CaspioDriver();

  @Test
  void loadingTheClass_registersWithDriverManager() throws SQLException {
    assertInstanceOf(CaspioDriver.class, DriverManager.getDriver("jdbc:caspio://a.caspio.com"));
  }

  @Test
  void acceptsURL_onlyOurPrefix_neverThrows() {
    assertTrue(driver.acceptsURL("jdbc:caspio://c1abc.caspio.com"));
    assertTrue(driver.acceptsURL("jdbc:caspio:garbage"));
    assertFalse(driver.acceptsURL("jdbc:calcite:"));
    assertFalse(driver.acceptsURL(CalciteBridge.PREFIX));
    assertFalse(driver.acceptsURL(""));
    assertFalse(driver.acceptsURL(null));
  }

  @Test
  void connect_foreignUrl_null() throws SQLException {
    assertNull(driver.connect("jdbc:h2:mem:x", new Properties()));
    assertNull(driver.connect(null, null));
  }

  @Test
  void connect_badUrl_08001BeforeAnyNetwork() {
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> driver.connect("jdbc:caspio://a.caspio.com?model=x", new Properties()));
    assertEquals("08001", e.getSQLState());
  }

  @Test
  void versionAndLogger() {
    assertFalse(driver.jdbcCompliant());
    assertEquals("io.github.caspiojdbc", driver.getParentLogger().getName());
    assertTrue(driver.getMajorVersion() >= 0 && driver.getMinorVersion() >= 0);
    assertEquals(CaspioProperty.values().length, driver.getPropertyInfo(null, null).length);
  }

  @ParameterizedTest
  @CsvSource({"0.1.0-SNAPSHOT, 0, 1", "1.2.3, 1, 2", "unknown, 0, 0", "7, 7, 0", "2-beta, 2, 0"})
  void driverInfoPart_parsesLeadingNumbers(String version, int major, int minor) {
    assertEquals(major, DriverInfo.part(version, 0));
    assertEquals(minor, DriverInfo.part(version, 1));
  }
}
