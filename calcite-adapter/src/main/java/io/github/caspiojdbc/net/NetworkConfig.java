/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.net;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The proxy and trust settings of one connection. Without a proxy host the JVM's proxy settings
 * apply ({@code https.proxyHost}, {@code http.nonProxyHosts}, or an installed {@link
 * java.net.ProxySelector}); without a trust store, the JVM's trusted certificates do. The two
 * passwords never appear in {@link #toString()}; equality includes them, so two connections share
 * an HTTP client only when everything matches.
 */
public final class NetworkConfig {
  /** The JVM's proxy and trust settings. */
  public static final NetworkConfig SYSTEM = builder().build();

  private final String proxyHost;
  private final int proxyPort;
  private final String proxyUser;
  private final String proxyPassword;
  private final List<String> nonProxyHosts;
  private final Path trustStore;
  private final String trustStoreType;
  private final String trustStorePassword;

  private NetworkConfig(Builder b) {
    this.proxyHost = b.proxyHost;
    this.proxyPort = b.proxyPort;
    this.proxyUser = b.proxyUser;
    this.proxyPassword = b.proxyPassword;
    this.nonProxyHosts = List.copyOf(b.nonProxyHosts);
    this.trustStore = b.trustStore;
    this.trustStoreType = b.trustStoreType;
    this.trustStorePassword = b.trustStorePassword;
    if (proxyHost != null && (proxyPort <= 0 || proxyPort > 65_535)) {
      throw new IllegalArgumentException("proxyPort must be 1 to 65535");
    }
    if (proxyUser != null && proxyHost == null) {
      throw new IllegalArgumentException("proxyUser needs proxyHost");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The proxy every request goes through, or null for the JVM's choice. */
  public String proxyHost() {
    return proxyHost;
  }

  public int proxyPort() {
    return proxyPort;
  }

  /** The user for the proxy's Basic authentication, or null for none. */
  public String proxyUser() {
    return proxyUser;
  }

  String proxyPassword() {
    return proxyPassword;
  }

  /**
   * Hosts reached directly although a proxy is given: exact names or patterns with {@code *} at
   * either end ({@code *.internal}), compared ignoring case, as in {@code http.nonProxyHosts}.
   */
  public List<String> nonProxyHosts() {
    return nonProxyHosts;
  }

  /** The trust store file, or null for the JVM's trusted certificates. */
  public Path trustStore() {
    return trustStore;
  }

  /** The trust store's type (PKCS12, JKS), or null for the JVM's default type. */
  public String trustStoreType() {
    return trustStoreType;
  }

  String trustStorePassword() {
    return trustStorePassword;
  }

  /** Whether {@code host} bypasses the given proxy. */
  boolean bypasses(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    for (String pattern : nonProxyHosts) {
      String p = pattern.trim().toLowerCase(Locale.ROOT);
      if (p.isEmpty()) {
        continue;
      }
      boolean lead = p.startsWith("*");
      boolean trail = p.endsWith("*") && p.length() > 1;
      String core = p.substring(lead ? 1 : 0, p.length() - (trail ? 1 : 0));
      if (lead && trail
          ? h.contains(core)
          : lead ? h.endsWith(core) : trail ? h.startsWith(core) : h.equals(core)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetworkConfig n
        && Objects.equals(proxyHost, n.proxyHost)
        && proxyPort == n.proxyPort
        && Objects.equals(proxyUser, n.proxyUser)
        && Objects.equals(proxyPassword, n.proxyPassword)
        && nonProxyHosts.equals(n.nonProxyHosts)
        && Objects.equals(trustStore, n.trustStore)
        && Objects.equals(trustStoreType, n.trustStoreType)
        && Objects.equals(trustStorePassword, n.trustStorePassword);
  }

  @Override
  public int hashCode() {
    return Objects.hash(proxyHost, proxyPort, proxyUser, nonProxyHosts, trustStore, trustStoreType);
  }

  /** The settings with both passwords masked. */
  @Override
  public String toString() {
    return "NetworkConfig[proxy="
        + (proxyHost == null ? "JVM default" : proxyHost + ":" + proxyPort)
        + (proxyUser == null
            ? ""
            : ", proxyUser=" + proxyUser + ", proxyPassword=" + mask(proxyPassword))
        + (nonProxyHosts.isEmpty() ? "" : ", nonProxyHosts=" + nonProxyHosts)
        + ", trustStore="
        + (trustStore == null ? "JVM default" : trustStore)
        + (trustStoreType == null ? "" : ", trustStoreType=" + trustStoreType)
        + (trustStorePassword == null ? "" : ", trustStorePassword=" + mask(trustStorePassword))
        + "]";
  }

  private static String mask(String secret) {
    return secret == null ? "none" : "****";
  }

  /** Builds a {@link NetworkConfig}; every setting is optional. */
  public static final class Builder {
    private String proxyHost;
    private int proxyPort;
    private String proxyUser;
    private String proxyPassword;
    private List<String> nonProxyHosts = List.of();
    private Path trustStore;
    private String trustStoreType;
    private String trustStorePassword;

    private Builder() {}

    public Builder proxy(String host, int port) {
      this.proxyHost = host;
      this.proxyPort = port;
      return this;
    }

    public Builder proxyCredentials(String user, String password) {
      this.proxyUser = user;
      this.proxyPassword = password;
      return this;
    }

    public Builder nonProxyHosts(List<String> hosts) {
      this.nonProxyHosts = Objects.requireNonNull(hosts);
      return this;
    }

    public Builder trustStore(Path file, String type, String password) {
      this.trustStore = file;
      this.trustStoreType = type;
      this.trustStorePassword = password;
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException when a proxy port is out of range or a proxy user has no
     *     proxy
     */
    public NetworkConfig build() {
      return new NetworkConfig(this);
    }
  }
}
