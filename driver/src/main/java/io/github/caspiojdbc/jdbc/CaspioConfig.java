/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.auth.ClientAuthentication;
import io.github.caspiojdbc.net.NetworkConfig;
import io.github.caspiojdbc.rest.ApiVersion;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The validated settings of one connection, built only by {@code CaspioUrl.parse}. Layers below the
 * driver take this record (or narrower values from it), never {@link java.util.Properties}.
 * Optional text settings are null when not given; a zero {@link Duration} means "no limit" for
 * timeouts and "disabled" for {@code metadataCacheTtl}. {@link #toString()} never shows a secret.
 *
 * @param url the connection URL as given; it never holds a secret, because secrets are refused
 *     there, so it is safe for {@code DatabaseMetaData.getURL()}
 * @param host the account host, lower case; an IPv6 literal without brackets
 * @param port the port, explicit or the scheme's default (443 or 80)
 * @param useHttps false only for a loopback host
 * @param apiVersion the REST generation, the rest layer's own value (chosen by name; nothing here
 *     branches on it)
 * @param tokenUrl the explicit token endpoint, or null for the default; see {@link #tokenUri()}
 * @param clientAuth how the client credentials reach the token endpoint, the auth layer's value
 * @param clientId OAuth client id, or null when only an access token is given
 * @param clientSecret OAuth client secret, or null when only an access token is given
 * @param accessToken pre-issued access token, or null
 * @param refreshToken refresh token for the {@code refresh_token} grant, or null
 * @param audience extra token-request parameter, or null
 * @param scope extra token-request parameter, or null
 * @param connectTimeout TCP and TLS connect bound
 * @param socketTimeout bound on each HTTP response
 * @param loginTimeout bound on establishing the connection
 * @param queryTimeout default statement timeout
 * @param metadataCacheTtl lifetime of cached table and field lists
 * @param maxRetries retries after a transient failure
 * @param pageSize rows per REST call, 5 to 1000
 * @param prefetch pages requested ahead of the reader
 * @param planCacheSize prepared plans kept by SQL text
 * @param readOnly whether writes are refused
 * @param calls call budgets and what the driver says about a statement's calls
 * @param network the proxy and trusted certificates of every request (the JVM's by default)
 */
record CaspioConfig(
    String url,
    String host,
    int port,
    boolean useHttps,
    ApiVersion apiVersion,
    URI tokenUrl,
    ClientAuthentication clientAuth,
    String clientId,
    String clientSecret,
    String accessToken,
    String refreshToken,
    String audience,
    String scope,
    Duration connectTimeout,
    Duration socketTimeout,
    Duration loginTimeout,
    Duration queryTimeout,
    Duration metadataCacheTtl,
    int maxRetries,
    int pageSize,
    int prefetch,
    int planCacheSize,
    boolean readOnly,
    CallSettings calls,
    NetworkConfig network) {

  /** Shown instead of a secret that is set. */
  static final String REDACTED = "<redacted>";

  /** Checks the invariants that {@code CaspioUrl} establishes, so no other code can break them. */
  CaspioConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(clientAuth, "clientAuth");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(socketTimeout, "socketTimeout");
    Objects.requireNonNull(loginTimeout, "loginTimeout");
    Objects.requireNonNull(queryTimeout, "queryTimeout");
    Objects.requireNonNull(metadataCacheTtl, "metadataCacheTtl");
    Objects.requireNonNull(calls, "calls");
    Objects.requireNonNull(network, "network");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (accessToken == null && (clientId == null || clientSecret == null)) {
      throw new IllegalArgumentException("no credentials");
    }
  }

  /** How this connection obtains access tokens. */
  enum AuthMode {
    /** {@code client_credentials} grant with the client id and secret. */
    CLIENT_CREDENTIALS,
    /** {@code refresh_token} grant, authenticated with the client id and secret. */
    REFRESH_TOKEN,
    /** A fixed, pre-issued token; nothing is ever requested. */
    ACCESS_TOKEN
  }

  /** {@code https}, or {@code http} for a loopback host with {@code useHttps=false}. */
  String scheme() {
    return useHttps ? "https" : "http";
  }

  /** How access tokens are obtained, derived from which credentials are set. */
  AuthMode authMode() {
    if (accessToken != null) {
      return AuthMode.ACCESS_TOKEN;
    }
    return refreshToken != null ? AuthMode.REFRESH_TOKEN : AuthMode.CLIENT_CREDENTIALS;
  }

  /**
   * The account's origin, e.g. {@code https://c1abc123.caspio.com}; each API generation's path
   * hangs from it. The port appears only when it is not the scheme's default.
   */
  URI originUri() {
    return URI.create(origin());
  }

  /** The explicit {@code tokenUrl}, or {@code <scheme>://<account-host>[:port]/oauth/token}. */
  URI tokenUri() {
    return tokenUrl != null ? tokenUrl : URI.create(origin() + "/oauth/token");
  }

  private String origin() {
    String host = this.host.indexOf(':') >= 0 ? "[" + this.host + "]" : this.host;
    int defaultPort = useHttps ? 443 : 80;
    return scheme() + "://" + host + (port == defaultPort ? "" : ":" + port);
  }

  /** All settings, with every secret that is set replaced by {@value #REDACTED}. */
  @Override
  public String toString() {
    return "CaspioConfig[url="
        + url
        + ", host="
        + host
        + ", port="
        + port
        + ", useHttps="
        + useHttps
        + ", apiVersion="
        + apiVersion
        + ", tokenUrl="
        + tokenUrl
        + ", clientAuth="
        + clientAuth
        + ", clientId="
        + clientId
        + ", clientSecret="
        + redact(clientSecret)
        + ", accessToken="
        + redact(accessToken)
        + ", refreshToken="
        + redact(refreshToken)
        + ", audience="
        + audience
        + ", scope="
        + scope
        + ", connectTimeout="
        + connectTimeout
        + ", socketTimeout="
        + socketTimeout
        + ", loginTimeout="
        + loginTimeout
        + ", queryTimeout="
        + queryTimeout
        + ", metadataCacheTtl="
        + metadataCacheTtl
        + ", maxRetries="
        + maxRetries
        + ", pageSize="
        + pageSize
        + ", prefetch="
        + prefetch
        + ", planCacheSize="
        + planCacheSize
        + ", readOnly="
        + readOnly
        + ", calls="
        + calls
        + ", network="
        + network
        + "]";
  }

  private static String redact(String secret) {
    return secret == null ? null : REDACTED;
  }
}
