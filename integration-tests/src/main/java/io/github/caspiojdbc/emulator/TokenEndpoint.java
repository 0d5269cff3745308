/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.caspiojdbc.emulator.store.Switches;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /oauth/token}: the client-credentials and refresh-token grants (research notes
 * 2.2-2.6).
 *
 * <p>Caspio does not document its error bodies (notes 2.8), so by default this follows RFC 6749 5.2
 * strictly; the {@link Switches.TokenErrorBody} switch puts the same error in Caspio's own envelope
 * instead, with the same status and headers:
 *
 * <ul>
 *   <li>400 {@code invalid_request}: not a form body with {@code grant_type}, a parameter sent
 *       twice, only one of {@code client_id}/{@code client_secret}, credentials both in a Basic
 *       header and in the body, or a refresh grant without {@code refresh_token}.
 *   <li>{@code invalid_client}: 401 with {@code WWW-Authenticate: Basic} when the client tried a
 *       Basic (or any other) Authorization header, 400 when it sent wrong credentials in the body
 *       or none at all.
 *   <li>400 {@code invalid_grant}: unknown or expired refresh token.
 *   <li>400 {@code unsupported_grant_type}: any other grant, checked after client authentication.
 *   <li>405 {@code invalid_request} for a method other than POST.
 * </ul>
 *
 * <p>The body is parsed as a form whatever its Content-Type, because one client sends it as
 * text/plain and still gets a token (notes 2.2).
 */
final class TokenEndpoint {
  static final String PATH = "/oauth/token";

  private final byte[] clientId;
  private final byte[] clientSecret;
  private final TokenService tokens;
  private final Supplier<Switches> switches;

  /**
   * @param switches read on every refusal, so that a switch flipped on a running store applies
   */
  TokenEndpoint(
      String clientId, String clientSecret, TokenService tokens, Supplier<Switches> switches) {
    this.clientId = clientId.getBytes(StandardCharsets.UTF_8);
    this.clientSecret = clientSecret.getBytes(StandardCharsets.UTF_8);
    this.tokens = tokens;
    this.switches = switches;
  }

  /** Thrown inside this class only; carries one RFC 6749 error until it becomes a reply. */
  private static final class OAuthError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String description;

