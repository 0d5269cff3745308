/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * Calcite's driver with our prefix, version and {@link CaspioMeta}, used only in-process to build
 * the Calcite connection behind a {@link CaspioConnection}; it is never registered with {@link
 * DriverManager}, and it is handed only properties chosen by this driver, never the user's.
 *
 * <p>Calcite's {@code org.apache.calcite.jdbc.Driver} registers an instance of itself when its
 * class is initialised, which first happens here. If no such instance was registered before (the
 * shaded jar, where Calcite is private to us), the one that appeared is deregistered again, so that
 * loading our driver leaves no {@code jdbc:calcite:} driver behind. If Calcite's driver was already
 * registered (Calcite on the user's class path, loaded by {@code DriverManager}'s service scan), it
 * belongs to the user and stays.
 */
final class CalciteBridge extends org.apache.calcite.jdbc.Driver {
  private static final Logger LOG = Logger.getLogger(CalciteBridge.class.getName());

  /** Internal prefix; never accepted by {@link CaspioDriver}. */
  static final String PREFIX = "jdbc:caspio-calcite:";

  /** Created on first use, so that loading {@link CaspioDriver} does not load Calcite. */
  private static final class Holder {
    static final CalciteBridge INSTANCE = create();
  }

  private CalciteBridge() {}

  static CalciteBridge instance() {
    return Holder.INSTANCE;
  }

  private static CalciteBridge create() {
    // A class literal does not initialise the class, so this looks before Calcite registers.
    boolean registeredBefore = !calciteDrivers().isEmpty();
    CalciteBridge bridge = new CalciteBridge();
    if (!registeredBefore) {
      for (Driver d : calciteDrivers()) {
        try {
          DriverManager.deregisterDriver(d);
        } catch (SQLException | SecurityException e) {
          LOG.log(Level.FINE, "Could not deregister the internal Calcite driver", e);
        }
      }
    }
    return bridge;
  }

  /** Registered instances of exactly Calcite's driver class as this class loader sees it. */
  static List<Driver> calciteDrivers() {
    return DriverManager.drivers()
        .filter(d -> d.getClass() == org.apache.calcite.jdbc.Driver.class)
        .toList();
  }

  @Override
  protected String getConnectStringPrefix() {
    return PREFIX;
  }

  @Override
  protected DriverVersion createDriverVersion() {
    return new DriverVersion(
        DriverInfo.NAME,
        DriverInfo.VERSION,
        "Caspio",
        "",
        false,
        DriverInfo.MAJOR,
        DriverInfo.MINOR,
        0,
        0);
  }

  @Override
  public Meta createMeta(AvaticaConnection connection) {
    return new CaspioMeta(super.createMeta(connection), connection);
  }

  /** A new Calcite connection with exactly {@code calciteProperties}. */
  CalciteConnection open(Properties calciteProperties) throws SQLException {
    return (CalciteConnection) connect(PREFIX, calciteProperties);
  }
}
