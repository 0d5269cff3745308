/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Validation of an explicit {@code tokenUrl}. That endpoint receives the client secret, so it must
 * be HTTPS (plain HTTP only on a loopback host, for a local emulator) and may not carry user
 * information, a query or a fragment. Its host may differ from the account host: an identity
 * provider in front of Caspio is a legitimate set-up, and whoever can set the token URL can set the
 * account host too, so tying the two together would not protect the secret.
 */
final class TokenUrl {
  private static final String PROPERTY = CaspioProperty.TOKEN_URL.key();

  /** RFC 3986 path characters (pchar and '/'), percent-escapes checked separately. */
  private static final String PATH = "(/([A-Za-z0-9._~!$&'()*+,;=:-]|%[0-9A-Fa-f]{2})*)*";

  private TokenUrl() {}

  /**
   * Checks {@code raw} and returns it normalised (lower-case scheme and host).
   *
   * @throws SQLException with SQLState 22023 naming {@code tokenUrl}
   */
  static URI parse(String raw) throws SQLException {
    // Refuse '@' before anything echoes the text: it would mean user information, maybe a
    // password.
    if (raw.indexOf('@') >= 0) {
      throw invalid("must not contain '@' (user information); credentials go in properties");
    }
    int sep = raw.indexOf("://");
    String scheme = sep < 0 ? "" : raw.substring(0, sep).toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw invalid("must be an absolute https:// URL, not '" + raw + "'");
    }
    String rest = raw.substring(sep + 3);
    if (rest.indexOf('?') >= 0 || rest.indexOf('#') >= 0) {
      throw invalid("must not have a query or fragment: '" + raw + "'");
    }
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash);
    HostPort hostPort;
    try {
      hostPort = HostPort.parse(authority);
    } catch (IllegalArgumentException e) {
      throw invalid("has " + e.getMessage());
    }
    if (!path.matches(PATH)) {
      throw invalid("has an invalid path: '" + raw + "'");
    }
    if (scheme.equals("http") && !hostPort.loopback()) {
      throw invalid(
          "must use https; http is allowed only for a loopback host (localhost, 127.0.0.0/8, ::1),"
              + " not '"
              + raw
              + "'");
    }
    String port = hostPort.port() < 0 ? "" : ":" + hostPort.port();
    try {
      return new URI(scheme + "://" + hostPort.uriHost() + port + path);
    } catch (URISyntaxException e) {
      // Not expected after the checks above; reported rather than thrown as a RuntimeException.
      throw invalid("is not a valid URL: '" + raw + "'");
    }
  }

  private static SQLException invalid(String what) {
    return CaspioErrors.invalidValue("Property '" + PROPERTY + "' " + what);
  }
}