    OAuthError(int status, String error, String description) {
      super(error, null, false, false);
      this.status = status;
      this.description = description;
    }
  }

  /**
   * @param requestId the id the reply's {@code X-Caspio-Request-ID} header will carry, repeated in
   *     the Caspio envelope's {@code RequestId} as on resource errors
   */
  Reply handle(String method, String authorization, byte[] body, String requestId) {
    try {
      if (!"POST".equalsIgnoreCase(method)) {
        return error(
                new OAuthError(405, "invalid_request", "The token endpoint accepts POST only."),
                requestId)
            .withHeader("Allow", "POST");
      }
      return grant(authorization, body);
    } catch (OAuthError e) {
      return error(e, requestId);
    }
  }

  private Reply error(OAuthError e, String requestId) {
    Reply r =
        switches.get().tokenErrorBody() == Switches.TokenErrorBody.CASPIO_ENVELOPE
            ? Reply.caspioError(e.status, e.getMessage(), e.description, PATH, requestId)
                .withHeader("Cache-Control", "no-store")
                .withHeader("Pragma", "no-cache")
            : oauthJson(e.status, errorBody(e.getMessage(), e.description));
    if (e.status == 401) {
      r = r.withHeader("WWW-Authenticate", "Basic realm=\"Caspio\"");
    }
    return r;
  }

  private Reply grant(String authorization, byte[] body) {
    Params form;
    try {
      form = Params.parse(new String(body, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new OAuthError(400, "invalid_request", "The request body is not valid form data.");
    }
    String grantType =
        param(form, "grant_type")
            .orElseThrow(
                () -> new OAuthError(400, "invalid_request", "Missing parameter grant_type."));
    authenticateClient(authorization, form);
    switch (grantType) {
      case "client_credentials":
        return success(tokens.issue());
      case "refresh_token":
        String refresh =
            param(form, "refresh_token")
                .orElseThrow(
                    () ->
                        new OAuthError(400, "invalid_request", "Missing parameter refresh_token."));
        if (!tokens.isValidRefreshToken(refresh)) {
          throw new OAuthError(400, "invalid_grant", "The refresh token is invalid or expired.");
        }
        return success(tokens.issue());
      default:
        throw new OAuthError(
            400, "unsupported_grant_type", "Supported grants: client_credentials, refresh_token.");
    }
  }

  private void authenticateClient(String authorization, Params form) {
    Optional<String> bodyId = param(form, "client_id");
    Optional<String> bodySecret = param(form, "client_secret");
    if (authorization != null && !authorization.isBlank()) {
      if (bodyId.isPresent() || bodySecret.isPresent()) {
        throw new OAuthError(
            400, "invalid_request", "Use either HTTP Basic or body credentials, not both.");
      }
      String[] idAndSecret = basicCredentials(authorization);
      if (!matches(idAndSecret[0], idAndSecret[1])
          && !matches(formDecode(idAndSecret[0]), formDecode(idAndSecret[1]))) {
        throw new OAuthError(401, "invalid_client", "Client authentication failed.");
      }
      return;
    }
    if (bodyId.isEmpty() && bodySecret.isEmpty()) {
      throw new OAuthError(400, "invalid_client", "No client authentication included.");
    }
    if (bodyId.isEmpty() || bodySecret.isEmpty()) {
      throw new OAuthError(
          400, "invalid_request", "Send both client_id and client_secret, or neither.");
    }
    if (!matches(bodyId.get(), bodySecret.get())) {
      throw new OAuthError(400, "invalid_client", "Client authentication failed.");
    }
  }

  private static String[] basicCredentials(String authorization) {
    String header = authorization.trim();
    int space = header.indexOf(' ');
    if (space < 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals("basic")) {
      throw new OAuthError(401, "invalid_client", "Unsupported client authentication method.");
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(space + 1).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new OAuthError(401, "invalid_client", "Malformed Basic credentials.");
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new OAuthError(401, "invalid_client", "Malformed Basic credentials.");
    }
    return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
  }

  /** RFC 6749 2.3.1 form-encodes id and secret inside Basic; most clients do not, so try both. */
  private static String formDecode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private boolean matches(String id, String secret) {
    // Constant-time comparison for both, evaluated fully so timing reveals nothing.
    boolean idOk = MessageDigest.isEqual(clientId, id.getBytes(StandardCharsets.UTF_8));
    boolean secretOk = MessageDigest.isEqual(clientSecret, secret.getBytes(StandardCharsets.UTF_8));
    return idOk & secretOk;
  }

  private static Optional<String> param(Params form, String name) {
    return form.single(
            () -> new OAuthError(400, "invalid_request", "Parameter " + name + " sent twice."),
            name)
        .filter(v -> !v.isEmpty());
  }

  private static Reply success(TokenService.Issued issued) {
    ObjectNode body = Reply.MAPPER.createObjectNode();
    body.put("access_token", issued.accessToken());
    body.put("token_type", "bearer");
    body.put("expires_in", issued.expiresInSeconds());
    body.put("refresh_token", issued.refreshToken());
    return oauthJson(200, body);
  }

  private static ObjectNode errorBody(String error, String description) {
    ObjectNode body = Reply.MAPPER.createObjectNode();
    body.put("error", error);
    body.put("error_description", description);
    return body;
  }

  /** RFC 6749 5.1: token responses must not be cached. */
  private static Reply oauthJson(int status, ObjectNode body) {
    return Reply.json(status, body)
        .withHeader("Cache-Control", "no-store")
        .withHeader("Pragma", "no-cache");
  }
}
