/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.caspiojdbc.emulator.store.ApiVersion;
import io.github.caspiojdbc.emulator.store.CaspioStore;
import io.github.caspiojdbc.emulator.store.ObjectKind;
import io.github.caspiojdbc.emulator.store.RecordPage;
import io.github.caspiojdbc.emulator.store.RecordQuery;
import io.github.caspiojdbc.emulator.store.Switches;
import io.github.caspiojdbc.emulator.store.WriteResult;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The resource tree that REST v2 and v3 share (research notes 3.1, 3.4, 3.5, 4.1, 5.1): {@code
 * tables}, {@code views}, their {@code records} and {@code fields}, and a table's {@code
 * passwordFields}, mapped onto the {@link CaspioStore} and wrapped in the {@code {"Result": …}}
 * envelopes both generations use. What one generation does differently is a subclass's override
 * ({@link V2Router}, {@link V3Router}), so this class names neither generation's prefix nor its own
 * parameters; a generation with another tree (v4) implements {@link ApiRouter} itself.
 *
 * <p>Choices where Caspio is not documented, all on the strict side:
 *
 * <ul>
 *   <li>Every {@code q.X} parameter may also be sent as plain {@code X} (Caspio's own n8n node
 *       sends {@code where=} on writes); names ignore case. If both spellings are sent, or one name
 *       twice, the call is rejected with 400 rather than guessing which one wins.
 *   <li>An unknown {@code q.X} on a records GET, and the v1 {@code q={json}}, are answered as the
 *       store's {@link Switches.UnknownQueryParam} and {@link Switches.LegacyQueryJson} switches
 *       say (ignored, and refused, by default).
 *   <li>{@code q.limit}, {@code q.pageNumber}, {@code q.pageSize} must be plain decimal integers;
 *       range checks belong to the store.
 *   <li>A present but blank {@code q.where} on PUT/DELETE counts as missing.
 *   <li>Request bodies must be one JSON object with no duplicate keys and nothing after it; the
 *       Content-Type header is not checked.
 *   <li>An unknown path below an API prefix is 404 {@code NotFound}; a known path with another
 *       method is 405 {@code MethodNotAllowed} with an Allow header.
 * </ul>
 */
abstract class ResourceRouter implements ApiRouter {
  static final ObjectMapper STRICT_JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // Currency values such as 922337203685477.5807 must arrive exactly, not as doubles.
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private final CaspioStore store;
  private final ApiVersion fieldShape;

  /**
   * @param fieldShape how this generation renders field definitions
   */
  ResourceRouter(CaspioStore store, ApiVersion fieldShape) {
    this.store = store;
    this.fieldShape = fieldShape;
  }

  @Override
  public PathKind kind(List<String> s) {
    boolean table = s.get(0).equals("tables");
    if (!table && !s.get(0).equals("views")) {
      return PathKind.OTHER;
    }
    if (s.size() >= 3 && s.get(2).equals("records")) {
      return PathKind.RECORDS;
    }
    if (table && s.size() >= 3 && s.get(2).equals("passwordfields")) {
      return PathKind.PASSWORD_FIELDS;
    }
    return table ? PathKind.TABLE_SCHEMA : PathKind.VIEW_SCHEMA;
  }

  @Override
  public Reply route(ApiCall call) {
    List<String> s = call.segments();
    if (s.isEmpty()) {
      throw ApiException.notFound();
    }
    String root = s.get(0).toLowerCase(Locale.ROOT);
    ObjectKind kind;
    if (root.equals("tables")) {
      kind = ObjectKind.TABLE;
    } else if (root.equals("views")) {
      kind = ObjectKind.VIEW;
    } else {
      throw ApiException.notFound();
    }
    if (s.size() == 1) {
      requireMethod(call, "GET");
      List<String> names = kind == ObjectKind.TABLE ? store.tableNames() : store.viewNames();
      ArrayNode result = Reply.MAPPER.createArrayNode();
      names.forEach(result::add);
      return result(result);
    }
    String name = s.get(1);
    if (s.size() == 2) {
      requireMethod(call, "GET");
      return result(store.describe(kind, name));
    }
    String sub = s.get(2).toLowerCase(Locale.ROOT);
    if (s.size() == 3 && sub.equals("records")) {
      return records(call, kind, name);
    }
    if (s.size() == 3 && sub.equals("fields")) {
      return fields(call, kind, name);
    }
    if (kind == ObjectKind.TABLE && sub.equals("passwordfields")) {
      if (s.size() == 3) {
        requireMethod(call, "GET");
        ArrayNode result = Reply.MAPPER.createArrayNode();
        store.passwordFields(name).forEach(result::add);
        return result(result);
      }
      if (s.size() == 4) {
        return passwordField(call, name, s.get(3));
      }
    }
    throw ApiException.notFound();
  }

