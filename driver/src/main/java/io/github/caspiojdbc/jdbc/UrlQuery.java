/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The grammar of the text of a {@code jdbc:caspio:} URL, as described on {@link CaspioUrl}: the
 * authority, the path, the fragment and the {@code key=value} parameters, percent-decoded. It reads
 * what the URL says and refuses what the URL must never hold (user information, secrets, unknown or
 * repeated keys); how the values combine is {@link ConfigCombinations}' concern.
 */
final class UrlQuery {
  private static final String SHAPE = "jdbc:caspio://<account-host>[:port][?key=value&...]";

  private UrlQuery() {}

  /** Reads host, port and URL parameters into {@code given}. */
  static HostPort parseUrl(String url, Map<CaspioProperty, List<Given>> given) throws SQLException {
    if (url == null) {
      throw CaspioErrors.badConnectionSpec("The connection URL is null; expected " + SHAPE);
    }
    if (!CaspioUrl.acceptsURL(url)) {
      // Not echoed: a foreign URL may carry that product's password.
      throw CaspioErrors.badConnectionSpec("Not a Caspio URL; expected " + SHAPE);
    }
    String rest = url.substring(CaspioUrl.PREFIX.length());
    if (mayHoldUserInfo(rest)) {
      throw CaspioErrors.badConnectionSpec(
          "The Caspio URL must not contain user information ('user@' or 'user:password@' before"
              + " the host): pass the client id and secret as the 'user' and 'password'"
              + " connection properties");
    }
    if (!rest.startsWith("//")) {
      throw CaspioErrors.badConnectionSpec("Malformed Caspio URL; expected " + SHAPE);
    }
    rest = rest.substring(2);
    if (rest.indexOf('#') >= 0) {
      throw CaspioErrors.badConnectionSpec("The Caspio URL must not contain a fragment ('#')");
    }
    int q = rest.indexOf('?');
    String hierarchy = q < 0 ? rest : rest.substring(0, q);
    int slash = hierarchy.indexOf('/');
    String authority = slash < 0 ? hierarchy : hierarchy.substring(0, slash);
    String path = slash < 0 ? "" : hierarchy.substring(slash);
    HostPort hostPort;
    try {
      hostPort = HostPort.parse(authority);
    } catch (IllegalArgumentException e) {
      throw CaspioErrors.badConnectionSpec(
          "The Caspio URL has " + e.getMessage() + "; expected " + SHAPE);
    }
    if (!path.isEmpty() && !path.equals("/")) {
      throw CaspioErrors.badConnectionSpec(
          "The Caspio URL must not have a path: give only the account host, for example"
              + " jdbc:caspio://c1abc123.caspio.com, and choose the API with 'apiVersion'");
    }
    if (q >= 0 && q + 1 < rest.length()) {
      readQuery(rest.substring(q + 1), given);
    }
    return hostPort;
  }

  /**
   * Whether the text after the prefix has an {@code '@'} before any {@code '='}: user information
   * in the authority, or a password containing {@code '/'} or {@code '?'} that pushed it further.
   */
  static boolean mayHoldUserInfo(String rest) {
    int at = rest.indexOf('@');
    int eq = rest.indexOf('=');
    return at >= 0 && (eq < 0 || at < eq);
  }

  private static void readQuery(String query, Map<CaspioProperty, List<Given>> given)
      throws SQLException {
    Set<String> seen = new HashSet<>();
    String[] pairs = query.split("&", -1);
    for (int i = 0; i < pairs.length; i++) {
      String pair = pairs[i];
      int position = i + 1;
      int eq = pair.indexOf('=');
      if (eq < 0) {
        // Not echoed: a stray segment may be a pasted secret.
        throw CaspioErrors.badConnectionSpec(
            "URL parameter #" + position + " of the Caspio URL is not of the form key=value");
      }
      String key =
          decode(pair.substring(0, eq))
              .orElseThrow(
                  () ->
                      CaspioErrors.badConnectionSpec(
                          "URL parameter #"
                              + position
                              + " has an invalid percent-escape in its"
                              + " name"));
      if (key.isEmpty()) {
        throw CaspioErrors.badConnectionSpec(
            "URL parameter #" + position + " of the Caspio URL has an empty name");
      }
      CaspioProperty p = CaspioProperty.forKey(key).orElseThrow(() -> unknownInUrl(key));
      if (!seen.add(key)) {
        throw CaspioErrors.badConnectionSpec(
            "URL parameter '" + key + "' is given more than once in the Caspio URL");
      }
      if (p.isSecret()) {
        throw CaspioErrors.badConnectionSpec(
            "Property '"
                + key
                + "' is a secret and must not appear in the URL, which tools display and log;"
                + " pass it as a connection property"
                + (p == CaspioProperty.CLIENT_SECRET ? " (the password field)" : ""));
      }
      String value =
          decode(pair.substring(eq + 1))
              .orElseThrow(
                  () ->
                      CaspioErrors.invalidValue(
                          "Property '" + key + "' has an invalid percent-escape in the URL"));
      if (value.isEmpty()) {
        throw CaspioErrors.invalidValue("Property '" + key + "' has an empty value in the URL");
      }
      given.computeIfAbsent(p, k -> new ArrayList<>()).add(new Given("URL", key, value));
    }
  }

  private static SQLException unknownInUrl(String key) {
    String shown = key.matches("[A-Za-z0-9._-]{1,64}") ? "'" + key + "'" : "(name not shown)";
    if (CaspioUrl.isCalciteKey(key)) {
      return CaspioErrors.badConnectionSpec(
          "URL parameter "
              + shown
              + " is an Apache Calcite/Avatica connection property; the Caspio driver does not"
              + " accept it");
    }
    String hint =
        CaspioProperty.keyIgnoringCase(key)
            .map(k -> " (keys are case-sensitive: did you mean '" + k + "'?)")
            .orElse("; see the list of connection properties");
    return CaspioErrors.badConnectionSpec("Unknown URL parameter " + shown + hint);
  }

  /**
   * Percent-decodes {@code s} as UTF-8, leaving {@code '+'} alone; empty when an escape is
   * malformed or the bytes are not UTF-8.
   */
  static Optional<String> decode(String s) {
    if (s.indexOf('%') < 0) {
      return Optional.of(s);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); ) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          return Optional.empty();
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return Optional.empty();
        }
        bytes.write(hi * 16 + lo);
        i += 3;
      } else {
        int cp = s.codePointAt(i);
        if (cp <= Character.MAX_VALUE && Character.isSurrogate((char) cp)) {
          return Optional.empty();
        }
        byte[] encoded = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
        i += Character.charCount(cp);
      }
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /**
   * One value for a property and where it came from, for conflict messages.
   *
   * @param source {@code URL} or {@code Properties}
   * @param key the key or alias used there
   */
  record Given(String source, String key, String value) {
    String describe(CaspioProperty p) {
      String where =
          ("URL".equals(source) ? "URL parameter '" : "connection property '") + key + "'";
      return p.isSecret() ? where : where + " = '" + value + "'";
    }

    /** Never shows the value, which may be a secret. */
    @Override
    public String toString() {
      return "Given[" + source + ", " + key + "]";
    }
  }
}
