/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Runs the probes against one account with plain HTTP, so that what is observed is the account's
 * answer and not the driver's interpretation of it: the read-only ones always, the write ones only
 * on a scratch table the user names. Spends at most {@link #BUDGET} calls, {@link #SCRATCH_BUDGET}
 * with the write probes. The secret and the tokens never leave this package.
 */
final class AccountProbes {
  /** The most HTTP calls a read-only check may spend, stated in the output (17 today). */
  static final int BUDGET = 20;

  /** The most calls a check with {@code --scratch-table} may spend (25 today). */
  static final int SCRATCH_BUDGET = BUDGET + ScratchProbes.CALLS;

  private final ProbeHttp http;
  private final String scratchTable;

  /**
   * @param base the account's origin
   * @param scratchTable the table the write probes may write to, or null for none
   * @param gap the least time between two calls
   */
  AccountProbes(String base, String scratchTable, Duration gap) {
    this.scratchTable = scratchTable;
    this.http = new ProbeHttp(base, budget(scratchTable), gap);
  }

  /** The budget of a check with or without a scratch table. */
  static int budget(String scratchTable) {
    return scratchTable == null ? BUDGET : SCRATCH_BUDGET;
  }

  /** Calls spent so far. */
  int calls() {
    return http.calls();
  }

  /**
   * Runs every probe; an {@link IOException} only when the account cannot be reached or refuses the
   * credentials, which is a connection error rather than a verdict.
   */
  List<ProbeResult> run(String clientId, String clientSecret) throws IOException {
    List<ProbeResult> results = new ArrayList<>();
    results.add(token(clientId, clientSecret));
    List<String> tables = tables(results);
    String table = tables.isEmpty() ? null : tables.get(0);
    results.add(v4());
    if (table == null) {
      for (String name : READ_PROBES) {
        results.add(ProbeResult.skipped(name, "", "no table", 0));
      }
    } else {
      TableFields fields = fieldList(table, results);
      results.add(pageSizeCap(table));
      // The control tells "the constant is false" from "the table has no rows".
      HttpResponse<String> controlReply = records(table, "'a'='a'");
      ProbeResult control = where("control", "'a'='a'", controlReply, 1);
      results.add(control);
      results.add(paginationUnasked(controlReply));
      if (control.verdict() == ProbeResult.Verdict.AGREES) {
        results.add(where("collation", "'a'='A'", records(table, "'a'='A'"), 1));
        results.add(where("trailing blanks", "'a '='a'", records(table, "'a '='a'"), 1));
      } else {
        results.add(ProbeResult.skipped("collation ('a'='A')", "matches", "control failed", 0));
        results.add(
            ProbeResult.skipped("trailing blanks ('a '='a')", "matches", "control failed", 0));
      }
      results.add(errorEnvelope(table));
      new ReplyProbes(http, table, fields).run(results);
    }
    results.add(rateLimit());
    if (scratchTable != null) {
      String scratch = find(tables, scratchTable);
      if (scratch == null) {
        results.add(
            ProbeResult.skipped(
                "scratch insert", "201 with the row", "no table " + scratchTable + " listed", 0));
      } else {
        results.addAll(new ScratchProbes(http, scratch).run());
      }
    }
    // Last, because a second token might (against notes 2.4) retire the first one.
    results.add(basicToken(clientId, clientSecret));
    return results;
  }

  /** Names the read probes report under when there is no table to send them to. */
  private static final List<String> READ_PROBES =
      List.of(
          "field list",
          "page size cap 1000",
          "control ('a'='a')",
          "Pagination without q.getPaginationInfo",
          "collation ('a'='A')",
          "trailing blanks ('a '='a')",
          "error envelope (bad field)",
          "paging totals (q.getPaginationInfo)",
          "paging (q.pageNumber=2)",
          "q.limit=3 beside q.pageSize=5",
          "NULL text in replies",
          "Date/Time form in replies",
          "Yes/No form in replies",
          "URI of 2047 characters",
          "URI of 2048 characters");

  private ProbeResult token(String clientId, String clientSecret) throws IOException {
    String form =
        "grant_type=client_credentials&client_id="
            + ProbeHttp.enc(clientId)
            + "&client_secret="
            + ProbeHttp.enc(clientSecret);
    HttpResponse<String> reply = http.tokenRequest(form, null);
    if (reply.statusCode() != 200) {
      throw new IOException(
          "the token endpoint refused the credentials (HTTP " + reply.statusCode() + ")");
    }
    JsonNode body = ProbeHttp.json(reply);
    String token = body == null ? null : body.path("access_token").asText(null);
    if (token == null) {
      throw new IOException("the token reply has no access_token");
    }
    http.token(token);
    return ProbeResult.compare(
        "token (credentials in body)", "200, token_type bearer", tokenObserved(body), 1);
  }

  /**
   * The other client authentication Caspio documents (caspio-api.md 2.3): id and secret in a Basic
   * header, only the grant in the body. The token it gets is dropped unseen.
   */
  private ProbeResult basicToken(String clientId, String clientSecret) throws IOException {
    String basic =
        Base64.getEncoder()
            .encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> reply =
        http.tokenRequest("grant_type=client_credentials", "Basic " + basic);
    String observed =
        reply.statusCode() == 200 ? tokenObserved(ProbeHttp.json(reply)) : oauthError(reply);
    return ProbeResult.compare("token (HTTP Basic)", "200, token_type bearer", observed, 1);
  }

  private static String tokenObserved(JsonNode body) {
    return "200, token_type "
        + (body == null ? "?" : body.path("token_type").asText("?").toLowerCase(Locale.ROOT));
  }

  /** Status and the RFC 6749 {@code error} word of a refused token request; nothing else. */
  private static String oauthError(HttpResponse<String> reply) {
    JsonNode body = ProbeHttp.json(reply);
    String error = body == null ? "" : body.path("error").asText("");
    return "HTTP " + reply.statusCode() + (error.matches("[a-z_]{1,40}") ? " " + error : "");
  }

  private List<String> tables(List<ProbeResult> results) throws IOException {
    HttpResponse<String> reply = http.get(ProbeHttp.V3 + "/tables");
    JsonNode body = ProbeHttp.json(reply);
    JsonNode names = body == null ? null : body.path("Result");
    boolean array = names != null && names.isArray();
    String observed = reply.statusCode() + (array ? ", Result array" : ", no Result");
    results.add(ProbeResult.compare("table list", "200, Result array", observed, 1));
    List<String> out = new ArrayList<>();
    if (array) {
      names.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  /** The account's casing of a table name, which Caspio compares ignoring case (notes 3). */
  private static String find(List<String> tables, String name) {
    for (String t : tables) {
      if (t.equalsIgnoreCase(name)) {
        return t;
      }
    }
    return null;
  }

  private ProbeResult v4() throws IOException {
    // Whether an account offers v4 is the fact the driver's GenerationChoice decides on.
    int status = http.get(ProbeHttp.V4 + "/tables").statusCode();
    String observed = status == 200 ? "available" : "not available (HTTP " + status + ")";
    return new ProbeResult(
        "v4 availability",
        "either; the driver falls back to v3",
        observed,
        ProbeResult.Verdict.AGREES,
        1);
  }

  /** The table's fields, from which the later probes choose their columns by type. */
  private TableFields fieldList(String table, List<ProbeResult> results) throws IOException {
    HttpResponse<String> reply = http.get(ProbeHttp.fields(table));
    JsonNode body = ProbeHttp.json(reply);
    boolean array = body != null && body.path("Result").isArray();
    String observed = reply.statusCode() + (array ? ", Result array" : ", no Result");
    results.add(ProbeResult.compare("field list", "200, Result array", observed, 1));
    return array ? TableFields.parse(body) : TableFields.none();
  }

  private ProbeResult pageSizeCap(String table) throws IOException {
    HttpResponse<String> reply = http.get(ProbeHttp.records(table) + "?q.pageSize=1001");
    int status = reply.statusCode();
    String observed = status >= 400 && status < 500 ? "refused (4xx)" : "HTTP " + status;
    return ProbeResult.compare("page size cap 1000", "refused (4xx)", observed, 1);
  }

  private HttpResponse<String> records(String table, String condition) throws IOException {
    return http.get(ProbeHttp.records(table) + "?q.pageSize=5&q.where=" + ProbeHttp.enc(condition));
  }

  private static ProbeResult where(
      String name, String condition, HttpResponse<String> reply, int calls) {
    String observed;
    JsonNode body = ProbeHttp.json(reply);
    if (reply.statusCode() != 200 || body == null) {
      observed = "HTTP " + reply.statusCode() + " " + message(body);
    } else {
      JsonNode rows = body.path("Result");
      observed = rows.isArray() && !rows.isEmpty() ? "matches" : "matches nothing";
    }
    return ProbeResult.compare(name + " (" + condition + ")", "matches", observed, calls);
  }

  /**
   * Whether a GET that does not ask for pagination info gets the block anyway (caspio-api.md
   * section 9 item 6): read off the control's reply, so it costs nothing.
   */
  private static ProbeResult paginationUnasked(HttpResponse<String> control) {
    String name = "Pagination without q.getPaginationInfo";
    JsonNode body = ProbeHttp.json(control);
    if (control.statusCode() != 200 || body == null) {
      return ProbeResult.unknown(name, "absent", "the control was refused", 0);
    }
    return ProbeResult.compare(name, "absent", body.has("Pagination") ? "present" : "absent", 0);
  }

  /**
   * Caspio reports HTTP 500 for a field in q.select that does not exist (caspio-api.md 4.3), with
   * its error envelope.
   */
  private ProbeResult errorEnvelope(String table) throws IOException {
    HttpResponse<String> reply =
        http.get(
            ProbeHttp.records(table)
                + "?q.pageSize=5&q.select="
                + ProbeHttp.enc("NoSuchField_check17"));
    JsonNode body = ProbeHttp.json(reply);
    String observed =
        "HTTP "
            + reply.statusCode()
            + (body == null
                ? ", not JSON"
                : body.has("Code") && body.has("Message") ? ", Code and Message" : ", other body");
    return ProbeResult.compare(
        "error envelope (bad field)", "HTTP 500, Code and Message", observed, 1);
  }

  /**
   * Not provoked: seeing the reply takes more than about ten calls in one second, and the limit is
   * account-wide (caspio-api.md 6.4), so every other client of the account would be refused too.
   * The calls of the check are spaced to stay well below it.
   */
  private static ProbeResult rateLimit() {
    return ProbeResult.skipped(
        "rate-limit reply",
        "429 (or 400 with an array body)",
        "not provoked: it takes a burst the whole account would feel",
        0);
  }

  /** The Message of an error envelope, shortened, so that a report says why it was refused. */
  private static String message(JsonNode body) {
    String m = body == null ? "" : body.path("Message").asText("");
    return m.length() > 120 ? m.substring(0, 120) + "..." : m;
  }
}
