/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.adapter.CaspioSchema;
import io.github.caspiojdbc.rest.CaspioApiConfig;
import io.github.caspiojdbc.rest.RecordQuery;
import io.github.caspiojdbc.retry.Backoff;
import java.sql.SQLException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every connection property of a {@code jdbc:caspio:} connection, sorted by key. This enum is the
 * single source of {@code Driver.getPropertyInfo} and of the property table in the documentation
 * ({@link #markdownTable()}); how a URL and {@link java.util.Properties} are merged is described on
 * {@code CaspioUrl}.
 *
 * <p>Size: over the house's 400 lines on purpose: one constant per property, each with its key,
 * default, rule and user-facing description. Split, the one list users and tools read would exist
 * twice.
 */
public enum CaspioProperty {
  /** A token obtained elsewhere; lets a connection run without the client secret. */
  ACCESS_TOKEN(
      "accessToken",
      Flag.SECRET,
      null,
      PropertyRule.text(),
      "Pre-issued OAuth access token used as is instead of requesting one; the connection fails"
          + " once it expires (Caspio tokens live 24 hours). Excludes clientSecret and"
          + " refreshToken."),
  /** Which REST generation the driver talks to, or auto. */
  API_VERSION(
      "apiVersion",
      Flag.NONE,
      "auto",
      PropertyRule.choice("auto", "v4", "v3", "v2"),
      "Caspio REST API generation: auto (v4 where the account has it, else v3; decided by the"
          + " first schema read, no extra call on a v4 account), v4 (bulk inserts of 1,000 rows"
          + " per call, the whole schema in one call), v3 (/integrations/rest/v3) or the deprecated"
          + " v2 (/rest/v2)."),
  /** Extra token-request parameter for identity providers that need one. */
  AUDIENCE(
      "audience",
      Flag.NONE,
      null,
      PropertyRule.text(),
      "Optional audience parameter added to token requests; Caspio itself does not need it."),
  /** Opt-in reuse of replies to identical reads. */
  CACHE_TTL(
      "cacheTtl",
      Flag.NONE,
      "0",
      PropertyRule.duration(ChronoUnit.SECONDS, 86_400),
      "Seconds a reply to a record read is reused for the identical request with the same"
          + " credentials (no call, counted as a cache hit); a write through the driver to the"
          + " table, or to any table for views, drops it; a write through a view drops every"
          + " reply. 0 (default) disables the cache."),
  /** Where the client credentials travel in the token request (RFC 6749 section 2.3.1). */
  CLIENT_AUTH(
      "clientAuth",
      Flag.NONE,
      "body",
      PropertyRule.choice("body", "basic"),
      "How the client id and secret reach the token endpoint: in the form body or as an HTTP"
          + " Basic header."),
  /** OAuth client id of the Web services profile; JDBC {@code user} is its alias. */
  CLIENT_ID(
      "clientId",
      Flag.REQUIRED,
      null,
      PropertyRule.text(),
      "Client ID of the Caspio Web services profile (required unless accessToken is set)."),
  /** OAuth client secret of the Web services profile; JDBC {@code password} is its alias. */
  CLIENT_SECRET(
      "clientSecret",
      Flag.REQUIRED_SECRET,
      null,
      PropertyRule.text(),
      "Client secret of the Caspio Web services profile (required unless accessToken is set)."),
  /** Bound on opening one TCP and TLS connection. */
  CONNECT_TIMEOUT(
      "connectTimeout",
      Flag.NONE,
      "10000",
      PropertyRule.duration(ChronoUnit.MILLIS),
      "Milliseconds allowed to open a TCP and TLS connection; 0 means no limit."),
  /** When a statement's unfiltered read of a whole table earns a warning. */
  FULL_SCAN_WARNING_ROWS(
      "fullScanWarningRows",
      Flag.NONE,
      "10000",
      PropertyRule.integer(0, Integer.MAX_VALUE),
      "A statement that reads a whole table of more rows than this without a filter Caspio can"
          + " evaluate gets an SQLWarning (01K01) saying what it cost; 0 warns for none."),
  /**
   * Bound on establishing a connection: first token plus first API call. When the property is not
   * given, {@code DriverManager.getLoginTimeout()} applies, as JDBC asks of drivers.
   */
  LOGIN_TIMEOUT(
      "loginTimeout",
      Flag.NONE,
      "0",
      PropertyRule.duration(ChronoUnit.SECONDS),
      "Seconds allowed to establish a connection (first token and first API call); when not set,"
          + " DriverManager.getLoginTimeout(); 0 means no limit beyond the other timeouts."),
  /** Budget of REST calls for the life of a connection (or since its counters were reset). */
  MAX_CALLS_PER_CONNECTION(
      "maxCallsPerConnection",
      Flag.NONE,
      "0",
      PropertyRule.integer(0, Integer.MAX_VALUE),
      "Most Caspio REST calls the connection may send (until its counters are reset); the call"
          + " that would exceed it fails with SQLState 54K01 and is not sent. 0 means no limit."),
  /**
   * Account-wide pace of REST calls, shared by every open connection to the account in this JVM.
   * The default, 9, sits one under Caspio's documented burst limit of "around 10+ calls/s" for the
   * whole account (caspio-api.md 6.4): the threshold is approximate and counts every client of the
   * account, and calls are spaced evenly with one slot of credit (a caller may start one interval
   * early after an unused slot), so no second holds more than 10 starts, and under load 9: room for
   * network jitter to bunch arrivals, at a cost of a tenth of the peak rate.
   */
  MAX_CALLS_PER_SECOND(
      "maxCallsPerSecond",
      Flag.NONE,
      "9",
      PropertyRule.integer(0, 1000),
      "Most REST calls per second started by all of this JVM's connections to the account,"
          + " spaced evenly; a 429 halves the pace (and Retry-After pauses it) until answered calls"
          + " raise it back. Caspio limits the whole account to about 10 calls per second. 0"
          + " disables pacing; a loopback host (a local emulator) is not paced unless this is"
          + " given."),
  /** Budget of REST calls for one execution of a statement. */
  MAX_CALLS_PER_STATEMENT(
      "maxCallsPerStatement",
      Flag.NONE,
      "0",
      PropertyRule.integer(0, Integer.MAX_VALUE),
      "Most Caspio REST calls one statement execution may send. A read whose estimate already"
          + " exceeds it and a write that would exceed it fail with SQLState 54K01 before any"
          + " call; a read stops at the budget. 0 means no limit."),
  /** Retry budget for transient failures; bounded so a broken server cannot hold a thread. */
  MAX_RETRIES(
      "maxRetries",
      Flag.NONE,
      "3",
      PropertyRule.integer(0, Backoff.MAX_RETRIES),
      "Retries after a transient failure (I/O error, HTTP 408, 429 or 5xx); 0 disables retries."),
  /** Lifetime of cached table and field lists. */
  METADATA_CACHE_TTL(
      "metadataCacheTtl",
      Flag.NONE,
      "300",
      PropertyRule.duration(ChronoUnit.SECONDS, 86_400),
      "Seconds that table and field lists stay cached; 0 disables the cache."),
  /** Hosts reached without the proxy. */
  NON_PROXY_HOSTS(
      "nonProxyHosts",
      Flag.NONE,
      null,
      PropertyRule.text(),
      "Hosts reached directly although proxyHost is set, separated by | or commas; * at either"
          + " end matches any start or end (*.internal), as in the JVM's http.nonProxyHosts."),
  /** Rows per REST call; Caspio refuses fewer than 5 and caps at 1000. */
  PAGE_SIZE(
      "pageSize",
      Flag.NONE,
      "1000",
      PropertyRule.integer(RecordQuery.MIN_PAGE_SIZE, RecordQuery.MAX_PAGE_SIZE),
      "Rows requested per REST call (Caspio accepts 5 to 1000)."),
  /** SQL texts whose prepared plans a connection keeps for the next statement of the same text. */
  PLAN_CACHE_SIZE(
      "planCacheSize",
      Flag.NONE,
      Integer.toString(CaspioSchema.DEFAULT_PLAN_CACHE_SIZE),
      PropertyRule.integer(0, CaspioSchema.MAX_PLAN_CACHE_SIZE),
      "Prepared plans a connection keeps by SQL text (least recently used dropped first), so the"
          + " same text again on a Statement or a new PreparedStatement is not parsed and planned"
          + " again; a plan is dropped when the table and field lists are loaded again (see"
          + " metadataCacheTtl). 0 plans every statement anew."),
  /**
   * Pages requested ahead of the reader. The default is low on purpose: Caspio's burst limit (about
   * 10 calls per second) applies to the whole account, not to one connection.
   */
  PREFETCH(
      "prefetch",
      Flag.NONE,
      "2",
      PropertyRule.integer(0, CaspioApiConfig.MAX_PREFETCH_DEPTH),
      "Pages fetched ahead while the current one is read; 0 fetches one page at a time. Caspio"
          + " limits the whole account to about 10 calls per second."),
  /** An explicit HTTP proxy for the account and token hosts. */
  PROXY_HOST(
      "proxyHost",
      Flag.NONE,
      null,
      PropertyRule.text(),
      "HTTP proxy host for all requests (HTTPS goes through it with CONNECT); needs proxyPort. When"
          + " not set, the JVM's proxy settings apply (https.proxyHost, http.nonProxyHosts or the"
          + " installed ProxySelector)."),
  /** The proxy's Basic-authentication password. */
  PROXY_PASSWORD(
      "proxyPassword",
      Flag.SECRET,
      null,
      PropertyRule.text(),
      "Password for the proxy's Basic authentication; needs proxyUser."),
  /** The explicit proxy's port. */
  PROXY_PORT("proxyPort", Flag.NONE, null, PropertyRule.integer(1, 65_535), "Port of proxyHost."),
  /** The proxy's Basic-authentication user. */
  PROXY_USER(
      "proxyUser",
      Flag.NONE,
      null,
      PropertyRule.text(),
      "User for the proxy's Basic authentication (answering its 407); needs proxyHost."),
  /** What to do when a predicate cannot be sent to Caspio. */
  PUSHDOWN(
      "pushdown",
      Flag.NONE,
      "lenient",
      PropertyRule.choice("lenient", "strict"),
      "lenient: a WHERE predicate Caspio cannot evaluate is applied locally to the rows read, with"
          + " an SQLWarning (01K02); strict: such a statement fails with SQLState 0A000 before any"
          + " call."),
  /** Default for {@code Statement.setQueryTimeout}. */
  QUERY_TIMEOUT(
      "queryTimeout",
      Flag.NONE,
      "0",
      PropertyRule.duration(ChronoUnit.SECONDS),
      "Default statement timeout in seconds, across all pages and retries; 0 means none."
          + " Statement.setQueryTimeout overrides it."),
  /** Refuses writes on the whole connection. */
  READ_ONLY(
      "readOnly",
      Flag.NONE,
      "false",
      PropertyRule.bool(),
      "When true, INSERT, UPDATE and DELETE are refused on this connection."),
  /** Long-lived token for the {@code refresh_token} grant. */
  REFRESH_TOKEN(
      "refreshToken",
      Flag.SECRET,
      null,
      PropertyRule.text(),
      "OAuth refresh token; when set, access tokens come from the refresh_token grant (which still"
          + " needs clientId and clientSecret) instead of client_credentials."),
  /** Extra token-request parameter. */
  SCOPE(
      "scope",
      Flag.NONE,
      null,
      PropertyRule.scope(),
      "Optional space-separated OAuth scope added to token requests; Caspio itself does not need"
          + " it."),
  /** Bound on waiting for one HTTP response. */
  SOCKET_TIMEOUT(
      "socketTimeout",
      Flag.NONE,
      "60000",
      PropertyRule.duration(ChronoUnit.MILLIS),
      "Milliseconds to wait for each HTTP response; 0 means no limit."),
  /** Token endpoint override; it receives the client secret, hence the scheme rule. */
  TOKEN_URL(
      "tokenUrl",
      Flag.NONE,
      null,
      PropertyRule.url(),
      "OAuth token endpoint, by default /oauth/token on the account host. It receives the client"
          + " secret, so it must be https (http only on a loopback host: localhost, 127.0.0.0/8 or"
          + " ::1)."),
  /** Certificates trusted for TLS instead of the JVM's, e.g. a corporate proxy's CA. */
  TRUST_STORE(
      "trustStore",
      Flag.NONE,
      null,
      PropertyRule.text(),
      "Path of a trust store file (read, never written) whose certificates are trusted for TLS"
          + " instead of the JVM's, e.g. holding the CA of a TLS-inspecting corporate proxy."),
  /** The trust store's password. */
  TRUST_STORE_PASSWORD(
      "trustStorePassword",
      Flag.SECRET,
      null,
      PropertyRule.text(),
      "Password of trustStore, if it has one."),
  /** The trust store's format. */
  TRUST_STORE_TYPE(
      "trustStoreType",
      Flag.NONE,
      null,
      PropertyRule.text(),
      "Format of trustStore: PKCS12 (the JVM's default) or JKS."),
  /** Plain HTTP switch for a local emulator; Caspio itself refuses HTTP. */
  USE_HTTPS(
      "useHttps",
      Flag.NONE,
      "true",
      PropertyRule.bool(),
      "Use HTTPS for the account host; false is accepted only for a loopback host: localhost,"
          + " 127.0.0.0/8 or ::1 (a local emulator)."),
  ;

  private static final Map<String, CaspioProperty> BY_KEY = indexByKey();

  private final String key;
  private final Flag flag;
  private final String defaultValue;
  private final PropertyRule rule;
  private final String description;

  CaspioProperty(
      String key, Flag flag, String defaultValue, PropertyRule rule, String description) {
    this.key = key;
    this.flag = flag;
    this.defaultValue = defaultValue;
    this.rule = rule;
    this.description = description;
  }

  private static Map<String, CaspioProperty> indexByKey() {
    Map<String, CaspioProperty> map = new HashMap<>();
    for (CaspioProperty p : values()) {
      putUnique(map, p.key, p);
      p.alias().ifPresent(alias -> putUnique(map, alias, p));
    }
    return Collections.unmodifiableMap(map);
  }

  private static void putUnique(Map<String, CaspioProperty> map, String key, CaspioProperty p) {
    CaspioProperty previous = map.put(key, p);
    if (previous != null) {
      throw new IllegalStateException("Duplicate connection property key: " + key);
    }
  }

  /** The camel-case name used in URLs and {@link java.util.Properties}. */
  public String key() {
    return key;
  }

  /**
   * The standard JDBC name that means the same thing: {@code user} for {@link #CLIENT_ID} and
   * {@code password} for {@link #CLIENT_SECRET}, so that the login fields of tools just work.
   */
  public Optional<String> alias() {
    return switch (this) {
      case CLIENT_ID -> Optional.of("user");
      case CLIENT_SECRET -> Optional.of("password");
      default -> Optional.empty();
    };
  }

  /** The value used when the property is not given, or null when there is none. */
  public String defaultValue() {
    return defaultValue;
  }

  /** One line for users: what it does, its unit and its special values. */
  public String description() {
    return description;
  }

  /** The accepted values for enumerated properties (matched ignoring case), otherwise empty. */
  public List<String> choices() {
    return rule.choices();
  }

  /**
   * Whether a password-style login needs this property. {@link #CLIENT_ID} and {@link
   * #CLIENT_SECRET} are required unless {@link #ACCESS_TOKEN} is given.
   */
  public boolean isRequired() {
    return flag == Flag.REQUIRED || flag == Flag.REQUIRED_SECRET;
  }

  /**
   * Whether the value is a credential: never shown in messages, logs, {@code toString()} or
   * property info, and refused in the URL (which tools display and log).
   */
  public boolean isSecret() {
    return flag == Flag.SECRET || flag == Flag.REQUIRED_SECRET;
  }

  /** The property whose key or alias is exactly {@code key} (case-sensitive). */
  public static Optional<CaspioProperty> forKey(String key) {
    return Optional.ofNullable(BY_KEY.get(key));
  }

  /**
   * The Markdown table of all properties, one row per constant in declaration (alphabetical) order,
   * as embedded in the documentation. Lines end with {@code \n}.
   */
  public static String markdownTable() {
    StringBuilder out = new StringBuilder();
    out.append("| Property | Default | Values | Description |\n");
    out.append("| --- | --- | --- | --- |\n");
    for (CaspioProperty p : values()) {
      StringBuilder name = new StringBuilder("`").append(p.key).append('`');
      p.alias().ifPresent(a -> name.append(" (alias `").append(a).append("`)"));
      StringBuilder text = new StringBuilder(p.description);
      if (p.isSecret()) {
        text.append(" Secret: connection properties only, never in the URL; never logged.");
      }
      out.append("| ")
          .append(name)
          .append(" | ")
          .append(p.defaultValue == null ? "" : "`" + p.defaultValue + "`")
          .append(" | ")
          .append(cell(p.rule.summary()))
          .append(" | ")
          .append(cell(text.toString()))
          .append(" |\n");
    }
    return out.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }

  /**
   * Checks one raw value and returns its canonical form (for example {@code TRUE} becomes {@code
   * true}).
   *
   * @throws SQLException with SQLState 22023 naming this property; the value itself appears in the
   *     message only when the property is not secret
   */
  String parse(String raw) throws SQLException {
    return rule.check(this, raw);
  }

  /** The canonical value as an int; only for integer and duration properties. */
  int intValue(String canonical) {
    if (rule.kind != Kind.INTEGER && rule.kind != Kind.DURATION) {
      throw new IllegalStateException(key + " is not an integer property");
    }
    return Integer.parseInt(canonical);
  }

  /** The canonical value as a boolean; only for boolean properties. */
  boolean booleanValue(String canonical) {
    if (rule.kind != Kind.BOOLEAN) {
      throw new IllegalStateException(key + " is not a boolean property");
    }
    return Boolean.parseBoolean(canonical);
  }

  /** The canonical value as a duration in this property's unit; only for duration properties. */
  Duration durationValue(String canonical) {
    if (rule.kind != Kind.DURATION) {
      throw new IllegalStateException(key + " is not a duration property");
    }
    return Duration.of(Integer.parseInt(canonical), rule.unit());
  }

  /** The shape of this property's value, which decides its typed getter. */
  Kind kind() {
    return rule.kind;
  }

  /** Shown in error messages instead of a value. */
  String shown(String value) {
    return isSecret() ? "(value hidden)" : "'" + value + "'";
  }

  /** Which of the two boolean traits a property has. */
  private enum Flag {
    NONE,
    REQUIRED,
    SECRET,
    REQUIRED_SECRET
  }

  /** The shape of a value. */
  enum Kind {
    TEXT,
    CHOICE,
    BOOLEAN,
    INTEGER,
    DURATION,
    URL,
    SCOPE
  }

  /** The key or alias equal to {@code key} ignoring case, for "did you mean" hints only. */
  static Optional<String> keyIgnoringCase(String key) {
    for (String candidate : BY_KEY.keySet()) {
      if (candidate.equalsIgnoreCase(key)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
