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
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the read-only probes against one account with plain HTTP, so that what is observed is the
 * account's answer and not the driver's interpretation of it. Spends at most {@link #BUDGET} calls.
 * The token never leaves this class.
 */
final class AccountProbes {
  /** The most HTTP calls one check may spend, stated in the output. */
  static final int BUDGET = 10;

  private static final String V3 = "/integrations/rest/v3";
  private static final String V4 = "/integrations/rest/v4";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).build();
  private int calls;
  private String token;

  AccountProbes(String base) {
    this.base = base;
  }

  /** Calls spent so far. */
  int calls() {
    return calls;
  }

  /**
   * Runs every probe; an {@link IOException} only when the account cannot be reached or refuses the
   * credentials, which is a connection error rather than a verdict.
   */
  List<ProbeResult> run(String clientId, String clientSecret) throws IOException {
    List<ProbeResult> results = new ArrayList<>();
    results.add(token(clientId, clientSecret));
    String table = firstTable(results);
    results.add(v4());
    if (table == null) {
      results.add(ProbeResult.skipped("page size cap", "4xx for pageSize 1001", "no table", 0));
      results.add(ProbeResult.skipped("collation", "'a'='A' matches", "no table", 0));
      results.add(ProbeResult.skipped("trailing blanks", "'a '='a' matches", "no table", 0));
      results.add(ProbeResult.skipped("error envelope", "Code, Message", "no table", 0));
    } else {
      results.add(pageSizeCap(table));
      // The control tells "the constant is false" from "the table has no rows".
      ProbeResult control = where("control", table, "'a'='a'");
      results.add(control);
      if (control.verdict() == ProbeResult.Verdict.AGREES) {
        results.add(where("collation", table, "'a'='A'"));
        results.add(where("trailing blanks", table, "'a '='a'"));
      } else {
        results.add(ProbeResult.skipped("collation", "matches", "control failed", 0));
        results.add(ProbeResult.skipped("trailing blanks", "matches", "control failed", 0));
      }
      results.add(errorEnvelope(table));
    }
    return results;
  }

  private ProbeResult token(String clientId, String clientSecret) throws IOException {
    String form =
        "grant_type=client_credentials&client_id="
            + enc(clientId)
            + "&client_secret="
            + enc(clientSecret);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/oauth/token"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    HttpResponse<String> reply = send(request);
    if (reply.statusCode() != 200) {
      throw new IOException(
          "the token endpoint refused the credentials (HTTP " + reply.statusCode() + ")");
    }
    JsonNode body = MAPPER.readTree(reply.body());
    token = body.path("access_token").asText(null);
    if (token == null) {
      throw new IOException("the token reply has no access_token");
    }
    String observed =
        "200, token_type " + body.path("token_type").asText("?").toLowerCase(java.util.Locale.ROOT);
    return ProbeResult.compare(
        "token (credentials in body)", "200, token_type bearer", observed, 1);
  }

  private String firstTable(List<ProbeResult> results) throws IOException {
    HttpResponse<String> reply = get(V3 + "/tables");
    JsonNode names = MAPPER.readTree(reply.body()).path("Result");
    String observed = reply.statusCode() + (names.isArray() ? ", Result array" : ", no Result");
    results.add(ProbeResult.compare("table list", "200, Result array", observed, 1));
    return names.isArray() && !names.isEmpty() ? names.get(0).asText() : null;
  }

  private ProbeResult v4() throws IOException {
    // Whether an account offers v4 is the fact the driver's GenerationChoice decides on.
    int status = get(V4 + "/tables").statusCode();
    String observed = status == 200 ? "available" : "not available (HTTP " + status + ")";
    return new ProbeResult(
        "v4 availability",
        "either; the driver falls back to v3",
        observed,
        ProbeResult.Verdict.AGREES,
        1);
  }

  private ProbeResult pageSizeCap(String table) throws IOException {
    HttpResponse<String> reply = get(records(table) + "?q.pageSize=1001");
    int status = reply.statusCode();
    String observed = status >= 400 && status < 500 ? "refused (4xx)" : "HTTP " + status;
    return ProbeResult.compare("page size cap 1000", "refused (4xx)", observed, 1);
  }

  private ProbeResult where(String name, String table, String condition) throws IOException {
    HttpResponse<String> reply = get(records(table) + "?q.pageSize=5&q.where=" + enc(condition));
    String observed;
    if (reply.statusCode() != 200) {
      observed = "HTTP " + reply.statusCode() + " " + message(reply);
    } else {
      JsonNode rows = MAPPER.readTree(reply.body()).path("Result");
      observed = rows.isArray() && !rows.isEmpty() ? "matches" : "matches nothing";
    }
    return ProbeResult.compare(name + " (" + condition + ")", "matches", observed, 1);
  }

  private ProbeResult errorEnvelope(String table) throws IOException {
    HttpResponse<String> reply =
        get(records(table) + "?q.pageSize=5&q.select=" + enc("NoSuchField_check17"));
    String observed;
    try {
      JsonNode body = MAPPER.readTree(reply.body());
      observed =
          (reply.statusCode() >= 400 ? "4xx" : "HTTP " + reply.statusCode())
              + (body.has("Code") && body.has("Message") ? ", Code and Message" : ", other body");
    } catch (IOException notJson) {
      observed = "HTTP " + reply.statusCode() + ", not JSON";
    }
    return ProbeResult.compare("error envelope (bad field)", "4xx, Code and Message", observed, 1);
  }

  /** The Message of an error envelope, shortened, so that a report says why it was refused. */
  private static String message(HttpResponse<String> reply) {
    try {
      String m = MAPPER.readTree(reply.body()).path("Message").asText("");
      return m.length() > 120 ? m.substring(0, 120) + "..." : m;
    } catch (IOException notJson) {
      return "";
    }
  }

  private String records(String table) {
    return V3
        + "/tables/"
        + URLEncoder.encode(table, StandardCharsets.UTF_8).replace("+", "%20")
        + "/records";
  }

  private HttpResponse<String> get(String path) throws IOException {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .GET()
            .build());
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException {
    if (calls >= BUDGET) {
      throw new IOException("the check would exceed its budget of " + BUDGET + " calls");
    }
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
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
