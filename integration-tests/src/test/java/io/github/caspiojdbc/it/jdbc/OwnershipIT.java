/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Leftovers;
import io.github.caspiojdbc.it.support.Rows;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Every thread and socket the driver makes belongs to something that closes it: a BI server that
 * opens and drops a thousand connections keeps none of them. Threads are found by the driver's name
 * prefix, sockets in the kernel's tables by the emulator's port (both ends are in this JVM).
 */
class OwnershipIT {
  private static final int CONNECTIONS = 1000;

  @Test
  void thousandConnectionsOpenedAndClosed_leaveNoThreadAndNoSocket() throws Exception {
    try (CaspioEmulator emulator = EmulatorFixture.builder().startEmulator()) {
      int port = emulator.port();
      for (int i = 0; i < CONNECTIONS; i++) {
        try (Connection c = EmulatorFixture.connect(port, "&loginTimeout=30")) {
          if (i % 100 == 0) {
            // Now and then the paths that start threads: a prefetching read, isValid, a deadline.
            try (Statement s = c.createStatement()) {
              s.setQueryTimeout(30);
              assertTrue(Rows.of(s.executeQuery("SELECT * FROM Orders")).count() > 0);
            }
            assertTrue(c.isValid(5));
            assertTrue(Leftovers.openSockets(port) > 0, "the probe sees an open connection");
          }
        }
      }
      assertTrue(
          Leftovers.within(20, () -> Leftovers.driverThreads().isEmpty()),
          () -> "driver threads left: " + Leftovers.driverThreads());
      assertTrue(
          Leftovers.within(20, () -> Leftovers.openSockets(port) == 0),
          () -> "sockets left open: " + count(port));
      // One token for all of them: the shared token cache outlived every single connection.
      assertEquals(1, emulator.log().tokenRequests());
    }
  }

  private static String count(int port) {
    try {
      return String.valueOf(Leftovers.openSockets(port));
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
