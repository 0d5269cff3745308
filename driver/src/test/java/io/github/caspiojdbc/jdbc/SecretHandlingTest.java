/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import static io.github.caspiojdbc.jdbc.CaspioUrlTest.HOST;
import static io.github.caspiojdbc.jdbc.CaspioUrlTest.SECRET;
import static io.github.caspiojdbc.jdbc.CaspioUrlTest.TOKEN;
import static io.github.caspiojdbc.jdbc.CaspioUrlTest.assertSecretsAbsent;
import static io.github.caspiojdbc.jdbc.CaspioUrlTest.login;
import static io.github.caspiojdbc.jdbc.CaspioUrlTest.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Secrets never show up in {@code toString()}, exception messages or logs. */
class SecretHandlingTest {

  @Test
  void toString_clientCredentialsAndRefreshToken_redacted() throws SQLException {
    CaspioConfig c =
        CaspioUrl.parse(HOST + "?user=my-client", props("password", SECRET, "refreshToken", TOKEN));
    String text = c.toString();
    assertSecretsAbsent(text);
    assertTrue(text.contains("clientId=my-client"), text);
    assertTrue(text.contains("clientSecret=" + CaspioConfig.REDACTED), text);
    assertTrue(text.contains("refreshToken=" + CaspioConfig.REDACTED), text);
    assertTrue(text.contains("accessToken=null"), text);
  }

  @Test
  void toString_accessToken_redacted() throws SQLException {
    CaspioConfig c = CaspioUrl.parse(HOST, props("accessToken", TOKEN));
    assertSecretsAbsent(c.toString());
    assertTrue(c.toString().contains("accessToken=" + CaspioConfig.REDACTED));
    // The record still carries the real values for the token manager.
    assertEquals(TOKEN, c.accessToken());
  }

  static Stream<Arguments> secretBearingMistakes() {
    String split = SECRET.substring(0, 6) + "/" + SECRET.substring(6);
    return Stream.of(
        Arguments.of("jdbc:caspio://id:" + SECRET + "@c1.caspio.com", null),
        Arguments.of("jdbc:caspio://id:" + split + "@c1.caspio.com", null),
        Arguments.of("jdbc:caspio://" + SECRET + "@c1.caspio.com?pageSize=5", null),
        Arguments.of(HOST + "?password=" + SECRET, props("user", "a")),
        Arguments.of(HOST + "?password=%ZZ" + SECRET, props("user", "a")),
        Arguments.of(HOST + "?clientSecret=" + SECRET + "&clientSecret=" + SECRET, null),
        Arguments.of(HOST + "?accessToken=" + TOKEN, null),
        Arguments.of(HOST + "?pageSize=5&" + SECRET, login()),
        Arguments.of(HOST, props("user", "a", "password", SECRET, "clientSecret", TOKEN)),
        Arguments.of(HOST, props("user", "a", "password", "\u0001" + SECRET)),
        Arguments.of(HOST, props("user", "a", "password", SECRET + " ")),
        Arguments.of(HOST, props("accessToken", TOKEN, "password", SECRET)),
        Arguments.of(HOST, props("accessToken", TOKEN + "\n")),
        Arguments.of(HOST, props("accessToken", TOKEN, "refreshToken", SECRET)),
        Arguments.of(HOST + "?useHttps=false", login("accessToken", TOKEN)),
        Arguments.of(HOST + "?pageSize=0", login("refreshToken", TOKEN)));
  }

  @ParameterizedTest
  @MethodSource("secretBearingMistakes")
  void parse_secretBearingMistake_noSecretInAnyMessageOfTheChain(String url, Properties info) {
    SQLException e = assertThrows(SQLException.class, () -> CaspioUrl.parse(url, info));
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertNotNull(t.getMessage());
      assertSecretsAbsent(t.getMessage());
      assertSecretsAbsent(t.toString());
    }
  }

  @Test
  void parse_ignoredProperties_loggedAtFineByKeyOnly() throws SQLException {
    Logger logger = Logger.getLogger(CaspioUrl.class.getName());
    List<LogRecord> records = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    handler.setLevel(Level.ALL);
    Level previous = logger.getLevel();
    logger.setLevel(Level.ALL);
    logger.addHandler(handler);
    try {
      Properties info = login("dbtable", SECRET, "model", TOKEN);
      info.put("fetchsize", 100);
      CaspioUrl.parse(HOST, info);
    } finally {
      logger.removeHandler(handler);
      logger.setLevel(previous);
    }
    List<String> messages = new ArrayList<>();
    for (LogRecord r : records) {
      assertEquals(Level.FINE, r.getLevel());
      String message = r.getMessage();
      messages.add(message);
      assertSecretsAbsent(message);
    }
    assertTrue(
        messages.stream().anyMatch(m -> m.contains("unknown connection property 'dbtable'")),
        messages::toString);
    assertTrue(
        messages.stream().anyMatch(m -> m.contains("Calcite/Avatica connection property 'model'")),
        messages::toString);
    assertTrue(messages.stream().anyMatch(m -> m.contains("not a String")), messages::toString);
  }
}
