/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.caspiojdbc.emulator.store.AttachmentArea;
import io.github.caspiojdbc.emulator.store.ObjectKind;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * v3's attachment endpoints below {@code tables/{t}/attachments} and {@code views/{v}/attachments}
 * (research notes 3.7), mapped onto the store's {@link AttachmentArea}. v2 has none, so only {@link
 * V3Router} hands calls here. Choices where the notes are silent, strict as elsewhere:
 *
 * <ul>
 *   <li>The where of DELETE, of the fileInfo GET and of rename is required (400 when missing or
 *       blank), and may be sent as {@code q.where} or {@code where}, as on records calls.
 *   <li>A PK_ID in the path must be plain decimal digits; anything else is 400.
 *   <li>An upload takes exactly one multipart part named {@code File} with a file name, the
 *       boundary read from the body as {@link V3Files} reads it.
 *   <li>A rename body is exactly {@code {"FileName":"…"}} (the key in any case, as the password
 *       body's key is), the value a non-blank string.
 *   <li>fileInfo shows PK_ID as the records of the object show it: a number for a table, a string
 *       for a view (notes 3.5).
 *   <li>{@code …/attachments} itself and {@code …/attachments/{field}/{PK_ID}/…} are unknown paths
 *       (404); a known path with another method is 405.
 * </ul>
 */
final class AttachmentsRouter {
  // Always with seconds, as V3Files renders dates.
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  private final AttachmentArea area;

  AttachmentsRouter(AttachmentArea area) {
    this.area = area;
  }

  /** Whether a call's path (segments as sent) is an attachment path of a table or view. */
  static boolean handles(List<String> s) {
    return s.size() >= 3
        && (s.get(0).equalsIgnoreCase("tables") || s.get(0).equalsIgnoreCase("views"))
        && s.get(2).equalsIgnoreCase("attachments");
  }

  /** Serves a call for which {@link #handles} holds. */
  Reply route(ApiCall call) {
    List<String> s = call.segments();
    ObjectKind kind = s.get(0).equalsIgnoreCase("tables") ? ObjectKind.TABLE : ObjectKind.VIEW;
    String name = s.get(1);
    if (s.size() == 4) {
      if (!call.method().equals("DELETE")) {
        throw ApiException.methodNotAllowed("DELETE");
      }
      return ResourceRouter.recordsAffected(
          area.delete(kind, name, s.get(3), ResourceRouter.requiredWhere(call)));
    }
    if (s.size() != 5) {
      throw ApiException.notFound();
    }
    String field = s.get(3);
    if (s.get(4).equalsIgnoreCase("fileInfo")) {
      switch (call.method()) {
        case "GET":
          return fileInfo(kind, name, field, ResourceRouter.requiredWhere(call));
        case "PUT":
          {
            String where = ResourceRouter.requiredWhere(call);
            String newName = fileName(ResourceRouter.jsonObject(call.body()));
            return ResourceRouter.recordsAffected(area.rename(kind, name, field, where, newName));
          }
        default:
          throw ApiException.methodNotAllowed("GET, PUT");
      }
    }
    switch (call.method()) {
      case "GET":
        {
          AttachmentArea.Attachment a = area.download(kind, name, field, pkId(s.get(4)));
          return new Reply(200, Map.of("Content-Type", a.contentType()), a.bytes(), null);
        }
      case "PUT":
        {
          long pk = pkId(s.get(4));
          List<Multipart.Part> parts = Multipart.parse(call.body());
          if (parts.size() != 1
              || !parts.get(0).name().equals("File")
              || parts.get(0).fileName() == null) {
            throw ApiException.badBody("An attachment is sent as one multipart part named File.");
          }
          Multipart.Part p = parts.get(0);
          area.upload(kind, name, field, pk, p.fileName(), p.contentType(), p.bytes());
          return Reply.empty(204);
        }
      default:
        throw ApiException.methodNotAllowed("GET, PUT");
    }
  }

  private Reply fileInfo(ObjectKind kind, String name, String field, String where) {
    ArrayNode result = Reply.MAPPER.createArrayNode();
    for (AttachmentArea.Listed l : area.fileInfo(kind, name, field, where)) {
      ObjectNode item = result.addObject();
      if (kind == ObjectKind.TABLE) {
        item.put("PK_ID", l.pkId());
      } else {
        item.put("PK_ID", Long.toString(l.pkId()));
      }
      AttachmentArea.Attachment a = l.attachment();
      item.put("FileName", a.fileName());
      item.put("FileType", a.fileType());
      item.put("Size", a.size());
      item.put("DateCreated", ISO.format(a.dateCreated()));
      item.put("DateUpdated", ISO.format(a.dateUpdated()));
    }
    return Reply.json(200, ResourceRouter.envelope(result));
  }

  private static long pkId(String raw) {
    // Up to 18 digits always fits a long; PK_IDs are never that large anyway.
    if (!raw.matches("[0-9]{1,18}")) {
      throw ApiException.badQuery("PK_ID must be an integer.");
    }
    return Long.parseLong(raw);
  }

  private static String fileName(ObjectNode body) {
    JsonNode value = null;
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      if (e.getKey().equalsIgnoreCase("FileName")) {
        value = e.getValue();
      } else {
        throw ApiException.badBody("Unexpected body property " + e.getKey() + ".");
      }
    }
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw ApiException.badBody("The body must be {\"FileName\":\"<new name>\"}.");
    }
    return value.asText();
  }
}
