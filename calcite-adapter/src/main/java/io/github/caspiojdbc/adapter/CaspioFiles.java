/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import io.github.caspiojdbc.rest.CaspioApi;
import io.github.caspiojdbc.rest.CaspioFile;
import io.github.caspiojdbc.rest.CaspioFolder;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;

/**
 * The account's Files area in SQL (research notes 3.6): {@code TABLE(caspio_folders())} and {@code
 * TABLE(caspio_folders(parentKey))} list folders, {@code TABLE(caspio_files(folderKey))} lists the
 * files of one folder (the root's key is {@code ''}), and {@code caspio_file_content(key)} is one
 * file's bytes as VARBINARY. Listings are read when the statement runs, every page of them, and
 * nothing is cached: the Files area is not part of the table metadata.
 *
 * <p>Public only because the code Calcite generates for {@code caspio_file_content} calls {@link
 * #content} from another package.
 */
public final class CaspioFiles {
  /** The folder listing's name in SQL. */
  static final String FOLDERS = "caspio_folders";

  /** The file listing's name in SQL. */
  static final String FILES = "caspio_files";

  /** The content function's name in SQL. */
  static final String CONTENT = "caspio_file_content";

  /** {@code type/subtype} in RFC 6838's name characters, with optional parameters. */
  private static final java.util.regex.Pattern MEDIA_TYPE =
      java.util.regex.Pattern.compile(
          "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*"
              + "(\\s*;\\s*[A-Za-z0-9!#$&^_.+-]+=(\"[^\"]*\"|[A-Za-z0-9!#$&^_.+-]+))*");

  private final CaspioSchema schema;
  // Names this schema in generated code, which can hold strings but not the schema itself.
  private final String id = UUID.randomUUID().toString();

  CaspioFiles(CaspioSchema schema) {
    this.schema = schema;
  }

  /** Every function, by its SQL name, for the schema's function map. */
  List<java.util.Map.Entry<String, org.apache.calcite.schema.Function>> functions() {
    return List.of(
        java.util.Map.entry(FOLDERS, new Listing(false, false)),
        java.util.Map.entry(FOLDERS, new Listing(false, true)),
        java.util.Map.entry(FILES, new Listing(true, true)),
        java.util.Map.entry(CONTENT, new Content()));
  }

  /**
   * The bytes of one file, for code Calcite generates; not an API for applications.
   *
   * @param root the statement's data context, whose root schema holds the account's schema
   * @param schemaId which account schema, when a root holds more than one
   * @param key the file's external key
   */
  public static ByteString content(DataContext root, String schemaId, String key) {
    return new ByteString(
        schemaOf(root, schemaId, CONTENT).api().fileContent(key, CaspioApi.MAX_FILE_BYTES));
  }

  /**
   * The account schema a function of generated code belongs to, found by its files' id among the
   * statement's schemas.
   *
   * @param function the function's SQL name, for the message when the schema is gone
   */
  static CaspioSchema schemaOf(DataContext root, String schemaId, String function) {
    SchemaPlus top = root.getRootSchema();
    if (top != null) {
      for (String name : top.subSchemas().getNames(LikePattern.any())) {
        CaspioSchema s = caspioSchema(top.subSchemas().get(name));
        if (s != null && s.files().id.equals(schemaId)) {
          return s;
        }
      }
    }
    throw new CaspioException(
        ErrorKind.CONNECTION_FAILED,
        function + ": the account schema is no longer reachable",
        null);
  }

  /** This schema's id in generated code. */
  String id() {
    return id;
  }

  /**
   * Deletes one file of the account's Files area, for a driver's vendor method. Refused before any
   * request on a read-only connection; the request is sent once and counted as a write when it
   * succeeded or its outcome is unknown.
   *
   * @param schema the connection's account schema
   * @param key the file's external key
   * @throws CaspioException READ_ONLY on a read-only connection, INVALID_PARAMETER for a missing
   *     key or Caspio's 404 FileNotFound, or the request's failure
   */
  public static void delete(CaspioSchema schema, String key) {
    // The REST client refuses a blank key itself, before any request.
    schema.writes().checkWritable("deleting file " + key);
    schema
        .writes()
        .send(
            () -> {
              schema.api().deleteFile(key);
              return null;
            });
  }

  /**
   * Uploads one file into a folder of the account's Files area, for a driver's vendor method.
   * Refused before any request on a read-only connection; the content is read whole first (at most
   * {@link CaspioApi#MAX_FILE_BYTES}) so a too-large stream sends nothing, then the request is sent
   * once and counted as a write when it succeeded or its outcome is unknown.
   *
   * @param schema the connection's account schema
   * @param folderKey the folder's external key, the empty string for the root folder
   * @param name the new file's name
   * @param contentType its media type, or null for {@code application/octet-stream}
   * @param content its bytes, read to the end and not closed
   * @param replace whether a file of the same name is overwritten (Caspio's PUT) instead of refused
   * @return the file's external key
   * @throws CaspioException READ_ONLY on a read-only connection, INVALID_PARAMETER for a missing
   *     argument, TOO_LONG for content over the limit, or the request's failure (Caspio's 409
   *     FileExists when the folder has a file of that name)
   */
  public static String upload(
      CaspioSchema schema,
      String folderKey,
      String name,
      String contentType,
      java.io.InputStream content,
      boolean replace) {
    if (folderKey == null || name == null || name.isBlank() || content == null) {
      throw new CaspioException(
          ErrorKind.INVALID_PARAMETER,
          "uploadFile needs a folder key ('' for the root folder), a file name and the content",
          null);
    }
    String type = mediaType(contentType);
    schema.writes().checkWritable("uploading file " + name);
    byte[] bytes = readAll(content);
    return schema
        .writes()
        .send(() -> schema.api().uploadFile(folderKey, name, type, bytes, replace));
  }

