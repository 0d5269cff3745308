/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.caspiojdbc.emulator.store.FileArea;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * v3's Files area below {@code /files} (research notes 3.6): listings of files and of folders with
 * their {@code Pagination} block, one file's bytes and its info, upload and delete. Choices where
 * the notes are silent, strict as elsewhere:
 *
 * <ul>
 *   <li>Parameters have no {@code q.} prefix here (notes 3.6); a name sent twice is 400, {@code
 *       pageNumber} starts at 1 and {@code pageSize} must lie in 5..1000 (default 25).
 *   <li>An unknown folder key is 404 {@code FolderNotFound}; listing folders with {@code
 *       externalKey} lists that folder's subfolders.
 *   <li>Upload reads the multipart boundary from the body's first line (the emulator's routers see
 *       no request headers); parts under another name than {@code Files} are refused, and if any
 *       name exists the whole call is 409 and nothing is stored. An overwrite ({@code PUT}) takes
 *       exactly one part named {@code File} and answers 200 or 201 with one object, as v2 does; the
 *       notes do not give v3's reply body.
 *   <li>Dates are ISO local date-times without fraction, as v3 records show them (notes 5.2).
 * </ul>
 */
final class V3Files {
  private static final int DEFAULT_PAGE_SIZE = 25;
  // Always with seconds: LocalDateTime.toString() drops them when they are zero.
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  private final FileArea area;

  V3Files(FileArea area) {
    this.area = area;
  }

  /** Serves a call whose first segment is {@code files}. */
  Reply route(ApiCall call) {
    List<String> s = call.segments();
    if (s.size() == 1) {
      switch (call.method()) {
        case "GET":
          return listFiles(call);
        case "POST":
          return upload(call);
        case "PUT":
          return overwrite(call);
        default:
          // Notes 3.6: DELETE on the collection is 405.
          throw ApiException.methodNotAllowed("GET, POST, PUT");
      }
    }
    String second = s.get(1);
    if (second.equalsIgnoreCase("folders")) {
      ResourceRouter.requireMethod(call, "GET");
      if (s.size() == 2) {
        return listFolders(call);
      }
      if (s.size() == 3) {
        return Reply.json(200, ResourceRouter.envelope(folderItem(area.folder(s.get(2)))));
      }
      throw ApiException.notFound();
    }
    if (s.size() == 2) {
      switch (call.method()) {
        case "GET":
          {
            FileArea.StoredFile f = area.file(second);
            return new Reply(200, Map.of("Content-Type", f.contentType()), f.bytes(), null);
          }
        case "DELETE":
          area.delete(second);
          return Reply.empty(204);
        default:
          throw ApiException.methodNotAllowed("GET, DELETE");
      }
    }
    if (s.size() == 3 && s.get(2).equalsIgnoreCase("fileInfo")) {
      ResourceRouter.requireMethod(call, "GET");
      return Reply.json(200, ResourceRouter.envelope(fileItem(area.file(second))));
    }
    throw ApiException.notFound();
  }

  private Reply listFiles(ApiCall call) {
    List<ObjectNode> items = new ArrayList<>();
    area.files(folderKey(call.query())).forEach(f -> items.add(fileItem(f)));
    return page(call.query(), items);
  }

  private Reply listFolders(ApiCall call) {
    List<ObjectNode> items = new ArrayList<>();
    area.folders(folderKey(call.query())).forEach(f -> items.add(folderItem(f)));
    return page(call.query(), items);
  }

