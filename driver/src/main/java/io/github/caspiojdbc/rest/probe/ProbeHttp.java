/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The probes' one way out: plain HTTP calls to one account, each counted against a hard budget and
 * spaced by a minimum gap, with the bearer token kept here and nowhere else. Plain HTTP (not the
 * driver's client) so that a probe sees the account's answer, not the driver's reading of it.
 */
final class ProbeHttp {
  static final String V3 = "/integrations/rest/v3";
  static final String V4 = "/integrations/rest/v4";
  static final ObjectMapper MAPPER = new ObjectMapper();

  private final String base;
  private final int budget;
  private final Duration gap;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).build();
  private int calls;
  private long lastCallNanos;
  private String token;

  /**
   * @param base the account's origin
   * @param budget the most calls this run may spend; one more is refused before it is sent
   * @param gap the least time between two calls, so that the check never comes near Caspio's
   *     account-wide burst limit (about 10 calls per second, caspio-api.md 6.4) and never slows the
   *     account's other clients
   */
  ProbeHttp(String base, int budget, Duration gap) {
    this.base = base;
    this.budget = budget;
    this.gap = gap;
  }

  /** Calls spent so far. */
  int calls() {
    return calls;
  }

  /** Calls still allowed. */
  int left() {
    return budget - calls;
  }

  /** The bearer token every later call sends; never printed. */
  void token(String token) {
    this.token = token;
  }

  /** {@code POST /oauth/token} with the given form body and optional Authorization header. */
  HttpResponse<String> tokenRequest(String form, String authorization) throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + "/oauth/token"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return send(b.build());
  }

  /** A GET of {@code pathAndQuery} (already encoded) below the origin. */
  HttpResponse<String> get(String pathAndQuery) throws IOException {
    return send(authorized(pathAndQuery).GET().build());
  }

  /** A POST of a JSON body. */
  HttpResponse<String> post(String pathAndQuery, String json) throws IOException {
    return send(
        authorized(pathAndQuery)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  /** A PUT of a JSON body. */
  HttpResponse<String> put(String pathAndQuery, String json) throws IOException {
    return send(
        authorized(pathAndQuery)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  /** A DELETE. */
  HttpResponse<String> delete(String pathAndQuery) throws IOException {
    return send(authorized(pathAndQuery).DELETE().build());
  }

  private HttpRequest.Builder authorized(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(base + pathAndQuery))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException {
    if (calls >= budget) {
      throw new IOException("the check would exceed its budget of " + budget + " calls");
    }
    pace();
    calls++;
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      // A refused connection has no message of its own; name the address and the kind instead.
      throw new IOException(
          "cannot reach "
              + base
              + " ("
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + ")",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      lastCallNanos = System.nanoTime();
    }
  }

  private void pace() throws IOException {
    if (calls == 0 || gap.isZero()) {
      return;
    }
    long waitNanos = gap.toNanos() - (System.nanoTime() - lastCallNanos);
    if (waitNanos > 0) {
      try {
        Thread.sleep(waitNanos / 1_000_000L, (int) (waitNanos % 1_000_000L));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
  }

  /** {@code /integrations/rest/v3/tables/<table>/records}, the name percent-encoded. */
  static String records(String table) {
    return V3 + "/tables/" + pathSegment(table) + "/records";
  }

  /** {@code /integrations/rest/v3/tables/<table>/fields}. */
  static String fields(String table) {
    return V3 + "/tables/" + pathSegment(table) + "/fields";
  }

  private static String pathSegment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Form and query encoding. */
  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The reply parsed as JSON, or null when it is not JSON (an HTML page, an empty body). */
  static JsonNode json(HttpResponse<String> reply) {
    try {
      String body = reply.body();
      return body == null || body.isBlank() ? null : MAPPER.readTree(body);
    } catch (IOException notJson) {
      return null;
    }
  }

  /** Status and, for an error envelope, its Code: what a report shows of a refusal. */
  static String refusal(HttpResponse<String> reply) {
    JsonNode body = json(reply);
    String code = body == null ? "" : body.path("Code").asText("");
    return "HTTP " + reply.statusCode() + (code.isEmpty() ? "" : " " + code);
  }
}
