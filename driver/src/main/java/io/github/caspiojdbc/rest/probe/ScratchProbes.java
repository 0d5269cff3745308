/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The write probes, run only on the table named by {@code --scratch-table}: one row is inserted
 * with chosen values (text with a trailing blank, empty text, a date-only date), read back and
 * compared, given a date with a trailing {@code Z} and (when the table has a list field) list ids
 * in both forms; an insert with an unknown key must be refused whole; then the rows are deleted. No
 * call names another table.
 *
 * <p>Every row a probe may have made carries a random marker in its first text field, so the
 * cleanup deletes by PK_ID and by the marker: a lost insert reply or an unknown key the account
 * silently dropped leaves nothing behind, and no other row can match. The cleanup runs also when a
 * probe in between fails or the connection drops; its call is reserved in the budget before the
 * first insert is sent.
 */
final class ScratchProbes {
  /**
   * Calls this group may spend: fields, insert, read-back, the date update, two list updates, the
   * unknown-key insert and the delete.
   */
  static final int CALLS = 8;

  /** A key no scratch table has, for the unknown-key probe. */
  static final String NO_SUCH_FIELD = "NoSuchField_check17";

  static final String DATE_IN = "2024-02-29";
  static final String DATE_OUT = "2024-02-29T00:00:00";
  static final String DATE_WITH_Z = "2024-02-29T13:45:10Z";

  private final ProbeHttp http;
  private final String table;
  private final String marker;

  ScratchProbes(ProbeHttp http, String table) {
    this.http = http;
    this.table = table;
    byte[] random = new byte[8];
    new SecureRandom().nextBytes(random);
    this.marker = "caspio-check-" + HexFormat.of().formatHex(random);
  }

  /** The value the probe row's first text field gets: the marker and one trailing blank. */
  String markedText() {
    return marker + " ";
  }

  /** Runs the group; an IOException (unreachable account) still comes after the cleanup. */
  List<ProbeResult> run() throws IOException {
    List<ProbeResult> out = new ArrayList<>();
    TableFields f = TableFields.parse(ProbeHttp.json(http.get(ProbeHttp.fields(table))));
    List<String> text = f.writableOfType(TableFields.TEXT);
    List<String> dates = f.writableOfType(TableFields.DATE);
    if (text.isEmpty()) {
      out.add(
          ProbeResult.skipped(
              "scratch insert", "201 with the row", "no writable text field in " + table, 1));
      return out;
    }
    if (http.left() < CALLS - 1) {
      out.add(ProbeResult.skipped("scratch insert", "201 with the row", "budget spent", 1));
      return out;
    }
    String mark = text.get(0);
    String empty = text.size() > 1 ? text.get(1) : null;
    String date = dates.isEmpty() ? null : dates.get(0);
    TableFields.Field list = f.writableList();
    ObjectNode body = ProbeHttp.MAPPER.createObjectNode();
    body.put(mark, markedText());
    if (empty != null) {
      body.put(empty, "");
    }
    if (date != null) {
      body.put(date, DATE_IN);
    }
    Long key = null;
    int made = 0;
    IOException failure = null;
    int fieldsCall = 1;
    try {
      HttpResponse<String> inserted =
          http.post(ProbeHttp.records(table) + "?response=rows", body.toString());
      JsonNode row = ProbeHttp.json(inserted);
      JsonNode first = row == null ? null : row.path("Result").path(0);
      if (first != null && first.path("PK_ID").canConvertToLong()) {
        key = first.path("PK_ID").asLong();
      }
      String observed =
          inserted.statusCode() == 201 && key != null
              ? "201 with the row"
              : ProbeHttp.refusal(inserted) + (key == null ? ", no PK_ID" : "");
      out.add(ProbeResult.compare("scratch insert", "201 with the row", observed, 1 + fieldsCall));
      if (key != null) {
        made = 1;
        readBack(out, key, mark, empty, date);
        dateWithZ(out, key, date);
        listForms(out, key, list);
        made += unknownField(out, mark);
      }
    } catch (IOException e) {
      failure = e;
    } finally {
      out.add(cleanup(key, made, mark));
    }
    if (failure != null) {
      throw failure;
    }
    return out;
  }

  private void readBack(List<ProbeResult> out, long key, String mark, String empty, String date)
      throws IOException {
    HttpResponse<String> reply =
        http.get(ProbeHttp.records(table) + "?q.where=" + ProbeHttp.enc("PK_ID=" + key));
    JsonNode json = ProbeHttp.json(reply);
    JsonNode row = json == null ? null : json.path("Result").path(0);
    if (reply.statusCode() != 200 || row == null || !row.isObject()) {
      out.add(
          ProbeResult.compare(
              "scratch read-back", "the row", ProbeHttp.refusal(reply) + ", no row", 1));
      return;
    }
    JsonNode m = row.path(mark);
    out.add(
        ProbeResult.compare(
            "scratch text with trailing blank",
            "kept",
            m.isTextual() && m.textValue().equals(markedText())
                ? "kept"
                : m.isTextual() && m.textValue().equals(marker)
                    ? "trimmed"
                    : "other: " + ReplyProbes.shape(m),
            1));
    if (empty == null) {
      out.add(
          ProbeResult.skipped(
              "scratch empty text", "\"\"", "only one writable text field in " + table, 0));
    } else {
      JsonNode e = row.path(empty);
      out.add(
          ProbeResult.compare(
              "scratch empty text",
              "\"\"",
              e.isTextual() && e.textValue().isEmpty() ? "\"\"" : ReplyProbes.shape(e),
              0));
    }
    if (date == null) {
      out.add(
          ProbeResult.skipped(
              "scratch date-only input", DATE_OUT, "no writable Date/Time field in " + table, 0));
    } else {
      JsonNode d = row.path(date);
      out.add(
          ProbeResult.compare(
              "scratch date-only input (" + DATE_IN + ")",
              DATE_OUT,
              d.isTextual() ? d.textValue() : ReplyProbes.shape(d),
              0));
    }
  }

