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

import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.LogCapture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The driver behind an HTTP proxy started here on 127.0.0.1 ({@link ForwardProxy}): an explicit
 * proxy carries the token request and every API call, with Basic credentials when it asks for them;
 * nonProxyHosts bypasses it; without proxyHost the JVM's proxy selector decides.
 */
class ProxyIT {
  @RegisterExtension static final EmulatorFixture fixture = new EmulatorFixture();

  private static long orders(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from Orders")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Connection open(String extra, Properties more) throws SQLException {
    Properties p = EmulatorFixture.credentials();
    p.putAll(more);
    return DriverManager.getConnection(EmulatorFixture.url(fixture.emulator.port(), extra), p);
  }

  @Test
  void explicitProxy_carriesTheTokenRequestAndEveryCall() throws Exception {
    try (ForwardProxy proxy = new ForwardProxy(null, null);
        Connection c = open("&proxyHost=127.0.0.1&proxyPort=" + proxy.port(), new Properties())) {
      fixture.clear();
      assertTrue(orders(c) > 0);
      List<String> seen = proxy.requests();
      String origin = "http://127.0.0.1:" + fixture.emulator.port();
      assertTrue(
          seen.stream().anyMatch(r -> r.startsWith("POST " + origin + "/oauth/token ")),
          seen::toString);
      assertTrue(
          seen.stream().anyMatch(r -> r.startsWith("GET " + origin + "/integrations/rest/")),
          seen::toString);
    }
  }

  @Test
  void proxyWithBasicAuthentication_isAnsweredWithTheCredentials() throws Exception {
    Properties secret = new Properties();
    secret.setProperty("proxyPassword", "s3cret-proxy-pw");
    try (ForwardProxy proxy = new ForwardProxy("alice", "s3cret-proxy-pw");
        Connection c =
            open("&proxyHost=127.0.0.1&proxyPort=" + proxy.port() + "&proxyUser=alice", secret)) {
      assertTrue(orders(c) > 0);
      // Each connection is first refused with 407, then answered.
      assertTrue(proxy.requests().size() >= 2, proxy.requests()::toString);
    }
  }

  @Test
  void proxyCredentials_neverReachALog_atTheFinestLevel() throws Exception {
    String password = "s3cret-proxy-pw";
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString(
                ("alice:" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Properties secret = new Properties();
    secret.setProperty("proxyPassword", password);
    List<java.util.logging.LogRecord> records;
    try (LogCapture logs = new LogCapture("io.github.caspiojdbc", "org.apache.hc");
        ForwardProxy proxy = new ForwardProxy("alice", password)) {
      try (Connection c =
          open("&proxyHost=127.0.0.1&proxyPort=" + proxy.port() + "&proxyUser=alice", secret)) {
        assertTrue(orders(c) > 0);
        assertFalse(c.toString().contains(password), c::toString);
      }
      records = logs.records();
    }
    assertFalse(records.isEmpty());
    for (java.util.logging.LogRecord r : records) {
      StringBuilder b = new StringBuilder(String.valueOf(r.getMessage()));
      if (r.getParameters() != null) {
        for (Object p : r.getParameters()) {
          b.append(' ').append(p);
        }
      }
      String text = b.toString();
      assertFalse(
          text.contains(password) || text.contains(basic), () -> r.getLoggerName() + ": " + text);
    }
  }

  @Test
  void wrongProxyPassword_failsNamingTheProxy_withoutThePassword() throws Exception {
    Properties secret = new Properties();
    secret.setProperty("proxyPassword", "not-the-pw-4711");
    try (ForwardProxy proxy = new ForwardProxy("alice", "s3cret-proxy-pw")) {
      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  open(
                      "&proxyHost=127.0.0.1&proxyPort=" + proxy.port() + "&proxyUser=alice",
                      secret));
      assertTrue(e.getSQLState().startsWith("08") || e.getSQLState().startsWith("28"), e::toString);
      assertTrue(e.getMessage().contains("407") || e.getMessage().contains("proxy"), e::toString);
      assertFalse(e.toString().contains("not-the-pw-4711"), e::toString);
      assertFalse(e.toString().contains("s3cret-proxy-pw"), e::toString);
    }
  }

  @Test
  void nonProxyHosts_bypassTheProxy() throws Exception {
    try (ForwardProxy proxy = new ForwardProxy(null, null);
        Connection c =
            open(
                "&proxyHost=127.0.0.1&proxyPort=" + proxy.port() + "&nonProxyHosts=localhost|127.*",
                new Properties())) {
      assertTrue(orders(c) > 0);
      assertEquals(List.of(), proxy.requests());
    }
  }

  @Test
  void withoutProxyHost_theJvmProxySelectorDecides() throws Exception {
    ProxySelector before = ProxySelector.getDefault();
    try (ForwardProxy proxy = new ForwardProxy(null, null)) {
      ProxySelector.setDefault(
          new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
              return List.of(
                  new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.port())));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
          });
      try (Connection c = open("", new Properties())) {
        assertTrue(orders(c) > 0);
      }
      assertTrue(
          proxy.requests().stream().anyMatch(r -> r.contains("/integrations/rest/")),
          proxy.requests()::toString);
    } finally {
      ProxySelector.setDefault(before);
    }
  }

  @Test
  void proxySettings_needWhatTheyQualify() {
    Properties passwordOnly = new Properties();
    passwordOnly.setProperty("proxyPassword", "pw-without-user");
    for (String extra :
        List.of(
            "&proxyHost=127.0.0.1",
            "&proxyPort=3128",
            "&proxyUser=bob",
            "&nonProxyHosts=localhost",
            "&trustStoreType=PKCS12")) {
      SQLException e = assertThrows(SQLException.class, () -> open(extra, new Properties()));
      assertEquals("08001", e.getSQLState(), e::toString);
      assertTrue(e.getMessage().contains("needs"), e::getMessage);
    }
    SQLException e =
        assertThrows(
            SQLException.class, () -> open("&proxyHost=127.0.0.1&proxyPort=3128", passwordOnly));
    assertTrue(e.getMessage().contains("'proxyPassword' needs 'proxyUser'"), e::getMessage);
    assertFalse(e.toString().contains("pw-without-user"), e::toString);
  }

  @Test
  void proxyPassword_isRefusedInTheUrl() {
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                open(
                    "&proxyHost=127.0.0.1&proxyPort=3128&proxyUser=bob&proxyPassword=in-the-url",
                    new Properties()));
    assertEquals("08001", e.getSQLState(), e::toString);
    assertFalse(e.toString().contains("in-the-url"), e::toString);
  }
}
