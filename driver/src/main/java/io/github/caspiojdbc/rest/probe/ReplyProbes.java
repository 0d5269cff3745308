/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The read-only probes of what replies look like on one existing table with unknown data: paging
 * and totals, {@code q.limit} beside paging, NULL text, date and Yes/No forms and the URI limit.
 * Each reads at most five rows. A probe whose answer depends on data the table may not have (a NULL
 * text value, a second page) says UNKNOWN rather than guessing. Reports carry shapes and counts,
 * never field values, so that a report can be shared.
 */
final class ReplyProbes {
  /** Caspio's documented URI limit (caspio-api.md 6.4). */
  static final int URI_LIMIT = 2047;

  private static final String PAGE = "q.select=PK_ID&q.orderBy=" + ProbeHttp.enc("PK_ID ASC");

  private final ProbeHttp http;
  private final String table;
  private final TableFields fields;

  ReplyProbes(ProbeHttp http, String table, TableFields fields) {
    this.http = http;
    this.table = table;
    this.fields = fields;
  }

  /** Runs the probes in a fixed order (so that a test can aim a fault at one). */
  void run(List<ProbeResult> results) throws IOException {
    Page first = page("q.pageNumber=1&q.pageSize=5&q.getPaginationInfo=true");
    results.add(totals(first));
    Page second = page("q.pageNumber=2&q.pageSize=5");
    results.add(secondPage(first, second));
    results.add(limitWithPaging(second, page("q.limit=3&q.pageNumber=2&q.pageSize=5")));
    results.add(nullText());
    results.addAll(datesAndBooleans());
    results.add(uri(URI_LIMIT, "accepted (200)"));
    results.add(uri(URI_LIMIT + 1, "refused (414)"));
  }

  /** One page of PK_IDs in key order, or the refusal. */
  private record Page(HttpResponse<String> reply, JsonNode body, List<Long> keys) {
    boolean ok() {
      return reply.statusCode() == 200 && body != null && body.path("Result").isArray();
    }
  }

  private Page page(String query) throws IOException {
    HttpResponse<String> reply = http.get(ProbeHttp.records(table) + "?" + PAGE + "&" + query);
    JsonNode body = ProbeHttp.json(reply);
    List<Long> keys = new ArrayList<>();
    if (body != null) {
      for (JsonNode row : body.path("Result")) {
        keys.add(row.path("PK_ID").asLong(-1));
      }
    }
    return new Page(reply, body, keys);
  }

  private static ProbeResult totals(Page p) {
    String name = "paging totals (q.getPaginationInfo)";
    String expected = "Pagination with TotalCount, PageNumber 1, PageSize 5";
    if (!p.ok()) {
      return ProbeResult.compare(name, expected, ProbeHttp.refusal(p.reply()), 1);
    }
    JsonNode pg = p.body().path("Pagination");
    String observed;
    if (!pg.isObject()) {
      // S4 looked for a TotalRecords field (caspio-api.md 5.1); say so if that is what came back.
      observed =
          "no Pagination block"
              + (p.body().has("TotalRecords") ? ", TotalRecords beside Result" : "");
    } else {
      List<String> keys = new ArrayList<>();
      pg.fieldNames().forEachRemaining(keys::add);
      observed =
          "Pagination with "
              + (pg.path("TotalCount").isIntegralNumber() ? "TotalCount" : "keys " + keys)
              + ", PageNumber "
              + pg.path("PageNumber").asText("?")
              + ", PageSize "
              + pg.path("PageSize").asText("?");
      long total = pg.path("TotalCount").asLong(-1);
      if (total >= 0 && p.keys().size() != Math.min(5, total)) {
        observed += ", but " + p.keys().size() + " rows for a total of " + total;
      }
    }
    return ProbeResult.compare(name, expected, observed, 1);
  }

  private static ProbeResult secondPage(Page first, Page second) {
    String name = "paging (q.pageNumber=2)";
    String expected = "page 2 continues page 1";
    if (!second.ok()) {
      return ProbeResult.compare(name, expected, ProbeHttp.refusal(second.reply()), 1);
    }
    if (!first.ok()) {
      return ProbeResult.unknown(name, expected, "page 1 was refused", 1);
    }
    long total = first.body().path("Pagination").path("TotalCount").asLong(-1);
    List<Long> a = first.keys();
    List<Long> b = second.keys();
    String observed;
    if (!b.isEmpty() && !a.isEmpty() && b.get(0) <= a.get(a.size() - 1)) {
      observed = "page 2 overlaps page 1";
    } else if (total >= 0 && b.size() != Math.max(0, Math.min(5, total - 5))) {
      observed = "page 2 has " + b.size() + " rows for a total of " + total;
    } else if (b.isEmpty() && a.size() < 5) {
      // A short first page and an empty second one agree with any paging.
      return ProbeResult.unknown(name, expected, "too few rows to tell (page 2 empty)", 1);
    } else {
      observed = expected;
    }
    return ProbeResult.compare(name, expected, observed, 1);
  }

