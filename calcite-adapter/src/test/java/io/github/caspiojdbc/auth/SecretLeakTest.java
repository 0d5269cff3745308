/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static io.github.caspiojdbc.auth.FakeTokenServer.caspioToken;
import static io.github.caspiojdbc.auth.FakeTokenServer.oauthError;
import static io.github.caspiojdbc.auth.FakeTokenServer.tokenPost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.error.CaspioException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Runs every token scenario with ALL java.util.logging output captured at the finest level,
 * HttpClient's SLF4J loggers ({@code headers} and {@code wire} included) routed there by the
 * slf4j-jdk14 test dependency, and asserts that no secret or token appears in any log record,
 * exception message, stack trace or {@code toString()}. A control test shows that HttpClient's
 * default connections would leak, so the capture really sees what it claims to.
 */
class SecretLeakTest {
  private static final String ID = "leak-client-id";
  private static final String SECRET = "SECRET-c0ffee-5ecret-Value";
  private static final String ACCESS_1 = "ACCESS-one-7f3c9d2e8a41";
  private static final String ACCESS_2 = "ACCESS-two-1b2c3d4e5f60";
  private static final String REFRESH_1 = "REFRESH-one-a1b2c3d4e5f6";
  private static final String REFRESH_2 = "REFRESH-two-f6e5d4c3b2a1";
  private static final String PRE_ISSUED = "ACCESS-pre-99aa88bb77cc";

  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final List<String> texts = new ArrayList<>();
  private final Handler capture =
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
  private final Logger root = Logger.getLogger("");
  private Level rootLevel;
  private FakeTokenServer server;
  private final MutableClock clock = new MutableClock();

  @BeforeEach
  void start() {
    rootLevel = root.getLevel();
    root.setLevel(Level.ALL);
    capture.setLevel(Level.ALL);
    root.addHandler(capture);
    server = new FakeTokenServer();
  }

  @AfterEach
  void stop() {
    root.removeHandler(capture);
    root.setLevel(rootLevel);
    server.close();
  }

  @Test
  void slf4jBinding_isJavaUtilLogging() {
    assertTrue(
        LoggerFactory.getILoggerFactory().getClass().getName().contains("JDK14"),
        "slf4j-jdk14 must be on the test classpath, else HttpClient's logs are not captured");
  }

  @Test
  void allScenarios_finestLogging_noSecretOrTokenAnywhere() throws IOException {
    scenarioBodyStyleRefreshRotationFallbackAndInvalidate();
    scenarioBasicStyle();
    scenarioCredentialErrorEchoingTheSecret();
    scenarioTransientFailures();
    scenarioMalformedReplyEchoingTokens();
    scenarioPreIssuedTokenRejected();

    assertTrue(
        records.stream().anyMatch(r -> r.getLoggerName().startsWith("org.apache.hc.client5")),
        "HttpClient's debug logs must reach the capture, or this test proves nothing");
    assertTrue(
        records.stream().anyMatch(r -> r.getLoggerName().startsWith("io.github.caspiojdbc.auth")),
        "the token manager's own logs must reach the capture");
    assertNoSecretIn(allCapturedText());
  }

  /**
   * Control: HttpClient's default connections write the form body to the wire log, so the capture
   * sees the secret. This is why the token manager's client uses {@link QuietConnectionFactory}.
   */
  @Test
  void defaultHttpClientConnections_finestLogging_wouldLeakTheSecret() throws IOException {
    server.stub(tokenPost("client_credentials").willReturn(caspioToken(ACCESS_1, REFRESH_1)));
    TokenManagerConfig config = config().build();
    try (CloseableHttpClient plain = HttpClients.custom().disableAutomaticRetries().build()) {
      new HttpTokenEndpoint(config, plain, new RecordingSleeper()).clientCredentials(true);
    }

    String logs = allCapturedText();
    assertTrue(logs.contains(SECRET), "the wire log should have shown the secret");
  }

