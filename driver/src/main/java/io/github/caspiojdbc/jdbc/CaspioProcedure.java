/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.io.InputStream;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The driver's own procedures, what {@code CALL} reaches: Caspio has no stored procedures, but
 * uploading and deleting files and attachments change the account, so they are statements a SQL
 * tool can run and {@code getProcedures} lists. Each sends one request through the connection's
 * vendor methods ({@link CaspioJdbcConnection}), with their checks and their write counting; a
 * procedure either returns a one-row result set of the file's {@code EXTERNAL_KEY} or an update
 * count.
 */
enum CaspioProcedure {
  UPLOAD_FILE(
      "caspio_upload_file",
      "Uploads one new file into a folder of the Files area (refused when the folder has a file of"
          + " that name) and returns its EXTERNAL_KEY",
      true,
      Param.upload()) {
    @Override
    Object run(CaspioJdbcConnection c, Object[] a) throws SQLException {
      return upload(c, a, false);
    }
  },
  REPLACE_FILE(
      "caspio_replace_file",
      "Uploads one file into a folder of the Files area, overwriting the file of that name (whose"
          + " key stays), and returns its EXTERNAL_KEY",
      true,
      Param.upload()) {
    @Override
    Object run(CaspioJdbcConnection c, Object[] a) throws SQLException {
      return upload(c, a, true);
    }
  },
  DELETE_FILE(
      "caspio_delete_file",
      "Deletes one file of the Files area; the update count is 1",
      false,
      Param.text("FILE_KEY", false, "The file's EXTERNAL_KEY")) {
    @Override
    Object run(CaspioJdbcConnection c, Object[] a) throws SQLException {
      c.deleteFile((String) a[0]);
      return 1L;
    }
  },
  PUT_ATTACHMENT(
      "caspio_put_attachment",
      "Stores the file of one record's attachment field, replacing any; the update count is 1",
      false,
      Param.text("TABLE_NAME", false, "The table's name"),
      Param.text("FIELD_NAME", false, "The attachment field's name"),
      Param.number("PK_ID", "The record's PK_ID"),
      Param.text("FILE_NAME", false, "The file's name with its extension, such as photo.jpg"),
      Param.contentType(),
      Param.bytes("CONTENT", "Its bytes, at most 32 MiB")) {
    @Override
    Object run(CaspioJdbcConnection c, Object[] a) throws SQLException {
      c.putAttachment(
          (String) a[0],
          (String) a[1],
          (Long) a[2],
          (String) a[3],
          (String) a[4],
          (InputStream) a[5]);
      return 1L;
    }
  },
  DELETE_ATTACHMENT(
      "caspio_delete_attachment",
      "Removes the file of one record's attachment field; the update count is 1, or 0 when the"
          + " record had none",
      false,
      Param.text("TABLE_NAME", false, "The table's name"),
      Param.text("FIELD_NAME", false, "The attachment field's name"),
      Param.number("PK_ID", "The record's PK_ID")) {
    @Override
    Object run(CaspioJdbcConnection c, Object[] a) throws SQLException {
      return c.deleteAttachment((String) a[0], (String) a[1], (Long) a[2]);
    }
  };

  /**
   * One argument of a procedure.
   *
   * @param name its name in {@code getProcedureColumns}
   * @param jdbcType VARCHAR, BIGINT or VARBINARY
   * @param nullable whether NULL is a meaningful value
   * @param remarks what it is
   */
  record Param(String name, int jdbcType, boolean nullable, String remarks) {
    static Param text(String name, boolean nullable, String remarks) {
      return new Param(name, Types.VARCHAR, nullable, remarks);
    }

    /** The arguments of an upload: the folder, the name, the media type and the bytes. */
    static Param[] upload() {
      return new Param[] {
        text("FOLDER_KEY", false, "The folder's EXTERNAL_KEY, '' for the root folder"),
        text("NAME", false, "The file's name"),
        contentType(),
        bytes("CONTENT", "Its bytes, at most 32 MiB")
      };
    }

    static Param contentType() {
      return text("CONTENT_TYPE", true, "Its media type; NULL for application/octet-stream");
    }

    static Param number(String name, String remarks) {
      return new Param(name, Types.BIGINT, false, remarks);
    }

    static Param bytes(String name, String remarks) {
      return new Param(name, Types.VARBINARY, false, remarks);
    }

    String typeName() {
      return switch (jdbcType) {
        case Types.VARCHAR -> "VARCHAR";
        case Types.BIGINT -> "BIGINT";
        default -> "VARBINARY";
      };
    }
  }

  private final String sqlName;
  private final String remarks;
  private final boolean returnsKey;
  private final List<Param> parameters;

  CaspioProcedure(String sqlName, String remarks, boolean returnsKey, Param... parameters) {
    this.sqlName = sqlName;
    this.remarks = remarks;
    this.returnsKey = returnsKey;
    this.parameters = List.of(parameters);
  }

  /**
   * Sends the procedure's request.
   *
   * @param c the connection
   * @param args the arguments, converted: String for VARCHAR, Long for BIGINT, an InputStream for
   *     VARBINARY; non-null where the parameter is not nullable
   * @return the new key (String) or the update count (Long)
   */
  abstract Object run(CaspioJdbcConnection c, Object[] args) throws SQLException;

  String sqlName() {
    return sqlName;
  }

  String remarks() {
    return remarks;
  }

  /** Whether it returns a one-row result set of {@code EXTERNAL_KEY}, rather than a count. */
  boolean returnsKey() {
    return returnsKey;
  }

  List<Param> parameters() {
    return parameters;
  }

  /** The argument list as the error messages show it: {@code FOLDER_KEY VARCHAR, ...}. */
  String signature() {
    return parameters.stream()
        .map(p -> p.name() + " " + p.typeName())
        .collect(Collectors.joining(", "));
  }

  /** {@link Param#upload()}'s arguments sent as a new file or as an overwrite. */
  private static String upload(CaspioJdbcConnection c, Object[] a, boolean replace)
      throws SQLException {
    String folder = (String) a[0];
    String name = (String) a[1];
    String type = (String) a[2];
    InputStream content = (InputStream) a[3];
    return replace
        ? c.replaceFile(folder, name, type, content)
        : c.uploadFile(folder, name, type, content);
  }

  /** Refuses a NULL for an argument that needs a value, before any request. */
  void checkArguments(Object[] args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      if (args[i] == null && !parameters.get(i).nullable()) {
        throw CaspioErrors.toSql(
            new CaspioException(
                ErrorKind.INVALID_PARAMETER,
                sqlName + ": " + parameters.get(i).name() + " must not be NULL; nothing was sent",
                null));
      }
    }
  }

  /** The procedure of that SQL name (any case), or null. */
  static CaspioProcedure named(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (CaspioProcedure p : values()) {
      if (p.sqlName.equals(lower)) {
        return p;
      }
    }
    return null;
  }

  /** Every procedure with its arguments, for messages. */
  static String list() {
    return java.util.Arrays.stream(values())
        .map(p -> p.sqlName + "(" + p.signature() + ")")
        .collect(Collectors.joining(", "));
  }
}
