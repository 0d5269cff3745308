/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads one page of a v3 Files listing: {@code {"Result":[…],"Pagination":{"TotalCount":n,…}}}
 * (research notes 3.6, 5.1). Items are checked for the members the SQL surface shows, so a changed
 * reply fails with a clear message instead of giving rows of nulls.
 *
 * @param <T> the item type
 * @param items this page's items
 * @param totalCount the listing's size over all pages, or -1 when the reply does not say
 */
record FileReplies<T>(List<T> items, long totalCount) {

  static FileReplies<CaspioFile> files(ObjectMapper mapper, byte[] body) {
    return page(
        mapper,
        body,
        n ->
            new CaspioFile(
                text(n, "Name"),
                text(n, "ExternalKey"),
                n.hasNonNull("Size") ? n.get("Size").asLong() : null,
                optional(n, "ContentType"),
                date(n, "DateCreated"),
                date(n, "LastModified")));
  }

  static FileReplies<CaspioFolder> folders(ObjectMapper mapper, byte[] body) {
    return page(
        mapper,
        body,
        n -> new CaspioFolder(text(n, "Name"), text(n, "ExternalKey"), date(n, "DateCreated")));
  }

  /**
   * The external key of the one file an upload's reply names: a {@code Result} array (POST) or, for
   * an overwrite whose v3 reply the notes do not show, a single {@code Result} object as v2's.
   */
  static String uploadedKey(ObjectMapper mapper, byte[] body) {
    JsonNode root = tree(mapper, body);
    JsonNode one = root == null ? null : root.get("Result");
    if (one != null && one.isObject()) {
      return text(one, "ExternalKey");
    }
    List<String> keys = page(root, n -> text(n, "ExternalKey")).items();
    if (keys.size() != 1) {
      throw JsonReplies.malformed(
          "an upload of one file answered with " + keys.size() + " files", null);
    }
    return keys.get(0);
  }

  private static JsonNode tree(ObjectMapper mapper, byte[] body) {
    try {
      return mapper.readTree(body);
    } catch (java.io.IOException e) {
      // Jackson's parse failures are IOExceptions too; the bytes are already in memory.
      throw JsonReplies.malformed("not valid JSON", e);
    }
  }

  private static <T> FileReplies<T> page(
      ObjectMapper mapper, byte[] body, Function<JsonNode, T> item) {
    return page(tree(mapper, body), item);
  }

  private static <T> FileReplies<T> page(JsonNode root, Function<JsonNode, T> item) {
    JsonNode result = root == null ? null : root.get("Result");
    if (result == null || !result.isArray()) {
      throw JsonReplies.malformed("no \"Result\" array", null);
    }
    List<T> out = new ArrayList<>(result.size());
    for (JsonNode n : result) {
      if (!n.isObject()) {
        throw JsonReplies.malformed("a listing item that is not an object", null);
      }
      out.add(item.apply(n));
    }
    JsonNode total = root.path("Pagination").path("TotalCount");
    return new FileReplies<>(out, total.isIntegralNumber() ? total.asLong() : -1);
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v == null || !v.isTextual()) {
      throw JsonReplies.malformed("a listing item without a text " + key, null);
    }
    return v.asText();
  }

  private static String optional(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static LocalDateTime date(JsonNode n, String key) {
    String s = optional(n, key);
    try {
      return s == null ? null : CaspioValues.toLocalDateTime(s);
    } catch (IllegalArgumentException e) {
      throw JsonReplies.malformed(key + " is not an ISO date-time", e);
    }
  }
}