  /** {@code GET …/fields}. */
  Reply fields(ApiCall call, ObjectKind kind, String name) {
    requireMethod(call, "GET");
    return result(store.fields(kind, name, fieldShape));
  }

  private Reply records(ApiCall call, ObjectKind kind, String name) {
    switch (call.method()) {
      case "GET":
        return getRecords(call, kind, name);
      case "POST":
        {
          ObjectNode body = jsonObject(call.body());
          ArrayNode rows = store.insert(kind, name, body);
          return responseRows(call) ? Reply.json(201, envelope(rows)) : Reply.empty(201);
        }
      case "PUT":
        {
          String where = requiredWhere(call);
          ObjectNode body = jsonObject(call.body());
          boolean rows = responseRows(call);
          WriteResult written = store.update(kind, name, where, body, rows);
          ObjectNode out = Reply.MAPPER.createObjectNode();
          out.put("RecordsAffected", written.recordsAffected());
          out.set(
              "Result",
              rows && written.rows() != null ? written.rows() : Reply.MAPPER.createArrayNode());
          return Reply.json(200, out);
        }
      case "DELETE":
        return recordsAffected(store.delete(kind, name, requiredWhere(call)));
      default:
        throw ApiException.methodNotAllowed("GET, POST, PUT, DELETE");
    }
  }

  private Reply getRecords(ApiCall call, ObjectKind kind, String name) {
    boolean paginationInfo = paginationInfo(call.query());
    Switches sw = store.switches();
    if (sw.unknownQueryParam() == Switches.UnknownQueryParam.REJECTED) {
      for (String sent : call.query().names()) {
        String lower = sent.toLowerCase(Locale.ROOT);
        if (lower.startsWith("q.") && !GET_PARAMS.contains(lower.substring(2)) && !knows(lower)) {
          throw ApiException.badQuery("Unknown query parameter " + sent + ".");
        }
      }
    }
    Params query = withLegacyJson(call.query(), sw.legacyQueryJson());
    RecordQuery q =
        new RecordQuery(
            param(query, "select").orElse(null),
            param(query, "where").orElse(null),
            param(query, "groupBy").orElse(null),
            param(query, "orderBy").orElse(null),
            integer(query, "limit"),
            integer(query, "pageNumber"),
            integer(query, "pageSize"),
            paginationInfo);
    RecordPage page = store.query(kind, name, q);
    if (omitsKey(q)) {
      page.rows().forEach(row -> ((ObjectNode) row).remove("PK_ID"));
    }
    return Reply.json(200, pageBody(page, paginationInfo));
  }

  /** The {@code q.X} names every generation's records GET reads, lower-case without {@code q.}. */
  private static final Set<String> GET_PARAMS =
      Set.of("select", "where", "groupby", "orderby", "limit", "pagenumber", "pagesize");

  /** Whether a generation reads one more {@code q.x} parameter (lower-case, as sent). */
  boolean knows(String lowerName) {
    return false;
  }

  /** Whether {@code select *} rows of this generation leave {@code PK_ID} out. */
  boolean omitsKey(RecordQuery q) {
    return false;
  }

