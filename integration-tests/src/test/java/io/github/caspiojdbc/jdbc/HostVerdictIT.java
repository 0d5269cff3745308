/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every spelling of a host gets one verdict, whether the URL is only parsed ({@code CaspioUrl}) or
 * a connection is opened (token URL rule, REST client): the three layers share one definition of
 * loopback. The emulator listens on every address, so each loopback spelling really reaches it. In
 * the package of the driver so that parsing alone can be asked.
 */
class HostVerdictIT {
  @RegisterExtension
  static final EmulatorFixture fixture =
      EmulatorFixture.of(
          () ->
              EmulatorFixture.builder()
                  .sampleData(7, 20)
                  .emulator(b -> b.bindAddress("::"))
                  .start());

  /**
   * {@code host} as written after {@code jdbc:caspio://}, the scheme it is used with, and whether
   * that combination is allowed. Plain HTTP is allowed exactly for loopback hosts.
   */
  @ParameterizedTest(name = "{0} useHttps={1}: {2}")
  @CsvSource({
    "127.0.0.1, false, allowed",
    "127.1.2.3, false, allowed",
    "127.255.255.254, false, allowed",
    "localhost, false, allowed",
    "LocalHost, false, allowed",
    "[::1], false, allowed",
    "[0:0:0:0:0:0:0:1], false, allowed",
    "[0000:0000:0000:0000:0000:0000:0000:0001], false, allowed",
    "[::ffff:127.0.0.1], false, allowed",
    "app.localhost, false, refused",
    "127.0.0.1.nip.io, false, refused",
    "10.0.0.1, false, refused",
    "[::2], false, refused",
    "c1abc.caspio.invalid, false, refused",
    "c1abc.caspio.invalid, true, allowed",
  })
  void host_sameVerdictAtParseAndConnect(String host, boolean https, String verdict)
      throws SQLException {
    boolean allowed = verdict.equals("allowed");
    boolean reachable = allowed && !https;
    String url =
        "jdbc:caspio://"
            + host
            + (reachable ? ":" + fixture.emulator.port() : "")
            + "?useHttps="
            + https
            + "&loginTimeout=5";
    Properties login = EmulatorFixture.credentials();

    SQLException atParse = parseError(url, login);
    assertEquals(allowed, atParse == null, () -> "parse of " + url + ": " + atParse);

    if (reachable) {
      try (Connection c = DriverManager.getConnection(url, login);
          ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM OrderItems")) {
        assertTrue(rs.next());
        assertTrue(rs.getInt(1) > 0);
      }
      return;
    }
    SQLException atConnect =
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url, login).close());
    if (allowed) {
      // Accepted settings fail only because nothing answers there, never as a settings refusal.
      assertEquals("08001", atConnect.getSQLState(), atConnect::getMessage);
      assertFalse(atConnect.getMessage().contains("useHttps"), atConnect::getMessage);
      assertFalse(atConnect.getMessage().contains("Invalid connection"), atConnect::getMessage);
    } else {
      assertEquals(atParse.getSQLState(), atConnect.getSQLState());
      assertEquals(atParse.getMessage(), atConnect.getMessage());
    }
  }

  /**
   * The token URL rule gives the same verdicts: plain HTTP to the token endpoint (which receives
   * the client secret) exactly for loopback hosts, whether parsed or used.
   */
  @ParameterizedTest(name = "tokenUrl host {0}: {1}")
  @CsvSource({
    "127.0.0.1, allowed",
    "127.1.2.3, allowed",
    "localhost, allowed",
    "[::1], allowed",
    "[0:0:0:0:0:0:0:1], allowed",
    "app.localhost, refused",
    "10.0.0.1, refused",
    "c1abc.caspio.invalid, refused",
  })
  void tokenUrlHost_sameVerdictAtParseAndConnect(String host, String verdict) throws SQLException {
    boolean allowed = verdict.equals("allowed");
    String url =
        "jdbc:caspio://127.0.0.1:"
            + fixture.emulator.port()
            + "?useHttps=false&loginTimeout=5&tokenUrl=http://"
            + host
            + ":"
            + fixture.emulator.port()
            + "/oauth/token";
    Properties login = EmulatorFixture.credentials();

    SQLException atParse = parseError(url, login);
    assertEquals(allowed, atParse == null, () -> "parse of " + url + ": " + atParse);
    if (allowed) {
      try (Connection c = DriverManager.getConnection(url, login)) {
        assertTrue(c.isValid(5));
      }
      return;
    }
    SQLException atConnect =
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url, login).close());
    assertEquals(atParse.getSQLState(), atConnect.getSQLState());
    assertEquals(atParse.getMessage(), atConnect.getMessage());
  }

  private static SQLException parseError(String url, Properties login) {
    try {
      CaspioUrl.parse(url, login);
      return null;
    } catch (SQLException e) {
      return e;
    }
  }
}
