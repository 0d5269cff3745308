/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses successful replies. Record pages are read with Jackson's streaming parser straight into
 * row arrays, without building a tree. A reply that is not the expected JSON is a {@link
 * CaspioException} (kind REMOTE); a reply that ends early is an {@link IOException}, which the
 * retry loop treats like a broken connection.
 */
final class JsonReplies {
  private final JsonFactory factory;
  private final ObjectMapper mapper;
  private final ReplyShape shape;

  /** A parser for the replies of a generation whose envelope is {@code shape}. */
  JsonReplies(ObjectMapper mapper, ReplyShape shape) {
    this.mapper = mapper;
    this.factory = mapper.getFactory();
    this.shape = shape;
  }

  /**
   * Parses {@code {"Result":[{…},…], "Pagination":{…}}} (or the generation's own member names) into
   * a page.
   *
   * @param keyField the field whose integer value each row must carry (keyset paging), or null
   */
  Page page(InputStream in, String keyField) throws IOException {
    try (JsonParser p = factory.createParser(in)) {
      expect(p, p.nextToken(), JsonToken.START_OBJECT, "a JSON object");
      List<String> columns = null;
      List<Object[]> rows = null;
      long[] keys = null;
      long total = -1;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (name.equals(shape.rows())) {
          expect(p, v, JsonToken.START_ARRAY, quoted(shape.rows()) + " to be an array");
          columns = new ArrayList<>();
          rows = new ArrayList<>();
          keys = readRows(p, keyField, columns, rows);
        } else if (name.equals(shape.pagination()) && v == JsonToken.START_OBJECT) {
          total = readTotal(p);
        } else {
          p.skipChildren();
        }
      }
      expect(p, t, JsonToken.END_OBJECT, "the end of the JSON object");
      if (p.nextToken() != null) {
        throw malformed("data after the JSON object", null);
      }
      if (rows == null) {
        throw malformed("no " + quoted(shape.rows()) + " member", null);
      }
      return new Page(Collections.unmodifiableList(columns), rows, keys, total);
    } catch (JsonEOFException truncated) {
      throw truncated;
    } catch (StreamReadException bad) {
      throw malformed("not valid JSON", bad);
    }
  }

  private long[] readRows(JsonParser p, String keyField, List<String> columns, List<Object[]> rows)
      throws IOException {
    Map<String, Integer> index = new HashMap<>();
    long[] keys = keyField == null ? null : new long[16];
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
      Object[] row = new Object[columns.size()];
      boolean keySeen = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        Integer i = index.get(name);
        if (i == null) {
          i = columns.size();
          index.put(name, i);
          columns.add(name);
        }
        if (i >= row.length) {
          row = Arrays.copyOf(row, columns.size());
        }
        Object value = value(p, p.nextToken());
        row[i] = value;
        if (keys != null && name.equals(keyField)) {
          if (!(value instanceof Long)) {
            throw malformed("a row whose " + keyField + " is not an integer", null);
          }
          int r = rows.size();
          if (r == keys.length) {
            keys = Arrays.copyOf(keys, r * 2);
          }
          keys[r] = (Long) value;
          keySeen = true;
        }
      }
      if (keys != null && !keySeen) {
        throw malformed(
            "a row without " + keyField + "; keyset paging needs it, use PAGE_NUMBER paging", null);
      }
      rows.add(row);
    }
    expect(p, t, JsonToken.END_ARRAY, quoted(shape.rows()) + " to hold only objects");
    return keys == null ? null : Arrays.copyOf(keys, rows.size());
  }

  private long readTotal(JsonParser p) throws IOException {
    long total = -1;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (name.equals(shape.totalCount()) && v == JsonToken.VALUE_NUMBER_INT) {
        total = p.getLongValue();
      } else {
        p.skipChildren();
      }
    }
    return total;
  }

  /** Converts the value at the current token per the contract in {@link CaspioApi}. */
  static Object value(JsonParser p, JsonToken t) throws IOException {
    if (t == null) {
      throw new JsonEOFException(p, null, "reply ended inside a value");
    }
    switch (t) {
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return switch (p.getNumberType()) {
          case INT, LONG -> p.getLongValue();
          default -> new BigDecimal(p.getBigIntegerValue());
        };
      case VALUE_NUMBER_FLOAT:
        return p.getDecimalValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case START_OBJECT:
        {
          Map<String, Object> m = new LinkedHashMap<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            m.put(k, value(p, p.nextToken()));
          }
          return Collections.unmodifiableMap(m);
        }
      case START_ARRAY:
        {
          List<Object> l = new ArrayList<>();
          JsonToken e;
          while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            l.add(value(p, e));
          }
          return Collections.unmodifiableList(l);
        }
      default:
        throw malformed("an unexpected " + t, null);
    }
  }

  /** {@code {"Result":["A","B"]}} as a list of names. */
  List<String> names(byte[] body) {
    JsonNode result = result(body);
    List<String> out = new ArrayList<>(result.size());
    for (JsonNode n : result) {
      if (!n.isTextual()) {
        throw malformed("a name that is not a string", null);
      }
      out.add(n.asText());
    }
    return List.copyOf(out);
  }

  /** {@code {"Result":[field…]}} as field descriptions. */
  List<FieldInfo> fields(byte[] body) {
    return fields(result(body));
  }

  /**
   * {@code {"data":[{"Name":…, "ObjectType":"Table"|"View", "Fields":[field…]}…]}}, v4's {@code GET
   * /schemas}, as schema objects in reply order.
   */
  List<SchemaObject> schemas(byte[] body) {
    JsonNode result = result(body);
    List<SchemaObject> out = new ArrayList<>(result.size());
    for (JsonNode o : result) {
      String type = o.path("ObjectType").asText("");
      ObjectKind kind =
          type.equalsIgnoreCase("Table")
              ? ObjectKind.TABLE
              : type.equalsIgnoreCase("View") ? ObjectKind.VIEW : null;
      if (kind == null || !o.path("Name").isTextual() || !o.path("Fields").isArray()) {
        throw malformed("a schema item without Name, ObjectType Table/View or Fields", null);
      }
      out.add(new SchemaObject(kind, o.get("Name").asText(), fields(o.get("Fields"))));
    }
    return List.copyOf(out);
  }

  private static List<FieldInfo> fields(JsonNode result) {
    List<FieldInfo> out = new ArrayList<>(result.size());
    for (JsonNode f : result) {
      if (!f.isObject() || !f.path("Name").isTextual() || !f.path("Type").isTextual()) {
        throw malformed("a field without Name or Type", null);
      }
      Map<String, String> items = new LinkedHashMap<>();
      JsonNode list = f.path("ListField");
      if (list.isObject()) {
        list.properties().forEach(e -> items.put(e.getKey(), e.getValue().asText()));
      }
      JsonNode editable = f.get("Editable");
      out.add(
          new FieldInfo(
              f.get("Name").asText(),
              f.get("Type").asText(),
              f.path("Unique").asBoolean(false),
              f.path("UniqueAllowNulls").asBoolean(false),
              editable == null || editable.isNull() ? null : editable.asBoolean(),
              f.path("Label").asText(""),
              f.path("Description").asText(""),
              f.path("DisplayOrder").asInt(0),
              f.path("IsFormula").asBoolean(false),
              f.path("OnInsert").asBoolean(false),
              f.path("OnUpdate").asBoolean(false),
              f.path("TimeZone").asText(""),
              f.path("Format").asText(""),
              f.path("Prefix").asText(""),
              f.path("Length").asInt(0),
              items,
              f.hasNonNull("TableFieldName") ? f.get("TableFieldName").asText() : null));
    }
    return List.copyOf(out);
  }

  /** {@code {"RecordsAffected": n, …}}. */
  RecordsAffected recordsAffected(byte[] body) {
    JsonNode root = tree(body);
    JsonNode n = root.get(shape.recordsAffected());
    if (n == null || !n.canConvertToLong()) {
      throw malformed("no integer " + quoted(shape.recordsAffected()) + " member", null);
    }
    return new RecordsAffected(n.asLong());
  }

  /** The first row of {@code {"Result":[row]}}; an empty map for an empty body or empty Result. */
  Map<String, Object> insertedRow(byte[] body) throws IOException {
    if (isBlank(body)) {
      return Map.of();
    }
    Page page = page(new java.io.ByteArrayInputStream(body), null);
    if (page.isEmpty()) {
      return Map.of();
    }
    Object[] row = page.first();
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < page.columns().size(); i++) {
      out.put(page.columns().get(i), i < row.length ? row[i] : null);
    }
    return Collections.unmodifiableMap(out);
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (!Character.isWhitespace(b)) {
        return false;
      }
    }
    return true;
  }

  private JsonNode result(byte[] body) {
    JsonNode r = tree(body).get(shape.rows());
    if (r == null || !r.isArray()) {
      throw malformed(quoted(shape.rows()) + " missing or not an array", null);
    }
    return r;
  }

  private static String quoted(String member) {
    return '"' + member + '"';
  }

  private JsonNode tree(byte[] body) {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (IOException e) {
      throw malformed("not valid JSON", e);
    }
    if (root == null || !root.isObject()) {
      throw malformed("not a JSON object", null);
    }
    return root;
  }

  private static void expect(JsonParser p, JsonToken actual, JsonToken wanted, String what)
      throws IOException {
    if (actual == null) {
      throw new JsonEOFException(p, null, "reply ended early; expected " + what);
    }
    if (actual != wanted) {
      throw malformed("expected " + what + " but found " + actual, null);
    }
  }

  static CaspioException malformed(String what, Throwable cause) {
    return new CaspioException(
        ErrorKind.REMOTE, "Caspio sent a reply that is not the expected JSON: " + what, cause);
  }
}
