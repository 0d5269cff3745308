/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request to the resource API before credentials are added: the generation it is addressed to
 * (which gives the path prefix and reads its error body), method, path below the version root, raw
 * (unencoded) query parameters in sending order, and an optional body: JSON unless {@code
 * contentType} names another type (a multipart upload's, with its boundary).
 */
record ApiRequest(
    ApiGeneration generation,
    String method,
    String path,
    Map<String, String> params,
    byte[] body,
    String contentType) {

  /** Freezes the parameters. */
  ApiRequest {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** A request whose body, if any, is JSON. */
  ApiRequest(
      ApiGeneration generation,
      String method,
      String path,
      Map<String, String> params,
      byte[] body) {
    this(generation, method, path, params, body, null);
  }

  /** A GET without parameters. */
  static ApiRequest get(ApiGeneration generation, String path) {
    return new ApiRequest(generation, "GET", path, Map.of(), null);
  }

  /** Whether a failed attempt may be repeated whatever happened on the wire. */
  boolean idempotentRead() {
    return method.equals("GET");
  }

  /** The full request URI as sent, percent-encoded. */
  String uri(String origin) {
    String base = generation.basePath();
    StringBuilder sb = new StringBuilder(origin.length() + base.length() + path.length() + 64);
    sb.append(origin).append(base).append(path);
    char sep = '?';
    for (Map.Entry<String, String> e : params.entrySet()) {
      sb.append(sep);
      encode(sb, e.getKey());
      sb.append('=');
      encode(sb, e.getValue());
      sep = '&';
    }
    return sb.toString();
  }

  /**
   * The request as a human reads it: method, path with the version prefix, decoded parameters.
   * Never holds credentials (they travel only in a header added at send time).
   */
  String describe() {
    StringBuilder sb =
        new StringBuilder(method).append(' ').append(generation.basePath()).append(path);
    char sep = '?';
    for (Map.Entry<String, String> e : params.entrySet()) {
      sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
      sep = '&';
    }
    return sb.toString();
  }

  /** One path segment (a table, view or field name), percent-encoded. */
  static String segment(String name) {
    StringBuilder sb = new StringBuilder(name.length() + 8);
    encode(sb, name);
    return sb.toString();
  }

  /**
   * Percent-encodes UTF-8 text for a query component. Unreserved characters and the sub-delimiters
   * that carry no meaning inside a value stay literal, because the 2047-character URI limit makes
   * every escaped quote or comma in a where clause cost two extra characters; space, {@code &},
   * {@code =}, {@code +}, {@code #}, {@code %} and everything non-ASCII are escaped.
   */
  static void encode(StringBuilder sb, String s) {
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (literal(c)) {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private static boolean literal(int c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return true;
    }
    return switch (c) {
      case '-', '.', '_', '~', '!', '$', '\'', '(', ')', '*', ',', ';', ':', '@' -> true;
      default -> false;
    };
  }
}
