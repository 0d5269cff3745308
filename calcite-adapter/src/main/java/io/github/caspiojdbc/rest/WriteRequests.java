/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How each write becomes a request in the terms of one generation: the insert echo parameters, bulk
 * inserts, set-based writes with the filter in the query string (v2, v3) or in the body (v4),
 * writes meant for every record and password fields through the generation's companion, and the
 * JSON encoding of record values. Sends nothing.
 */
final class WriteRequests {
  /**
   * The filter of a write meant for every record: every record has a PK_ID, so this matches all of
   * them without assuming anything about key values.
   */
  static final String EVERY_RECORD = "PK_ID IS NOT NULL";

  private final ObjectMapper mapper;

  WriteRequests(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** A one-record POST whose reply carries the new record. */
  ApiRequest insertOne(ApiGeneration g, ObjectKind kind, String name, Map<String, ?> values) {
    return new ApiRequest(
        g, "POST", objectPath(kind, name) + "/records", g.insertEcho(), encode(body(values)));
  }

  /** A bulk POST of 1 to {@link ApiGeneration#insertBatchLimit()} records. */
  ApiRequest insertMany(
      ApiGeneration g, ObjectKind kind, String name, List<? extends Map<String, ?>> records) {
    int n = records.size();
    if (n < 1 || n > g.insertBatchLimit() || g.insertBatchLimit() == 1) {
      throw new IllegalArgumentException(
          g.productVersion() + " takes 1 to " + g.insertBatchLimit() + " records per insert: " + n);
    }
    List<Object> bodies = new ArrayList<>(n);
    for (Map<String, ?> values : records) {
      bodies.add(body(values));
    }
    return new ApiRequest(
        g, "POST", objectPath(kind, name) + "/records/bulk", Map.of(), encode(bodies));
  }

  /**
   * An update or delete of every record {@code where} matches; null means every record, which goes
   * to the companion generation (v4 refuses always-true filters) with a filter true for all.
   */
  ApiRequest setWrite(
      ApiGeneration current,
      boolean update,
      ObjectKind kind,
      String name,
      String where,
      Map<String, ?> values) {
    if (where != null && where.isBlank()) {
      // An empty filter is not "every record" by accident: the caller says null for that.
      throw noWhere();
    }
    ApiGeneration g = where == null ? current.companion() : current;
    String filter = where == null ? EVERY_RECORD : where;
    ApiGeneration.SetWrites w = g.setWrites();
    String method = update ? w.update() : w.delete();
    String path = objectPath(kind, name) + w.suffix();
    if (!w.whereInBody()) {
      byte[] body = update ? encode(body(values)) : null;
      return new ApiRequest(g, method, path, Map.of(g.params().where(), filter), body);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("where", filter);
    if (update) {
      body.put("recordValues", body(values));
    }
    return new ApiRequest(g, method, path, Map.of(), encode(body));
  }

  /**
   * Sets (PUT) or, for a null {@code value}, clears (DELETE) a password field on every record of a
   * table matching {@code where}, through v3's path.
   */
  ApiRequest password(
      ApiGeneration current, String table, String field, String where, String value) {
    if (where == null || where.isBlank()) {
      throw noWhere();
    }
    // Password fields are not known on every generation; the companion serves them.
    ApiGeneration g = current.companion();
    String path =
        objectPath(ObjectKind.TABLE, table) + "/passwordFields/" + ApiRequest.segment(field);
    Map<String, String> query = Map.of(g.params().where(), where);
    if (value == null) {
      return new ApiRequest(g, "DELETE", path, query, null);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Value", value);
    return new ApiRequest(g, "PUT", path, query, encode(body));
  }

  static String objectPath(ObjectKind kind, String name) {
    Objects.requireNonNull(name, "name");
    return "/" + kind.segment() + "/" + ApiRequest.segment(name);
  }

  private static CaspioException noWhere() {
    return new CaspioException(
        ErrorKind.INVALID_PARAMETER,
        "An update or delete through the Caspio API needs a where clause",
        null);
  }

  /** A record's values as JSON values. */
  private static Map<String, Object> body(Map<String, ?> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : values.entrySet()) {
      out.put(e.getKey(), jsonValue(e.getKey(), e.getValue()));
    }
    return out;
  }

  private byte[] encode(Object body) {
    try {
      return mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new CaspioException(ErrorKind.DATA, "Cannot encode the record as JSON", e);
    }
  }

  private static Object jsonValue(String field, Object v) {
    if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
      return v;
    }
    if (v instanceof LocalDateTime t) {
      return CaspioValues.format(t);
    }
    if (v instanceof LocalDate d) {
      return d.toString();
    }
    if (v instanceof Collection<?> c) {
      List<Object> ids = new ArrayList<>(c.size());
      for (Object o : c) {
        if (!(o instanceof Number || o instanceof String)) {
          throw badValue(field, o);
        }
        ids.add(o);
      }
      return ids;
    }
    throw badValue(field, v);
  }

  private static CaspioException badValue(String field, Object v) {
    return new CaspioException(
        ErrorKind.DATA,
        "Field " + field + " cannot take a value of type " + v.getClass().getSimpleName(),
        null);
  }
}
