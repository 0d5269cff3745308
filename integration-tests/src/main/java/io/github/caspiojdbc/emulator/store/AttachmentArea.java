/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files held by ATTACHMENT fields (research notes 3.7, REST v3 only): at most one per record
 * and field, keyed by the base table, the field and the record's PK_ID. They live here rather than
 * in the engine because a record row never shows them (the column behind the field stays NULL) and
 * the bytes would only bloat every scan.
 *
 * <p>Thread-safe: reads see a concurrent map; every change holds the store's write lock, the one
 * record writes hold, so an upload can never land on a record that a concurrent delete has just
 * removed, and a record delete takes its records' attachments with it.
 *
 * <p>Choices where the notes are silent, all strict:
 *
 * <ul>
 *   <li>Uploads over {@link #MAX_BYTES} are 413: the Files area has no limit of its own to share,
 *       and Caspio's is not documented (notes 3.6 call it plan-dependent).
 *   <li>The where of DELETE, fileInfo GET and rename is mandatory (notes 7.13 name DELETE; the
 *       others follow, so no call can touch every record by leaving it out).
 *   <li>A name is split at its last dot into FileName and FileType; a name without a dot, or whose
 *       only dot is its first character ({@code .env}), has FileType {@code ""}. Names holding a
 *       slash or a backslash are refused, so a client-side path can never pass for a name.
 *   <li>Rename changes FileName only, taking the new text whole (dots included), and stamps
 *       DateUpdated; FileType, the bytes and DateCreated stay.
 *   <li>Through a view, only single-table views serve attachments, reads included: which table's
 *       record a multi-table view's PK_ID names is not documented. A record outside the view's
 *       filter is as missing as a record that does not exist.
 * </ul>
 */
public final class AttachmentArea {
  /**
   * The largest upload accepted, 32 MiB. Caspio's limit is not documented and the emulator's Files
   * area has none, so this is the emulator's own choice.
   */
  public static final int MAX_BYTES = 32 * 1024 * 1024;

  /**
   * One stored attachment. The bytes are copied in and out, so no caller can change it.
   *
   * @param fileName the name without its extension
   * @param fileType the extension without its dot, {@code ""} when there is none
   * @param contentType the media type it was uploaded with
   * @param bytes the content
   * @param dateCreated when it was first stored, whole seconds, UTC
   * @param dateUpdated when it was last written or renamed, whole seconds, UTC
   */
  public record Attachment(
      String fileName,
      String fileType,
      String contentType,
      byte[] bytes,
      LocalDateTime dateCreated,
      LocalDateTime dateUpdated) {
    /** Copies the bytes in. */
    public Attachment {
      bytes = bytes.clone();
    }

    /** A copy of the bytes. */
    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    /** The size in bytes. */
    public int size() {
      return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Attachment a
          && fileName.equals(a.fileName)
          && fileType.equals(a.fileType)
          && contentType.equals(a.contentType)
          && Arrays.equals(bytes, a.bytes)
          && dateCreated.equals(a.dateCreated)
          && dateUpdated.equals(a.dateUpdated);
    }

    @Override
    public int hashCode() {
      return Objects.hash(fileName, fileType, Arrays.hashCode(bytes));
    }

    /** Without the bytes, which may be large. */
    @Override
    public String toString() {
      return "Attachment[" + fileName + ", " + fileType + ", " + bytes.length + " bytes]";
    }
  }

  /**
   * One matched record's attachment, as fileInfo lists it.
   *
   * @param pkId the record's PK_ID in its base table
   * @param attachment what the record holds
   */
  public record Listed(long pkId, Attachment attachment) {}

  /** Declared casing of table and field, so that any casing of a name finds the same entry. */
  private record Key(String table, String field, long pkId) {}

  /** What a call addresses, resolved once: the records it may see and the base-table field. */
  private record Slot(Target target, FieldDef field) {
    Key key(long pkId) {
      return new Key(target.table().name(), field.name(), pkId);
    }
  }

  private final Schema schema;
  private final RecordReader reader;
  private final Object writeLock;
  private final Clock clock;
  private final Map<Key, Attachment> stored = new ConcurrentHashMap<>();

  AttachmentArea(Schema schema, RecordReader reader, Object writeLock, Clock clock) {
    this.schema = schema;
    this.reader = reader;
    this.writeLock = writeLock;
    this.clock = clock;
  }

  /**
   * Stores an attachment straight away, for tests to seed; an existing one is replaced. No size
   * limit applies, so a test can also seed a file the API would refuse.
   *
   * @param fileNameWithExtension e.g. {@code photo.jpg}, split as an upload's name is
   * @throws IllegalArgumentException for an unknown table, a field that is not an ATTACHMENT field,
   *     a record that does not exist or a bad name
   */
  public void put(
      String table,
      String field,
      long pkId,
      String fileNameWithExtension,
      String contentType,
      byte[] bytes) {
    try {
      store(slot(ObjectKind.TABLE, table, field), pkId, fileNameWithExtension, contentType, bytes);
    } catch (StoreException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * The attachment of one record, if it has one.
   *
   * @throws IllegalArgumentException for an unknown table or a field that is not an ATTACHMENT
   *     field
   */
  public Optional<Attachment> get(String table, String field, long pkId) {
    Slot slot;
    try {
      slot = slot(ObjectKind.TABLE, table, field);
    } catch (StoreException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return Optional.ofNullable(stored.get(slot.key(pkId)));
  }

  /** How many attachments are stored, over every table and field. */
  public int count() {
    return stored.size();
  }

  /**
   * {@code GET …/attachments/{field}/{PK_ID}}.
   *
   * @throws StoreException 404 {@code ObjectNotFound} for an unknown object or field or a missing
   *     record, 404 {@code FileNotFound} when the record has no attachment, 400 when the field is
   *     not an ATTACHMENT field or the view joins several tables
   */
  public Attachment download(ObjectKind kind, String name, String field, long pkId) {
    Slot slot = slot(kind, name, field);
    requireRecord(slot, pkId);
    Attachment a = stored.get(slot.key(pkId));
    if (a == null) {
      throw new StoreException(
          404, "FileNotFound", "Record " + pkId + " has no attachment in " + slot.field().name());
    }
    return a;
  }

  /**
   * {@code PUT …/attachments/{field}/{PK_ID}}: stores the file, replacing any the record held
   * (DateCreated then stays).
   *
   * @throws StoreException as {@link #download} (but no {@code FileNotFound}), 413 {@code
   *     FileTooLarge} over {@link #MAX_BYTES}, 400 {@code IncorrectBodyParameter} for a bad name
   */
  public void upload(
      ObjectKind kind,
      String name,
      String field,
      long pkId,
      String fileNameWithExtension,
      String contentType,
      byte[] bytes) {
    Slot slot = slot(kind, name, field);
    if (bytes.length > MAX_BYTES) {
      throw new StoreException(
          413, "FileTooLarge", "An attachment may hold at most " + MAX_BYTES + " bytes");
    }
    store(slot, pkId, fileNameWithExtension, contentType, bytes);
  }

  /**
   * {@code DELETE …/attachments/{field}?q.where=}: removes the attachments of the matching records.
   *
   * @return how many matching records had one
   * @throws StoreException 400 {@code IncorrectQueryParameter} for a blank where or a refused
   *     fragment, and as {@link #download} for the object and field
   */
  public int delete(ObjectKind kind, String name, String field, String where) {
    Slot slot = slot(kind, name, field);
    requireWhere(where);
    synchronized (writeLock) {
      int n = 0;
      for (Long pk : reader.keys(slot.target(), where)) {
        if (stored.remove(slot.key(pk)) != null) {
          n++;
        }
      }
      return n;
    }
  }

  /**
   * {@code GET …/attachments/{field}/fileInfo?q.where=}: the matching records that have an
   * attachment, by PK_ID ascending.
   *
   * @throws StoreException as {@link #delete}
   */
  public List<Listed> fileInfo(ObjectKind kind, String name, String field, String where) {
    Slot slot = slot(kind, name, field);
    requireWhere(where);
    List<Listed> out = new ArrayList<>();
    for (Long pk : reader.keys(slot.target(), where)) {
      Attachment a = stored.get(slot.key(pk));
      if (a != null) {
        out.add(new Listed(pk, a));
      }
    }
    return out;
  }

  /**
   * {@code PUT …/attachments/{field}/fileInfo?q.where=} with {@code {"FileName":…}}: renames the
   * attachments of the matching records.
   *
   * @return how many matching records had one
   * @throws StoreException as {@link #delete}, and 400 {@code IncorrectBodyParameter} for a bad
   *     name
   */
  public int rename(ObjectKind kind, String name, String field, String where, String newFileName) {
    Slot slot = slot(kind, name, field);
    requireWhere(where);
    requireName(newFileName);
    synchronized (writeLock) {
      int n = 0;
      for (Long pk : reader.keys(slot.target(), where)) {
        Key key = slot.key(pk);
        Attachment a = stored.get(key);
        if (a != null) {
          stored.put(
              key,
              new Attachment(
                  newFileName, a.fileType(), a.contentType(), a.bytes, a.dateCreated(), now()));
          n++;
        }
      }
      return n;
    }
  }

  /** Forgets the attachments of deleted records; called by record deletes, under the lock. */
  void removeRecords(TableModel table, Long[] pkIds) {
    if (pkIds.length == 0) {
      return;
    }
    Set<Long> gone = new HashSet<>(Arrays.asList(pkIds));
    stored.keySet().removeIf(k -> k.table().equals(table.name()) && gone.contains(k.pkId()));
  }

  private void store(
      Slot slot, long pkId, String fileNameWithExtension, String contentType, byte[] bytes) {
    requireName(fileNameWithExtension);
    Objects.requireNonNull(bytes, "bytes");
    String type = contentType == null ? "application/octet-stream" : contentType;
    String base = fileNameWithExtension;
    String extension = "";
    int dot = fileNameWithExtension.lastIndexOf('.');
    if (dot > 0) {
      base = fileNameWithExtension.substring(0, dot);
      extension = fileNameWithExtension.substring(dot + 1);
    }
    synchronized (writeLock) {
      requireRecord(slot, pkId);
      Key key = slot.key(pkId);
      Attachment old = stored.get(key);
      LocalDateTime now = now();
      stored.put(
          key,
          new Attachment(base, extension, type, bytes, old == null ? now : old.dateCreated(), now));
    }
  }

  private Slot slot(ObjectKind kind, String name, String field) {
    Target t = schema.target(kind, name);
    FieldDef f;
    if (t.view() != null) {
      if (!t.view().writable()) {
        throw new StoreException(
            400,
            "AlterReadOnlyData",
            "View '" + t.view().name() + "' joins several tables and serves no attachments");
      }
      ViewModel.ViewField vf = field == null ? null : t.view().field(field);
      f = vf == null ? null : vf.field();
    } else {
      f = field == null ? null : t.table().field(field);
    }
    if (f == null) {
      // As password-field calls answer a missing field (notes 6.3).
      throw new StoreException(
          404, "ObjectNotFound", "Attachment field '" + field + "' not found in " + t.sqlName());
    }
    if (f.type() != FieldType.ATTACHMENT) {
      throw new StoreException(
          400, "IncorrectQueryParameter", "Field '" + field + "' is not an attachment field");
    }
    return new Slot(t, f);
  }

  private void requireRecord(Slot slot, long pkId) {
    if (!reader.exists(slot.target(), pkId)) {
      throw new StoreException(
          404,
          "ObjectNotFound",
          "Record with PK_ID " + pkId + " not found in " + slot.target().sqlName());
    }
  }

  private static void requireWhere(String where) {
    if (where == null || where.isBlank()) {
      throw new StoreException(
          400, "IncorrectQueryParameter", "q.where is required for this operation");
    }
  }

  private static void requireName(String name) {
    if (name == null || name.isBlank() || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
      throw new StoreException(
          400, "IncorrectBodyParameter", "An attachment needs a file name without a path");
    }
  }

  private LocalDateTime now() {
    return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
  }
}
