/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.io.IOException;
import java.util.Locale;

/** Reads Caspio's error replies and turns them into {@link CaspioException}s. */
final class ErrorReplies {
  /** Longest server message kept in an exception message. */
  static final int MAX_MESSAGE = 300;

  private ErrorReplies() {}

  /**
   * What an error body said.
   *
   * @param code Caspio's {@code Code}, or null
   * @param message Caspio's {@code Message}, or null
   * @param requestId Caspio's {@code RequestId}, or null
   * @param rateLimit whether the body is Caspio's "exceeded your API call rate limits" reply
   */
  record Envelope(String code, String message, String requestId, boolean rateLimit) {
    static final Envelope EMPTY = new Envelope(null, null, null, false);
  }

  /**
   * Parses an error body: the normal envelope {@code {Code, Message, Resource, RequestId}}, or the
   * rate-limit array {@code [{"message": …, "name": "api-calls-rate"}]}. Anything else (HTML from a
   * proxy, empty) yields an empty envelope.
   */
  static Envelope parse(byte[] body, ObjectMapper mapper) {
    if (body == null || body.length == 0) {
      return Envelope.EMPTY;
    }
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (IOException notJson) {
      return Envelope.EMPTY;
    }
    if (root == null) {
      return Envelope.EMPTY;
    }
    if (root.isArray()) {
      for (JsonNode item : root) {
        String name = text(item, "name");
        String message = text(item, "message");
        boolean rate =
            "api-calls-rate".equalsIgnoreCase(name)
                || (message != null
                    && message.toLowerCase(Locale.ROOT).contains("exceeded your api call rate"));
        if (rate) {
          return new Envelope(name, message, null, true);
        }
      }
      return Envelope.EMPTY;
    }
    if (!root.isObject()) {
      return Envelope.EMPTY;
    }
    return new Envelope(text(root, "Code"), text(root, "Message"), text(root, "RequestId"), false);
  }

  private static String text(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null) {
      // Caspio capitalises, but proxies and the rate-limit reply do not.
      v = node.get(key.toLowerCase(Locale.ROOT));
    }
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }

  /** The kind of failure an HTTP status and Caspio code describe. */
  static ErrorKind kind(int status, String code, String message) {
    if (status == 401) {
      return ErrorKind.AUTHENTICATION;
    }
    if (code != null) {
      String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
      switch (code.toLowerCase(Locale.ROOT)) {
        case "objectnotfound":
          return ErrorKind.TABLE_NOT_FOUND;
        case "fieldnotfound", "columnnotfound":
          return ErrorKind.COLUMN_NOT_FOUND;
        case "filenotfound", "foldernotfound":
          // A key handed to a Files call names nothing: a bad parameter value (22023).
          return ErrorKind.INVALID_PARAMETER;
        case "fileexists", "file_exists":
          return ErrorKind.INTEGRITY;
        case "sqlservererror", "incorrectqueryparameter":
          if (lower.contains("unique key")
              || lower.contains("duplicate key")
              || lower.contains("primary key constraint")) {
            return ErrorKind.INTEGRITY;
          }
          if (lower.contains("conversion failed") || lower.contains("arithmetic overflow")) {
            return ErrorKind.DATA;
          }
          return ErrorKind.SYNTAX;
        case "invalidinputvalue", "incorrectbodyparameter":
          return ErrorKind.DATA;
        case "alterreadonlydata":
          // A write to a generated or formula field: the target is read-only (25006).
          return ErrorKind.READ_ONLY;
        case "profiledisabled",
        "unsufficientprivileges",
        "insufficientprivileges",
        "ipforbidden",
        "unsecuredconnection":
          return ErrorKind.FORBIDDEN;
        default:
          break;
      }
    }
    if (status == 403) {
      return ErrorKind.FORBIDDEN;
    }
    if (status == 414) {
      return ErrorKind.UNSUPPORTED;
    }
    if (status == 413) {
      // A file or attachment over the account's limit (notes 3.6, 3.7): a value too long (22001).
      return ErrorKind.TOO_LONG;
    }
    if (status == 408 || status == 429 || status == 502 || status == 503 || status == 504) {
      return ErrorKind.TRANSPORT;
    }
    return ErrorKind.REMOTE;
  }

  /**
   * The exception for an error reply.
   *
   * @param what the request as described for humans, without its query (which may be long)
   * @param secret the token that was sent, redacted should the server echo it
   */
  static CaspioException toException(
      ErrorKind kind,
      String what,
      int status,
      Envelope env,
      String headerRequestId,
      String secret,
      String note) {
    String requestId = env.requestId() != null ? env.requestId() : headerRequestId;
    StringBuilder sb = new StringBuilder("Caspio rejected ").append(what).append(": HTTP ");
    sb.append(status);
    if (env.code() != null) {
      sb.append(' ').append(sanitize(env.code(), secret, 64));
    }
    if (env.message() != null) {
      sb.append(": ").append(sanitize(env.message(), secret, MAX_MESSAGE));
    }
    if (note != null) {
      sb.append(" (").append(note).append(')');
    }
    if (requestId != null) {
      sb.append(" [request id ").append(sanitize(requestId, secret, 64)).append(']');
    }
    return new CaspioException(
        kind,
        sb.toString(),
        status,
        env.code() == null ? null : sanitize(env.code(), secret, 64),
        requestId == null ? null : sanitize(requestId, secret, 64),
        null);
  }

  /**
   * Makes server text safe to show: control characters become spaces, the secret is redacted, and
   * the result is cut at {@code max} characters.
   */
  static String sanitize(String s, String secret, int max) {
    String t = s;
    if (secret != null && !secret.isEmpty() && t.contains(secret)) {
      t = t.replace(secret, "<redacted>");
    }
    StringBuilder sb = new StringBuilder(Math.min(t.length(), max + 1));
    for (int i = 0; i < t.length() && sb.length() < max; i++) {
      char c = t.charAt(i);
      sb.append(Character.isISOControl(c) ? ' ' : c);
    }
    if (t.length() > max) {
      sb.append('…');
    }
    return sb.toString();
  }
}
