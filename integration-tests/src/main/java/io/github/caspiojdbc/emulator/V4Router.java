/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.caspiojdbc.emulator.store.ApiVersion;
import io.github.caspiojdbc.emulator.store.CaspioStore;
import io.github.caspiojdbc.emulator.store.ObjectKind;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * REST v4 below {@value #PREFIX} (research notes 8.3, July 2026, opt-in per account), over the same
 * store as v2 and v3. The notes are a single source ([C1] S5), so wherever they are vague this
 * router takes the strict reading; each choice is listed here and repeated where it is made:
 *
 * <ul>
 *   <li>Envelopes: every answer is {@code {"data": …}}; lists are arrays, one object (a table's
 *       description, one record, {@code /me}) is an object. Records GET always carries {@code
 *       "pagination":{"totalCount","pageNumber","pageSize"}}. Field definitions and the keys inside
 *       schema items keep v3's PascalCase keys and type tokens: the notes give v4's envelope and
 *       parameter names, not its field model.
 *   <li>Parameters: plain camelCase, names ignoring case; an unknown name (including any {@code
 *       q.*}) is 400 {@code IncorrectQueryParameter}, see {@link V4Params}.
 *   <li>Records, bulk writes and the tautology guard: see {@link V4Records}.
 *   <li>Schemas: {@code GET /schemas} answers every table and view with its fields in one reply;
 *       {@code /schemas/tables} and {@code /schemas/views} answer one kind (the notes' {@code
 *       /v4/schemas/*}).
 *   <li>{@code GET /me}: the calling token's expiry ({@code tokenExpiresAt}, ISO-8601 UTC) and the
 *       account's rate limit ({@code rateLimit.callsPerSecond}, null when no limit is set).
 *   <li>Errors: the same statuses and codes as v3, in Caspio's envelope plus {@code
 *       DocumentationUrl} ({@code /integrations/rest/v4/errors/{Code}}, the notes' {@code
 *       /v4/errors/{code}}) and {@code Hint {Note, Remediation}} (notes 6.2); {@code Resource} is
 *       kept, since v4 is said to add those keys, not to drop any.
 *   <li>Not served: table/field design writes, tableId paths, files, attachments, password fields,
 *       {@code /errors} itself; they answer 404 like any unknown path.
 * </ul>
 */
final class V4Router implements ApiRouter {
  static final String PREFIX = "/integrations/rest/v4";

  private final CaspioStore store;
  private final Faults faults;
  private final V4Records records;

  V4Router(CaspioStore store, Faults faults) {
    this.store = store;
    this.faults = faults;
    this.records = new V4Records(store);
  }

  @Override
  public String prefix() {
    return PREFIX;
  }

  @Override
  public PathKind kind(List<String> s) {
    String root = s.get(0);
    if (root.equals("schemas")) {
      return PathKind.TABLE_SCHEMA;
    }
    boolean table = root.equals("tables");
    if (!table && !root.equals("views")) {
      return PathKind.OTHER;
    }
    if (s.size() >= 3 && s.get(2).equals("records")) {
      return PathKind.RECORDS;
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
    switch (root) {
      case "tables":
        return object(call, ObjectKind.TABLE, s);
      case "views":
        return object(call, ObjectKind.VIEW, s);
      case "schemas":
        return schemas(call, s);
      case "me":
        if (s.size() == 1) {
          return me(call);
        }
        throw ApiException.notFound();
      default:
        throw ApiException.notFound();
    }
  }

  private Reply object(ApiCall call, ObjectKind kind, List<String> s) {
    if (s.size() >= 3 && s.get(2).equalsIgnoreCase("records")) {
      return records.route(call, kind, s.get(1), s.subList(3, s.size()));
    }
    if (s.size() > 3 || (s.size() == 3 && !s.get(2).equalsIgnoreCase("fields"))) {
      throw ApiException.notFound();
    }
    ResourceRouter.requireMethod(call, "GET");
    V4Params.of(call.query(), Set.of());
    if (s.size() == 1) {
      ArrayNode names = Reply.MAPPER.createArrayNode();
      (kind == ObjectKind.TABLE ? store.tableNames() : store.viewNames()).forEach(names::add);
      return data(names);
    }
    if (s.size() == 2) {
      return data(store.describe(kind, s.get(1)));
    }
    return data(store.fields(kind, s.get(1), ApiVersion.V3));
  }

  private Reply schemas(ApiCall call, List<String> s) {
    if (s.size() > 2) {
      throw ApiException.notFound();
    }
    String which = s.size() == 1 ? "all" : s.get(1).toLowerCase(Locale.ROOT);
    if (!which.equals("all") && !which.equals("tables") && !which.equals("views")) {
      throw ApiException.notFound();
    }
    if (s.size() == 2 && which.equals("all")) {
      throw ApiException.notFound(); // only /schemas itself is "all"
    }
    ResourceRouter.requireMethod(call, "GET");
    V4Params.of(call.query(), Set.of());
    ArrayNode out = Reply.MAPPER.createArrayNode();
    if (!which.equals("views")) {
      store.tableNames().forEach(n -> out.add(schemaItem(ObjectKind.TABLE, n)));
    }
    if (!which.equals("tables")) {
      store.viewNames().forEach(n -> out.add(schemaItem(ObjectKind.VIEW, n)));
    }
    return data(out);
  }

  private ObjectNode schemaItem(ObjectKind kind, String name) {
    ObjectNode item = store.describe(kind, name).deepCopy();
    item.put("ObjectType", kind == ObjectKind.TABLE ? "Table" : "View");
    item.set("Fields", store.fields(kind, name, ApiVersion.V3));
    return item;
  }

  private Reply me(ApiCall call) {
    ResourceRouter.requireMethod(call, "GET");
    V4Params.of(call.query(), Set.of());
    ObjectNode me = Reply.MAPPER.createObjectNode();
    me.put("tokenExpiresAt", call.tokenExpiresAt().toString());
    ObjectNode limit = me.putObject("rateLimit");
    Integer perSecond = faults.rateLimitPerSecond();
    if (perSecond == null) {
      limit.putNull("callsPerSecond");
    } else {
      limit.put("callsPerSecond", perSecond.intValue());
    }
    return data(me);
  }

  static Reply data(JsonNode node) {
    ObjectNode out = Reply.MAPPER.createObjectNode();
    out.set("data", node);
    return Reply.json(200, out);
  }

  @Override
  public Reply error(int status, String code, String message, String resource, String requestId) {
    ObjectNode body = Reply.MAPPER.createObjectNode();
    body.put("Code", code);
    body.put("Message", message);
    body.put("Resource", resource);
    body.put("RequestId", requestId);
    body.put("DocumentationUrl", PREFIX + "/errors/" + code);
    ObjectNode hint = body.putObject("Hint");
    // The notes give the Hint's keys but no catalogue: the Note restates what went wrong.
    hint.put("Note", message);
    hint.put("Remediation", remediation(status, code));
    return Reply.json(status, body);
  }

  /** A generic remediation per status and code; the notes give none verbatim. */
  private static String remediation(int status, String code) {
    switch (code) {
      case "IncorrectQueryParameter":
        return "Check the query parameters: plain camelCase names, valid ranges and T-SQL.";
      case "IncorrectBodyParameter":
        return "Send the JSON body this endpoint expects.";
      case "ObjectNotFound":
        return "Check the table, view or record; list them with GET /schemas.";
      case "FieldNotFound":
      case "ColumnNotFound":
        return "Use field names as GET /schemas lists them.";
      case "AlterReadOnlyData":
        return "Leave generated and read-only fields out of the body.";
      case "SqlServerError":
        return "Fix the T-SQL fragment or the value the database refused.";
      case "NotFound":
        return "Check the path; v4 paths are below " + PREFIX + ".";
      default:
        if (status == 401) {
          return "Request a new access token and send it as a Bearer token.";
        }
        if (status == 429) {
          return "Slow down; retry after a pause with exponential back-off.";
        }
        return "Retry later; if it persists, contact support with the RequestId.";
    }
  }
}