  /**
   * The spec says q.limit is ignored when paging; one client saw overlapping pages when both were
   * sent (caspio-api.md 4.1, section 9 item 5). The driver never sends both; this says whether it
   * must keep not doing so.
   */
  private static ProbeResult limitWithPaging(Page second, Page withLimit) {
    String name = "q.limit=3 beside q.pageSize=5";
    String expected = "q.limit ignored (same rows as page 2)";
    if (!withLimit.ok()) {
      return ProbeResult.compare(name, expected, ProbeHttp.refusal(withLimit.reply()), 1);
    }
    if (!second.ok()) {
      return ProbeResult.unknown(name, expected, "page 2 was refused", 1);
    }
    if (withLimit.keys().equals(second.keys())) {
      return second.keys().isEmpty()
          ? ProbeResult.unknown(name, expected, "too few rows to tell (both empty)", 1)
          : ProbeResult.compare(name, expected, expected, 1);
    }
    String observed =
        "q.limit changed page 2 ("
            + withLimit.keys().size()
            + (withLimit.keys().size() == second.keys().size() ? " other" : "")
            + " rows instead of "
            + second.keys().size()
            + ")";
    return ProbeResult.compare(name, expected, observed, 1);
  }

  /**
   * Whether a text value the database holds as NULL comes back as JSON null or as {@code ""}
   * (caspio-api.md 5.3 and section 9 item 4). Rows are chosen by {@code IS NULL} on up to four text
   * fields, so every row returned holds a NULL in one of them: if none shows a JSON null, NULL text
   * is rendered as {@code ""}.
   */
  private ProbeResult nullText() throws IOException {
    String name = "NULL text in replies";
    String expected = "null";
    List<String> text = fields.ofType(TableFields.TEXT);
    if (text.isEmpty()) {
      return ProbeResult.skipped(name, expected, "no text field in " + table, 0);
    }
    text = text.subList(0, Math.min(4, text.size()));
    String where = String.join(" IS NULL OR ", text) + " IS NULL";
    HttpResponse<String> reply =
        http.get(
            ProbeHttp.records(table)
                + "?q.pageSize=5&q.select="
                + ProbeHttp.enc("PK_ID," + String.join(",", text))
                + "&q.where="
                + ProbeHttp.enc(where));
    JsonNode body = ProbeHttp.json(reply);
    if (reply.statusCode() != 200 || body == null) {
      return ProbeResult.compare(name, expected, ProbeHttp.refusal(reply), 1);
    }
    JsonNode rows = body.path("Result");
    if (!rows.isArray() || rows.isEmpty()) {
      return ProbeResult.unknown(name, expected, "no row with NULL text on the first page", 1);
    }
    int withNull = 0;
    for (JsonNode row : rows) {
      boolean any = false;
      for (String f : text) {
        any |= row.has(f) && row.get(f).isNull();
      }
      withNull += any ? 1 : 0;
    }
    String observed =
        withNull == rows.size()
            ? "null"
            : withNull == 0
                ? "\"\" (NULL rendered as empty text)"
                : withNull + " of " + rows.size() + " rows show null";
    return ProbeResult.compare(name, expected, observed, 1);
  }

