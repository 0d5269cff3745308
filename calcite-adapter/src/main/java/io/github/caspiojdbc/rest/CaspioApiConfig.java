/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import io.github.caspiojdbc.auth.Loopback;
import io.github.caspiojdbc.net.NetworkConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything {@link HttpCaspioApi} and {@link CaspioHttpClients} need to know about one
 * connection's REST traffic.
 *
 * @param baseUri the account's integration URL, for example {@code https://c1abc123.caspio.com};
 *     {@code http} is accepted only for loopback hosts as {@link Loopback} defines them (test
 *     servers), so a bearer token never travels in clear text
 * @param version the API generation
 * @param prefetchDepth how many pages one cursor may have in flight at once; 1 reads serially
 * @param connectTimeout the TCP/TLS connect timeout
 * @param responseTimeout the longest silence while waiting for (or reading) a reply
 * @param statementTimeout the default whole-statement deadline; null for none
 * @param maxAttempts attempts per request including the first, at least 1
 * @param backoffBase the first retry's upper bound for the full-jitter delay
 * @param backoffCap the largest computed backoff delay
 * @param retryAfterCap the longest {@code Retry-After} honoured; longer hints give up instead
 * @param retryBudget the wall-clock budget for all attempts of one request, whatever the statement
 *     deadline
 * @param versionMemory under {@link ApiVersion#AUTO}, how long the generation an account turned out
 *     to serve is remembered for later connections to it (the metadata cache's lifetime)
 * @param requestListener called with the rendered method, path and decoded query (never
 *     credentials) just before a request is scheduled, on the thread that asked for it; null for
 *     none
 * @param callMeter the connection's call counters and budget; null for a meter without a budget
 * @param replyCacheTtl how long replies to record reads are reused ({@link ReplyCache}); null or
 *     zero for no cache
 * @param maxCallsPerSecond the pace of request starts for the whole account ({@link AccountPacer}),
 *     shared by its open connections in this JVM; 0 for no pacing
 * @param network the proxy and trusted certificates ({@link NetworkConfig#SYSTEM}: the JVM's)
 */
public record CaspioApiConfig(
    URI baseUri,
    ApiVersion version,
    int prefetchDepth,
    Duration connectTimeout,
    Duration responseTimeout,
    Duration statementTimeout,
    int maxAttempts,
    Duration backoffBase,
    Duration backoffCap,
    Duration retryAfterCap,
    Duration retryBudget,
    Duration versionMemory,
    Consumer<String> requestListener,
    CallMeter callMeter,
    Duration replyCacheTtl,
    double maxCallsPerSecond,
    NetworkConfig network) {

  /** The most pages one cursor may have in flight. */
  public static final int MAX_PREFETCH_DEPTH = 16;

  /** Checks every part. */
  public CaspioApiConfig {
    Objects.requireNonNull(baseUri, "baseUri");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(network, "network");
    checkBase(baseUri);
    if (prefetchDepth < 1 || prefetchDepth > MAX_PREFETCH_DEPTH) {
      throw new IllegalArgumentException(
          "prefetchDepth must be between 1 and " + MAX_PREFETCH_DEPTH + ": " + prefetchDepth);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    positive(connectTimeout, "connectTimeout");
    positive(responseTimeout, "responseTimeout");
    if (statementTimeout != null) {
      positive(statementTimeout, "statementTimeout");
    }
    nonNegative(backoffBase, "backoffBase");
    nonNegative(backoffCap, "backoffCap");
    nonNegative(retryAfterCap, "retryAfterCap");
    positive(retryBudget, "retryBudget");
    nonNegative(versionMemory, "versionMemory");
    if (!(maxCallsPerSecond >= 0) || Double.isInfinite(maxCallsPerSecond)) {
      throw new IllegalArgumentException(
          "maxCallsPerSecond must be 0 or a positive number: " + maxCallsPerSecond);
    }
  }

  /** A builder with defaults for everything but the base URI. */
  public static Builder builder(URI baseUri) {
    return new Builder(baseUri);
  }

  private static void checkBase(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (host == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("baseUri must be scheme://host[:port] only: " + uri);
    }
    if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
      throw new IllegalArgumentException("baseUri must not have a path: " + uri);
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("baseUri must not carry user info");
    }
    if (!scheme.equals("https") && !(scheme.equals("http") && Loopback.isLoopback(host))) {
      throw new IllegalArgumentException(
          "baseUri must use https (http only for loopback test servers): " + uri);
    }
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }

  private static void nonNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + d);
    }
  }

  /**
   * The origin every generation's paths hang from, for example {@code https://h}, without a
   * trailing slash.
   */
  String origin() {
    String s = baseUri.toString();
    if (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  /** What the selected generation means. */
  ApiGeneration generation() {
    return version.generation();
  }

  /** Builds a {@link CaspioApiConfig}; defaults suit a production Caspio account. */
  public static final class Builder {
    private final URI baseUri;
    private ApiVersion version = ApiVersion.V3;
    // Four pages in flight hide a 50-300 ms round trip without tripping Caspio's account-wide
    // burst limit of about ten calls per second.
    private int prefetchDepth = 4;
    private NetworkConfig network = NetworkConfig.SYSTEM;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration responseTimeout = Duration.ofSeconds(60);
    private Duration statementTimeout;
    private int maxAttempts = 5;
    // Caspio's burst limit is per second, so the first retry waits up to a second.
    private Duration backoffBase = Duration.ofSeconds(1);
    private Duration backoffCap = Duration.ofSeconds(16);
    private Duration retryAfterCap = Duration.ofSeconds(60);
    private Duration retryBudget = Duration.ofMinutes(2);
    private Duration versionMemory = Duration.ofMinutes(10);
    private Consumer<String> requestListener;
    private CallMeter callMeter;
    private Duration replyCacheTtl;
    // Unpaced unless asked: the JDBC driver passes its connection property (9 calls per second by
    // default, see CaspioProperty), while direct users of this API, tests among them, opt in.
    private double maxCallsPerSecond;

    private Builder(URI baseUri) {
      this.baseUri = baseUri;
    }

    /** The API generation; v3 by default. */
    public Builder version(ApiVersion version) {
      this.version = version;
      return this;
    }

    /** Pages in flight per cursor; 4 by default. */
    public Builder prefetchDepth(int prefetchDepth) {
      this.prefetchDepth = prefetchDepth;
      return this;
    }

    /** Connect timeout; 10 s by default. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** Response (socket) timeout; 60 s by default. */
    public Builder responseTimeout(Duration responseTimeout) {
      this.responseTimeout = responseTimeout;
      return this;
    }

    /** Default statement deadline; none by default. */
    public Builder statementTimeout(Duration statementTimeout) {
      this.statementTimeout = statementTimeout;
      return this;
    }

    /** Attempts per request; 5 by default. */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** First backoff bound; 1 s by default. */
    public Builder backoffBase(Duration backoffBase) {
      this.backoffBase = backoffBase;
      return this;
    }

    /** Largest computed backoff; 16 s by default. */
    public Builder backoffCap(Duration backoffCap) {
      this.backoffCap = backoffCap;
      return this;
    }

    /** Longest Retry-After honoured; 60 s by default. */
    public Builder retryAfterCap(Duration retryAfterCap) {
      this.retryAfterCap = retryAfterCap;
      return this;
    }

    /** Wall-clock budget for the attempts of one request; 2 min by default. */
    public Builder retryBudget(Duration retryBudget) {
      this.retryBudget = retryBudget;
      return this;
    }

    /** How long an {@link ApiVersion#AUTO} verdict is shared per account; 10 min by default. */
    public Builder versionMemory(Duration versionMemory) {
      this.versionMemory = versionMemory;
      return this;
    }

    /** Observer of every request about to be sent; none by default. */
    public Builder requestListener(Consumer<String> requestListener) {
      this.requestListener = requestListener;
      return this;
    }

    /** The connection's call counters and budget; a fresh meter without a budget by default. */
    public Builder callMeter(CallMeter callMeter) {
      this.callMeter = callMeter;
      return this;
    }

    /** How long replies to identical record reads are reused; no cache by default. */
    public Builder replyCacheTtl(Duration replyCacheTtl) {
      this.replyCacheTtl = replyCacheTtl;
      return this;
    }

    /** Account-wide pace of request starts in calls per second; 0 (none) by default. */
    public Builder maxCallsPerSecond(double maxCallsPerSecond) {
      this.maxCallsPerSecond = maxCallsPerSecond;
      return this;
    }

    /** Proxy and trust settings; the JVM's by default. */
    public Builder network(NetworkConfig network) {
      this.network = network;
      return this;
    }

    /** The configuration. */
    public CaspioApiConfig build() {
      return new CaspioApiConfig(
          baseUri,
          version,
          prefetchDepth,
          connectTimeout,
          responseTimeout,
          statementTimeout,
          maxAttempts,
          backoffBase,
          backoffCap,
          retryAfterCap,
          retryBudget,
          versionMemory,
          requestListener,
          callMeter,
          replyCacheTtl,
          maxCallsPerSecond,
          network);
    }
  }
}