  /**
   * Caspio was seen to reject or mangle a date with a trailing {@code Z} (caspio-api.md 5.2); the
   * driver never sends one, and the emulator refuses it.
   */
  private void dateWithZ(List<ProbeResult> out, long key, String date) throws IOException {
    String name = "scratch date with Z (" + DATE_WITH_Z + ")";
    if (date == null) {
      out.add(ProbeResult.skipped(name, "refused (400)", "no writable Date/Time field", 0));
      return;
    }
    ObjectNode body = ProbeHttp.MAPPER.createObjectNode();
    body.put(date, DATE_WITH_Z);
    HttpResponse<String> reply =
        http.put(
            ProbeHttp.records(table) + "?q.where=" + ProbeHttp.enc("PK_ID=" + key),
            body.toString());
    int s = reply.statusCode();
    String observed =
        s == 400 ? "refused (400)" : s == 200 ? "accepted (200)" : ProbeHttp.refusal(reply);
    out.add(ProbeResult.compare(name, "refused (400)", observed, 1));
  }

  /**
   * A list field's ids as the v1/v2 docs send them ({@code [1]}) and as Caspio's own v3 node does
   * ({@code "[1]"}) (caspio-api.md 5.3, section 9 item 9); the emulator takes both.
   */
  private void listForms(List<ProbeResult> out, long key, TableFields.Field list)
      throws IOException {
    String array = "scratch list ids as [n]";
    String string = "scratch list ids as \"[n]\"";
    if (list == null) {
      out.add(ProbeResult.skipped(array, "accepted (200)", "no writable list field", 0));
      out.add(ProbeResult.skipped(string, "accepted (200)", "no writable list field", 0));
      return;
    }
    ObjectNode body = ProbeHttp.MAPPER.createObjectNode();
    body.putArray(list.name()).add(Integer.parseInt(list.firstListId()));
    out.add(listUpdate(array, key, body));
    body = ProbeHttp.MAPPER.createObjectNode();
    body.put(list.name(), "[" + list.firstListId() + "]");
    out.add(listUpdate(string, key, body));
  }

  private ProbeResult listUpdate(String name, long key, ObjectNode body) throws IOException {
    HttpResponse<String> reply =
        http.put(
            ProbeHttp.records(table) + "?q.where=" + ProbeHttp.enc("PK_ID=" + key),
            body.toString());
    String observed =
        reply.statusCode() == 200 ? "accepted (200)" : "refused (" + ProbeHttp.refusal(reply) + ")";
    return ProbeResult.compare(name, "accepted (200)", observed, 1);
  }

  /**
   * An unknown key in an insert body: the whole insert is refused with 404 {@code FieldNotFound}
   * (caspio-api.md 6.3, one source; {@code ColumnNotFound} was seen too). Returns the rows it made:
   * 1 when the account dropped the key and inserted anyway.
   */
  private int unknownField(List<ProbeResult> out, String mark) throws IOException {
    ObjectNode body = ProbeHttp.MAPPER.createObjectNode();
    body.put(mark, markedText());
    body.put(NO_SUCH_FIELD, "x");
    HttpResponse<String> reply = http.post(ProbeHttp.records(table), body.toString());
    int s = reply.statusCode();
    String observed =
        s == 201 ? "accepted (201), the key dropped" : "refused (" + ProbeHttp.refusal(reply) + ")";
    out.add(
        ProbeResult.compare(
            "scratch unknown key in insert", "refused (HTTP 404 FieldNotFound)", observed, 1));
    return s == 201 ? 1 : 0;
  }

  private ProbeResult cleanup(Long key, int made, String mark) throws IOException {
    String like = mark + " LIKE '" + marker + "%'";
    String where = key != null ? "PK_ID=" + key + " OR " + like : like;
    HttpResponse<String> reply;
    try {
      reply = http.delete(ProbeHttp.records(table) + "?q.where=" + ProbeHttp.enc(where));
    } catch (IOException e) {
      // The one case where a row may stay behind: say exactly which, so that it can be removed.
      throw new IOException(
          e.getMessage() + "; the probe row may remain in " + table + " (where " + where + ")", e);
    }
    JsonNode json = ProbeHttp.json(reply);
    int affected = json == null ? -1 : json.path("RecordsAffected").asInt(-1);
    String expected = key != null ? "deleted every probe row" : "nothing left behind";
    String observed;
    if (reply.statusCode() != 200 || affected < 0) {
      observed = ProbeHttp.refusal(reply) + "; the row may remain (where " + where + ")";
    } else if (key != null) {
      observed =
          affected == made ? expected : "RecordsAffected " + affected + " for " + made + " rows";
    } else {
      // Without a PK_ID the insert may or may not have happened; either way nothing is left.
      observed = expected;
    }
    return ProbeResult.compare("scratch cleanup", expected, observed, 1);
  }
}
