/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS as a corporate network sees it, against emulators serving HTTPS with certificates made here
 * ({@link TestCertificates}): a trust store makes a private certificate trusted, also through a
 * CONNECT proxy; a certificate for another host name, an expired one and an untrusted one each fail
 * with 08001 and a message that names the cause.
 */
class TlsIT {
  @TempDir static Path dir;

  private static CaspioEmulator valid;
  private static CaspioEmulator expired;
  private static Path trustValid;
  private static Path trustExpired;

  @BeforeAll
  static void start() throws Exception {
    Path validStore = TestCertificates.server(dir, "valid", false);
    Path expiredStore = TestCertificates.server(dir, "expired", true);
    trustValid = TestCertificates.trusting(dir, validStore);
    trustExpired = TestCertificates.trusting(dir, expiredStore);
    valid =
        EmulatorFixture.builder()
            .emulator(b -> b.httpsPort(0).httpsKeystore(validStore, TestCertificates.PASSWORD))
            .startEmulator();
    expired =
        EmulatorFixture.builder()
            .emulator(b -> b.httpsPort(0).httpsKeystore(expiredStore, TestCertificates.PASSWORD))
            .startEmulator();
  }

  @AfterAll
  static void stop() {
    valid.close();
    expired.close();
  }

  private static Connection open(String host, CaspioEmulator e, Path trust, String extra)
      throws SQLException {
    Properties p = EmulatorFixture.credentials();
    if (trust != null) {
      p.setProperty("trustStore", trust.toString());
      p.setProperty("trustStorePassword", TestCertificates.PASSWORD);
      p.setProperty("trustStoreType", "PKCS12");
    }
    return DriverManager.getConnection(
        "jdbc:caspio://" + host + ":" + e.httpsPort() + "?loginTimeout=20" + extra, p);
  }

  private static long orders(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from Orders")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void trustStore_makesAPrivateCertificateTrusted() throws Exception {
    try (Connection c = open("localhost", valid, trustValid, "")) {
      assertTrue(orders(c) > 0);
    }
  }

  @Test
  void trustStore_throughAConnectProxy() throws Exception {
    try (ForwardProxy proxy = new ForwardProxy(null, null);
        Connection c =
            open(
                "localhost", valid, trustValid, "&proxyHost=127.0.0.1&proxyPort=" + proxy.port())) {
      assertTrue(orders(c) > 0);
      assertTrue(
          proxy.requests().stream().anyMatch(r -> r.startsWith("CONNECT localhost:")),
          proxy.requests()::toString);
    }
  }

  @Test
  void certificateForAnotherHost_failsNamingTheHostNameCheck() {
    SQLException e =
        assertThrows(SQLException.class, () -> open("127.0.0.1", valid, trustValid, ""));
    assertEquals("08001", e.getSQLState(), e::toString);
    assertTrue(e.getMessage().contains("not for this host name"), e::getMessage);
  }

  @Test
  void expiredCertificate_failsSayingSo() {
    SQLException e =
        assertThrows(SQLException.class, () -> open("localhost", expired, trustExpired, ""));
    assertEquals("08001", e.getSQLState(), e::toString);
    assertTrue(e.getMessage().contains("has expired"), e::getMessage);
  }

  @Test
  void untrustedCertificate_failsPointingAtTrustStore() {
    SQLException e = assertThrows(SQLException.class, () -> open("localhost", valid, null, ""));
    assertEquals("08001", e.getSQLState(), e::toString);
    assertTrue(e.getMessage().contains("trustStore"), e::getMessage);
  }

  @Test
  void unreadableTrustStore_failsNamingIt_withoutItsPassword() throws Exception {
    Path garbage = Files.writeString(dir.resolve("garbage.p12"), "not a key store");
    SQLException e = assertThrows(SQLException.class, () -> open("localhost", valid, garbage, ""));
    assertEquals("08001", e.getSQLState(), e::toString);
    assertTrue(e.getMessage().contains("garbage.p12"), e::getMessage);
    assertFalse(e.toString().contains(TestCertificates.PASSWORD), e::toString);
    SQLException missing =
        assertThrows(
            SQLException.class, () -> open("localhost", valid, dir.resolve("none.p12"), ""));
    assertEquals("08001", missing.getSQLState(), missing::toString);
    assertTrue(missing.getMessage().contains("none.p12"), missing::getMessage);
  }
}
