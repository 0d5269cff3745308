/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The account's Files area (research notes 3.6): a tree of folders, the root's external key being
 * the empty string, and files held in memory. Keys are name-based UUIDs of a counter, so an area
 * filled in the same order always has the same keys, which keeps demos and tests repeatable.
 * Listings are sorted by name, ignoring case, because Caspio's default order is not documented and
 * a stable order is what a paging client needs. Thread-safe: every method holds the area's lock.
 */
public final class FileArea {
  /** The root folder's external key. */
  public static final String ROOT = "";

  /**
   * One folder.
   *
   * @param name the folder's name, unique among its siblings ignoring case
   * @param externalKey the folder's key; {@link #ROOT} for the root
   * @param parentKey the key of the folder it is in; null for the root
   * @param dateCreated when it was made, whole seconds, UTC
   */
  public record Folder(
      String name, String externalKey, String parentKey, LocalDateTime dateCreated) {}

  /**
   * One file. The bytes are copied in and out, so no caller can change a stored file.
   *
   * @param name the file's name with its extension, unique in its folder ignoring case
   * @param externalKey the file's key
   * @param folderKey the key of its folder
   * @param contentType the media type it was uploaded with
   * @param bytes the content
   * @param dateCreated when it was first stored
   * @param lastModified when its bytes were last written
   */
  public record StoredFile(
      String name,
      String externalKey,
      String folderKey,
      String contentType,
      byte[] bytes,
      LocalDateTime dateCreated,
      LocalDateTime lastModified) {
    /** Copies the bytes in. */
    public StoredFile {
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
      return o instanceof StoredFile f
          && name.equals(f.name)
          && externalKey.equals(f.externalKey)
          && folderKey.equals(f.folderKey)
          && contentType.equals(f.contentType)
          && Arrays.equals(bytes, f.bytes)
          && dateCreated.equals(f.dateCreated)
          && lastModified.equals(f.lastModified);
    }

    @Override
    public int hashCode() {
      return Objects.hash(externalKey, Arrays.hashCode(bytes));
    }

    /** Without the bytes, which may be large. */
    @Override
    public String toString() {
      return "StoredFile[" + name + ", " + externalKey + ", " + bytes.length + " bytes]";
    }
  }

  private static final Comparator<String> BY_NAME = String.CASE_INSENSITIVE_ORDER;

  private final Clock clock;
  private final Map<String, Folder> folders = new LinkedHashMap<>();
  private final Map<String, StoredFile> files = new LinkedHashMap<>();
  private long nextKey;

  FileArea(Clock clock) {
    this.clock = clock;
    folders.put(ROOT, new Folder("", ROOT, null, now()));
  }

  /**
   * Makes a folder.
   *
   * @throws StoreException 404 {@code FolderNotFound} for an unknown parent, 409 {@code
   *     FolderExists} when the parent already has a folder of that name
   */
  public synchronized Folder addFolder(String parentKey, String name) {
    requireFolder(parentKey);
    requireName(name);
    for (Folder f : folders.values()) {
      if (parentKey.equals(f.parentKey()) && f.name().equalsIgnoreCase(name)) {
        throw new StoreException(409, "FolderExists", "A folder named " + name + " exists.");
      }
    }
    Folder folder = new Folder(name, newKey("folder"), parentKey, now());
    folders.put(folder.externalKey(), folder);
    return folder;
  }

  /**
   * Stores a new file.
   *
   * @throws StoreException 404 {@code FolderNotFound} for an unknown folder, 409 {@code FileExists}
   *     when the folder already has a file of that name (notes 3.6: v3 never overwrites on POST)
   */
  public synchronized StoredFile add(
      String folderKey, String name, String contentType, byte[] bytes) {
    requireFolder(folderKey);
    requireName(name);
    for (StoredFile f : files.values()) {
      if (f.folderKey().equals(folderKey) && f.name().equalsIgnoreCase(name)) {
        throw new StoreException(409, "FileExists", "A file named " + name + " exists.");
      }
    }
    LocalDateTime now = now();
    StoredFile file = new StoredFile(name, newKey("file"), folderKey, contentType, bytes, now, now);
    files.put(file.externalKey(), file);
    return file;
  }