  /**
   * HttpClient's header log prints headers through toString(), so even a default connection shows
   * the Basic header masked (the wire log, not shown here, still needs the quiet connections).
   */
  @Test
  void basicHeader_defaultHeaderLog_masked() throws IOException {
    server.stub(tokenPost("client_credentials").willReturn(caspioToken(ACCESS_1, REFRESH_1)));
    TokenManagerConfig config = config().clientAuthentication(ClientAuthentication.BASIC).build();
    try (CloseableHttpClient plain = HttpClients.custom().disableAutomaticRetries().build()) {
      new HttpTokenEndpoint(config, plain, new RecordingSleeper()).clientCredentials(true);
    }

    List<String> headerLines = new ArrayList<>();
    for (LogRecord r : records) {
      if (r.getLoggerName().equals("org.apache.hc.client5.http.headers")) {
        headerLines.add(format(r));
      }
    }
    assertTrue(
        headerLines.stream().anyMatch(l -> l.contains("Authorization: ****")),
        headerLines::toString);
    headerLines.forEach(l -> assertFalse(l.contains(basicCredentials()), l));
  }

  private void scenarioBodyStyleRefreshRotationFallbackAndInvalidate() {
    server.stub(tokenPost("client_credentials").willReturn(caspioToken(ACCESS_1, REFRESH_1)));
    server.stub(
        tokenPost("refresh_token")
            .withFormParam("refresh_token", equalTo(REFRESH_1))
            .willReturn(caspioToken(ACCESS_2, REFRESH_2)));
    server.stub(
        tokenPost("refresh_token")
            .withFormParam("refresh_token", equalTo(REFRESH_2))
            .willReturn(
                oauthError(400, "invalid_grant", "refresh token " + REFRESH_2 + " expired")));
    TokenManagerConfig config = config().build();
    texts.add(config.toString());
    TokenManagers.Lease source = TokenManagers.lease(config);
    assertEquals(ACCESS_1, source.accessToken());
    texts.add(source.toString());
    clock.advance(Duration.ofHours(24));
    assertEquals(ACCESS_2, source.accessToken());
    texts.add(source.toString());
    source.invalidate(ACCESS_2);
    assertEquals(ACCESS_1, source.accessToken());
    server.wireMock.resetMappings();
    server.stub(tokenPost(null).willReturn(aResponse().withStatus(500)));
    clock.advance(Duration.ofHours(23).plusMinutes(56));
    // Stale: the failed proactive renewal is logged, the valid token still served.
    assertEquals(ACCESS_1, source.accessToken());
    server.wireMock.resetMappings();
  }

  private void scenarioBasicStyle() {
    server.stub(tokenPost("client_credentials").willReturn(caspioToken(ACCESS_1, REFRESH_1)));
    TokenManagerConfig config =
        config().clientAuthentication(ClientAuthentication.BASIC).scope("all").build();
    texts.add(config.toString());
    assertEquals(ACCESS_1, TokenManagers.lease(config).accessToken());
    server.wireMock.resetMappings();
  }

  private void scenarioCredentialErrorEchoingTheSecret() {
    server.stub(
        tokenPost(null)
            .willReturn(
                oauthError(401, "invalid_client", "client_secret " + SECRET + " is not valid")));
    for (ClientAuthentication style : ClientAuthentication.values()) {
      TokenManagerConfig config = config().clientAuthentication(style).audience("aud").build();
      collect(assertThrows(CaspioException.class, TokenManagers.lease(config)::accessToken));
    }
    server.wireMock.resetMappings();
  }

  private void scenarioTransientFailures() {
    server.stub(
        tokenPost(null)
            .willReturn(oauthError(503, "temporarily_unavailable", "token " + ACCESS_1 + " busy")));
    TokenManagerConfig config =
        config().maxRetries(1).backoff(Duration.ZERO, Duration.ZERO).scope("retry").build();
    collect(assertThrows(CaspioException.class, TokenManagers.lease(config)::accessToken));
    server.wireMock.resetMappings();
  }

