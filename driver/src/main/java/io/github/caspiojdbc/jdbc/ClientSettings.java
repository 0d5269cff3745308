/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.auth.TokenManagerConfig;
import io.github.caspiojdbc.rest.CallMeter;
import io.github.caspiojdbc.rest.CaspioApiConfig;
import java.time.Duration;
import java.util.Properties;

/**
 * The one place where a connection's {@link CaspioConfig} becomes the settings of the layers below:
 * the auth layer's {@link TokenManagerConfig}, the REST layer's {@link CaspioApiConfig} and the
 * properties of the Calcite connection. Keeping the translation here lets {@link CaspioConnection}
 * only assemble the parts, and gives each rule of translation (which bound wins, which "no limit"
 * each layer understands) one home.
 */
final class ClientSettings {
  /** Stands for "no limit" where the HTTP layer needs a positive bound. */
  private static final Duration NO_LIMIT = Duration.ofDays(1);

  private ClientSettings() {}

  /**
   * The properties of every Calcite connection behind a {@link CaspioConnection}, chosen here only
   * and never taken from the user: double-quote quoting, identifiers kept as written and matched
   * case-insensitively, NULLs sorted low and the result types of {@link CaspioTypeSystem}.
   */
  static Properties calciteProperties() {
    Properties p = new Properties();
    p.setProperty("quoting", "DOUBLE_QUOTE");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("quotedCasing", "UNCHANGED");
    p.setProperty("caseSensitive", "false");
    // SQL Server sorts NULLs first ascending; matching it lets ORDER BY run in Caspio.
    p.setProperty("defaultNullCollation", "LOW");
    // Result types that keep values whole: unpadded text, fractional statistics of integers.
    p.setProperty("typeSystem", CaspioTypeSystem.class.getName());
    return p;
  }

  /** The token manager's settings: the grant of {@code config}'s auth mode and its bounds. */
  static TokenManagerConfig tokenManagerConfig(CaspioConfig config) {
    TokenManagerConfig.Builder b =
        TokenManagerConfig.builder()
            .clientAuthentication(config.clientAuth())
            .scope(config.scope())
            .audience(config.audience())
            .maxRetries(config.maxRetries())
            .network(config.network());
    // A token request is part of logging in: it never outlives loginTimeout, so a silent token
    // endpoint does not keep a socket and a thread after connect() has given up.
    Duration request = config.socketTimeout();
    Duration login = config.loginTimeout();
    if (!login.isZero() && (request.isZero() || login.compareTo(request) < 0)) {
      request = login;
    }
    if (!request.isZero()) {
      b.requestTimeout(request);
    }
    if (!config.connectTimeout().isZero()) {
      b.connectTimeout(config.connectTimeout());
    }
    switch (config.authMode()) {
      case ACCESS_TOKEN -> {
        b.preIssuedToken(config.accessToken(), null, null);
        if (config.clientId() != null) {
          b.clientId(config.clientId());
        }
      }
      case REFRESH_TOKEN ->
          b.tokenUri(config.tokenUri())
              .clientCredentials(config.clientId(), config.clientSecret())
              .preIssuedToken(null, config.refreshToken(), null);
      case CLIENT_CREDENTIALS ->
          b.tokenUri(config.tokenUri()).clientCredentials(config.clientId(), config.clientSecret());
    }
    return b.build();
  }

  /**
   * The REST client's settings: the account's origin, the REST generation, the bounds and the
   * connection's call meter.
   */
  static CaspioApiConfig apiConfig(CaspioConfig config, CallMeter calls) {
    return CaspioApiConfig.builder(config.originUri())
        .version(config.apiVersion())
        .versionMemory(config.metadataCacheTtl())
        // prefetch=0 reads serially, which is one page in flight.
        .prefetchDepth(Math.max(1, config.prefetch()))
        .connectTimeout(orNoLimit(config.connectTimeout()))
        .responseTimeout(orNoLimit(config.socketTimeout()))
        .maxAttempts(config.maxRetries() + 1)
        .callMeter(calls)
        .replyCacheTtl(config.calls().cacheTtl())
        .maxCallsPerSecond(config.calls().maxCallsPerSecond())
        .network(config.network())
        .build();
  }

  /** The HTTP layer's bound for a setting where zero means "no limit". */
  private static Duration orNoLimit(Duration d) {
    return d.isZero() ? NO_LIMIT : d;
  }
}
