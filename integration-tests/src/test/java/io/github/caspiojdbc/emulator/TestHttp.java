/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Small HTTP helpers for the emulator tests; every call goes to 127.0.0.1. */
final class TestHttp {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private TestHttp() {}

  static HttpResponse<String> send(String method, String url, String authorization, String body)
      throws IOException, InterruptedException {
    return send(method, url, authorization, body, "application/json");
  }

  static HttpResponse<String> send(
      String method, String url, String authorization, String body, String contentType)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (body != null) {
      b.header("Content-Type", contentType);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> postForm(String url, String authorization, String form)
      throws IOException, InterruptedException {
    return send("POST", url, authorization, form, "application/x-www-form-urlencoded");
  }

  static String basic(String id, String secret) {
    return "Basic "
        + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.body(), e);
    }
  }

  /**
   * A fresh access token for the emulator's default credentials. Unchecked, so that a test can take
   * one in a field initialiser, next to the fixture it comes from.
   */
  static String token(CaspioEmulator emulator) {
    try {
      return tokens(emulator).get("access_token").asText();
    } catch (IOException e) {
      throw new UncheckedIOException("token request failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking for a token", e);
    }
  }

  /** The whole token response for the emulator's default credentials. */
  static JsonNode tokens(CaspioEmulator emulator) throws IOException, InterruptedException {
    HttpResponse<String> r =
        postForm(
            emulator.tokenUrl(),
            null,
            "grant_type=client_credentials&client_id="
                + CaspioEmulator.DEFAULT_CLIENT_ID
                + "&client_secret="
                + CaspioEmulator.DEFAULT_CLIENT_SECRET);
    if (r.statusCode() != 200) {
      throw new AssertionError("token request failed: " + r.statusCode() + " " + r.body());
    }
    return json(r);
  }

  static String bearer(String token) {
    return "Bearer " + token;
  }
}
