/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.jdbc;

import static io.github.caspiojdbc.it.support.EmulatorFixture.chain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every failure is an SQLException with the right subclass and SQLState, free of secrets. */
class ErrorsIT {
  @RegisterExtension static final EmulatorFixture fixture = new EmulatorFixture().clearingFaults();

  @Test
  void connect_wrongSecret_28000WithoutSecret() {
    String secret = "wrong-secret-" + System.nanoTime();
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                DriverManager.getConnection(
                    fixture.url("&maxRetries=0"), CaspioEmulator.DEFAULT_CLIENT_ID, secret));
    assertInstanceOf(SQLInvalidAuthorizationSpecException.class, e);
    assertEquals("28000", e.getSQLState());
    assertFalse(chain(e).contains(secret), chain(e));
  }

  @Test
  void connect_unreachableHost_08001() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                DriverManager.getConnection(
                    "jdbc:caspio://127.0.0.1:" + port + "?useHttps=false&maxRetries=0",
                    EmulatorFixture.credentials()));
    assertInstanceOf(SQLNonTransientConnectionException.class, e);
    assertEquals("08001", e.getSQLState());
  }

  @Test
  void connect_slowerThanLoginTimeout_08001() {
    fixture.emulator.faults().setLatency(Duration.ofSeconds(4));
    SQLException e =
        assertThrows(SQLException.class, () -> fixture.connect("&loginTimeout=1&maxRetries=0"));
    assertEquals("08001", e.getSQLState(), chain(e));
    assertTrue(e.getMessage().contains("loginTimeout"), e.getMessage());
  }

  @Test
  void connect_unknownUrlKey_08001NamesIt() {
    SQLException e = assertThrows(SQLException.class, () -> fixture.connect("&model=inline:{}"));
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("model"), e.getMessage());
  }

  @Test
  void query_missingTable_42S02() throws Exception {
    SQLException e = failing("SELECT * FROM NoSuchTable");
    assertInstanceOf(SQLSyntaxErrorException.class, e);
    assertEquals("42S02", e.getSQLState());
    assertTrue(e.getMessage().contains("NoSuchTable"), e.getMessage());
  }

  @Test
  void query_missingColumn_42S22() throws Exception {
    SQLException e = failing("SELECT NoSuchColumn FROM Customers");
    assertEquals("42S22", e.getSQLState());
  }

  @Test
  void query_badSyntax_42000() throws Exception {
    SQLException e = failing("SELEC * FROM Customers");
    assertInstanceOf(SQLSyntaxErrorException.class, e);
    assertEquals("42000", e.getSQLState());
  }

  @Test
  void unsupportedFeatures_0A000() throws Exception {
    try (Connection c = fixture.connect()) {
      SQLException e = assertThrows(SQLException.class, c::setSavepoint);
      assertInstanceOf(SQLFeatureNotSupportedException.class, e);
      assertEquals("0A000", e.getSQLState());
      assertEquals(
          "0A000", assertThrows(SQLException.class, () -> c.prepareCall("x")).getSQLState());
    }
  }

  @Test
  void queryTimeout_slowServer_HYT00() throws Exception {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      fixture.emulator.faults().setLatency(Duration.ofSeconds(3));
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> {
                try (ResultSet rs = s.executeQuery("SELECT * FROM OrderItems")) {
                  while (rs.next()) {
                    // drain
                  }
                }
              });
      assertInstanceOf(SQLTimeoutException.class, e, chain(e));
      assertEquals("HYT00", e.getSQLState());
      assertEquals(1, s.getQueryTimeout());
    }
  }

  @Test
  void cancel_fromOtherThread_57014() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    // Five pages fetched one at a time, each slow: the scan cannot end before cancel() is called.
    try (EmulatorFixture big =
            new EmulatorFixture(CaspioEmulator.builder().sampleData(5, 5000).build().start());
        Connection c = big.connect("&prefetch=0");
        Statement s = c.createStatement()) {
      big.emulator.faults().setLatency(Duration.ofMillis(700));
      CountDownLatch started = new CountDownLatch(1);
      Future<SQLException> f =
          pool.submit(
              () -> {
                try (ResultSet rs = s.executeQuery("SELECT * FROM OrderItems")) {
                  started.countDown();
                  while (rs.next()) {
                    // drain
                  }
                  return null;
                } catch (SQLException e) {
                  return e;
                } finally {
                  started.countDown();
                }
              });
      assertTrue(started.await(30, TimeUnit.SECONDS));
      s.cancel();
      SQLException e = f.get(30, TimeUnit.SECONDS);
      assertTrue(e != null, "the query ran to its end despite cancel()");
      assertEquals("57014", e.getSQLState(), chain(e));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void next_serverFailsMidScan_sqlExceptionWithState() throws Exception {
    try (EmulatorFixture big =
            new EmulatorFixture(CaspioEmulator.builder().sampleData(5, 5000).build().start());
        Connection c = big.connect("&prefetch=0&maxRetries=0");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM OrderItems")) {
      assertTrue(rs.next());
      big.emulator.faults().failNext(1000, 503, ".*OrderItems.*");
      Throwable t =
          assertThrows(
              Throwable.class,
              () -> {
                while (rs.next()) {
                  // page 1 is in hand; a later page fails
                }
              });
      // Avatica would let the adapter's RuntimeException escape from next() unwrapped.
      SQLException e = assertInstanceOf(SQLException.class, t);
      assertEquals("08S01", e.getSQLState(), chain(e));
      assertEquals(503, e.getErrorCode());
    }
  }

  @Test
  void useAfterClose_sqlException() throws Exception {
    Connection c = fixture.connect();
    c.close();
    c.close();
    assertTrue(c.isClosed());
    assertFalse(c.isValid(1));
    SQLException e = assertThrows(SQLException.class, c::createStatement);
    assertTrue(e.getSQLState().startsWith("08"), e.getSQLState());
  }

  private static SQLException failing(String sql) throws SQLException {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      return assertThrows(
          SQLException.class,
          () -> {
            try (ResultSet rs = s.executeQuery(sql)) {
              while (rs.next()) {
                // drain
              }
            }
          });
    }
  }
}
