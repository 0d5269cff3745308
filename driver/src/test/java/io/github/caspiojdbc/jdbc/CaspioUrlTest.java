/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.auth.ClientAuthentication;
import io.github.caspiojdbc.jdbc.CaspioConfig.AuthMode;
import io.github.caspiojdbc.rest.ApiVersion;
import java.net.URI;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The URL grammar and the merge of URL and Properties, one table row per input. */
class CaspioUrlTest {
  /** Client secret used by most rows; no message may ever contain it. */
  static final String SECRET = "S3cr3t-Value-9f8e7d";

  /** Access token used by some rows; no message may ever contain it. */
  static final String TOKEN = "Tok3n-Value-+/abc";

  static final String HOST = "jdbc:caspio://c1abc123.caspio.com";

  private static final String URL_ERROR = "08001";
  private static final String BAD_VALUE = "22023";

  /** {@code user}/{@code password} login, the way tools pass it, plus extra pairs. */
  static Properties login(String... extra) {
    Properties p = props("user", "my-client", "password", SECRET);
    for (int i = 0; i < extra.length; i += 2) {
      p.setProperty(extra[i], extra[i + 1]);
    }
    return p;
  }

  static Properties props(String... pairs) {
    Properties p = new Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      p.setProperty(pairs[i], pairs[i + 1]);
    }
    return p;
  }

  private static Arguments bad(String url, Properties info, String state, String fragment) {
    return Arguments.of(url, info, state, fragment);
  }

  static Stream<Arguments> invalidInputs() {
    Properties login = login();
    return Stream.of(
        // Prefix and overall shape.
        bad(null, login, URL_ERROR, "URL is null"),
        bad("jdbc:mysql://c1abc123.caspio.com", login, URL_ERROR, "Not a Caspio URL"),
        bad("JDBC:CASPIO://c1abc123.caspio.com", login, URL_ERROR, "Not a Caspio URL"),
        bad("jdbc:caspio:", login, URL_ERROR, "Malformed Caspio URL"),
        bad("jdbc:caspio:c1abc123.caspio.com", login, URL_ERROR, "Malformed Caspio URL"),
        bad("jdbc:caspio:/c1abc123.caspio.com", login, URL_ERROR, "Malformed Caspio URL"),
        bad(HOST + "/integrations/rest/v3", login, URL_ERROR, "must not have a path"),
        bad(HOST + "#top", login, URL_ERROR, "fragment"),
        // Host.
        bad("jdbc:caspio://", login, URL_ERROR, "has no host"),
        bad("jdbc:caspio://:443", login, URL_ERROR, "has no host"),
        bad("jdbc:caspio://?pageSize=10", login, URL_ERROR, "has no host"),
        bad("jdbc:caspio://bad_host.caspio.com", login, URL_ERROR, "not a valid host name"),
        bad("jdbc:caspio://-c1.caspio.com", login, URL_ERROR, "not a valid host name"),
        bad("jdbc:caspio://c1..caspio.com", login, URL_ERROR, "not a valid host name"),
        bad("jdbc:caspio://c1%41.caspio.com", login, URL_ERROR, "not a valid host name"),
        bad("jdbc:caspio://256.1.1.1", login, URL_ERROR, "not an IPv4 address"),
        bad("jdbc:caspio://10.0.0", login, URL_ERROR, "not an IPv4 address"),
        bad("jdbc:caspio://010.0.0.1", login, URL_ERROR, "not an IPv4 address"),
        // Port.
        bad(HOST + ":", login, URL_ERROR, "empty port"),
        bad(HOST + ":0", login, URL_ERROR, "port '0'"),
        bad(HOST + ":65536", login, URL_ERROR, "port '65536'"),
        bad(HOST + ":-1", login, URL_ERROR, "port '-1'"),
        bad(HOST + ":https", login, URL_ERROR, "port 'https'"),
        bad(HOST + ":4433333", login, URL_ERROR, "expected 1 to 65535"),
        // IPv6.
        bad("jdbc:caspio://::1", login, URL_ERROR, "not in brackets"),
        bad("jdbc:caspio://[::1", login, URL_ERROR, "closing ']'"),
        bad("jdbc:caspio://[::g]", login, URL_ERROR, "invalid IPv6 address"),
        bad("jdbc:caspio://[1:2:3:4:5:6:7:8:9]", login, URL_ERROR, "invalid IPv6 address"),
        bad("jdbc:caspio://[fe80::1%25eth0]", login, URL_ERROR, "invalid IPv6 address"),
        bad("jdbc:caspio://[localhost]", login, URL_ERROR, "invalid IPv6 address"),
        bad("jdbc:caspio://[::1]8080", login, URL_ERROR, "unexpected text after the IPv6"),
        // User information: refused, with a hint, never echoed.
        bad("jdbc:caspio://my-client:" + SECRET + "@c1.caspio.com", login, URL_ERROR, "password'"),
        bad("jdbc:caspio://my-client@c1.caspio.com", login, URL_ERROR, "user information"),
        bad("jdbc:caspio://id:" + SECRET + "/x@c1.caspio.com", login, URL_ERROR, "user informa"),
        bad("jdbc:caspio://id:" + SECRET + "?x@c1.caspio.com", login, URL_ERROR, "user informa"),
        bad("jdbc:caspio://id:" + SECRET + "#@c1.caspio.com", login, URL_ERROR, "user informa"),
        // Query syntax.
        bad(HOST + "?pageSize", login, URL_ERROR, "#1 of the Caspio URL is not of the form"),
        bad(HOST + "?pageSize=10&" + SECRET, login, URL_ERROR, "#2 of the Caspio URL is not"),
        bad(HOST + "?pageSize=10&", login, URL_ERROR, "#2 of the Caspio URL is not"),
        bad(HOST + "?=5", login, URL_ERROR, "has an empty name"),
        bad(HOST + "?page%ZZ=5", login, URL_ERROR, "invalid percent-escape in its name"),
        bad(HOST + "?foo=1", login, URL_ERROR, "Unknown URL parameter 'foo'"),
        bad(HOST + "?pagesize=10", login, URL_ERROR, "did you mean 'pageSize'"),
        bad(HOST + "?USER=me", login, URL_ERROR, "did you mean 'user'"),
        bad(HOST + "?pageSize=10&pageSize=10", login, URL_ERROR, "'pageSize' is given more"),
        bad(HOST + "?user=a&clientId=a&user=a", login, URL_ERROR, "'user' is given more"),
        bad(HOST + "?pageSize=", login, BAD_VALUE, "'pageSize' has an empty value"),
        bad(HOST + "?pageSize=%ZZ", login, BAD_VALUE, "'pageSize' has an invalid percent"),
        bad(HOST + "?pageSize=%4", login, BAD_VALUE, "'pageSize' has an invalid percent"),
        bad(HOST + "?scope=%C3%28", login, BAD_VALUE, "'scope' has an invalid percent"),
        // Calcite and Avatica properties: refused in the URL.
        bad(HOST + "?model=/tmp/evil.json", login, URL_ERROR, "'model' is an Apache Calcite"),
        bad(HOST + "?schemaFactory=x.Y", login, URL_ERROR, "'schemaFactory' is an Apache"),
        bad(HOST + "?FUN=oracle", login, URL_ERROR, "'FUN' is an Apache Calcite"),
        bad(HOST + "?lex=MYSQL", login, URL_ERROR, "'lex' is an Apache Calcite"),
        bad(HOST + "?typeSystem=x.Y", login, URL_ERROR, "'typeSystem' is an Apache Calcite"),
        bad(HOST + "?parserFactory=x.Y", login, URL_ERROR, "'parserFactory' is an Apache"),
        bad(HOST + "?httpClientImpl=x.Y", login, URL_ERROR, "'httpClientImpl' is an Apache"),
        // Secrets: never in the URL.
        bad(HOST + "?password=" + SECRET, props("user", "a"), URL_ERROR, "the password field"),
        bad(HOST + "?clientSecret=" + SECRET, props("user", "a"), URL_ERROR, "is a secret"),
        bad(HOST + "?accessToken=" + TOKEN, null, URL_ERROR, "'accessToken' is a secret"),
        bad(HOST + "?refreshToken=" + TOKEN, login, URL_ERROR, "'refreshToken' is a secret"),
        // Bad values.
        bad(HOST + "?apiVersion=v5", login, BAD_VALUE, "expected one of: auto, v4, v3, v2"),
        bad(HOST + "?clientAuth=post", login, BAD_VALUE, "'clientAuth' has the invalid value"),
        bad(HOST + "?readOnly=yes", login, BAD_VALUE, "expected one of: true, false"),
        bad(HOST + "?pageSize=ten", login, BAD_VALUE, "'pageSize' must be a whole number"),
        bad(HOST + "?pageSize=-5", login, BAD_VALUE, "'pageSize' must be a whole number"),
        bad(HOST + "?pageSize=1e3", login, BAD_VALUE, "'pageSize' must be a whole number"),
        bad(HOST + "?pageSize=4", login, BAD_VALUE, "'pageSize' is out of range (5 to 1000)"),
        bad(HOST + "?pageSize=1001", login, BAD_VALUE, "'pageSize' is out of range"),
        bad(HOST + "?prefetch=17", login, BAD_VALUE, "'prefetch' is out of range (0 to 16)"),
        bad(HOST + "?maxRetries=11", login, BAD_VALUE, "'maxRetries' is out of range"),
        bad(
            HOST + "?maxCallsPerSecond=-1",
            login,
            BAD_VALUE,
            "'maxCallsPerSecond' must be a whole"),
        bad(HOST + "?maxCallsPerSecond=1001", login, BAD_VALUE, "'maxCallsPerSecond' is out"),
        bad(HOST + "?maxCallsPerSecond=off", login, BAD_VALUE, "'maxCallsPerSecond'"),
        bad(HOST + "?metadataCacheTtl=86401", login, BAD_VALUE, "'metadataCacheTtl' is out"),
        bad(HOST + "?connectTimeout=2147483648", login, BAD_VALUE, "'connectTimeout' is out"),
        bad(HOST + "?socketTimeout=99999999999", login, BAD_VALUE, "'socketTimeout' must be"),
        bad(HOST + "?queryTimeout=1.5", login, BAD_VALUE, "'queryTimeout' must be a whole"),
        bad(HOST + "?clientId=%20abc", props("password", SECRET), BAD_VALUE, "whitespace"),
        bad(HOST + "?audience=a%0Ab", login, BAD_VALUE, "'audience' contains a control"),
        bad(HOST + "?scope=read%20%20write", login, BAD_VALUE, "'scope' must be scope tokens"),
        bad(HOST + "?scope=a%5Cb", login, BAD_VALUE, "'scope' must be scope tokens"),
        bad(HOST, login("pageSize", "abc"), BAD_VALUE, "'pageSize' must be a whole number"),
        bad(HOST, props("user", "a", "clientSecret", " " + SECRET), BAD_VALUE, "whitespace"),
        // Token URL.
        bad(HOST + "?tokenUrl=http://auth.example.com/t", login, BAD_VALUE, "must use https"),
        bad(HOST + "?tokenUrl=ftp://auth.example.com/t", login, BAD_VALUE, "absolute https://"),
        bad(HOST + "?tokenUrl=/oauth/token", login, BAD_VALUE, "absolute https://"),
        bad(
            HOST + "?tokenUrl=https://u:p@evil.example/t",
            login,
            BAD_VALUE,
            "must not contain '@'"),
        bad(HOST + "?tokenUrl=https://x.example/t?a=b", login, BAD_VALUE, "query or fragment"),
        bad(HOST + "?tokenUrl=https://x.example/t%23f", login, BAD_VALUE, "query or fragment"),
        bad(HOST + "?tokenUrl=https://", login, BAD_VALUE, "'tokenUrl' has no host"),
        bad(HOST + "?tokenUrl=https://x.example:99999/t", login, BAD_VALUE, "'tokenUrl' has the"),
        bad(HOST + "?tokenUrl=https://x.example/a%20b c", login, BAD_VALUE, "invalid path"),
        bad(HOST, login("tokenUrl", "http://10.0.0.1/oauth/token"), BAD_VALUE, "must use https"),
        // Plain HTTP.
        bad(HOST + "?useHttps=false", login, URL_ERROR, "'useHttps' may be false only for"),
        bad("jdbc:caspio://127.example.com?useHttps=false", login, URL_ERROR, "'useHttps' may"),
        bad("jdbc:caspio://[::2]?useHttps=false", login, URL_ERROR, "'useHttps' may be false"),
        bad(HOST, login("useHttps", "false"), URL_ERROR, "'useHttps' may be false only"),
        // Conflicts between aliases and between URL and Properties.
        bad(HOST + "?clientId=a&user=b", props("password", SECRET), URL_ERROR, "'clientId' is"),
        bad(HOST + "?clientId=a", login(), URL_ERROR, "URL parameter 'clientId' = 'a'"),
        bad(HOST, login("clientId", "other"), URL_ERROR, "connection property 'user'"),
        bad(HOST, login("clientSecret", "x" + SECRET), URL_ERROR, "'clientSecret' is given with"),
        bad(HOST + "?pageSize=100", login("pageSize", "200"), URL_ERROR, "'pageSize' is given"),
        bad(HOST + "?readOnly=true", login("readOnly", "TRUE"), URL_ERROR, "different values"),
        // Credentials.
        bad(HOST, null, URL_ERROR, "Missing credentials"),
        bad(HOST, props("user", "", "password", ""), URL_ERROR, "Missing credentials"),
        bad(HOST, props("user", "a"), URL_ERROR, "Missing property 'clientSecret'"),
        bad(HOST, props("password", SECRET), URL_ERROR, "Missing property 'clientId'"),
        bad(HOST, props("refreshToken", TOKEN), URL_ERROR, "Missing credentials"),
        bad(HOST, login("accessToken", TOKEN), URL_ERROR, "'clientSecret' cannot be combined"),
        bad(HOST, props("accessToken", TOKEN, "refreshToken", "r"), URL_ERROR, "'refreshToken'"),
        bad(HOST + "?tokenUrl=https://a.example/t", props("accessToken", TOKEN), URL_ERROR, "'to"),
        bad(HOST + "?scope=read", props("accessToken", TOKEN), URL_ERROR, "'scope' cannot be"),
        bad(HOST + "?clientAuth=body", props("accessToken", TOKEN), URL_ERROR, "'clientAuth'"));
  }

  @ParameterizedTest
  @MethodSource("invalidInputs")
  void parse_invalidInput_failsWithStateAndMessage(
      String url, Properties info, String state, String fragment) {
    SQLException e = assertThrows(SQLException.class, () -> CaspioUrl.parse(url, info));
    assertEquals(state, e.getSQLState(), e::getMessage);
    assertTrue(e.getMessage().contains(fragment), () -> "message: " + e.getMessage());
    assertSecretsAbsent(e.getMessage());
    if (state.equals(URL_ERROR)) {
      assertTrue(e instanceof SQLNonTransientConnectionException, e.getClass()::getName);
    }
  }

  /** Fails when {@code text} holds a test secret, whole or by its distinctive first part. */
  static void assertSecretsAbsent(String text) {
    assertFalse(text.contains(SECRET.substring(0, 6)), () -> "secret leaked: " + text);
    assertFalse(text.contains(TOKEN.substring(0, 5)), () -> "token leaked: " + text);
  }

  private static Arguments good(
      String url, Properties info, Function<CaspioConfig, Object> getter, Object expected) {
    return Arguments.of(url, info, getter, expected);
  }

  static Stream<Arguments> validInputs() {
    Properties login = login();
    Function<CaspioConfig, Object> baseUri = CaspioConfig::originUri;
    Function<CaspioConfig, Object> tokenUri = CaspioConfig::tokenUri;
    Function<CaspioConfig, Object> host = CaspioConfig::host;
    Function<CaspioConfig, Object> port = CaspioConfig::port;
    Function<CaspioConfig, Object> clientId = CaspioConfig::clientId;
    return Stream.of(
        good(HOST, login, baseUri, uri("https://c1abc123.caspio.com")),
        good(HOST, login, tokenUri, uri("https://c1abc123.caspio.com/oauth/token")),
        good(HOST, login, port, 443),
        good(HOST + "/", login, host, "c1abc123.caspio.com"),
        good(HOST + "?", login, host, "c1abc123.caspio.com"),
        good(HOST + "/?pageSize=5", login, CaspioConfig::pageSize, 5),
        good("jdbc:caspio://C1ABC123.Caspio.COM", login, host, "c1abc123.caspio.com"),
        good(HOST + "?apiVersion=v2", login, CaspioConfig::apiVersion, ApiVersion.named("v2")),
        good(HOST + "?apiVersion=V2", login, CaspioConfig::apiVersion, ApiVersion.named("v2")),
        good(HOST + "?apiVersion=v4", login, CaspioConfig::apiVersion, ApiVersion.named("v4")),
        good(HOST + "?apiVersion=Auto", login, CaspioConfig::apiVersion, ApiVersion.named("auto")),
        good(HOST + ":8443", login, baseUri, uri("https://c1abc123.caspio.com:8443")),
        good(HOST + ":443", login, baseUri, uri("https://c1abc123.caspio.com")),
        good(HOST + ":8443", login, tokenUri, uri("https://c1abc123.caspio.com:8443/oauth/token")),
        good("jdbc:caspio://10.1.2.3:1", login, port, 1),
        good("jdbc:caspio://10.1.2.3:65535", login, port, 65535),
        good("jdbc:caspio://[::1]:8080?useHttps=false", login, baseUri, uri("http://[::1]:8080")),
        good("jdbc:caspio://[::1]:8080?useHttps=false", login, host, "::1"),
        good("jdbc:caspio://[0:0:0:0:0:0:0:1]?useHttps=false", login, port, 80),
        good("jdbc:caspio://[2001:DB8::1]", login, baseUri, uri("https://[2001:db8::1]")),
        good("jdbc:caspio://[::ffff:10.0.0.1]", login, host, "::ffff:10.0.0.1"),
        good("jdbc:caspio://localhost?useHttps=false", login, baseUri, uri("http://localhost")),
        good(
            "jdbc:caspio://LOCALHOST?useHttps=FALSE",
            login,
            tokenUri,
            uri("http://localhost/oauth/token")),
        good(
            "jdbc:caspio://127.0.0.1:9000?useHttps=false",
            login,
            tokenUri,
            uri("http://127.0.0.1:9000/oauth/token")),
        good("jdbc:caspio://127.1.2.3?useHttps=false", login, CaspioConfig::useHttps, false),
        good("jdbc:caspio://localhost", login, CaspioConfig::scheme, "https"),
        good(
            HOST + "?tokenUrl=https://auth.example.com/oauth/token",
            login,
            tokenUri,
            uri("https://auth.example.com/oauth/token")),
        good(
            HOST + "?tokenUrl=HTTPS://Auth.Example.com:8443/a/b",
            login,
            tokenUri,
            uri("https://auth.example.com:8443/a/b")),
        good(
            HOST + "?tokenUrl=http://127.0.0.1:9000/oauth/token",
            login,
            tokenUri,
            uri("http://127.0.0.1:9000/oauth/token")),
        good(HOST + "?tokenUrl=http://[::1]/t", login, tokenUri, uri("http://[::1]/t")),
        good(
            HOST + "?tokenUrl=https%3A%2F%2Fauth.example.com%2Ft",
            login,
            tokenUri,
            uri("https://auth.example.com/t")),
        good(HOST, props("user", "u1", "password", SECRET), clientId, "u1"),
        good(HOST, props("clientId", "u1", "clientSecret", SECRET), clientId, "u1"),
        good(
            HOST,
            props("clientId", "u1", "clientSecret", SECRET),
            CaspioConfig::clientSecret,
            SECRET),
        good(HOST + "?clientId=u1", props("password", SECRET), clientId, "u1"),
        good(HOST + "?user=u1", props("password", SECRET), clientId, "u1"),
        good(HOST + "?user=u1&clientId=u1", props("password", SECRET), clientId, "u1"),
        good(
            HOST + "?clientId=u1",
            props("user", "u1", "clientId", "u1", "password", SECRET),
            clientId,
            "u1"),
        good(HOST + "?clientId=u1", props("user", "", "password", SECRET), clientId, "u1"),
        good(HOST, props("user", "u1", "password", SECRET, "clientSecret", SECRET), clientId, "u1"),
        good(HOST + "?pageSize=200", login("pageSize", "200"), CaspioConfig::pageSize, 200),
        good(HOST + "?clientId=%C3%A9t%C3%A9", props("password", SECRET), clientId, "été"),
        good(HOST + "?clientId=a+b", props("password", SECRET), clientId, "a+b"),
        good(HOST + "?client%49d=u1", props("password", SECRET), clientId, "u1"),
        good(
            HOST + "?audience=https%3A%2F%2Fapi.example%2F",
            login,
            CaspioConfig::audience,
            "https://api.example/"),
        good(HOST + "?scope=read%20write", login, CaspioConfig::scope, "read write"),
        good(
            HOST + "?clientAuth=BASIC",
            login,
            CaspioConfig::clientAuth,
            ClientAuthentication.BASIC),
        good(HOST + "?readOnly=TRUE", login, CaspioConfig::readOnly, true),
        good(
            HOST + "?connectTimeout=2500",
            login,
            CaspioConfig::connectTimeout,
            Duration.ofMillis(2500)),
        good(HOST + "?socketTimeout=0", login, CaspioConfig::socketTimeout, Duration.ZERO),
        good(HOST + "?queryTimeout=30", login, CaspioConfig::queryTimeout, Duration.ofSeconds(30)),
        good(HOST + "?loginTimeout=15", login, CaspioConfig::loginTimeout, Duration.ofSeconds(15)),
        good(HOST + "?metadataCacheTtl=0", login, CaspioConfig::metadataCacheTtl, Duration.ZERO),
        good(
            HOST + "?connectTimeout=2147483647",
            login,
            CaspioConfig::connectTimeout,
            Duration.ofMillis(Integer.MAX_VALUE)),
        good(HOST + "?maxRetries=0&prefetch=16", login, CaspioConfig::prefetch, 16),
        good(HOST + "?pageSize=007", login, CaspioConfig::pageSize, 7),
        good(HOST, login, c -> c.calls().maxCallsPerSecond(), 9),
        good(HOST + "?maxCallsPerSecond=0", login, c -> c.calls().maxCallsPerSecond(), 0),
        // A loopback emulator has no account limit unless told to: unpaced unless given.
        good(
            "jdbc:caspio://127.0.0.1:8080?useHttps=false",
            login,
            c -> c.calls().maxCallsPerSecond(),
            0),
        good(
            "jdbc:caspio://localhost:8080?useHttps=false&maxCallsPerSecond=9",
            login,
            c -> c.calls().maxCallsPerSecond(),
            9),
        good(
            HOST + "?maxCallsPerSecond=4",
            login,
            c -> ClientSettings.apiConfig(c, null).maxCallsPerSecond(),
            4.0),
        good(HOST, login("refreshToken", TOKEN), CaspioConfig::authMode, AuthMode.REFRESH_TOKEN),
        good(HOST, props("accessToken", TOKEN), CaspioConfig::authMode, AuthMode.ACCESS_TOKEN),
        good(HOST, props("accessToken", TOKEN), clientId, null),
        good(HOST + "?user=u1", props("accessToken", TOKEN), clientId, "u1"),
        good(HOST, login, CaspioConfig::authMode, AuthMode.CLIENT_CREDENTIALS),
        // Calcite/Avatica and unknown keys in Properties: ignored, never an error.
        good(
            HOST,
            login("model", "/tmp/evil.json", "schemaFactory", "x.Y", "fun", "oracle"),
            clientId,
            "my-client"),
        good(
            HOST,
            login("lex", "MYSQL", "typeSystem", "x.Y", "caseSensitive", "false"),
            clientId,
            "my-client"),
        good(
            HOST,
            login("dbtable", "Orders", "driver", "x.Driver", "url", "jdbc:x"),
            clientId,
            "my-client"),
        good(HOST, login("PageSize", "oops", "foo", ""), CaspioConfig::pageSize, 1000),
        good(HOST + "?pageSize=10", login("pageSize", ""), CaspioConfig::pageSize, 10));
  }

  @ParameterizedTest
  @MethodSource("validInputs")
  void parse_validInput_yieldsExpectedSetting(
      String url, Properties info, Function<CaspioConfig, Object> getter, Object expected)
      throws SQLException {
    assertEquals(expected, getter.apply(CaspioUrl.parse(url, info)));
  }

  private static URI uri(String s) {
    return URI.create(s);
  }

  @Test
  void parse_noLoginTimeout_usesDriverManagerLoginTimeout() throws SQLException {
    int before = DriverManager.getLoginTimeout();
    try {
      DriverManager.setLoginTimeout(7);
      assertEquals(Duration.ofSeconds(7), CaspioUrl.parse(HOST, login()).loginTimeout());
      assertEquals(
          Duration.ofSeconds(3), CaspioUrl.parse(HOST + "?loginTimeout=3", login()).loginTimeout());
      assertEquals(
          Duration.ZERO, CaspioUrl.parse(HOST + "?loginTimeout=0", login()).loginTimeout());
    } finally {
      DriverManager.setLoginTimeout(before);
    }
  }

  @Test
  void parse_noOptions_appliesDocumentedDefaults() throws SQLException {
    CaspioConfig c = CaspioUrl.parse(HOST, login());
    assertEquals(HOST, c.url());
    assertEquals(ApiVersion.named("auto"), c.apiVersion());
    assertEquals(ClientAuthentication.BODY, c.clientAuth());
    assertTrue(c.useHttps());
    assertNull(c.tokenUrl());
    assertNull(c.accessToken());
    assertNull(c.refreshToken());
    assertNull(c.audience());
    assertNull(c.scope());
    assertEquals(Duration.ofSeconds(10), c.connectTimeout());
    assertEquals(Duration.ofSeconds(60), c.socketTimeout());
    assertEquals(Duration.ZERO, c.loginTimeout());
    assertEquals(Duration.ZERO, c.queryTimeout());
    assertEquals(Duration.ofMinutes(5), c.metadataCacheTtl());
    assertEquals(3, c.maxRetries());
    assertEquals(1000, c.pageSize());
    assertEquals(2, c.prefetch());
    assertFalse(c.readOnly());
  }

  @Test
  void parse_propertiesWithDefaults_readsDefaultsChain() throws SQLException {
    Properties info = new Properties(login());
    info.setProperty("pageSize", "50");
    CaspioConfig c = CaspioUrl.parse(HOST, info);
    assertEquals("my-client", c.clientId());
    assertEquals(50, c.pageSize());
  }

  @Test
  void parse_nonStringPropertyValue_isIgnored() throws SQLException {
    Properties info = login();
    info.put("pageSize", 10);
    assertEquals(1000, CaspioUrl.parse(HOST, info).pageSize());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:caspio:",
        "jdbc:caspio://c1abc123.caspio.com",
        "jdbc:caspio:garbage",
        "jdbc:caspio://user:pw@host",
        "jdbc:caspio://[::1]:8080?useHttps=false"
      })
  void acceptsURL_caspioPrefix_true(String url) {
    assertTrue(CaspioUrl.acceptsURL(url));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "jdbc:caspio",
        "jdbc:calcite:model=x.json",
        "jdbc:mysql://c1abc123.caspio.com",
        "JDBC:CASPIO://c1abc123.caspio.com",
        "caspio://c1abc123.caspio.com",
        " jdbc:caspio://c1abc123.caspio.com",
        "https://c1abc123.caspio.com/integrations/rest/v3"
      })
  void acceptsURL_foreignOrMissingPrefix_false(String url) {
    assertFalse(CaspioUrl.acceptsURL(url));
  }
}
