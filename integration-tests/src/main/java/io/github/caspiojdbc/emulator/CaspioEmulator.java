/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.caspiojdbc.emulator.store.CaspioStore;
import io.github.caspiojdbc.emulator.store.Switches;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A local Caspio REST account for tests and demos: OAuth token endpoint, REST v4 under {@code
 * /integrations/rest/v4} (unless {@link Builder#v4Enabled} turns it off), v3 under {@code
 * /integrations/rest/v3} and v2 under {@code /rest/v2}, served from one {@link CaspioStore} on
 * 127.0.0.1 over HTTP (and optionally HTTPS with WireMock's self-signed certificate), with fault
 * injection and a request log.
 *
 * <pre>{@code
 * try (CaspioEmulator caspio = CaspioEmulator.builder().sampleData(42, 500).build().start()) {
 *   String v3 = caspio.v3Url();          // http://127.0.0.1:<port>/integrations/rest/v3
 *   caspio.faults().failNext(1, 503);    // the next call fails
 * }
 * }</pre>
 *
 * <p>Differences from real Caspio: plain HTTP is served (Caspio answers 403 {@code
 * UnsecuredConnection}); WireMock's admin API ({@code /__admin}) is locked (every admin call is
 * refused); only JSON is produced.
 */
public final class CaspioEmulator implements AutoCloseable {
  /** Client id used when the builder is given none. */
  public static final String DEFAULT_CLIENT_ID = "emulator-client-id";

  /** Demo client secret used when the builder is given none; only for the local emulator. */
  public static final String DEFAULT_CLIENT_SECRET = "emulator-client-secret";

  /** Caspio's access-token lifetime: 24 hours minus one second. */
  public static final Duration DEFAULT_ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(86_399);

  /** Caspio's refresh-token lifetime: one year. */
  public static final Duration DEFAULT_REFRESH_TOKEN_LIFETIME = Duration.ofDays(365);

  private static final String HOST = "127.0.0.1";

  private final WireMockServer server;
  private final CaspioStore store;
  private final boolean ownsStore;
  private final boolean https;
  private final String clientId;
  private final TokenService tokens;
  private final Faults faults;
  private final RequestLog log = new RequestLog();
  private final RequestLogFile logFile;
  private boolean started;
  private boolean stopped;

  private CaspioEmulator(Builder b) {
    this.ownsStore = b.store == null;
    this.store =
        b.store != null
            ? b.store
            : b.seed != null
                ? CaspioStore.withSampleData(b.seed, b.rows, b.switches)
                : CaspioStore.inMemory(b.switches);
    if (b.store != null && b.switchesSet) {
      b.store.switches(b.switches);
    }
    this.clientId = b.clientId;
    this.https = b.httpsPort != null;
    this.tokens = new TokenService(b.clock, b.accessTtl, b.refreshTtl);
    this.faults = new Faults(b.clock, b.latency, b.rateLimitReply);
    this.logFile = b.requestLogFile == null ? null : new RequestLogFile(b.requestLogFile, b.clock);
    log.writeTo(logFile);
    RequestHandler handler =
        new RequestHandler(
            new TokenEndpoint(b.clientId, b.clientSecret, tokens, store::switches),
            tokens,
            routers(b.v4Enabled),
            faults,
            log);
    WireMockConfiguration options =
        WireMockConfiguration.options()
            .bindAddress(b.bindAddress)
            .notifier(new JulNotifier())
            // The journal would keep Authorization headers and secrets; RequestLog redacts them.
            .disableRequestJournal()
            .stubRequestLoggingDisabled(true)
            .gzipDisabled(true)
            .adminAuthenticator(request -> false)
            .containerThreads(32)
            // Content-Length instead of chunking, like Caspio's IIS front end for JSON replies.
            .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER)
            .httpServerFactory(new RawRequestGuard.ServerFactory())
            .extensions(new WireMockBridge(handler));
    options = b.port == 0 ? options.dynamicPort() : options.port(b.port);
    if (b.httpsPort != null) {
      options = b.httpsPort == 0 ? options.dynamicHttpsPort() : options.httpsPort(b.httpsPort);
      if (b.keystore != null) {
        options =
            options
                .keystorePath(b.keystore.toString())
                .keystoreType("PKCS12")
                .keystorePassword(b.keystorePassword)
                .keyManagerPassword(b.keystorePassword);
      }
    }
    this.server = new WireMockServer(options);
  }

  /** The generations served; without v4 its paths are unknown ones, as on an account without it. */
  private List<ApiRouter> routers(boolean v4) {
    return v4
        ? List.of(new V4Router(store, faults), new V3Router(store), new V2Router(store))
        : List.of(new V3Router(store), new V2Router(store));
  }

  private static CaspioStore scratchStore() {
    try {
      return CaspioStore.inMemory();
    } catch (UnsupportedOperationException e) {
      return null;
    }
  }

  /** A builder with Caspio's defaults: free port, empty store, real clock, no latency. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts serving; returns this for chaining.
   *
   * @throws IllegalStateException if already started or stopped
   */
  public synchronized CaspioEmulator start() {
    if (started || stopped) {
      throw new IllegalStateException("An emulator can be started once.");
    }
    server.start();
    // One catch-all stub; WireMockBridge computes every answer, faults included.
    server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(200)));
    started = true;
    return this;
  }

  /** Stops serving and closes the store if the emulator created it. Idempotent. */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    if (started) {
      server.stop();
    }
    if (ownsStore) {
      store.close();
    }
    if (logFile != null) {
      log.writeTo(null);
      logFile.close();
    }
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /** The HTTP port. */
  public int port() {
    requireStarted();
    return server.port();
  }

  /**
   * The HTTPS port.
   *
   * @throws IllegalStateException when HTTPS was not enabled
   */
  public int httpsPort() {
    requireStarted();
    if (!https) {
      throw new IllegalStateException("HTTPS is not enabled; use Builder.httpsPort.");
    }
    return server.httpsPort();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://" + HOST + ":" + port();
  }

  /** {@code https://127.0.0.1:<httpsPort>} (self-signed certificate). */
  public String httpsBaseUrl() {
    return "https://" + HOST + ":" + httpsPort();
  }

  /**
   * REST v4 base: {@code <baseUrl>/integrations/rest/v4}, also when v4 is turned off (its paths
   * then answer 404).
   */
  public String v4Url() {
    return baseUrl() + V4Router.PREFIX;
  }

  /** REST v3 base: {@code <baseUrl>/integrations/rest/v3}. */
  public String v3Url() {
    return baseUrl() + V3Router.PREFIX;
  }

  /** REST v2 base: {@code <baseUrl>/rest/v2}. */
  public String v2Url() {
    return baseUrl() + V2Router.PREFIX;
  }

  /** Token endpoint: {@code <baseUrl>/oauth/token}. */
  public String tokenUrl() {
    return baseUrl() + TokenEndpoint.PATH;
  }

  /** The client id the token endpoint accepts. */
  public String clientId() {
    return clientId;
  }

  /** The data behind the API; tests may seed or inspect it directly. */
  public CaspioStore store() {
    return store;
  }

  /** Fault injection switches. */
  public Faults faults() {
    return faults;
  }

  /** What was served so far. */
  public RequestLog log() {
    return log;
  }

  /** Shorthand for {@code log().clear()}. */
  public void clearLog() {
    log.clear();
  }

  /** Invalidates every access and refresh token issued so far (forced expiry). */
  public void expireAllTokens() {
    tokens.expireAllTokens();
  }

  /** Invalidates every access token; refresh tokens keep working. */
  public void expireAccessTokens() {
    tokens.expireAccessTokens();
  }

  private synchronized void requireStarted() {
    if (!started || stopped) {
      throw new IllegalStateException("The emulator is not running.");
    }
  }

  /** Options for a {@link CaspioEmulator}; every setter returns this. */
  public static final class Builder {
    private int port;
    private Integer httpsPort;
    private java.nio.file.Path keystore;
    private String keystorePassword;
    private CaspioStore store;
    private Long seed;
    private int rows;
    private String clientId = DEFAULT_CLIENT_ID;
    private java.nio.file.Path requestLogFile;
    private String clientSecret = DEFAULT_CLIENT_SECRET;
    private Duration accessTtl = DEFAULT_ACCESS_TOKEN_LIFETIME;
    private Duration refreshTtl = DEFAULT_REFRESH_TOKEN_LIFETIME;
    private Clock clock = Clock.systemUTC();
    private Duration latency = Duration.ZERO;
    private boolean v4Enabled = true;
    private String bindAddress = HOST;
    private Switches switches = Switches.STRICT;
    private boolean switchesSet;
    private RateLimitReply rateLimitReply = RateLimitReply.STATUS_429;

    private Builder() {}

    /**
     * How the emulator answers the facts about Caspio that are not settled (caspio-api.md section
     * 9); {@link Switches#STRICT} unless set. A fact a live account check contradicts is one line:
     * {@code .switches(Switches.STRICT.with(Switches.NullText.AS_EMPTY_STRING))}. Applied to a
     * store given with {@link #store} too, whose collation must then match.
     */
    public Builder switches(Switches switches) {
      this.switches = Objects.requireNonNull(switches, "switches");
      this.switchesSet = true;
      return this;
    }

    /**
     * The reply {@link Faults#rateLimit(int)} gives a call over the limit: the uncertain fact of
     * caspio-api.md section 9 item 3 (429 or 400, envelope or array body, Retry-After or not) as a
     * named switch. {@link RateLimitReply#STATUS_429} unless set.
     */
    public Builder rateLimitReply(RateLimitReply reply) {
      this.rateLimitReply = Objects.requireNonNull(reply, "reply");
      return this;
    }

    /**
     * The address to listen on; 127.0.0.1 by default. {@code "::"} listens on every address of the
     * machine, so that tests can reach the same emulator as {@code 127.1.2.3} or {@code [::1]}.
     */
    public Builder bindAddress(String address) {
      this.bindAddress = java.util.Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * Whether the account has opted in to REST v4 (the default). Off, every v4 path answers 404
     * {@code NotFound} in v3's envelope, exactly like any unknown path, so clients' fallback to v3
     * can be tested.
     */
    public Builder v4Enabled(boolean enabled) {
      this.v4Enabled = enabled;
      return this;
    }

    /** HTTP port on 127.0.0.1; 0 (the default) picks a free port. */
    public Builder port(int port) {
      this.port = checkPort(port);
      return this;
    }

    /** Enables HTTPS on this port (0 picks a free one) with WireMock's self-signed certificate. */
    public Builder httpsPort(int httpsPort) {
      this.httpsPort = checkPort(httpsPort);
      return this;
    }

    /**
     * Serves HTTPS with the certificate of this PKCS12 key store instead of WireMock's own (tests
     * of host names and expired certificates make their own).
     */
    public Builder httpsKeystore(java.nio.file.Path keystore, String password) {
      this.keystore = Objects.requireNonNull(keystore, "keystore");
      this.keystorePassword = Objects.requireNonNull(password, "password");
      return this;
    }

    /** Serves this store; the caller keeps ownership and closes it. */
    public Builder store(CaspioStore store) {
      this.store = Objects.requireNonNull(store, "store");
      this.seed = null;
      return this;
    }

    /** Serves a new store with the deterministic sample data; the emulator closes it. */
    public Builder sampleData(long seed, int largestTableRows) {
      if (largestTableRows < 1) {
        throw new IllegalArgumentException("largestTableRows must be positive");
      }
      this.seed = seed;
      this.rows = largestTableRows;
      this.store = null;
      return this;
    }

    /** The client id the token endpoint accepts. */
    public Builder clientId(String clientId) {
      this.clientId = requireText(clientId, "clientId");
      return this;
    }

    /** The client secret the token endpoint accepts. */
    public Builder clientSecret(String clientSecret) {
      this.clientSecret = requireText(clientSecret, "clientSecret");
      return this;
    }

    /** Access-token lifetime, also sent as {@code expires_in} (whole seconds). */
    public Builder accessTokenLifetime(Duration lifetime) {
      this.accessTtl = requirePositive(lifetime, "access token lifetime");
      return this;
    }

    /** Refresh-token lifetime. */
    public Builder refreshTokenLifetime(Duration lifetime) {
      this.refreshTtl = requirePositive(lifetime, "refresh token lifetime");
      return this;
    }

    /** Clock for token expiry and rate-limit windows; tests pass a movable clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Latency added to every reply (real time, not the clock). */
    public Builder latency(Duration latency) {
      if (latency.isNegative()) {
        throw new IllegalArgumentException("latency must not be negative");
      }
      this.latency = latency;
      return this;
    }

    /**
     * Also writes every request answered to {@code file}, one JSON line each (created or truncated;
     * see {@code docs/emulator.md}).
     */
    public Builder requestLogFile(java.nio.file.Path file) {
      this.requestLogFile = java.util.Objects.requireNonNull(file, "file");
      return this;
    }

    /** Builds a stopped emulator; call {@link CaspioEmulator#start()}. */
    public CaspioEmulator build() {
      return new CaspioEmulator(this);
    }

    private static int checkPort(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0-65535, was " + port);
      }
      return port;
    }

    private static String requireText(String value, String name) {
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException(name + " must not be empty");
      }
      return value;
    }

    private static Duration requirePositive(Duration d, String name) {
      if (d.isNegative() || d.isZero() || d.toSeconds() < 1) {
        throw new IllegalArgumentException(name + " must be at least one second");
      }
      return d;
    }
  }
}
