/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.auth.Loopback;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The authority part ({@code host[:port]}) of the connection URL or of a token URL, checked without
 * any DNS lookup.
 *
 * @param host lower-case host name or IP literal; an IPv6 literal is kept without brackets
 * @param port the explicit port, or -1 when none was given
 * @param loopback whether the host is loopback by the one definition, {@link Loopback}: {@code
 *     localhost}, 127.0.0.0/8 or {@code ::1} in any spelling, decided from the text alone
 */
record HostPort(String host, int port, boolean loopback) {

  /** A host label: letters, digits and inner hyphens (RFC 1123), at most 63 characters. */
  private static final String LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";

  /** The host as it must appear in a URI: IPv6 literals in brackets. */
  String uriHost() {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }

  /**
   * Parses {@code host[:port]}. Text with an {@code '@'} is refused before anything is quoted, so
   * messages never hold credentials.
   *
   * @throws IllegalArgumentException with a message fit for users, which the caller wraps into the
   *     right SQLException
   */
  static HostPort parse(String authority) {
    if (authority.isEmpty()) {
      throw new IllegalArgumentException("no host");
    }
    if (authority.indexOf('@') >= 0) {
      // Callers refuse this earlier; kept so no caller can ever echo a password.
      throw new IllegalArgumentException("user information ('user:password@') before the host");
    }
    String hostText;
    String portText;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("an IPv6 address without its closing ']'");
      }
      hostText = authority.substring(1, close);
      String after = authority.substring(close + 1);
      if (!after.isEmpty() && !after.startsWith(":")) {
        throw new IllegalArgumentException("unexpected text after the IPv6 address");
      }
      portText = after.isEmpty() ? null : after.substring(1);
      String ipv6 = ipv6(hostText);
      return new HostPort(ipv6, port(portText), Loopback.isLoopback(ipv6));
    }
    int colon = authority.indexOf(':');
    if (colon >= 0 && authority.indexOf(':', colon + 1) >= 0) {
      throw new IllegalArgumentException("an IPv6 address that is not in brackets, like [::1]");
    }
    hostText = colon < 0 ? authority : authority.substring(0, colon);
    portText = colon < 0 ? null : authority.substring(colon + 1);
    if (hostText.isEmpty()) {
      throw new IllegalArgumentException("no host");
    }
    String host = hostText.toLowerCase(Locale.ROOT);
    if (host.matches("[0-9.]+")) {
      ipv4(host);
    } else {
      hostName(host);
    }
    return new HostPort(host, port(portText), Loopback.isLoopback(host));
  }

  private static void hostName(String host) {
    if (host.length() > 253 || !host.matches(LABEL + "(\\." + LABEL + ")*")) {
      throw new IllegalArgumentException(
          "the host '"
              + host
              + "', which is not a valid host name (letters, digits, '-' and '.'), IPv4 address"
              + " or bracketed IPv6 address");
    }
  }

  /** Checks a dotted quad. */
  private static void ipv4(String host) {
    String[] parts = host.split("\\.", -1);
    boolean valid = parts.length == 4;
    for (int i = 0; valid && i < 4; i++) {
      String part = parts[i];
      // No leading zeros: some resolvers read "010" as octal.
      valid =
          !part.isEmpty()
              && part.length() <= 3
              && (part.length() == 1 || part.charAt(0) != '0')
              && Integer.parseInt(part) <= 255;
    }
    if (!valid) {
      throw new IllegalArgumentException("the host '" + host + "', which is not an IPv4 address");
    }
  }

  private static String ipv6(String literal) {
    String lower = literal.toLowerCase(Locale.ROOT);
    // Only hex digits, ':' and '.' (for an embedded IPv4 tail): no zone ids, and nothing that
    // InetAddress could mistake for a name to resolve.
    if (lower.indexOf(':') < 0 || !lower.matches("[0-9a-f:.]+")) {
      throw new IllegalArgumentException("an invalid IPv6 address");
    }
    try {
      // With brackets InetAddress only parses the literal; it never resolves.
      InetAddress.getByName("[" + lower + "]");
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("an invalid IPv6 address");
    }
    return lower;
  }

  private static int port(String text) {
    if (text == null) {
      return -1;
    }
    if (text.isEmpty()) {
      throw new IllegalArgumentException("an empty port after ':'");
    }
    if (!text.matches("[0-9]{1,5}")
        || Integer.parseInt(text) < 1
        || Integer.parseInt(text) > 65535) {
      throw new IllegalArgumentException("the port '" + text + "'; expected 1 to 65535");
    }
    return Integer.parseInt(text);
  }
}