  /** Date/Time and Yes/No forms, from one read of up to five rows with a date set. */
  private List<ProbeResult> datesAndBooleans() throws IOException {
    String dateName = "Date/Time form in replies";
    String dateExpected = "yyyy-MM-ddTHH:mm:ss";
    String boolName = "Yes/No form in replies";
    String boolExpected = "true/false";
    List<String> dates = fields.ofType(TableFields.DATE);
    List<String> bools = fields.ofType(TableFields.YES_NO);
    String date = dates.isEmpty() ? null : dates.get(0);
    String bool = bools.isEmpty() ? null : bools.get(0);
    if (date == null && bool == null) {
      return List.of(
          ProbeResult.skipped(dateName, dateExpected, "no Date/Time field in " + table, 0),
          ProbeResult.skipped(boolName, boolExpected, "no Yes/No field in " + table, 0));
    }
    String select = "PK_ID" + (date == null ? "" : "," + date) + (bool == null ? "" : "," + bool);
    HttpResponse<String> reply =
        http.get(
            ProbeHttp.records(table)
                + "?q.pageSize=5&q.select="
                + ProbeHttp.enc(select)
                + (date == null ? "" : "&q.where=" + ProbeHttp.enc(date + " IS NOT NULL")));
    JsonNode body = ProbeHttp.json(reply);
    boolean ok = reply.statusCode() == 200 && body != null && body.path("Result").isArray();
    JsonNode rows = ok ? body.path("Result") : null;
    List<ProbeResult> out = new ArrayList<>();
    // The call is charged to the first of the two probes only, so that the calls add up.
    int charge = 1;
    if (date == null) {
      out.add(ProbeResult.skipped(dateName, dateExpected, "no Date/Time field in " + table, 0));
    } else if (!ok) {
      out.add(ProbeResult.compare(dateName, dateExpected, ProbeHttp.refusal(reply), charge--));
    } else if (rows.isEmpty()) {
      out.add(ProbeResult.unknown(dateName, dateExpected, "no row with a date set", charge--));
    } else {
      Set<String> shapes = new LinkedHashSet<>();
      for (JsonNode row : rows) {
        shapes.add(shape(row.path(date)));
      }
      String observed =
          shapes.equals(Set.of("\"9999-99-99T99:99:99\"")) ? dateExpected : "other: " + shapes;
      out.add(ProbeResult.compare(dateName, dateExpected, observed, charge--));
    }
    if (bool == null) {
      out.add(ProbeResult.skipped(boolName, boolExpected, "no Yes/No field in " + table, 0));
    } else if (!ok) {
      out.add(ProbeResult.compare(boolName, boolExpected, ProbeHttp.refusal(reply), charge));
    } else if (rows.isEmpty()) {
      out.add(ProbeResult.unknown(boolName, boolExpected, "no row read", charge));
    } else {
      Set<String> kinds = new LinkedHashSet<>();
      for (JsonNode row : rows) {
        JsonNode v = row.path(bool);
        kinds.add(v.isBoolean() ? boolExpected : v.isMissingNode() ? "missing" : shape(v));
      }
      String observed = kinds.equals(Set.of(boolExpected)) ? boolExpected : "other: " + kinds;
      out.add(ProbeResult.compare(boolName, boolExpected, observed, charge));
    }
    return out;
  }

  /**
   * A value's form without its content: digits become 9, letters a (T and Z kept, since they are
   * the form), so that a report shows {@code 9999-99-99T99:99:99.999Z} but no date of the account.
   */
  static String shape(JsonNode v) {
    if (v.isNull() || v.isMissingNode()) {
      return "null";
    }
    if (v.isNumber()) {
      return "number";
    }
    if (!v.isTextual()) {
      return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
    StringBuilder b = new StringBuilder();
    for (char c : v.textValue().toCharArray()) {
      b.append(
          Character.isDigit(c) ? '9' : c == 'T' || c == 'Z' ? c : Character.isLetter(c) ? 'a' : c);
      if (b.length() > 40) {
        b.append("...");
        break;
      }
    }
    return "\"" + b + "\"";
  }

  /**
   * A records GET whose request target (path and query, as the server reads it) is exactly {@code
   * length} characters. The filter {@code 'aa…a'<>'b'} is always true, so an account that accepts
   * the long URI answers with rows and nothing else changes.
   */
  private ProbeResult uri(int length, String expected) throws IOException {
    String name = "URI of " + length + " characters";
    String start = ProbeHttp.records(table) + "?q.pageSize=5&q.select=PK_ID&q.where=%27";
    String end = "%27%3C%3E%27b%27";
    int pad = length - start.length() - end.length();
    if (pad < 1) {
      return ProbeResult.skipped(name, expected, "the table name is too long", 0);
    }
    HttpResponse<String> reply = http.get(start + "a".repeat(pad) + end);
    int status = reply.statusCode();
    String observed =
        status == 200
            ? "accepted (200)"
            : status == 414 ? "refused (414)" : "refused (" + ProbeHttp.refusal(reply) + ")";
    return ProbeResult.compare(name, expected, observed, 1);
  }
}
