/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.caspiojdbc.emulator.store.CaspioStore;
import io.github.caspiojdbc.emulator.store.ObjectKind;
import io.github.caspiojdbc.emulator.store.RecordPage;
import io.github.caspiojdbc.emulator.store.RecordQuery;
import io.github.caspiojdbc.emulator.store.StoreException;
import io.github.caspiojdbc.emulator.store.WriteResult;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * REST v4's records resources (research notes 8.3) for {@link V4Router}: {@code …/records}, {@code
 * …/records/bulk} and {@code …/records/{pkId}}, all on the v3 store calls so that values, checks
 * and errors are v3's. Strict readings where the notes are vague:
 *
 * <ul>
 *   <li>GET takes {@code select}, {@code where}, {@code orderBy}, {@code groupBy} (HAVING inside it
 *       as in v3), {@code pageNumber}, {@code pageSize} (5..1000) and the legacy {@code limit}
 *       (ignored when paging, as v3); {@code pagination} is always present.
 *   <li>Bulk POST takes a JSON array of 1 to {@value #MAX_BULK} records: an empty array or a longer
 *       one is 400 {@code IncorrectBodyParameter}. Each item is inserted on its own exactly as v3's
 *       POST would (so earlier items stay when a later one fails). All succeed: 201 {@code
 *       {"data":[record…]}}. Any fails (all of them included): 207 {@code {"data":[{"index",
 *       "status", "record"} or {"index", "status", "error":{"Code","Message"}}…]}}, each failed
 *       item carrying the status and code v3 would answer that POST with.
 *   <li>Bulk PATCH takes {@code {"where":"…","recordValues":{…}}} and bulk DELETE {@code
 *       {"where":"…"}}, no other keys; both are guarded by the store's tautology guard ({@link
 *       CaspioStore#requireScopedWhere}: blank, constant and always-true PK_ID filters are 400).
 *       The notes name the guard for bulk filters generally, so PATCH is guarded like DELETE.
 *       Replies: {@code {"recordsAffected":n}} (0 is a success, as v3), plus {@code "data"} with
 *       the updated records when {@code echo=true}.
 *   <li>{@code …/records/{pkId}} exists for tables only (a view's PK_ID is a composite string in
 *       v3, notes 3.5); {@code pkId} must be a plain positive number, else 404. A missing record is
 *       404 {@code ObjectNotFound}. PUT and PATCH both set only the fields sent (the notes give PUT
 *       no replace semantics, and a replace would have to invent defaults).
 *   <li>Single POST: 201 {@code {"data":{"PK_ID":…}}}, or {@code {"data":[record]}} with {@code
 *       echo=true}.
 *   <li>{@code echo} is taken by POST, PUT and PATCH only; on DELETE (bulk or one record) and on
 *       bulk POST, which answers the records anyway, it is an unknown parameter (400): the emulator
 *       keeps no copy of deleted rows to echo.
 * </ul>
 */
final class V4Records {
  /** Most records one bulk insert takes (notes 6.4, 8.3). */
  static final int MAX_BULK = 1000;

  private final CaspioStore store;

  V4Records(CaspioStore store) {
    this.store = store;
  }

  /**
   * @param rest the path segments after {@code records}
   */
  Reply route(ApiCall call, ObjectKind kind, String name, List<String> rest) {
    if (rest.isEmpty()) {
      switch (call.method()) {
        case "GET":
          return query(call, kind, name);
        case "POST":
          return insertOne(call, kind, name);
        default:
          throw ApiException.methodNotAllowed("GET, POST");
      }
    }
    if (rest.size() != 1) {
      throw ApiException.notFound();
    }
    if (rest.get(0).equalsIgnoreCase("bulk")) {
      switch (call.method()) {
        case "POST":
          return bulkInsert(call, kind, name);
        case "PATCH":
          return bulkUpdate(call, kind, name);
        case "DELETE":
          return bulkDelete(call, kind, name);
        default:
          throw ApiException.methodNotAllowed("POST, PATCH, DELETE");
      }
    }
    if (kind != ObjectKind.TABLE || !rest.get(0).matches("[1-9][0-9]{0,17}")) {
      throw ApiException.notFound();
    }
    return V4Record.route(store, call, name, Long.parseLong(rest.get(0)));
  }

  private Reply query(ApiCall call, ObjectKind kind, String name) {
    V4Params p = V4Params.of(call.query(), V4Params.QUERY);
    RecordQuery q =
        new RecordQuery(
            p.text("select").orElse(null),
            p.text("where").orElse(null),
            p.text("groupBy").orElse(null),
            p.text("orderBy").orElse(null),
            p.integer("limit"),
            p.integer("pageNumber"),
            p.integer("pageSize"),
            true);
    RecordPage page;
    try {
      page = store.query(kind, name, q);
    } catch (StoreException e) {
      // The store names parameters as v3 spells them; a v4 client sent them without "q.".
      String m = e.getMessage();
      if (m != null && m.startsWith("q.")) {
        throw new StoreException(e.status(), e.code(), m.substring(2));
      }
      throw e;
    }
    ObjectNode out = Reply.MAPPER.createObjectNode();
    out.set("data", page.rows());
    ObjectNode pagination = out.putObject("pagination");
    pagination.put("totalCount", page.totalCount() == null ? 0L : page.totalCount().longValue());
    pagination.put("pageNumber", page.pageNumber());
    pagination.put("pageSize", page.pageSize());
    return Reply.json(200, out);
  }

  private Reply insertOne(ApiCall call, ObjectKind kind, String name) {
    boolean echo = V4Params.of(call.query(), V4Params.WRITE).flag("echo");
    ArrayNode rows = store.insert(kind, name, object(body(call.body())));
    ObjectNode out = Reply.MAPPER.createObjectNode();
    if (echo) {
      out.set("data", rows);
    } else {
      ObjectNode key = out.putObject("data");
      if (!rows.isEmpty() && rows.get(0).has("PK_ID")) {
        key.set("PK_ID", rows.get(0).get("PK_ID"));
      }
    }
    return Reply.json(201, out);
  }

  private Reply bulkInsert(ApiCall call, ObjectKind kind, String name) {
    V4Params.of(call.query(), Set.of());
    JsonNode body = body(call.body());
    if (!body.isArray()) {
      throw ApiException.badBody("The request body must be a JSON array of records.");
    }
    if (body.isEmpty() || body.size() > MAX_BULK) {
      throw ApiException.badBody(
          "A bulk insert takes 1 to " + MAX_BULK + " records; " + body.size() + " were sent.");
    }
    // An unknown object or a read-only view is one error for the call, not one per item.
    store.requireWritable(kind, name);
    ArrayNode items = Reply.MAPPER.createArrayNode();
    ArrayNode created = Reply.MAPPER.createArrayNode();
    boolean allOk = true;
    for (int i = 0; i < body.size(); i++) {
      ObjectNode item = items.addObject();
      item.put("index", i);
      try {
        if (!body.get(i).isObject()) {
          throw ApiException.badBody("Item " + i + " is not a JSON object.");
        }
        ArrayNode rows = store.insert(kind, name, (ObjectNode) body.get(i));
        JsonNode record = rows.isEmpty() ? Reply.MAPPER.nullNode() : rows.get(0);
        item.put("status", 201);
        item.set("record", record);
        created.add(record);
      } catch (StoreException e) {
        allOk = false;
        failure(item, e.status(), e.code(), e.getMessage());
      } catch (ApiException e) {
        allOk = false;
        failure(item, e.status(), e.code(), e.getMessage());
      }
    }
    ObjectNode out = Reply.MAPPER.createObjectNode();
    out.set("data", allOk ? created : items);
    return Reply.json(allOk ? 201 : 207, out);
  }

  private static void failure(ObjectNode item, int status, String code, String message) {
    item.put("status", status);
    ObjectNode error = item.putObject("error");
    error.put("Code", code);
    error.put("Message", message);
  }

  private Reply bulkUpdate(ApiCall call, ObjectKind kind, String name) {
    boolean echo = V4Params.of(call.query(), V4Params.WRITE).flag("echo");
    ObjectNode body = object(body(call.body()));
    Map<String, JsonNode> keys = keys(body, Set.of("where", "recordValues"));
    String where = where(keys);
    JsonNode values = keys.get("recordValues");
    if (values == null || !values.isObject()) {
      throw ApiException.badBody("recordValues must be a JSON object of the fields to set.");
    }
    store.requireScopedWhere(where);
    WriteResult written = store.update(kind, name, where, (ObjectNode) values, echo);
    return affected(written.recordsAffected(), echo ? written.rows() : null, 200);
  }

  private Reply bulkDelete(ApiCall call, ObjectKind kind, String name) {
    V4Params.of(call.query(), Set.of());
    Map<String, JsonNode> keys = keys(object(body(call.body())), Set.of("where"));
    String where = where(keys);
    store.requireScopedWhere(where);
    return affected(store.delete(kind, name, where), null, 200);
  }

  /** {@code {"recordsAffected":n}}, with {@code "data"} when {@code rows} is given. */
  static Reply affected(int n, ArrayNode rows, int status) {
    ObjectNode out = Reply.MAPPER.createObjectNode();
    out.put("recordsAffected", n);
    if (rows != null) {
      out.set("data", rows);
    }
    return Reply.json(status, out);
  }

  /** The body's keys, matched ignoring case like other v4 names; others are refused. */
  private static Map<String, JsonNode> keys(ObjectNode body, Set<String> allowed) {
    Map<String, JsonNode> out = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      String key =
          allowed.stream().filter(a -> a.equalsIgnoreCase(e.getKey())).findFirst().orElse(null);
      if (key == null || out.containsKey(key)) {
        throw ApiException.badBody("Unexpected body property " + e.getKey() + ".");
      }
      out.put(key, e.getValue());
    }
    return out;
  }

  private static String where(Map<String, JsonNode> keys) {
    JsonNode where = keys.get("where");
    if (where != null && !where.isNull() && !where.isTextual()) {
      throw ApiException.badBody("where must be a string.");
    }
    // Missing and blank both reach the tautology guard, which refuses them.
    return where == null || where.isNull() ? "" : where.asText();
  }

  static JsonNode body(byte[] body) {
    if (body == null || body.length == 0) {
      throw ApiException.badBody("The request body is empty; JSON is expected.");
    }
    try {
      return ResourceRouter.STRICT_JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.badBody("The request body is not valid JSON.");
    } catch (IOException e) {
      throw ApiException.badBody("The request body cannot be read.");
    }
  }

  static ObjectNode object(JsonNode node) {
    if (!(node instanceof ObjectNode)) {
      throw ApiException.badBody("The request body must be one JSON object.");
    }
    return (ObjectNode) node;
  }
}
