/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.caspiojdbc.error.CaspioException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the answer to a bulk insert of {@code n} records into one {@link InsertOutcome} per record.
 * Two shapes (research notes 8.3): 201 {@code {"data":[record…]}}, every record written, in the
 * order sent; 207 Multi-Status {@code {"data":[{"index", "status", "record"} or {"index", "status",
 * "error":{"Code","Message"}}…]}}. They are told apart by their items, since the body reader does
 * not see the status: a written record always carries {@code PK_ID}, an outcome item has exactly
 * {@code index} and {@code status} plus {@code record} or {@code error}. Records are parsed with
 * the streaming parser, so numbers stay exact as in every other reply.
 *
 * <p>Anything else (a count other than {@code n}, an index out of range or repeated, an item
 * without outcome) is malformed; for a write, the caller reports that as an unknown outcome.
 */
final class BulkInsertReply {
  private static final Set<String> OUTCOME_KEYS = Set.of("index", "status", "record", "error");

  private final JsonFactory factory;
  private final ReplyShape shape;

  BulkInsertReply(JsonFactory factory, ReplyShape shape) {
    this.factory = factory;
    this.shape = shape;
  }

  /**
   * The outcomes of the {@code n} records sent, in the order sent.
   *
   * @param what the request, for the errors of refused records
   */
  List<InsertOutcome> read(byte[] body, int n, String what) throws IOException {
    List<?> items = null;
    try (JsonParser p = factory.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw JsonReplies.malformed("a bulk insert reply that is not a JSON object", null);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (name.equals(shape.rows()) && v == JsonToken.START_ARRAY) {
          items = JsonReplies.value(p, v) instanceof List<?> l ? l : null;
        } else {
          p.skipChildren();
        }
      }
    }
    if (items == null || items.size() != n) {
      throw JsonReplies.malformed(
          "a bulk insert reply with "
              + (items == null ? "no" : Integer.toString(items.size()))
              + " items for "
              + n
              + " records",
          null);
    }
    InsertOutcome[] out = new InsertOutcome[n];
    for (int i = 0; i < n; i++) {
      if (!(items.get(i) instanceof Map<?, ?> item)) {
        throw JsonReplies.malformed("a bulk insert item that is not an object", null);
      }
      if (isOutcome(item)) {
        int index = index(item.get("index"), n);
        if (out[index] != null) {
          throw JsonReplies.malformed(
              "a bulk insert reply naming record " + index + " twice", null);
        }
        out[index] = outcome(item, index, what);
      } else {
        out[i] = new InsertOutcome(record(item), null);
      }
    }
    for (InsertOutcome o : out) {
      if (o == null) {
        throw JsonReplies.malformed("a bulk insert reply that leaves a record out", null);
      }
    }
    return List.of(out);
  }

  private static boolean isOutcome(Map<?, ?> item) {
    return item.containsKey("index")
        && item.containsKey("status")
        && !item.containsKey(QueryPlan.KEY)
        && OUTCOME_KEYS.containsAll(item.keySet())
        && (item.containsKey("record") != item.containsKey("error"));
  }

  private static int index(Object v, int n) {
    if (!(v instanceof Long l) || l < 0 || l >= n) {
      throw JsonReplies.malformed("a bulk insert item with an index outside 0.." + (n - 1), null);
    }
    return l.intValue();
  }

  private static InsertOutcome outcome(Map<?, ?> item, int index, String what) {
    int status = item.get("status") instanceof Long l ? l.intValue() : 0;
    if (item.containsKey("record")) {
      if (status < 200 || status >= 300) {
        throw JsonReplies.malformed("a written bulk insert item with status " + status, null);
      }
      Object r = item.get("record");
      return new InsertOutcome(r == null ? Map.of() : record(r), null);
    }
    Map<?, ?> error = item.get("error") instanceof Map<?, ?> m ? m : Map.of();
    String code = error.get("Code") instanceof String c ? c : null;
    String message = error.get("Message") instanceof String m ? m : null;
    ErrorReplies.Envelope env = new ErrorReplies.Envelope(code, message, null, false);
    CaspioException e =
        ErrorReplies.toException(
            ErrorReplies.kind(status, code, message),
            what + " (record " + (index + 1) + ")",
            status,
            env,
            null,
            null,
            null);
    return new InsertOutcome(null, e);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> record(Object r) {
    if (!(r instanceof Map<?, ?>)) {
      throw JsonReplies.malformed("a bulk insert record that is not an object", null);
    }
    return (Map<String, Object>) r;
  }
}
