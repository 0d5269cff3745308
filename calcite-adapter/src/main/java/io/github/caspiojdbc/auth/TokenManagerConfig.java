/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import io.github.caspiojdbc.net.NetworkConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * Everything the token manager needs, validated once: where the token endpoint is, how to
 * authenticate, and how eagerly to renew and how hard to retry. Immutable; build it with {@link
 * #builder()}.
 *
 * <p>Two modes:
 *
 * <ul>
 *   <li><b>Client credentials</b>: {@code clientId} and {@code clientSecret} are set; tokens are
 *       obtained with {@code grant_type=client_credentials} and renewed with the refresh token the
 *       server returns, falling back to client credentials when the refresh token is rejected.
 *   <li><b>Pre-issued token</b>: {@code accessToken} is set and {@code clientSecret} is not. The
 *       token is used as given; if a {@code refreshToken} (and a token URL) is also given it is
 *       used to renew. With nothing to renew with, an expired or rejected token fails with SQLState
 *       28000 and a message saying so.
 * </ul>
 *
 * <p>A token is <i>fresh</i> until {@code refreshMargin} before its expiry, then <i>stale</i> (the
 * next caller renews it while everybody else keeps using it), and <i>expired</i> from {@code
 * expiryMargin} before its expiry (callers wait for the renewal). The expiry margin absorbs clock
 * skew and the time a request takes to reach Caspio. Both margins shrink for tokens that live only
 * a few minutes (at most a quarter and a half of the lifetime), so that a short-lived token is
 * never born expired.
 *
 * <p>Defaults: {@link ClientAuthentication#BODY}, refresh margin 5 min, expiry margin 3 min (a 2
 * min stale window against Caspio's 24 h tokens, as in google-auth-library-java), 3 retries,
 * backoff from 500 ms doubling up to 8 s (also the cap on a server's {@code Retry-After}), 30 s per
 * token request, the system UTC clock.
 *
 * <p>The token URL must be HTTPS; plain HTTP is accepted only for a loopback host (a local
 * emulator, as {@link Loopback} defines it), so that a secret never travels in clear. It may carry
 * no user info. These rules live in {@link TokenUris}.
 *
 * <p>Size: just over the house's 400 lines, on purpose. The record is the one list of the token
 * manager's seventeen settings, and everything here restates that list once: the component Javadoc,
 * the defaults, the masked {@link #toString()}, the sharing key and the public nested {@link
 * Builder} (public API, so it stays nested). The rules that are not about the list itself (token
 * URLs, redaction) already live apart, in {@link TokenUris} and {@link Redaction}.
 *
 * <p>{@link #toString()} masks the secret and the tokens. Invalid settings fail with a {@link
 * CaspioException}: missing ones and an insecure URL with {@link ErrorKind#CONNECTION_FAILED}
 * (08001), malformed ones with {@link ErrorKind#INVALID_PARAMETER} (22023).
 *
 * @param tokenUri the token endpoint; null only for a pre-issued token without refresh token
 * @param clientAuthentication how the client id and secret are sent
 * @param clientId the OAuth client id, or null for a pre-issued token
 * @param clientSecret the OAuth client secret, or null for a pre-issued token
 * @param scope the {@code scope} form parameter to send with client credentials, or null
 * @param audience the {@code audience} form parameter to send with client credentials, or null
 * @param accessToken a pre-issued access token, or null
 * @param refreshToken a pre-issued refresh token, or null
 * @param accessTokenExpiresAt when the pre-issued access token expires, or null when unknown
 * @param refreshMargin how long before expiry a token becomes stale
 * @param expiryMargin how long before expiry a token is no longer handed out
 * @param maxRetries retries after a transient token endpoint failure, 0 to {@link
 *     io.github.caspiojdbc.retry.Backoff#MAX_RETRIES}: the driver checks its property against that
 *     limit once, at the edge, so it is not checked again here
 * @param initialBackoff the wait before the first retry (doubled for each further retry)
 * @param maxBackoff the longest wait between retries, also the cap on {@code Retry-After}
 * @param requestTimeout how long one token request may wait for its response
 * @param connectTimeout how long opening one connection to the token endpoint may take
 * @param clock the source of time for expiry decisions
 * @param network the proxy and trusted certificates of token requests (null: the JVM's)
 */
public record TokenManagerConfig(
    URI tokenUri,
    ClientAuthentication clientAuthentication,
    String clientId,
    String clientSecret,
    String scope,
    String audience,
    String accessToken,
    String refreshToken,
    Instant accessTokenExpiresAt,
    Duration refreshMargin,
    Duration expiryMargin,
    int maxRetries,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration requestTimeout,
    Duration connectTimeout,
    Clock clock,
    NetworkConfig network) {

  /** Path of the token endpoint on a Caspio account host. */
  public static final String TOKEN_PATH = "/oauth/token";

  static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofMinutes(5);
  static final Duration DEFAULT_EXPIRY_MARGIN = Duration.ofMinutes(3);
  static final int DEFAULT_MAX_RETRIES = 3;
  static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
  static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(8);
  static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);

  /** Validates and normalises (blank strings become null). */
  public TokenManagerConfig {
    clientId = blankToNull(clientId);
    clientSecret = blankToNull(clientSecret);
    scope = blankToNull(scope);
    audience = blankToNull(audience);
    accessToken = blankToNull(accessToken);
    refreshToken = blankToNull(refreshToken);
    clientAuthentication =
        clientAuthentication == null ? ClientAuthentication.BODY : clientAuthentication;
    network = network == null ? NetworkConfig.SYSTEM : network;
    clock = clock == null ? Clock.systemUTC() : clock;
    refreshMargin = nonNegative("refreshMargin", refreshMargin, DEFAULT_REFRESH_MARGIN);
    expiryMargin = nonNegative("expiryMargin", expiryMargin, DEFAULT_EXPIRY_MARGIN);
    initialBackoff = nonNegative("initialBackoff", initialBackoff, DEFAULT_INITIAL_BACKOFF);
    maxBackoff = nonNegative("maxBackoff", maxBackoff, DEFAULT_MAX_BACKOFF);
    requestTimeout = nonNegative("requestTimeout", requestTimeout, DEFAULT_REQUEST_TIMEOUT);
    connectTimeout = nonNegative("connectTimeout", connectTimeout, DEFAULT_CONNECT_TIMEOUT);
    if (expiryMargin.compareTo(refreshMargin) > 0) {
      throw invalid("expiryMargin must not be longer than refreshMargin");
    }
    if (initialBackoff.compareTo(maxBackoff) > 0) {
      throw invalid("initialBackoff must not be longer than maxBackoff");
    }
    if (requestTimeout.isZero()) {
      throw invalid("requestTimeout must be positive");
    }
    if (connectTimeout.isZero()) {
      throw invalid("connectTimeout must be positive");
    }
    if (clientSecret != null) {
      if (clientId == null) {
        throw missing("A client secret was given without a client id; set clientId.");
      }
    } else if (accessToken == null) {
      throw missing("No credentials: set clientId and clientSecret, or a pre-issued accessToken.");
    }
    boolean needsEndpoint = clientSecret != null || refreshToken != null;
    if (tokenUri == null && needsEndpoint) {
      throw missing("No token URL: set the account host or the token URL.");
    }
    if (tokenUri != null) {
      TokenUris.check(tokenUri);
    }
  }

  /** A builder with every setting at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The token URL of a Caspio account: {@code https://<host>/oauth/token}. Accepts a bare host
   * ({@code c1abc123.caspio.com}), a host and port, or a URL whose scheme, host and port are kept
   * and whose path is replaced (so the REST base URL of an account or emulator works too).
   *
   * @throws CaspioException kind INVALID_PARAMETER when the value is not a host or URL
   */
  public static URI defaultTokenUri(String account) {
    return TokenUris.forAccount(account);
  }

  /** Whether a refresh token or a client secret lets this configuration obtain new tokens. */
  boolean canRenew() {
    return clientSecret != null || refreshToken != null;
  }

  /**
   * The identity under which managers are shared: every setting, with the secret and the tokens
   * replaced by one salted digest, so that a registry keeps no secret as a key and a different
   * secret never reuses a token obtained with another one.
   */
  Object sharingKey() {
    return Arrays.asList(
        tokenUri,
        clientAuthentication,
        clientId,
        scope,
        audience,
        accessTokenExpiresAt,
        refreshMargin,
        expiryMargin,
        maxRetries,
        initialBackoff,
        maxBackoff,
        requestTimeout,
        connectTimeout,
        clock,
        network,
        Redaction.digest(clientSecret, accessToken, refreshToken));
  }

  /** The settings with the secret and tokens masked. */
  @Override
  public String toString() {
    return "TokenManagerConfig[tokenUri="
        + (tokenUri == null ? null : Redaction.describe(tokenUri))
        + ", clientAuthentication="
        + clientAuthentication
        + ", clientId="
        + clientId
        + ", clientSecret="
        + Redaction.mask(clientSecret)
        + ", scope="
        + scope
        + ", audience="
        + audience
        + ", accessToken="
        + Redaction.mask(accessToken)
        + ", refreshToken="
        + Redaction.mask(refreshToken)
        + ", accessTokenExpiresAt="
        + accessTokenExpiresAt
        + ", refreshMargin="
        + refreshMargin
        + ", expiryMargin="
        + expiryMargin
        + ", maxRetries="
        + maxRetries
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", requestTimeout="
        + requestTimeout
        + ", connectTimeout="
        + connectTimeout
        + ", clock="
        + clock
        + ", network="
        + network
        + "]";
  }

  /** The value stripped, or null when blank: blank settings count as not given. */
  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static Duration nonNegative(String name, Duration value, Duration fallback) {
    if (value == null) {
      return fallback;
    }
    if (value.isNegative()) {
      throw invalid(name + " must not be negative");
    }
    return value;
  }

  /** A malformed setting (22023). */
  static CaspioException invalid(String message) {
    return new CaspioException(ErrorKind.INVALID_PARAMETER, message, null);
  }

  /** A missing or insecure setting (08001). */
  static CaspioException missing(String message) {
    return new CaspioException(ErrorKind.CONNECTION_FAILED, message, null);
  }

  /** Collects settings for a {@link TokenManagerConfig}; unset ones take their defaults. */
  public static final class Builder {
    private URI tokenUri;
    private ClientAuthentication clientAuthentication = ClientAuthentication.BODY;
    private String clientId;
    private String clientSecret;
    private String scope;
    private String audience;
    private String accessToken;
    private String refreshToken;
    private Instant accessTokenExpiresAt;
    private Duration refreshMargin = DEFAULT_REFRESH_MARGIN;
    private Duration expiryMargin = DEFAULT_EXPIRY_MARGIN;
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private NetworkConfig network = NetworkConfig.SYSTEM;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Sets the token URL from the account host or base URL, see {@link #defaultTokenUri}. */
    public Builder account(String hostOrUrl) {
      this.tokenUri = defaultTokenUri(hostOrUrl);
      return this;
    }

    /** Sets an explicit token URL (for OAuth servers other than Caspio's). */
    public Builder tokenUrl(String url) {
      String value = blankToNull(url);
      if (value == null) {
        this.tokenUri = null;
        return this;
      }
      try {
        this.tokenUri = new URI(value);
      } catch (URISyntaxException e) {
        // The input may hold credentials, so it is not repeated.
        throw invalid("The token URL is not a valid URL.");
      }
      return this;
    }

    /** Sets an explicit token URL. */
    public Builder tokenUri(URI uri) {
      this.tokenUri = uri;
      return this;
    }

    /** Sets how the client id and secret are sent. */
    public Builder clientAuthentication(ClientAuthentication value) {
      this.clientAuthentication = Objects.requireNonNull(value, "clientAuthentication");
      return this;
    }

    /** Sets the client id and secret of the Caspio web services profile. */
    public Builder clientCredentials(String id, String secret) {
      this.clientId = id;
      this.clientSecret = secret;
      return this;
    }

    /** Sets the client id alone (for example with a pre-issued refresh token). */
    public Builder clientId(String value) {
      this.clientId = value;
      return this;
    }

    /** Sets the {@code scope} parameter of client-credentials requests. */
    public Builder scope(String value) {
      this.scope = value;
      return this;
    }

    /** Sets the {@code audience} parameter of client-credentials requests. */
    public Builder audience(String value) {
      this.audience = value;
      return this;
    }

    /**
     * Uses a pre-issued access token instead of a client secret.
     *
     * @param token the access token
     * @param refresh a refresh token to renew it with, or null
     * @param expiresAt when it expires, or null when unknown (a JWT's {@code exp} is then used)
     */
    public Builder preIssuedToken(String token, String refresh, Instant expiresAt) {
      this.accessToken = token;
      this.refreshToken = refresh;
      this.accessTokenExpiresAt = expiresAt;
      return this;
    }

    /** Sets how long before expiry a token is renewed while still being used. */
    public Builder refreshMargin(Duration value) {
      this.refreshMargin = value;
      return this;
    }

    /** Sets how long before expiry a token is no longer handed out. */
    public Builder expiryMargin(Duration value) {
      this.expiryMargin = value;
      return this;
    }

    /** Sets the number of retries after transient token endpoint failures. */
    public Builder maxRetries(int value) {
      this.maxRetries = value;
      return this;
    }

    /** Sets the first and the longest wait between retries. */
    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /** Sets how long one token request may wait for its response. */
    public Builder requestTimeout(Duration value) {
      this.requestTimeout = value;
      return this;
    }

    /** Sets how long opening one connection to the token endpoint may take (15 s by default). */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = value;
      return this;
    }

    /** Sets the proxy and trusted certificates of token requests; the JVM's by default. */
    public Builder network(NetworkConfig value) {
      this.network = Objects.requireNonNull(value, "network");
      return this;
    }

    /** Sets the clock (tests move it to cross the margins). */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * The validated configuration.
     *
     * @throws CaspioException when a setting is missing, malformed or insecure
     */
    public TokenManagerConfig build() {
      return new TokenManagerConfig(
          tokenUri,
          clientAuthentication,
          clientId,
          clientSecret,
          scope,
          audience,
          accessToken,
          refreshToken,
          accessTokenExpiresAt,
          refreshMargin,
          expiryMargin,
          maxRetries,
          initialBackoff,
          maxBackoff,
          requestTimeout,
          connectTimeout,
          clock,
          network);
    }
  }
}