  private void scenarioMalformedReplyEchoingTokens() {
    server.stub(
        tokenPost(null)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/html")
                    .withBody("<html>" + SECRET + " " + ACCESS_1 + "</html>")));
    TokenManagerConfig config = config().scope("malformed").build();
    collect(assertThrows(CaspioException.class, TokenManagers.lease(config)::accessToken));
    server.stub(
        tokenPost(null)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody("{\"access_token\":\"" + ACCESS_1 + "\",\"token_type\":\"mac\"}")));
    collect(
        assertThrows(
            CaspioException.class,
            TokenManagers.lease(config().scope("malformed-2").build())::accessToken));
    server.wireMock.resetMappings();
  }

  private void scenarioPreIssuedTokenRejected() {
    TokenManagerConfig config =
        TokenManagerConfig.builder()
            .tokenUri(server.tokenUri())
            .preIssuedToken(PRE_ISSUED, REFRESH_1, null)
            .clock(clock)
            .build();
    texts.add(config.toString());
    server.stub(
        tokenPost("refresh_token")
            .willReturn(oauthError(400, "invalid_grant", "bad token " + REFRESH_1)));
    TokenManagers.Lease source = TokenManagers.lease(config);
    source.invalidate(source.accessToken());
    collect(assertThrows(CaspioException.class, source::accessToken));
    texts.add(source.toString());
    texts.add(new AccessToken(PRE_ISSUED, null).toString());
    texts.add(new TokenResponse(new AccessToken(ACCESS_1, null), REFRESH_1).toString());
    server.wireMock.resetMappings();
  }

  private TokenManagerConfig.Builder config() {
    return TokenManagerConfig.builder()
        .tokenUri(server.tokenUri())
        .clientCredentials(ID, SECRET)
        .clock(clock);
  }

  /** Message, toString and the whole stack trace (causes included) of a failure. */
  private void collect(Throwable t) {
    texts.add(t.getMessage());
    texts.add(t.toString());
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    texts.add(w.toString());
    // The driver's SQLException carries this message and this throwable as its cause, so the
    // texts above are all it can show.
  }

  private String allCapturedText() {
    StringBuilder sb = new StringBuilder();
    for (LogRecord r : records) {
      sb.append(r.getLoggerName()).append(' ').append(format(r)).append('\n');
      if (r.getParameters() != null) {
        for (Object p : r.getParameters()) {
          sb.append(String.valueOf(p)).append('\n');
        }
      }
    }
    texts.forEach(t -> sb.append(t).append('\n'));
    return sb.toString();
  }

  private static String format(LogRecord r) {
    return new SimpleFormatter().format(r);
  }

  private static String basicCredentials() {
    return Base64.getEncoder()
        .encodeToString(
            (URLEncoder.encode(ID, StandardCharsets.UTF_8)
                    + ":"
                    + URLEncoder.encode(SECRET, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
  }

  private static void assertNoSecretIn(String text) {
    assertFalse(text.isEmpty());
    for (String secret :
        List.of(
            SECRET,
            ACCESS_1,
            ACCESS_2,
            REFRESH_1,
            REFRESH_2,
            PRE_ISSUED,
            basicCredentials(),
            // Distinctive cores, in case a value is cut or encoded differently.
            "c0ffee-5ecret",
            "7f3c9d2e8a41",
            "1b2c3d4e5f60",
            "a1b2c3d4e5f6",
            "f6e5d4c3b2a1",
            "99aa88bb77cc")) {
      int at = text.indexOf(secret);
      assertTrue(
          at < 0,
          () ->
              "leaked '"
                  + secret
                  + "' near: "
                  + text.substring(Math.max(0, at - 200), Math.min(text.length(), at + 100)));
    }
  }
}
