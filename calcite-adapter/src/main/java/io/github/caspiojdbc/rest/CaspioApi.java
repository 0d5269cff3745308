/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The typed operations the adapter needs from Caspio's resource API. Nothing above this interface
 * builds URLs or parses JSON. Every method throws {@link
 * io.github.caspiojdbc.error.CaspioException} on failure; none returns partial data as success.
 *
 * <p><b>Values.</b> Rows and inserted records carry JSON scalars converted cheaply and without
 * reference to field types, so the adapter converts per column with the types from {@link #fields}:
 *
 * <ul>
 *   <li>JSON string: {@link String} (dates stay {@code yyyy-MM-ddTHH:mm:ss} text; see {@link
 *       CaspioValues#toLocalDateTime});
 *   <li>JSON integer: {@link Long}, or {@link java.math.BigDecimal} beyond the long range;
 *   <li>JSON number with a fraction or exponent: {@link java.math.BigDecimal} (exact, so CURRENCY
 *       keeps its cents);
 *   <li>JSON true/false: {@link Boolean}; JSON null: null;
 *   <li>JSON object (list fields, item id to value): an unmodifiable {@code Map<String, Object>} in
 *       reply order; JSON array: an unmodifiable {@code List<Object>}.
 * </ul>
 *
 * <p>Values written by {@link #insert} and {@link #update} may be String, Number, Boolean, null,
 * {@link java.time.LocalDateTime}, {@link java.time.LocalDate} (sent as Caspio's ISO text), or a
 * {@code List} of list-item ids.
 *
 * <p>Implementations are thread-safe; a cursor is used by one consumer thread, but its {@link
 * RecordCursor#cancel()} may be called from any thread.
 */
public interface CaspioApi extends AutoCloseable {

  /** The longest request URI Caspio accepts, in characters. */
  int MAX_URI_LENGTH = 2047;

  /** Names of all tables. */
  List<String> listTables();

  /** Names of all views. */
  List<String> listViews();

  /**
   * Every table and view with its fields in one call, where the API generation has such a call
   * (v4's {@code GET /schemas}); empty where it has not, and the caller lists objects with {@link
   * #listTables}, {@link #listViews} and {@link #fields}. Under {@link ApiVersion#AUTO} the first
   * call also decides the generation (see {@link #version()}).
   */
  default Optional<List<SchemaObject>> schemas() {
    return Optional.empty();
  }

  /**
   * The generation this client talks to, for display ({@code DatabaseMetaData}, logs); under {@link
   * ApiVersion#AUTO}, {@code AUTO} only until the first request has decided it.
   */
  default ApiVersion version() {
    return ApiVersion.V3;
  }

  /**
   * The fields of a table or view in the server's order. {@code PK_ID} is not listed by Caspio.
   *
   * @throws io.github.caspiojdbc.error.CaspioException kind TABLE_NOT_FOUND when it does not exist
   */
  List<FieldInfo> fields(ObjectKind kind, String name);

  /**
   * Starts reading the records a query describes. The first request is scheduled before this
   * returns; rows are delivered page by page.
   *
   * @throws io.github.caspiojdbc.error.CaspioException kind UNSUPPORTED when a request would exceed
   *     {@link #MAX_URI_LENGTH} (check {@link #fits} first), INVALID_PARAMETER when the paging mode
   *     does not suit the query
   */
  RecordCursor query(RecordQuery query);

  /**
   * The length of the longest URI {@link #query} would send for this query (later keyset pages add
   * a key predicate), so a planner can split the work or filter locally instead.
   */
  int uriLength(RecordQuery query);

  /**
   * The request(s) {@link #query} would send, as EXPLAIN shows them: method, path and decoded
   * parameters of the first request, and how later pages follow. Sends nothing.
   */
  String describe(RecordQuery query);

  /**
   * How many calls {@link #query} would send for this query (retries aside), as EXPLAIN shows it.
   * Sends nothing. The default knows nothing: at least one call.
   */
  default CallEstimate estimate(RecordQuery query) {
    return CallEstimate.UNKNOWN;
  }

  /**
   * The rows {@code query}'s filter matched when this connection last read or counted them, or -1
   * when unknown or stale (see {@link #learnedRows}). Sends nothing.
   */
  default long knownRows(RecordQuery query) {
    return -1;
  }

  /**
   * Records that {@code query}'s filter matches {@code rows} rows, as Caspio just answered to a
   * {@code COUNT(*)} of it, so that later estimates of the same read are exact.
   */
  default void learnedRows(RecordQuery query, long rows) {}

  /**
   * Refuses, before it starts, work of the current statement that needs {@code calls} requests when
   * its statement or connection budget has fewer left, so a multi-request write is either sent
   * whole or not at all as far as budgets go.
   *
   * @param what the work, for the message ("INSERT into Orders")
   * @throws io.github.caspiojdbc.error.CaspioException kind CALL_BUDGET_EXCEEDED
   */
  default void requireCalls(long calls, String what) {}

  /** Whether every request of this query stays within {@link #MAX_URI_LENGTH}. */
  default boolean fits(RecordQuery query) {
    return uriLength(query) <= MAX_URI_LENGTH;
  }

  /**
   * Inserts one record with {@code response=rows}.
   *
   * @return the inserted record as the server returned it (with {@code PK_ID} and generated
   *     values), or an empty map when the server returned no row
   * @throws io.github.caspiojdbc.error.CaspioException kind UNKNOWN_OUTCOME when the request may
   *     have been applied but no answer arrived; such a write is never retried
   */
  Map<String, Object> insert(ObjectKind kind, String name, Map<String, ?> values);

  /** The most records one {@link #insertAll} request takes; 1 where there is no bulk insert. */
  default int insertBatchLimit() {
    return 1;
  }

  /**
   * Whether the rows of a {@code q.select=*} read carry {@code PK_ID}; where they might not, a
   * reader that needs the key names every column instead.
   */
  default boolean starRowsCarryKey() {
    return true;
  }

  /**
   * Inserts up to {@link #insertBatchLimit()} records in one request and returns one outcome per
   * record, in order. Records are written independently: some may be written while others are
   * refused (v4's 207 Multi-Status).
   *
   * @throws io.github.caspiojdbc.error.CaspioException when the request as a whole was refused
   *     (nothing written), or kind UNKNOWN_OUTCOME when it may have been applied but no readable
   *     answer arrived; such a write is never retried
   */
  default List<InsertOutcome> insertAll(
      ObjectKind kind, String name, List<? extends Map<String, ?>> records) {
    if (records.size() != 1) {
      throw new IllegalArgumentException("this API inserts one record per request");
    }
    return List.of(new InsertOutcome(insert(kind, name, records.get(0)), null));
  }

  /**
   * The request {@link #update} or {@link #delete} would send for {@code where} (null: every
   * record), as EXPLAIN shows it; sends nothing. The default shows v3's form without its prefix.
   */
  default String describeWrite(boolean update, ObjectKind kind, String name, String where) {
    return (update ? "PUT " : "DELETE ")
        + kind.segment()
        + "/"
        + name
        + "/records?q.where="
        + (where == null ? WriteRequests.EVERY_RECORD : where);
  }

  /**
   * Sets {@code values} on every record matching {@code where}; null means every record.
   *
   * @throws io.github.caspiojdbc.error.CaspioException kind UNKNOWN_OUTCOME as for {@link #insert}
   */
  RecordsAffected update(ObjectKind kind, String name, String where, Map<String, ?> values);

  /**
   * Deletes every record matching {@code where}; null means every record.
   *
   * @throws io.github.caspiojdbc.error.CaspioException kind UNKNOWN_OUTCOME as for {@link #insert}
   */
  RecordsAffected delete(ObjectKind kind, String name, String where);

  /**
   * Sets a password field to {@code value} on every record of a table matching {@code where}, or
   * clears it (Caspio's reset, a DELETE on the same path) when {@code value} is null.
   */
  RecordsAffected setPassword(String table, String field, String where, String value);

  /**
   * Where work of this connection that runs beside the caller goes, such as the concurrent POSTs of
   * a multi-row INSERT or a check the caller waits for only until a deadline ({@code isValid}, a
   * login timeout). Requests made by such tasks still pass this connection's admission control. An
   * implementation with threads hands every task to a thread at once rather than queueing it, so
   * that a caller's deadline never waits behind other work. {@link #close()} ends the executor's
   * threads and makes it reject new tasks.
   *
   * <p>The default runs each task on the calling thread at once: correct, only not concurrent, for
   * implementations without threads of their own (test doubles).
   */
  default Executor executor() {
    return Runnable::run;
  }

  /** The default limit of {@link #fileContent}: larger files are refused rather than buffered. */
  int MAX_FILE_BYTES = 32 * 1024 * 1024;

  /**
   * The folders directly in a folder of the account's Files area, every page read; always REST v3,
   * whatever generation the connection reads records with (the Files area is served by v3 only).
   *
   * @param parentKey the folder's external key; the empty string for the root
   * @throws io.github.caspiojdbc.error.CaspioException kind INVALID_PARAMETER for an unknown
   *     folder; UNSUPPORTED where the implementation does not reach a Files area
   */
  default List<CaspioFolder> listFolders(String parentKey) {
    throw noFiles();
  }

  /**
   * The files directly in a folder of the Files area, every page read; always REST v3.
   *
   * @param folderKey the folder's external key; the empty string for the root
   * @throws io.github.caspiojdbc.error.CaspioException kind INVALID_PARAMETER for an unknown
   *     folder; UNSUPPORTED where the implementation does not reach a Files area
   */
  default List<CaspioFile> listFiles(String folderKey) {
    throw noFiles();
  }

  /**
   * One file's bytes, exactly as stored; always REST v3.
   *
   * @param key the file's external key
   * @param maxBytes the largest content accepted
   * @throws io.github.caspiojdbc.error.CaspioException kind INVALID_PARAMETER for a blank or
   *     unknown key, TOO_LONG when the file is larger than {@code maxBytes}
   */
  default byte[] fileContent(String key, int maxBytes) {
    throw noFiles();
  }

  /**
   * Deletes one file of the Files area; always REST v3. Like every write it is sent once: a reply
   * lost on the way is reported, not repeated.
   *
   * @param key the file's external key
   * @throws io.github.caspiojdbc.error.CaspioException kind INVALID_PARAMETER for a blank or
   *     unknown key; UNSUPPORTED where the implementation does not reach a Files area
   */
  default void deleteFile(String key) {
    throw noFiles();
  }

  /**
   * Uploads one file into a folder of the Files area; always REST v3. A new file is one multipart
   * part named {@code Files} in {@code POST /v3/files?externalKey=}; with {@code replace}, one part
   * named {@code File} in {@code PUT /v3/files?externalKey=}, which overwrites a file of the same
   * name. Like every write it is sent once.
   *
   * @param folderKey the folder's external key, the empty string for the root folder
   * @param name the file's name in Caspio
   * @param contentType the file's media type
   * @param content the file's bytes, sent as they are
   * @param replace whether a file of the same name is overwritten instead of refused
   * @return the file's external key
   * @throws io.github.caspiojdbc.error.CaspioException Caspio's 409 FileExists when the folder has
   *     a file of that name (nothing is stored), 404 for an unknown folder; UNSUPPORTED where the
   *     implementation does not reach a Files area
   */
  default String uploadFile(
      String folderKey, String name, String contentType, byte[] content, boolean replace) {
    throw noFiles();
  }

  /**
   * The bytes of one record's attachment ({@code GET /v3/{tables|views}/{name}/attachments/{field}
   * /{PK_ID}}, notes 3.7); always REST v3.
   *
   * @throws io.github.caspiojdbc.error.CaspioException Caspio's 404 when the record has no
   *     attachment there or does not exist, TOO_LONG past {@code maxBytes}; UNSUPPORTED where the
   *     implementation does not reach attachments
   */
  default byte[] attachmentContent(
      ObjectKind kind, String name, String field, long pkId, int maxBytes) {
    throw noFiles();
  }

  /**
   * Stores one record's attachment, replacing any ({@code PUT .../attachments/{field}/{PK_ID}}, one
   * multipart part named {@code File}); always REST v3, sent once.
   *
   * @param fileName the file's name with its extension (Caspio keeps the two apart)
   * @param contentType the file's media type
   * @param content the file's bytes, sent as they are
   * @throws io.github.caspiojdbc.error.CaspioException Caspio's 404 for a record it does not have,
   *     413 for content over the account's limit
   */
  default void putAttachment(
      ObjectKind kind,
      String name,
      String field,
      long pkId,
      String fileName,
      String contentType,
      byte[] content) {
    throw noFiles();
  }

  /**
   * Removes the attachment of every record {@code where} matches ({@code DELETE
   * .../attachments/{field}?q.where=}); always REST v3, sent once.
   *
   * @return the records Caspio reports as changed
   */
  default RecordsAffected deleteAttachments(
      ObjectKind kind, String name, String field, String where) {
    throw noFiles();
  }

  private static io.github.caspiojdbc.error.CaspioException noFiles() {
    return new io.github.caspiojdbc.error.CaspioException(
        io.github.caspiojdbc.error.ErrorKind.UNSUPPORTED,
        "This Caspio API client does not reach the account's Files area or attachments",
        null);
  }

  /** A snapshot of this connection's traffic counters. */
  ApiStats stats();

  /**
   * What Caspio itself reports about this account's limits. Implementations that can ask Caspio do
   * so at most once a minute and never let a failed reading fail the caller; the default knows
   * nothing and sends nothing.
   */
  default AccountLimits accountLimits() {
    return AccountLimits.unknown(Instant.now());
  }

  /**
   * Cancels open cursors (their next call fails with CANCELLED) and releases the HTTP client.
   * Idempotent.
   */
  @Override
  void close();
}
