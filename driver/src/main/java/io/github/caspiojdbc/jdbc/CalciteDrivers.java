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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Owns the one {@link CalciteBridge} and keeps Calcite's driver out of {@link DriverManager}.
 *
 * <p>Calcite's {@code org.apache.calcite.jdbc.Driver} registers an instance of itself when its
 * class is initialised, which happens when the first {@link CalciteBridge} is created (on the first
 * connection, so that merely loading {@link CaspioDriver} loads no Calcite). If no instance of that
 * class was registered before (the shaded jar, or any class loader of its own, where Calcite is
 * private to us), the one that appeared is deregistered again, so that our driver leaves no {@code
 * jdbc:calcite:} driver behind. If one was already registered (Calcite on the user's own class
 * path, found by {@code DriverManager}'s service scan), it belongs to the user and stays.
 *
 * <p>This class must not extend or statically call into {@link CalciteBridge} before looking:
 * initialising {@link CalciteBridge} initialises Calcite's driver class.
 */
final class CalciteDrivers {
  private static final Logger LOG = Logger.getLogger(CalciteDrivers.class.getName());

  private CalciteDrivers() {}

  /** Created on first use. */
  private static final class Holder {
    static final CalciteBridge INSTANCE = create();
  }

  static CalciteBridge bridge() {
    return Holder.INSTANCE;
  }

  private static CalciteBridge create() {
    // A class literal does not initialise the class, so this looks before Calcite registers.
    boolean registeredBefore = !registered().isEmpty();
    CalciteBridge bridge = new CalciteBridge();
    if (!registeredBefore) {
      for (Driver d : registered()) {
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
  static List<Driver> registered() {
    return DriverManager.drivers()
        .filter(d -> d.getClass() == org.apache.calcite.jdbc.Driver.class)
        .toList();
  }
}
