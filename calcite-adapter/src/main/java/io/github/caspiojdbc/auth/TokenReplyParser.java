/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * Reads token endpoint replies, tolerating the small differences between servers of the OAuth
 * client-credentials family: {@code token_type} in any case or absent, {@code expires_in} as a
 * number, a numeric string or absent, a JWT access token's {@code exp}, no refresh token, and
 * member names in any case.
 *
 * <p>When a reply says nothing about the lifetime, the token is assumed to live {@link
 * #DEFAULT_LIFETIME} (one hour): short enough to be conservative against Caspio's 24 h tokens and
 * typical for other servers, and a token that dies sooner is caught by the 401-then-invalidate path
 * anyway.
 *
 * <p>Raw bodies are never put into messages: a body may hold a token.
 */
final class TokenReplyParser {
  /** Lifetime assumed when neither {@code expires_in} nor a JWT {@code exp} says otherwise. */
  static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

  private static final ObjectMapper JSON = new ObjectMapper();

  private TokenReplyParser() {}

  /** An OAuth error reply (RFC 6749 section 5.2); either part may be null. */
  record OAuthError(String code, String description) {}

  /**
   * The token in a 2xx reply.
   *
   * @param requestedAt when the request was sent; lifetimes count from there (conservative)
   * @param where the token URL as it may be shown
   * @param secrets values to mask in anything taken from the reply
   * @throws CaspioException REMOTE when the reply is not a usable token, AUTHENTICATION when a 2xx
   *     reply carries an OAuth error instead
   */
  static TokenResponse parseSuccess(
      int status,
      byte[] body,
      String contentType,
      Instant requestedAt,
      String where,
      Collection<String> secrets) {
    JsonNode root = readObject(body);
    if (root == null) {
      throw new CaspioException(
          ErrorKind.REMOTE,
          "The token endpoint "
              + where
              + " answered HTTP "
              + status
              + " with a body that is not a JSON object (content type "
              + Redaction.sanitize(String.valueOf(contentType), secrets)
              + "); check that the token URL points at an OAuth token endpoint.",
          status,
          null,
          null,
          null);
    }
    String token = text(root, "access_token");
    if (token == null) {
      OAuthError error = error(root, secrets);
      if (error.code() != null) {
        throw new CaspioException(
            ErrorKind.AUTHENTICATION,
            "The token endpoint " + where + " refused the request " + detail(status, error) + ".",
            status,
            error.code(),
            null,
            null);
      }
      throw new CaspioException(
          ErrorKind.REMOTE,
          "The token endpoint "
              + where
              + " answered HTTP "
              + status
              + " without an access_token; check that the token URL points at an OAuth token"
              + " endpoint.",
          status,
          null,
          null,
          null);
    }
    if (!isHeaderSafe(token)) {
      throw new CaspioException(
          ErrorKind.REMOTE,
          "The token endpoint "
              + where
              + " returned an access_token with characters that cannot be sent in an HTTP header.",
          status,
          null,
          null,
          null);
    }
    String type = text(root, "token_type");
    if (type != null && !type.equalsIgnoreCase("bearer")) {
      throw new CaspioException(
          ErrorKind.REMOTE,
          "The token endpoint "
              + where
              + " issued a token of type '"
              + Redaction.sanitize(type, secrets)
              + "'; only bearer tokens are supported.",
          status,
          null,
          null,
          null);
    }
    String refresh = text(root, "refresh_token");
    if (refresh != null && !isHeaderSafe(refresh)) {
      // Unusable in a form body as sent back; better to fall back to client credentials later.
      refresh = null;
    }
    return new TokenResponse(
        new AccessToken(token, expiresAt(requestedAt, member(root, "expires_in"), token)), refresh);
  }

  /** The OAuth error in a reply body, or an error with null parts when the body has none. */
  static OAuthError parseError(byte[] body, Collection<String> secrets) {
    JsonNode root = readObject(body);
    return root == null ? new OAuthError(null, null) : error(root, secrets);
  }

  /**
   * "(HTTP 400, invalid_client: Invalid client_id)" or as much of it as is known; the parts come
   * from the server and are already sanitised.
   */
  static String detail(int status, OAuthError error) {
    StringBuilder sb = new StringBuilder("(HTTP ").append(status);
    if (error.code() != null) {
      sb.append(", ").append(error.code());
    }
    if (error.description() != null) {
      sb.append(error.code() != null ? ": " : ", ").append(error.description());
    }
    return sb.append(')').toString();
  }

  /**
   * The expiry of a pre-issued token whose expiry the caller did not give: a JWT's {@code exp}, or
   * null (unknown: used until the API rejects it).
   */
  static Instant jwtExpiry(String token) {
    return jwtExp(token);
  }

  private static Instant expiresAt(Instant requestedAt, JsonNode expiresIn, String token) {
    Instant result = null;
    Long seconds = seconds(expiresIn);
    if (seconds != null && seconds > 0) {
      result = requestedAt.plusSeconds(seconds);
    }
    Instant exp = jwtExp(token);
    // An exp at or before the request time means our clock is ahead of the issuer's; the
    // relative expires_in or the default is then the better guide.
    if (exp != null && exp.isAfter(requestedAt) && (result == null || exp.isBefore(result))) {
      result = exp;
    }
    return result != null ? result : requestedAt.plus(DEFAULT_LIFETIME);
  }

  private static Long seconds(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isNumber()) {
      return node.asLong();
    }
    if (node.isTextual()) {
      try {
        return Long.parseLong(node.asText().strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Instant jwtExp(String token) {
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (first <= 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
      return null;
    }
    try {
      byte[] payload = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
      JsonNode claims = readObject(payload);
      Long exp = claims == null ? null : seconds(claims.get("exp"));
      return exp == null || exp <= 0 ? null : Instant.ofEpochSecond(exp);
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      return null;
    }
  }

  private static OAuthError error(JsonNode root, Collection<String> secrets) {
    String code = text(root, "error");
    if (code == null) {
      // Caspio's own error envelope (caspio-api.md 6.2) names the error in Code; its token
      // endpoint's bodies are undocumented (2.8), so either shape must read the same.
      code = text(root, "code");
    }
    String description = text(root, "error_description");
    if (description == null) {
      // ASP.NET style bodies ({"Message": ...}) as Caspio's API uses elsewhere.
      description = text(root, "message");
    }
    return new OAuthError(
        Redaction.sanitize(code, secrets), Redaction.sanitize(description, secrets));
  }

  private static JsonNode readObject(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** A textual, non-blank member looked up in any case, or null. */
  private static String text(JsonNode root, String name) {
    JsonNode node = member(root, name);
    if (node == null || !node.isValueNode() || node.isNull()) {
      return null;
    }
    String s = node.asText();
    return s.isBlank() ? null : s.strip();
  }

  private static JsonNode member(JsonNode root, String name) {
    JsonNode exact = root.get(name);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      if (e.getKey().toLowerCase(Locale.ROOT).equals(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Visible ASCII only: no space, no control character, so no header injection. */
  private static boolean isHeaderSafe(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
