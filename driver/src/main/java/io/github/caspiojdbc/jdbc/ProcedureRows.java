/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import static io.github.caspiojdbc.jdbc.MetaRows.col;
import static io.github.caspiojdbc.jdbc.MetaRows.text;

import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.Meta;

/**
 * {@code getProcedures} and {@code getProcedureColumns}: the driver's own procedures ({@link
 * CaspioProcedure}), in the account schema, so that DBeaver's Procedures folder and sqlline's
 * {@code !procedures} show what {@code CALL} can run. A key-returning procedure also lists its
 * result column {@code EXTERNAL_KEY}.
 */
final class ProcedureRows {
  private final MetaRows rows;

  ProcedureRows(AvaticaConnection connection) {
    this.rows = new MetaRows(connection);
  }

  Meta.MetaResultSet procedures(String catalog, String schemaPattern, String namePattern) {
    List<Object[]> out = new ArrayList<>();
    for (CaspioProcedure p : matching(catalog, schemaPattern, namePattern)) {
      out.add(
          new Object[] {
            null,
            CaspioConnection.SCHEMA,
            p.sqlName(),
            null,
            null,
            null,
            p.remarks(),
            (short)
                (p.returnsKey()
                    ? DatabaseMetaData.procedureReturnsResult
                    : DatabaseMetaData.procedureNoResult),
            p.sqlName()
          });
    }
    return rows.resultSet(
        List.of(
            text("PROCEDURE_CAT", true),
            text("PROCEDURE_SCHEM", true),
            text("PROCEDURE_NAME", false),
            text("RESERVED1", true),
            text("RESERVED2", true),
            text("RESERVED3", true),
            text("REMARKS", true),
            col("PROCEDURE_TYPE", Short.class, false),
            text("SPECIFIC_NAME", false)),
        out);
  }

  Meta.MetaResultSet columns(
      String catalog, String schemaPattern, String namePattern, String columnPattern) {
    List<Object[]> out = new ArrayList<>();
    for (CaspioProcedure p : matching(catalog, schemaPattern, namePattern)) {
      int position = 0;
      if (p.returnsKey() && CatalogRows.matches(columnPattern, "EXTERNAL_KEY")) {
        out.add(
            row(
                p,
                "EXTERNAL_KEY",
                DatabaseMetaData.procedureColumnResult,
                CaspioProcedure.Param.text("EXTERNAL_KEY", false, "The file's EXTERNAL_KEY"),
                0));
      }
      for (CaspioProcedure.Param param : p.parameters()) {
        position++;
        if (CatalogRows.matches(columnPattern, param.name())) {
          out.add(row(p, param.name(), DatabaseMetaData.procedureColumnIn, param, position));
        }
      }
    }
    return rows.resultSet(
        List.of(
            text("PROCEDURE_CAT", true),
            text("PROCEDURE_SCHEM", true),
            text("PROCEDURE_NAME", false),
            text("COLUMN_NAME", false),
            col("COLUMN_TYPE", Short.class, false),
            col("DATA_TYPE", Integer.class, false),
            text("TYPE_NAME", false),
            col("PRECISION", Integer.class, true),
            col("LENGTH", Integer.class, true),
            col("SCALE", Short.class, true),
            col("RADIX", Short.class, true),
            col("NULLABLE", Short.class, false),
            text("REMARKS", true),
            text("COLUMN_DEF", true),
            col("SQL_DATA_TYPE", Integer.class, true),
            col("SQL_DATETIME_SUB", Integer.class, true),
            col("CHAR_OCTET_LENGTH", Integer.class, true),
            col("ORDINAL_POSITION", Integer.class, false),
            text("IS_NULLABLE", false),
            text("SPECIFIC_NAME", false)),
        out);
  }

  private static Object[] row(
      CaspioProcedure p, String name, int kind, CaspioProcedure.Param param, int position) {
    boolean number = param.jdbcType() == java.sql.Types.BIGINT;
    return new Object[] {
      null,
      CaspioConnection.SCHEMA,
      p.sqlName(),
      name,
      (short) kind,
      param.jdbcType(),
      param.typeName(),
      number ? 19 : null,
      number ? 8 : null,
      number ? (short) 0 : null,
      number ? (short) 10 : null,
      (short)
          (param.nullable()
              ? DatabaseMetaData.procedureNullable
              : DatabaseMetaData.procedureNoNulls),
      param.remarks(),
      null,
      null,
      null,
      null,
      position,
      param.nullable() ? "YES" : "NO",
      p.sqlName()
    };
  }

  private static List<CaspioProcedure> matching(
      String catalog, String schemaPattern, String namePattern) {
    List<CaspioProcedure> out = new ArrayList<>();
    if ((catalog != null && !catalog.isEmpty())
        || !CatalogRows.matches(schemaPattern, CaspioConnection.SCHEMA)) {
      return out;
    }
    for (CaspioProcedure p : CaspioProcedure.values()) {
      if (CatalogRows.matches(namePattern, p.sqlName())) {
        out.add(p);
      }
    }
    return out;
  }
}
