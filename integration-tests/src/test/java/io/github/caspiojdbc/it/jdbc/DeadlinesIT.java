/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.jdbc;

import static io.github.caspiojdbc.it.support.EmulatorFixture.chain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Timeouts bound the whole operation: the query timeout includes loading the metadata the statement
 * needs, and DriverManager's login timeout bounds connect when the URL sets none. The bounds are
 * generous liveness bounds, far below what the operation took without them.
 */
class DeadlinesIT {
  @RegisterExtension static final EmulatorFixture fixture = new EmulatorFixture();

  @Test
  void queryTimeout_coldFieldListOnSlowServer_HYT00WithinTimeout() throws Exception {
    // v3: a v4 connection gets every field list with the table list, so none is ever cold.
    try (Connection c = fixture.connect("&maxRetries=0&apiVersion=v3");
        Statement s = c.createStatement()) {
      // Connecting loaded the table list only: the field list of Customers is cold.
      fixture.emulator.faults().delayNext(5, Duration.ofSeconds(15), ".*/fields.*");
      s.setQueryTimeout(2);
      long t0 = System.nanoTime();
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> {
                try (ResultSet rs = s.executeQuery("select Name from Customers")) {
                  while (rs.next()) {
                    // drain
                  }
                }
              });
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals("HYT00", e.getSQLState(), () -> chain(e));
      assertTrue(ms < 10_000, "the 2 s query timeout ended after " + ms + " ms");
    } finally {
      fixture.emulator.faults().clear();
    }
  }

  @Test
  void queryTimeoutProperty_prepareWithColdFieldList_HYT00WithinTimeout() throws Exception {
    try (Connection c = fixture.connect("&maxRetries=0&queryTimeout=2&apiVersion=v3")) {
      fixture.emulator.faults().delayNext(5, Duration.ofSeconds(15), ".*/fields.*");
      long t0 = System.nanoTime();
      SQLException e =
          assertThrows(SQLException.class, () -> c.prepareStatement("select Status from Orders"));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals("HYT00", e.getSQLState(), () -> chain(e));
      assertTrue(ms < 10_000, "preparing with queryTimeout=2 ended after " + ms + " ms");
    } finally {
      fixture.emulator.faults().clear();
    }
  }

  @Test
  void driverManagerLoginTimeout_silentServer_08001WithinIt() throws Exception {
    List<Socket> held = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept()); // accepted, never answered
                  }
                } catch (Exception closed) {
                  // the test is over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      DriverManager.setLoginTimeout(2);
      long t0 = System.nanoTime();
      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  DriverManager.getConnection(
                          "jdbc:caspio://127.0.0.1:" + silent.getLocalPort() + "?useHttps=false",
                          EmulatorFixture.credentials())
                      .close());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals("08001", e.getSQLState(), () -> chain(e));
      assertTrue(ms < 10_000, "connect with a 2 s login timeout ended after " + ms + " ms");
    } finally {
      DriverManager.setLoginTimeout(0);
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