  private Reply upload(ApiCall call) {
    String folder = folderKey(call.query());
    List<Multipart.Part> parts = Multipart.parse(call.body());
    if (parts.isEmpty()) {
      throw ApiException.badBody("The request holds no file.");
    }
    for (Multipart.Part p : parts) {
      if (!p.name().equals("Files") || p.fileName() == null) {
        throw ApiException.badBody("Files are sent as multipart parts named Files.");
      }
    }
    // Checked first, so a 409 leaves the area as it was.
    List<String> existing = new ArrayList<>();
    area.files(folder).forEach(f -> existing.add(f.name().toLowerCase(java.util.Locale.ROOT)));
    for (Multipart.Part p : parts) {
      if (existing.contains(p.fileName().toLowerCase(java.util.Locale.ROOT))) {
        throw new ApiException(409, "FileExists", "A file named " + p.fileName() + " exists.");
      }
    }
    ArrayNode result = Reply.MAPPER.createArrayNode();
    for (Multipart.Part p : parts) {
      FileArea.StoredFile f = area.add(folder, p.fileName(), p.contentType(), p.bytes());
      ObjectNode item = result.addObject();
      item.put("Name", f.name());
      item.put("ExternalKey", f.externalKey());
    }
    return Reply.json(201, ResourceRouter.envelope(result));
  }

  /**
   * {@code PUT /files?externalKey=}: one part named {@code File}, stored over a file of the same
   * name (200) or as a new one (201). The reply's shape follows v2's (notes 3.6), one object.
   */
  private Reply overwrite(ApiCall call) {
    String folder = folderKey(call.query());
    List<Multipart.Part> parts = Multipart.parse(call.body());
    if (parts.size() != 1
        || !parts.get(0).name().equals("File")
        || parts.get(0).fileName() == null) {
      throw ApiException.badBody("An overwrite sends exactly one multipart part named File.");
    }
    Multipart.Part p = parts.get(0);
    Map.Entry<FileArea.StoredFile, Boolean> put =
        area.put(folder, p.fileName(), p.contentType(), p.bytes());
    ObjectNode item = Reply.MAPPER.createObjectNode();
    item.put("Name", put.getKey().name());
    item.put("ExternalKey", put.getKey().externalKey());
    return Reply.json(put.getValue() ? 201 : 200, ResourceRouter.envelope(item));
  }

  private static String folderKey(Params query) {
    return one(query, "externalKey").orElse(FileArea.ROOT);
  }

  private static Reply page(Params query, List<ObjectNode> items) {
    int number = integer(query, "pageNumber", 1);
    int size = integer(query, "pageSize", DEFAULT_PAGE_SIZE);
    if (number < 1) {
      throw ApiException.badQuery("pageNumber must be 1 or more.");
    }
    if (size < 5 || size > 1000) {
      throw ApiException.badQuery("pageSize must be between 5 and 1000.");
    }
    ArrayNode result = Reply.MAPPER.createArrayNode();
    long from = (long) (number - 1) * size;
    for (long i = from; i < Math.min(items.size(), from + size); i++) {
      result.add(items.get((int) i));
    }
    ObjectNode out = ResourceRouter.envelope(result);
    ObjectNode pagination = out.putObject("Pagination");
    pagination.put("TotalCount", items.size());
    pagination.put("PageNumber", number);
    pagination.put("PageSize", size);
    return Reply.json(200, out);
  }

  private static int integer(Params query, String name, int absent) {
    Optional<String> raw = one(query, name);
    if (raw.isEmpty()) {
      return absent;
    }
    if (!raw.get().matches("[0-9]{1,9}")) {
      throw ApiException.badQuery(name + " must be a whole number.");
    }
    return Integer.parseInt(raw.get());
  }

  private static Optional<String> one(Params query, String name) {
    return query.single(
        () -> ApiException.badQuery("Parameter " + name + " is given more than once."), name);
  }

  private static ObjectNode fileItem(FileArea.StoredFile f) {
    ObjectNode item = Reply.MAPPER.createObjectNode();
    item.put("Name", f.name());
    item.put("ExternalKey", f.externalKey());
    item.put("Size", f.size());
    item.put("ContentType", f.contentType());
    item.put("DateCreated", ISO.format(f.dateCreated()));
    item.put("LastModified", ISO.format(f.lastModified()));
    return item;
  }

  private static ObjectNode folderItem(FileArea.Folder f) {
    ObjectNode item = Reply.MAPPER.createObjectNode();
    item.put("Name", f.name());
    item.put("ExternalKey", f.externalKey());
    item.put("DateCreated", ISO.format(f.dateCreated()));
    return item;
  }
}
