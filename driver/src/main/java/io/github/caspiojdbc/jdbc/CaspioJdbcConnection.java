/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Caspio operations that SQL cannot express, reached with {@code
 * connection.unwrap(CaspioJdbcConnection.class)} (also through connection pools, which forward
 * {@code unwrap}).
 */
public interface CaspioJdbcConnection extends Connection {

  /**
   * Sets a password field of the records with the given PK_IDs through Caspio's password endpoint.
   * SQL does the same with {@code UPDATE <table> SET <field> = ? WHERE ...} (a password field is a
   * write-only column that always reads NULL); this method is for callers that hold the keys
   * already. Sends one request per key list that fits the URI limit. The value never appears in
   * logs or messages.
   *
   * @param table the table's name (any case)
   * @param passwordField the password field's name (any case)
   * @param pkIds the records to change; none sends nothing
   * @param newValue the new password, not null
   * @return the number of records Caspio reports as changed
   * @throws SQLException 25006 on a read-only connection, 42S02 or 42S22 for an unknown table or a
   *     field that is not a password field (all before any request), or the request's failure
   */
  long setPassword(String table, String passwordField, List<Long> pkIds, String newValue)
      throws SQLException;

  /**
   * Deletes one file of the account's Files area ({@code DELETE /v3/files/{key}}, one request,
   * never repeated). The key is a file's {@code EXTERNAL_KEY} as {@code TABLE(caspio_files(...))}
   * lists it. The call counts as a write, so a later {@code rollback()} refuses to pretend.
   *
   * @param fileKey the file's external key
   * @throws SQLException 25006 on a read-only connection (before any request), 22023 for a missing
   *     key or a file Caspio does not have (404 FileNotFound), or the request's failure
   */
  void deleteFile(String fileKey) throws SQLException;

  /**
   * Uploads one new file into a folder of the account's Files area ({@code POST
   * /v3/files?externalKey=}, one multipart part, one request, never repeated). The content is read
   * to its end first (at most 32 MiB) and sent byte for byte; the stream is not closed. The call
   * counts as a write.
   *
   * @param folderKey the folder's {@code EXTERNAL_KEY} as {@code TABLE(caspio_folders())} lists it,
   *     or {@code ""} for the root folder
   * @param name the new file's name
   * @param contentType its media type (such as {@code image/png}), or null for {@code
   *     application/octet-stream}
   * @param content the file's bytes
   * @return the new file's external key
   * @throws SQLException 25006 on a read-only connection, 22023 for a missing argument or an
   *     unknown folder, 22001 for content over 32 MiB (all but the unknown folder before any
   *     request), 23000 when the folder already has a file of that name (Caspio's 409 FileExists;
   *     nothing is stored), or the request's failure
   */
  String uploadFile(String folderKey, String name, String contentType, java.io.InputStream content)
      throws SQLException;

  /**
   * Uploads one file like {@link #uploadFile}, but overwrites the folder's file of the same name
   * (Caspio's {@code PUT /v3/files?externalKey=}, one multipart part, one request) instead of
   * failing; a name the folder does not have yet makes a new file.
   *
   * @param folderKey the folder's key, {@code ""} for the root folder
   * @param name the file's name
   * @param contentType its media type, or null for {@code application/octet-stream}
   * @param content the file's bytes
   * @return the file's external key (Caspio keeps an overwritten file's key)
   * @throws SQLException as {@link #uploadFile}, but never 23000 for a name that exists
   */
  String replaceFile(String folderKey, String name, String contentType, java.io.InputStream content)
      throws SQLException;

  /**
   * Stores the file of one record's attachment field, replacing any ({@code PUT
   * /v3/tables/{table}/attachments/{field}/{pkId}}, one multipart part, one request, never
   * repeated). The content is read to its end first (at most 32 MiB) and sent byte for byte; the
   * stream is not closed. SQL reads it back with {@code caspio_attachment(table, field, pkId)}. The
   * call counts as a write.
   *
   * @param table the table's (or single-table view's) name, any case
   * @param field the attachment field's name, any case
   * @param pkId the record's PK_ID
   * @param fileName the file's name with its extension, such as {@code photo.jpg}
   * @param contentType its media type, or null for {@code application/octet-stream}
   * @param content the file's bytes
   * @throws SQLException 25006 on a read-only connection, 42S02 or 42S22 for an unknown table or
   *     field, 22023 for a missing argument or a field that is not an attachment, 22001 over 32 MiB
   *     (all before any request), or the request's failure (a record Caspio does not have)
   */
  void putAttachment(
      String table,
      String field,
      long pkId,
      String fileName,
      String contentType,
      java.io.InputStream content)
      throws SQLException;

  /**
   * Removes the file of one record's attachment field ({@code DELETE
   * /v3/tables/{table}/attachments/{field}?q.where=PK_ID = pkId}, one request). The call counts as
   * a write.
   *
   * @return the records Caspio reports as changed: 1, or 0 when the record had no file
   * @throws SQLException as {@link #putAttachment}, before any request, or the request's failure
   */
  long deleteAttachment(String table, String field, long pkId) throws SQLException;
}
