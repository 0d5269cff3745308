/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one definition of a loopback host, the only kind of host that may be reached over plain HTTP
 * (a local emulator or test server): the connection URL, the token URL and the REST client all ask
 * here, so a host can never pass one of them and fail another.
 *
 * <p>Loopback are exactly: the name {@code localhost} (any case), a dotted-quad IPv4 address in
 * 127.0.0.0/8, and an IPv6 literal, with or without brackets, that denotes {@code ::1} in any
 * spelling ({@code ::1}, {@code 0:0:0:0:0:0:0:1}, {@code ::ffff:127.0.0.1} …). The verdict is taken
 * from the text alone, without any DNS lookup: a name that merely resolves to a loopback address
 * does not count, because what it resolves to can change. Names under {@code .localhost} are not
 * loopback either: RFC 6761 reserves them, but not every resolver honours that, and this decides
 * whether a secret may travel in clear, so the strict reading wins.
 */
public final class Loopback {
  /** Four decimal parts 0 to 255 without leading zeros (which some resolvers read as octal). */
  private static final Pattern DOTTED_QUAD =
      Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

  /** Hex digits, ':' and '.' (an embedded IPv4 tail): no zone ids, nothing to resolve. */
  private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]*:[0-9a-f:.]*");

  private Loopback() {}

  /**
   * Whether {@code host} is a loopback host as defined on the class.
   *
   * @param host a host name or IP literal as it appears in a URL (IPv6 with or without brackets);
   *     null is not loopback
   */
  public static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost")) {
      return true;
    }
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (DOTTED_QUAD.matcher(h).matches()) {
      return h.startsWith("127.") && within255(h);
    }
    if (!IPV6.matcher(h).matches()) {
      return false;
    }
    try {
      // In brackets InetAddress only parses a literal; it never resolves a name.
      return InetAddress.getByName("[" + h + "]").isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean within255(String quad) {
    for (String part : quad.split("\\.")) {
      if (Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }
}