  /**
   * The query as the {@link Switches.LegacyQueryJson} switch reads a v1 {@code q={json}}: refused,
   * dropped, or unfolded into the {@code q.X} pairs it stands for, beside the others sent.
   */
  private static Params withLegacyJson(Params query, Switches.LegacyQueryJson mode) {
    List<String> json = query.all("q");
    if (json.isEmpty() || mode == Switches.LegacyQueryJson.IGNORED) {
      return query;
    }
    if (mode == Switches.LegacyQueryJson.REJECTED || json.size() > 1) {
      throw ApiException.badQuery("Parameter q is not supported; use q.select, q.where and so on.");
    }
    JsonNode node;
    try {
      node = STRICT_JSON.readTree(json.get(0));
    } catch (JsonProcessingException e) {
      throw ApiException.badQuery("Parameter q is not a JSON object.");
    }
    if (!(node instanceof ObjectNode)) {
      throw ApiException.badQuery("Parameter q is not a JSON object.");
    }
    Map<String, String> pairs = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = e.getKey().toLowerCase(Locale.ROOT);
      if (!GET_PARAMS.contains(key) || e.getValue().isContainerNode()) {
        throw ApiException.badQuery("Parameter q has an unknown or bad key " + e.getKey() + ".");
      }
      pairs.put("q." + key, e.getValue().asText());
    }
    return query.plus(pairs);
  }

  /**
   * Whether a GET asks for the total count beside the rows. Read before any other parameter, so its
   * error comes first; this tree alone has no such parameter.
   */
  boolean paginationInfo(Params query) {
    return false;
  }

  /** The body answering a GET: the rows, and what a generation adds beside them. */
  ObjectNode pageBody(RecordPage page, boolean paginationInfo) {
    return envelope(page.rows());
  }

  private Reply passwordField(ApiCall call, String table, String field) {
    switch (call.method()) {
      case "PUT":
        {
          String where = requiredWhere(call);
          ObjectNode body = jsonObject(call.body());
          String value = passwordValue(body);
          return recordsAffected(store.setPassword(table, field, where, value));
        }
      case "DELETE":
        return recordsAffected(store.resetPassword(table, field, requiredWhere(call)));
      default:
        throw ApiException.methodNotAllowed("PUT, DELETE");
    }
  }

  /** {@code {"Value":"..."}}; the key ignores case because a v1 client sends {@code value}. */
  private static String passwordValue(ObjectNode body) {
    JsonNode value = null;
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      if (e.getKey().equalsIgnoreCase("Value")) {
        value = e.getValue();
      } else {
        throw ApiException.badBody("Unexpected body property " + e.getKey() + ".");
      }
    }
    if (value == null || !value.isTextual()) {
      throw ApiException.badBody("The body must be {\"Value\":\"<new password>\"}.");
    }
    return value.asText();
  }

  private static boolean responseRows(ApiCall call) {
    return param(call.query(), "response").map(v -> v.equalsIgnoreCase("rows")).orElse(false);
  }

  static String requiredWhere(ApiCall call) {
    return param(call.query(), "where")
        .filter(w -> !w.isBlank())
        .orElseThrow(() -> ApiException.badQuery("Parameter q.where is required for this call."));
  }

  private static Integer integer(Params query, String name) {
    Optional<String> raw = param(query, name);
    if (raw.isEmpty()) {
      return null;
    }
    String v = raw.get();
    if (!v.matches("[+-]?[0-9]{1,10}")) {
      throw ApiException.badQuery("q." + name + " must be an integer.");
    }
    try {
      return Integer.valueOf(v);
    } catch (NumberFormatException e) {
      throw ApiException.badQuery("q." + name + " is out of range.");
    }
  }

  /** Parameter {@code q.name}, which may also be sent as plain {@code name}. */
  static Optional<String> param(Params query, String name) {
    return query.single(
        () -> ApiException.badQuery("Parameter q." + name + " is given more than once."),
        "q." + name,
        name);
  }

  static ObjectNode jsonObject(byte[] body) {
    if (body == null || body.length == 0) {
      throw ApiException.badBody("The request body is empty; a JSON object is expected.");
    }
    JsonNode node;
    try {
      node = STRICT_JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.badBody("The request body is not valid JSON.");
    } catch (IOException e) {
      throw ApiException.badBody("The request body cannot be read.");
    }
    if (!(node instanceof ObjectNode)) {
      throw ApiException.badBody("The request body must be one JSON object.");
    }
    return (ObjectNode) node;
  }

  static void requireMethod(ApiCall call, String method) {
    if (!call.method().equals(method)) {
      throw ApiException.methodNotAllowed(method);
    }
  }

  private static Reply result(JsonNode node) {
    return Reply.json(200, envelope(node));
  }

  static ObjectNode envelope(JsonNode result) {
    ObjectNode out = Reply.MAPPER.createObjectNode();
    out.set("Result", result);
    return out;
  }

  static Reply recordsAffected(int n) {
    ObjectNode out = Reply.MAPPER.createObjectNode();
    out.put("RecordsAffected", n);
    return Reply.json(200, out);
  }
}
