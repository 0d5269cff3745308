/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The rules for token URLs, as described on {@link TokenManagerConfig}: an account's default token
 * URL, and the check that a secret is sent only over HTTPS (or to a loopback host) and never to a
 * URL carrying user info. Which host is loopback is {@link Loopback}'s to say, for every layer.
 */
final class TokenUris {
  private TokenUris() {}

  /** See {@link TokenManagerConfig#defaultTokenUri}. */
  static URI forAccount(String account) {
    String value = TokenManagerConfig.blankToNull(account);
    if (value == null) {
      throw TokenManagerConfig.missing(
          "No account host: set the Caspio account host (for example c1abc.caspio.com).");
    }
    String withScheme = value.contains("://") ? value : "https://" + value;
    try {
      URI base = new URI(withScheme);
      if (base.getHost() == null) {
        throw TokenManagerConfig.invalid(
            "Not a host name or URL: account '" + describeInput(value) + "'");
      }
      return new URI(
          base.getScheme().toLowerCase(Locale.ROOT),
          null,
          base.getHost(),
          base.getPort(),
          TokenManagerConfig.TOKEN_PATH,
          null,
          null);
    } catch (URISyntaxException e) {
      throw TokenManagerConfig.invalid(
          "Not a host name or URL: account '" + describeInput(value) + "'");
    }
  }

  /** Refuses a token URL that is not absolute, carries user info or is insecure. */
  static void check(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || uri.getHost() == null || uri.isOpaque()) {
      throw TokenManagerConfig.invalid(
          "The token URL must be an absolute https URL with a host name.");
    }
    if (uri.getRawUserInfo() != null) {
      // Never echo the URL here: its user info is probably a credential.
      throw TokenManagerConfig.invalid(
          "The token URL must not contain user info (credentials before the host).");
    }
    if (scheme.equals("https")) {
      return;
    }
    if (scheme.equals("http")) {
      if (Loopback.isLoopback(uri.getHost())) {
        return;
      }
      throw new CaspioException(
          ErrorKind.CONNECTION_FAILED,
          "Refusing to send credentials over plain HTTP to "
              + Redaction.describe(uri)
              + "; use an https token URL (plain http is allowed only for a loopback host).",
          null);
    }
    throw TokenManagerConfig.invalid(
        "The token URL must use https, not '" + describeInput(scheme) + "'.");
  }

  /** {@code value} fit to appear in a message. */
  private static String describeInput(String value) {
    return Redaction.sanitize(value, List.of());
  }
}
