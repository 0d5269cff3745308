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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one parsed value per property into a {@link CaspioConfig}: the credentials that must or
 * must not go together, the hosts that may use plain HTTP, the defaults and {@code DriverManager}'s
 * login timeout, as listed under "Combinations" on {@link CaspioUrl}. Each value has already been
 * checked on its own by {@link CaspioProperty#parse}; only rules that span properties live here.
 */
final class ConfigCombinations {
  private ConfigCombinations() {}

  /** The settings of {@code v} (one value per given property) for the URL and host given. */
  static CaspioConfig build(String url, HostPort hostPort, Map<CaspioProperty, String> v)
      throws SQLException {
    String accessToken = v.get(CaspioProperty.ACCESS_TOKEN);
    String clientId = v.get(CaspioProperty.CLIENT_ID);
    String clientSecret = v.get(CaspioProperty.CLIENT_SECRET);
    if (accessToken != null) {
      for (CaspioProperty p :
          List.of(
              CaspioProperty.CLIENT_SECRET,
              CaspioProperty.REFRESH_TOKEN,
              CaspioProperty.TOKEN_URL,
              CaspioProperty.CLIENT_AUTH,
              CaspioProperty.AUDIENCE,
              CaspioProperty.SCOPE)) {
        if (v.containsKey(p)) {
          throw CaspioErrors.badConnectionSpec(
              "Property '"
                  + p.key()
                  + "' cannot be combined with 'accessToken': a pre-issued token is used as is"
                  + " and no token is ever requested");
        }
      }
    } else if (clientId == null && clientSecret == null) {
      throw CaspioErrors.badConnectionSpec(
          "Missing credentials: set 'user' and 'password' (client ID and client secret of the"
              + " Caspio Web services profile), or 'accessToken'");
    } else if (clientId == null) {
      throw CaspioErrors.badConnectionSpec(
          "Missing property 'clientId' (or 'user'): the client ID goes with the client secret");
    } else if (clientSecret == null) {
      throw CaspioErrors.badConnectionSpec(
          "Missing property 'clientSecret' (or 'password'): the client secret goes with the client"
              + " ID");
    }
    boolean useHttps = bool(v, CaspioProperty.USE_HTTPS);
    if (!useHttps && !hostPort.loopback()) {
      throw CaspioErrors.badConnectionSpec(
          "Property 'useHttps' may be false only for a loopback host (localhost, 127.0.0.0/8 or"
              + " ::1: a local emulator); Caspio accepts HTTPS only");
    }
    int port = hostPort.port() > 0 ? hostPort.port() : useHttps ? 443 : 80;
    String tokenUrl = v.get(CaspioProperty.TOKEN_URL);
    return new CaspioConfig(
        url,
        hostPort.host(),
        port,
        useHttps,
        ApiVersion.named(text(v, CaspioProperty.API_VERSION)),
        tokenUrl == null ? null : URI.create(tokenUrl),
        ClientAuthentication.valueOf(text(v, CaspioProperty.CLIENT_AUTH).toUpperCase(Locale.ROOT)),
        clientId,
        clientSecret,
        accessToken,
        v.get(CaspioProperty.REFRESH_TOKEN),
        v.get(CaspioProperty.AUDIENCE),
        v.get(CaspioProperty.SCOPE),
        CaspioProperty.CONNECT_TIMEOUT.durationValue(text(v, CaspioProperty.CONNECT_TIMEOUT)),
        CaspioProperty.SOCKET_TIMEOUT.durationValue(text(v, CaspioProperty.SOCKET_TIMEOUT)),
        loginTimeout(v),
        CaspioProperty.QUERY_TIMEOUT.durationValue(text(v, CaspioProperty.QUERY_TIMEOUT)),
        CaspioProperty.METADATA_CACHE_TTL.durationValue(text(v, CaspioProperty.METADATA_CACHE_TTL)),
        CaspioProperty.MAX_RETRIES.intValue(text(v, CaspioProperty.MAX_RETRIES)),
        CaspioProperty.PAGE_SIZE.intValue(text(v, CaspioProperty.PAGE_SIZE)),
        CaspioProperty.PREFETCH.intValue(text(v, CaspioProperty.PREFETCH)),
        CaspioProperty.PLAN_CACHE_SIZE.intValue(text(v, CaspioProperty.PLAN_CACHE_SIZE)),
        bool(v, CaspioProperty.READ_ONLY),
        CallSettings.of(p -> callSetting(v, p, hostPort.loopback())),
        network(v));
  }

  /**
   * The proxy and trust settings; each needs the one it qualifies ({@code proxyPort} and {@code
   * proxyUser} need {@code proxyHost}, and so on), and the trust store must be a readable file.
   */
  private static NetworkConfig network(Map<CaspioProperty, String> v) throws SQLException {
    requires(v, CaspioProperty.PROXY_HOST, CaspioProperty.PROXY_PORT);
    requires(v, CaspioProperty.PROXY_PORT, CaspioProperty.PROXY_HOST);
    requires(v, CaspioProperty.PROXY_USER, CaspioProperty.PROXY_HOST);
    requires(v, CaspioProperty.PROXY_PASSWORD, CaspioProperty.PROXY_USER);
    requires(v, CaspioProperty.NON_PROXY_HOSTS, CaspioProperty.PROXY_HOST);
    requires(v, CaspioProperty.TRUST_STORE_TYPE, CaspioProperty.TRUST_STORE);
    requires(v, CaspioProperty.TRUST_STORE_PASSWORD, CaspioProperty.TRUST_STORE);
    NetworkConfig.Builder b = NetworkConfig.builder();
    String proxy = v.get(CaspioProperty.PROXY_HOST);
    if (proxy != null) {
      b.proxy(proxy, CaspioProperty.PROXY_PORT.intValue(v.get(CaspioProperty.PROXY_PORT)));
      String hosts = v.get(CaspioProperty.NON_PROXY_HOSTS);
      if (hosts != null) {
        b.nonProxyHosts(List.of(hosts.split("[|,]")));
      }
      String user = v.get(CaspioProperty.PROXY_USER);
      if (user != null) {
        b.proxyCredentials(user, v.get(CaspioProperty.PROXY_PASSWORD));
      }
    }
    String store = v.get(CaspioProperty.TRUST_STORE);
    if (store != null) {
      Path file = Path.of(store);
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw CaspioErrors.badConnectionSpec(
            "Property 'trustStore': " + store + " is not a readable file");
      }
      b.trustStore(
          file, v.get(CaspioProperty.TRUST_STORE_TYPE), v.get(CaspioProperty.TRUST_STORE_PASSWORD));
    }
    return b.build();
  }

  /** Refuses {@code given} without {@code needed}. */
  private static void requires(
      Map<CaspioProperty, String> v, CaspioProperty given, CaspioProperty needed)
      throws SQLException {
    if (v.containsKey(given) && !v.containsKey(needed)) {
      throw CaspioErrors.badConnectionSpec(
          "Property '" + given.key() + "' needs '" + needed.key() + "'");
    }
  }

  /**
   * A call setting as given or by default; a loopback host (a local emulator, which has no account
   * limit unless told to have one) is not paced unless {@code maxCallsPerSecond} is given, so tests
   * and benchmarks measure the driver rather than the pace.
   */
  private static String callSetting(
      Map<CaspioProperty, String> v, CaspioProperty p, boolean loopback) {
    if (p == CaspioProperty.MAX_CALLS_PER_SECOND && loopback && !v.containsKey(p)) {
      return "0";
    }
    return text(v, p);
  }

  /**
   * The {@code loginTimeout} property; when it is not given, {@link DriverManager#getLoginTimeout}
   * as JDBC asks (its default 0 leaves the property's default, no limit).
   */
  private static Duration loginTimeout(Map<CaspioProperty, String> v) {
    String given = v.get(CaspioProperty.LOGIN_TIMEOUT);
    if (given == null) {
      int seconds = DriverManager.getLoginTimeout();
      if (seconds > 0) {
        return Duration.ofSeconds(seconds);
      }
    }
    return CaspioProperty.LOGIN_TIMEOUT.durationValue(text(v, CaspioProperty.LOGIN_TIMEOUT));
  }

  /** The given value, or the default (every property read here has one). */
  private static String text(Map<CaspioProperty, String> v, CaspioProperty p) {
    return v.getOrDefault(p, p.defaultValue());
  }

  private static boolean bool(Map<CaspioProperty, String> v, CaspioProperty p) {
    return p.booleanValue(text(v, p));
  }
}
