/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.jdbc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.LogCapture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No client secret or access token in any log record (java.util.logging at ALL), exception message,
 * {@code toString()} or property info, across a session that connects, queries, reads metadata and
 * fails in several ways.
 */
class SecretsIT {
  // Declared and ordered first: the capture must be on before the fixture's emulator starts.
  @RegisterExtension
  @Order(1)
  static final LogCapture logs = new LogCapture("io.github.caspiojdbc");

  @RegisterExtension
  @Order(2)
  static final EmulatorFixture fixture = new EmulatorFixture();

  private static String fetchToken() throws Exception {
    String form =
        "grant_type=client_credentials&client_id="
            + URLEncoder.encode(CaspioEmulator.DEFAULT_CLIENT_ID, StandardCharsets.UTF_8)
            + "&client_secret="
            + URLEncoder.encode(CaspioEmulator.DEFAULT_CLIENT_SECRET, StandardCharsets.UTF_8);
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(fixture.emulator.tokenUrl()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(r.body()).get("access_token").asText();
  }

  @Test
  void session_neverRevealsSecrets() throws Exception {
    String token = fetchToken();
    List<String> secrets = List.of(CaspioEmulator.DEFAULT_CLIENT_SECRET, token);
    List<String> seen = new ArrayList<>();

    try (Connection c = fixture.connect()) {
      seen.add(c.toString());
      DatabaseMetaData md = c.getMetaData();
      seen.add(md.getURL());
      seen.add(String.valueOf(md.getUserName()));
      try (ResultSet rs = md.getColumns(null, null, "%", null)) {
        while (rs.next()) {
          seen.add(rs.getString("REMARKS"));
        }
      }
      try (Statement s = c.createStatement()) {
        seen.add(s.toString());
        try (ResultSet rs = s.executeQuery("SELECT * FROM Customers")) {
          seen.add(rs.toString());
          while (rs.next()) {
            // read everything
          }
        }
        seen.add(describe(assertThrows(SQLException.class, () -> s.executeQuery("SELEC 1"))));
        seen.add(
            describe(assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM X"))));
      }
    }

    Properties byToken = new Properties();
    byToken.setProperty("accessToken", token);
    try (Connection c = DriverManager.getConnection(fixture.url(), byToken);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM Orders")) {
      assertTrue(rs.next());
      seen.add(c.toString());
    }

    Properties wrong = EmulatorFixture.credentials();
    wrong.setProperty("password", CaspioEmulator.DEFAULT_CLIENT_SECRET + "-not");
    seen.add(
        describe(
            assertThrows(
                SQLException.class,
                () -> DriverManager.getConnection(fixture.url("&maxRetries=0"), wrong))));
    seen.add(
        describe(
            assertThrows(
                SQLException.class,
                () ->
                    DriverManager.getConnection(
                        fixture.url("&clientSecret=" + CaspioEmulator.DEFAULT_CLIENT_SECRET),
                        new Properties()))));

    Driver d = DriverManager.getDriver(fixture.url());
    Properties info = EmulatorFixture.credentials();
    info.setProperty("accessToken", token);
    for (DriverPropertyInfo p : d.getPropertyInfo(fixture.url(), info)) {
      seen.add(p.name + "=" + p.value + " " + p.description);
    }

    List<LogRecord> records = logs.records();
    assertFalse(records.isEmpty(), "nothing was logged, so the check below proves nothing");
    for (LogRecord r : records) {
      seen.add(describe(r));
    }
    for (String text : seen) {
      assertNotNull(secrets);
      for (String secret : secrets) {
        assertFalse(
            text != null && text.contains(secret),
            "secret found in: " + (text == null ? "" : text.replace(secret, "<SECRET>")));
      }
    }
  }

  private static String describe(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  private static String describe(LogRecord r) {
    StringBuilder b = new StringBuilder(r.getLoggerName() + " " + r.getMessage());
    if (r.getParameters() != null) {
      for (Object p : r.getParameters()) {
        b.append(' ').append(p);
      }
    }
    if (r.getThrown() != null) {
      b.append(' ').append(describe(r.getThrown()));
    }
    return b.toString();
  }
}
