/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import io.github.caspiojdbc.rest.CaspioApi;
import io.github.caspiojdbc.rest.FieldInfo;
import io.github.caspiojdbc.rest.ObjectKind;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.Named;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Attachment fields (research notes 3.7, REST v3 only): a record's file kept in a field of type
 * ATTACHMENT, outside the record's values. {@code caspio_attachment(table, field, pkId)} reads one
 * as VARBINARY (NULL where the record has none); {@link #put} and {@link #delete} store and remove
 * one, for the driver's procedures and vendor methods. Each is one request per record: an
 * attachment is not part of a records page, so a query that reads the attachments of n rows costs n
 * calls, within the statement's call budget.
 *
 * <p>The table and field are checked against the account's metadata first (any case), so a
 * misspelled name fails with 42S02 or 42S22 before a request, and a field of another type with
 * 22023.
 *
 * <p>Public only because the code Calcite generates for {@code caspio_attachment} calls {@link
 * #content} from another package.
 */
public final class CaspioAttachments {
  /** The content function's name in SQL. */
  static final String CONTENT = "caspio_attachment";

  private static final Method CONTENT_METHOD;

  static {
    try {
      CONTENT_METHOD =
          CaspioAttachments.class.getMethod(
              "content", DataContext.class, String.class, String.class, String.class, long.class);
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final CaspioSchema schema;

  CaspioAttachments(CaspioSchema schema) {
    this.schema = schema;
  }

  /** The function, for the schema's function map. */
  org.apache.calcite.schema.Function function() {
    return new Content();
  }

  /**
   * One record's attachment, for code Calcite generates; not an API for applications.
   *
   * @param root the statement's data context, whose root schema holds the account's schema
   * @param schemaId which account schema, when a root holds more than one
   * @return the bytes, or null when the record has no attachment in that field or does not exist
   */
  public static ByteString content(
      DataContext root, String schemaId, String table, String field, long pkId) {
    CaspioSchema s = CaspioFiles.schemaOf(root, schemaId, CONTENT);
    Target t = target(s, table, field);
    try {
      return new ByteString(
          s.api().attachmentContent(t.kind(), t.name(), t.field(), pkId, CaspioApi.MAX_FILE_BYTES));
    } catch (CaspioException e) {
      if (e.httpStatus() == 404) {
        // Checked above: the table and field exist, so 404 is a record without a file (or no
        // record at all), which SQL reads as NULL like any value that is not there.
        return null;
      }
      throw e;
    }
  }

  /**
   * Stores the attachment of one record, replacing any, for the driver's procedure and vendor
   * method. Refused before any request on a read-only connection; the content is read whole first
   * (at most {@link CaspioApi#MAX_FILE_BYTES}), then sent once and counted as a write.
   *
   * @param fileName the file's name with its extension, as Caspio shows it
   * @param contentType its media type, or null for {@code application/octet-stream}
   * @throws CaspioException READ_ONLY, TABLE_NOT_FOUND, COLUMN_NOT_FOUND, INVALID_PARAMETER (a
   *     missing argument, a field that is not an attachment, a malformed media type), TOO_LONG, all
   *     before any request; or the request's failure (Caspio's 404 for a record it does not have)
   */
  public static void put(
      CaspioSchema schema,
      String table,
      String field,
      long pkId,
      String fileName,
      String contentType,
      InputStream content) {
    if (fileName == null || fileName.isBlank() || content == null) {
      throw new CaspioException(
          ErrorKind.INVALID_PARAMETER, "An attachment needs a file name and the content", null);
    }
    Target t = target(schema, table, field);
    String type = CaspioFiles.mediaType(contentType);
    schema.writes().checkWritable("storing attachment " + t.field() + " of " + t.name());
    byte[] bytes = CaspioFiles.readAll(content);
    try {
      schema
          .writes()
          .send(
              () -> {
                schema
                    .api()
                    .putAttachment(t.kind(), t.name(), t.field(), pkId, fileName, type, bytes);
                return null;
              });
    } catch (CaspioException e) {
      if (e.httpStatus() == 404) {
        // The table and field were checked, so the record is what Caspio did not find.
        throw new CaspioException(
            ErrorKind.INVALID_PARAMETER,
            t.name()
                + " has no record with PK_ID "
                + pkId
                + "; nothing was stored ("
                + e.getMessage()
                + ")",
            e);
      }
      throw e;
    }
  }

  /**
   * Removes the attachment of one record, for the driver's procedure and vendor method: one {@code
   * DELETE} whose filter is the record's PK_ID, counted as a write.
   *
   * @return the records Caspio reports as changed: 0 when the record had none
   */
  public static long delete(CaspioSchema schema, String table, String field, long pkId) {
    Target t = target(schema, table, field);
    schema.writes().checkWritable("deleting attachment " + t.field() + " of " + t.name());
    return schema
        .writes()
        .send(
            () -> schema.api().deleteAttachments(t.kind(), t.name(), t.field(), "PK_ID = " + pkId))
        .count();
  }

  /** A table or view and one of its attachment fields, in Caspio's spelling. */
  private record Target(ObjectKind kind, String name, String field) {}

  private static Target target(CaspioSchema schema, String table, String field) {
    if (table == null || field == null) {
      throw new CaspioException(
          ErrorKind.INVALID_PARAMETER, "An attachment is named by a table and a field", null);
    }
    Named<Table> named = schema.tables().getIgnoreCase(table);
    if (named == null || !(named.entity() instanceof CaspioTable t)) {
      throw new CaspioException(
          ErrorKind.TABLE_NOT_FOUND, "No Caspio table or view " + table, null);
    }
    for (FieldInfo f : t.api().fields(t.kind(), t.caspioName())) {
      if (f.name().equalsIgnoreCase(field)) {
        if (!f.type().toUpperCase(Locale.ROOT).equals("ATTACHMENT")) {
          throw new CaspioException(
              ErrorKind.INVALID_PARAMETER,
              f.name()
                  + " of "
                  + t.caspioName()
                  + " is a "
                  + f.type()
                  + " field, not an attachment",
              null);
        }
        return new Target(t.kind(), t.caspioName(), f.name());
      }
    }
    throw new CaspioException(
        ErrorKind.COLUMN_NOT_FOUND, t.caspioName() + " has no field " + field, null);
  }

  /** {@code caspio_attachment(table, field, pkId)}: VARBINARY, null when any argument is. */
  private final class Content implements ScalarFunction, ImplementableFunction {
    @Override
    public List<FunctionParameter> getParameters() {
      return List.of(
          FunctionArgs.sql(0, "tableName", SqlTypeName.VARCHAR),
          FunctionArgs.sql(1, "fieldName", SqlTypeName.VARCHAR),
          FunctionArgs.sql(2, "pkId", SqlTypeName.BIGINT));
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
                  CONTENT_METHOD,
                  DataContext.ROOT,
                  Expressions.constant(schema.files().id()),
                  EnumUtils.convert(operands.get(0), String.class),
                  EnumUtils.convert(operands.get(1), String.class),
                  EnumUtils.convert(operands.get(2), long.class)),
          NullPolicy.STRICT,
          false);
    }
  }
}