  /**
   * Stores a file, replacing the folder's file of the same name (any case) if there is one: that
   * file keeps its external key and creation date and gets the new name, type, bytes and
   * modification date.
   *
   * @return the stored file, and whether it is new
   * @throws StoreException 404 {@code FolderNotFound} for an unknown folder
   */
  public synchronized Map.Entry<StoredFile, Boolean> put(
      String folderKey, String name, String contentType, byte[] bytes) {
    requireFolder(folderKey);
    requireName(name);
    for (StoredFile f : files.values()) {
      if (f.folderKey().equals(folderKey) && f.name().equalsIgnoreCase(name)) {
        StoredFile replaced =
            new StoredFile(
                name, f.externalKey(), folderKey, contentType, bytes, f.dateCreated(), now());
        files.put(f.externalKey().toLowerCase(Locale.ROOT), replaced);
        return Map.entry(replaced, false);
      }
    }
    return Map.entry(add(folderKey, name, contentType, bytes), true);
  }

  /** A text file, for sample data and tests. */
  public StoredFile addText(String folderKey, String name, String text) {
    return add(folderKey, name, "text/plain", text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The folders directly in {@code parentKey}, by name.
   *
   * @throws StoreException 404 {@code FolderNotFound} for an unknown folder
   */
  public synchronized List<Folder> folders(String parentKey) {
    requireFolder(parentKey);
    List<Folder> out = new ArrayList<>();
    for (Folder f : folders.values()) {
      if (parentKey.equals(f.parentKey())) {
        out.add(f);
      }
    }
    out.sort(Comparator.comparing(Folder::name, BY_NAME));
    return out;
  }

  /**
   * One folder.
   *
   * @throws StoreException 404 {@code FolderNotFound} for an unknown key
   */
  public synchronized Folder folder(String key) {
    return requireFolder(key);
  }

  /**
   * The files directly in {@code folderKey}, by name.
   *
   * @throws StoreException 404 {@code FolderNotFound} for an unknown folder
   */
  public synchronized List<StoredFile> files(String folderKey) {
    requireFolder(folderKey);
    List<StoredFile> out = new ArrayList<>();
    for (StoredFile f : files.values()) {
      if (f.folderKey().equals(folderKey)) {
        out.add(f);
      }
    }
    out.sort(Comparator.comparing(StoredFile::name, BY_NAME));
    return out;
  }

  /**
   * One file.
   *
   * @throws StoreException 404 {@code FileNotFound} for an unknown key
   */
  public synchronized StoredFile file(String key) {
    StoredFile f = files.get(key.toLowerCase(Locale.ROOT));
    if (f == null) {
      throw fileNotFound();
    }
    return f;
  }

  /**
   * Deletes one file.
   *
   * @throws StoreException 404 {@code FileNotFound} for an unknown key
   */
  public synchronized void delete(String key) {
    if (files.remove(key.toLowerCase(Locale.ROOT)) == null) {
      throw fileNotFound();
    }
  }

  private Folder requireFolder(String key) {
    Folder f = key == null ? null : folders.get(key.toLowerCase(Locale.ROOT));
    if (f == null) {
      throw new StoreException(404, "FolderNotFound", "The folder does not exist.");
    }
    return f;
  }

  private static void requireName(String name) {
    if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")) {
      throw new StoreException(400, "IncorrectBodyParameter", "A file or folder name is invalid.");
    }
  }

  private static StoreException fileNotFound() {
    return new StoreException(404, "FileNotFound", "The file does not exist.");
  }

  // Lower-case UUIDs, so a key matches whatever case a client sends it in (keys are GUIDs).
  private String newKey(String kind) {
    return UUID.nameUUIDFromBytes((kind + ":" + nextKey++).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private LocalDateTime now() {
    return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
  }
}