  /**
   * The media type a file is sent with: {@code application/octet-stream} for null, otherwise the
   * given one when it is well formed.
   *
   * @throws CaspioException INVALID_PARAMETER for a malformed type
   */
  static String mediaType(String contentType) {
    String type = contentType == null ? "application/octet-stream" : contentType;
    if (!MEDIA_TYPE.matcher(type).matches()) {
      // HttpClient's parser accepts almost anything; Caspio would store the file under a bad type.
      throw new CaspioException(
          ErrorKind.INVALID_PARAMETER,
          "Not a media type (type/subtype, such as image/png): " + type,
          null);
    }
    return type;
  }

  /**
   * A file's whole content, read before anything is sent so that a too-large stream sends nothing.
   *
   * @throws CaspioException TOO_LONG past {@link CaspioApi#MAX_FILE_BYTES}, INVALID_PARAMETER when
   *     the stream fails
   */
  static byte[] readAll(java.io.InputStream content) {
    try {
      byte[] bytes = content.readNBytes(CaspioApi.MAX_FILE_BYTES);
      if (content.read() >= 0) {
        throw new CaspioException(
            ErrorKind.TOO_LONG,
            "The file is larger than the "
                + CaspioApi.MAX_FILE_BYTES
                + " bytes an upload accepts;"
                + " nothing was sent",
            null);
      }
      return bytes;
    } catch (java.io.IOException e) {
      throw new CaspioException(
          ErrorKind.INVALID_PARAMETER, "Reading the file's content failed: " + e.getMessage(), e);
    }
  }

  private static CaspioSchema caspioSchema(SchemaPlus sub) {
    if (sub == null) {
      return null;
    }
    try {
      return sub.unwrap(CaspioSchema.class);
    } catch (ClassCastException e) {
      // Calcite's way of saying "another kind of schema" (the metadata schema, for one).
      return null;
    }
  }

  private static String text(Object argument) {
    if (argument instanceof String s) {
      return s;
    }
    return argument instanceof NlsString nls ? nls.getValue() : null;
  }

  private static Long millis(LocalDateTime t) {
    // Calcite's TIMESTAMP is wall-clock milliseconds counted as if at UTC; no zone is applied.
    return t == null ? null : t.toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  /** {@code caspio_folders}, with or without a parent key, or {@code caspio_files(folderKey)}. */
  private final class Listing implements TableMacro {
    private final boolean files;
    private final boolean keyed;

    Listing(boolean files, boolean keyed) {
      this.files = files;
      this.keyed = keyed;
    }

    @Override
    public List<FunctionParameter> getParameters() {
      return keyed
          ? List.of(FunctionArgs.javaText(0, files ? "folderKey" : "parentKey"))
          : List.of();
    }

    @Override
    public TranslatableTable apply(List<? extends Object> arguments) {
      String key = "";
      if (keyed) {
        key = text(arguments.get(0));
        if (key == null) {
          throw new CaspioException(
              ErrorKind.SYNTAX,
              (files ? FILES : FOLDERS)
                  + " takes one text literal, a folder's external key ('' for the root folder)",
              null);
        }
      }
      return new Rows(files, key);
    }
  }

  /** One listing's rows, read from Caspio each time the statement runs. */
  private final class Rows extends AbstractTable implements ScannableTable, TranslatableTable {
    private final boolean files;
    private final String key;

    Rows(boolean files, String key) {
      this.files = files;
      this.key = key;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory f) {
      RelDataTypeFactory.Builder b = f.builder();
      b.add("NAME", SqlTypeName.VARCHAR).nullable(false);
      b.add("EXTERNAL_KEY", SqlTypeName.VARCHAR).nullable(false);
      if (files) {
        b.add("SIZE", SqlTypeName.BIGINT).nullable(true);
        b.add("CONTENT_TYPE", SqlTypeName.VARCHAR).nullable(true);
      }
      b.add("DATE_CREATED", SqlTypeName.TIMESTAMP, 0).nullable(true);
      if (files) {
        b.add("LAST_MODIFIED", SqlTypeName.TIMESTAMP, 0).nullable(true);
      }
      return b.build();
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
      // Calcite's own scan of a ScannableTable: the interpreter calls scan() when the query runs.
      return Bindables.BindableTableScan.create(context.getCluster(), relOptTable);
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      List<Object[]> rows = new ArrayList<>();
      if (files) {
        for (CaspioFile f : schema.api().listFiles(key)) {
          rows.add(
              new Object[] {
                f.name(),
                f.externalKey(),
                f.size(),
                f.contentType(),
                millis(f.dateCreated()),
                millis(f.lastModified())
              });
        }
      } else {
        for (CaspioFolder f : schema.api().listFolders(key)) {
          rows.add(new Object[] {f.name(), f.externalKey(), millis(f.dateCreated())});
        }
      }
      return Linq4j.asEnumerable(rows);
    }
  }

  /** {@code caspio_file_content(key)}: VARBINARY, null for a null key. */
  private final class Content implements ScalarFunction, ImplementableFunction {
    @Override
    public List<FunctionParameter> getParameters() {
      return List.of(FunctionArgs.javaText(0, "key"));
    }

    @Override
    public RelDataType getReturnType(RelDataTypeFactory f) {
      return f.createTypeWithNullability(f.createSqlType(SqlTypeName.VARBINARY), true);
    }

    @Override
    public CallImplementor getImplementor() {
      return RexImpTable.createImplementor(
          (translator, call, operands) ->
              Expressions.call(
                  CaspioFiles.class,
                  "content",
                  DataContext.ROOT,
                  Expressions.constant(id),
                  operands.get(0)),
          NullPolicy.STRICT,
          false);
    }
  }
}
