/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.github.caspiojdbc.it.support.EmulatorFixture.millisSince;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.emulator.PathKind;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Rows;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** S1-S4: transport security and secrets that never leak. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecurityIT {
  private static final Pattern BEARER = Pattern.compile("Bearer\\s+(\\S+)");
  private static final Pattern TOKEN_JSON =
      Pattern.compile("\"(?:access_token|refresh_token)\"\\s*:\\s*\"([^\"]+)\"");

  /** Every driver, HttpClient and Calcite record, at the finest level. */
  private static final class Capture extends Handler {
    final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void publish(LogRecord r) {
      String name = String.valueOf(r.getLoggerName());
      if (name.startsWith("io.github.caspiojdbc.emulator")
          || name.startsWith("wiremock")
          || name.startsWith("com.github.tomakehurst")) {
        return; // the test servers' own logs are not the driver's
      }
      StringBuilder b = new StringBuilder(name).append(": ").append(r.getMessage());
      if (r.getParameters() != null) {
        for (Object p : r.getParameters()) {
          b.append(" | ").append(p);
        }
      }
      for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
        b.append(" | ").append(t);
      }
      lines.add(b.toString());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Test
  void s01_finestLoggingThroughASessionWithFailures_leaksNoSecretTokenOrAuthorization()
      throws Exception {
    List<Logger> keep = new ArrayList<>();
    Capture capture = new Capture();
    capture.setLevel(Level.ALL);
    Logger root = Logger.getLogger("");
    Level rootLevel = root.getLevel();
    for (String name :
        List.of("", "io.github.caspiojdbc", "org.apache.hc", "org.apache.calcite", "org.apache")) {
      Logger l = Logger.getLogger(name);
      l.setLevel(Level.ALL);
      keep.add(l);
    }
    root.addHandler(capture);
    List<String> seen = new ArrayList<>();
    try (CaspioEmulator emulator = EmulatorFixture.builder().startEmulator();
        FaultProxy proxy = new FaultProxy(emulator)) {
      Properties p = EmulatorFixture.credentials();
      Driver driver = DriverManager.getDriver(EmulatorFixture.url(proxy.port(), ""));
      for (DriverPropertyInfo info :
          driver.getPropertyInfo(EmulatorFixture.url(proxy.port(), ""), p)) {
        seen.add(info.name + "=" + info.value + " " + info.description);
      }
      try (Connection c = DriverManager.getConnection(EmulatorFixture.url(proxy.port(), ""), p)) {
        seen.add(c.toString());
        seen.add(String.valueOf(c.getClientInfo()));
        seen.add(c.getMetaData().getURL() + " " + c.getMetaData().getUserName());
        try (Statement s = c.createStatement()) {
          seen.add(s.toString());
          try (ResultSet rs = s.executeQuery("SELECT * FROM Customers")) {
            seen.add(rs.toString());
            Rows.of(rs);
          }
          emulator.expireAccessTokens(); // next call: 401, renewal
          Rows.of(c, "SELECT * FROM Orders");
          emulator.faults().failNext(10, 500, "/records");
          collect(
              seen, assertThrows(SQLException.class, () -> Rows.of(c, "SELECT * FROM Products")));
          emulator.faults().clear();
          emulator.faults().failNext(1, 401, "/records");
          emulator.faults().failNext(1, 401, "/records");
          collect(
              seen, assertThrows(SQLException.class, () -> Rows.of(c, "SELECT * FROM Products")));
          emulator.faults().clear();
          collect(
              seen,
              assertThrows(SQLException.class, () -> s.executeQuery("SELECT nope FROM Orders")));
          for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
            collect(seen, w);
          }
        }
        for (SQLWarning w = c.getWarnings(); w != null; w = w.getNextWarning()) {
          collect(seen, w);
        }
      }
      Properties bad = EmulatorFixture.credentials();
      bad.setProperty("password", CaspioEmulator.DEFAULT_CLIENT_SECRET + "-wrong");
      collect(
          seen,
          assertThrows(
              SQLException.class,
              () ->
                  DriverManager.getConnection(EmulatorFixture.url(proxy.port(), ""), bad).close()));

      Set<String> secrets = new HashSet<>();
      secrets.add(CaspioEmulator.DEFAULT_CLIENT_SECRET);
      for (ServeEvent e : proxy.served()) {
        String auth = e.getRequest().getHeader("Authorization");
        if (auth != null) {
          secrets.add(auth);
          Matcher m = BEARER.matcher(auth);
          if (m.find()) {
            secrets.add(m.group(1));
          }
        }
        Matcher m = TOKEN_JSON.matcher(String.valueOf(e.getResponse().getBodyAsString()));
        while (m.find()) {
          secrets.add(m.group(1));
        }
      }
      assertTrue(secrets.size() >= 3, "the session used at least two tokens: " + secrets.size());
      assertTrue(emulator.log().calls(PathKind.TOKEN) >= 2);
      assertTrue(capture.lines.size() > 20, "finest logging was captured: " + capture.lines.size());
      List<String> all = new ArrayList<>(seen);
      synchronized (capture) {
        all.addAll(capture.lines);
      }
      for (String line : all) {
        for (String secret : secrets) {
          assertFalse(line.contains(secret), "leaked in: " + line);
        }
        assertFalse(line.matches("(?s).*Authorization:\\s*(Bearer|Basic)\\s+\\S{8,}.*"), line);
      }
    } finally {
      root.removeHandler(capture);
      for (Logger l : keep) {
        l.setLevel(null);
      }
      root.setLevel(rootLevel);
    }
  }

  private static void collect(List<String> seen, Throwable t) {
    for (; t != null; t = t.getCause()) {
      seen.add(t.toString());
      seen.add(String.valueOf(t.getMessage()));
    }
  }

  @Test
  void s02_secretInUrl_isRefusedWithoutEchoingIt() {
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                DriverManager.getConnection(
                        "jdbc:caspio://127.0.0.1:1?useHttps=false&clientSecret=url-secret-987",
                        new Properties())
                    .close());
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(t.toString().contains("url-secret-987"), t.toString());
    }
  }

  @Test
  void s02_unknownOrClassNameUrlParameter_isRefusedBeforeAnySocket() throws Exception {
    try (ServerSocket account = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      for (String extra :
          List.of("&socketFactory=com.example.Evil", "&loggerFile=/tmp/caspio-evil.log")) {
        SQLException e =
            assertThrows(
                SQLException.class,
                () -> EmulatorFixture.connect(account.getLocalPort(), extra).close());
        assertEquals("08001", e.getSQLState(), e.toString());
      }
      assertNoConnection(account);
      assertFalse(new java.io.File("/tmp/caspio-evil.log").exists());
    }
  }

  @Test
  void s02_tokenUrlOnAForeignHostOverHttp_isRefusedBeforeAnySocketOpens() throws Exception {
    try (ServerSocket account = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      long t0 = System.nanoTime();
      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  EmulatorFixture.connect(
                          account.getLocalPort(), "&tokenUrl=http://token.example.com/oauth/token")
                      .close());
      assertTrue(millisSince(t0) < 1000);
      assertTrue(e.getMessage().contains("tokenUrl"), e.getMessage());
      assertNoConnection(account);
    }
  }

  @Test
  void s03_plainHttpToANonLoopbackHost_isRefusedBeforeAnySocket() {
    long t0 = System.nanoTime();
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                DriverManager.getConnection(
                        "jdbc:caspio://c0abc123.caspio.com?useHttps=false",
                        EmulatorFixture.credentials())
                    .close());
    assertTrue(millisSince(t0) < 1000);
    assertTrue(e.getMessage().contains("useHttps"), e.getMessage());
  }

  @Test
  void s03_untrustedCertificate_isRefusedBeforeCredentialsAreSent() {
    try (CaspioEmulator emulator =
        EmulatorFixture.builder().emulator(b -> b.httpsPort(0)).startEmulator()) {
      long t0 = System.nanoTime();
      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  DriverManager.getConnection(
                          "jdbc:caspio://127.0.0.1:" + emulator.httpsPort(),
                          EmulatorFixture.credentials())
                      .close());
      assertEquals("08001", e.getSQLState(), e.toString());
      assertTrue(millisSince(t0) < 3000, "handshake failures are final");
      assertEquals(0, emulator.log().totalCalls(), "no request, so no credentials, was sent");
    }
  }

  @Test
  void s04_crossHostRedirectOfAPage_isRefusedAndTheTokenNeverLeavesTheHost() throws Exception {
    try (CaspioEmulator emulator = EmulatorFixture.builder().startEmulator();
        FaultProxy proxy = new FaultProxy(emulator);
        ServerSocket other = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Connection c = EmulatorFixture.connect(proxy.port(), "")) {
      Rows.of(c, "SELECT COUNT(*) FROM Customers");
      proxy.server.resetRequests();
      proxy.always(
          FaultProxy.page("Customers", 1),
          aResponse()
              .withStatus(302)
              .withHeader(
                  "Location", "http://localhost:" + other.getLocalPort() + "/steal/records"));
      SQLException e =
          assertThrows(SQLException.class, () -> Rows.of(c, "SELECT * FROM Customers"));
      assertTrue(e.getMessage().contains("redirect"), e.getMessage());
      assertEquals(1, proxy.records(), "a redirect is final");
      assertNoConnection(other);
    }
  }

  @Test
  void s04_crossHostRedirectOfTheTokenRequest_isRefusedBeforeCredentialsAreSent() throws Exception {
    try (CaspioEmulator emulator = EmulatorFixture.builder().startEmulator();
        FaultProxy proxy = new FaultProxy(emulator);
        ServerSocket other = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      proxy.always(
          post("/oauth/token"),
          aResponse()
              .withStatus(307)
              .withHeader("Location", "http://localhost:" + other.getLocalPort() + "/oauth/token"));
      SQLException e =
          assertThrows(SQLException.class, () -> EmulatorFixture.connect(proxy.port(), "").close());
      assertEquals(1, proxy.tokens(), e.toString());
      assertNoConnection(other);
    }
  }

  private static void assertNoConnection(ServerSocket s) throws Exception {
    s.setSoTimeout(300);
    assertThrows(SocketTimeoutException.class, () -> s.accept().close(), "a socket was opened");
  }
}
