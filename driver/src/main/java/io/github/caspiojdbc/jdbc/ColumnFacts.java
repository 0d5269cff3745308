/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.adapter.CaspioSchema;
import io.github.caspiojdbc.adapter.CaspioTable;
import io.github.caspiojdbc.rest.FieldInfo;
import io.github.caspiojdbc.rest.ObjectKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;

/**
 * What the driver knows about one column of a Caspio table or view, the single source for {@code
 * DatabaseMetaData.getColumns} and for {@code ResultSetMetaData} of columns read straight from a
 * table.
 *
 * @param name the column name
 * @param type the JDBC type description, with Caspio's declared text length
 * @param nullable whether the column may hold NULL
 * @param autoIncrement a table's PK_ID or an Autonumber field: Caspio assigns increasing values
 * @param generated a value Caspio computes (formula, timestamp, GUID, Random ID, prefixed number)
 * @param writable whether INSERT and UPDATE may set it: a field of a table or single-table view
 *     that Caspio lets records set (never PK_ID, generated fields, formulas or joined views'
 *     columns)
 * @param currency a Caspio Currency field
 * @param remarks Caspio's label and description, or null
 */
record ColumnFacts(
    String name,
    ColumnType type,
    boolean nullable,
    boolean autoIncrement,
    boolean generated,
    boolean writable,
    boolean currency,
    String remarks) {

  /** The facts of every column of a table, in column order. */
  static List<ColumnFacts> of(CaspioTable table, RelDataTypeFactory typeFactory) {
    List<FieldInfo> infos = table.fieldInfos();
    List<RelDataTypeField> fields = table.getRowType(typeFactory).getFieldList();
    List<ColumnFacts> out = new ArrayList<>(fields.size());
    for (int i = 0; i < fields.size(); i++) {
      RelDataTypeField f = fields.get(i);
      // Column 0 is PK_ID, which Caspio does not describe; the others follow fieldInfos().
      FieldInfo info = i == 0 || i - 1 >= infos.size() ? null : infos.get(i - 1);
      boolean isTable = table.kind() == ObjectKind.TABLE;
      boolean writes = table.acceptsWrites();
      out.add(
          new ColumnFacts(
              f.getName(),
              ColumnType.of(f.getType(), info == null ? 0 : CaspioTable.declaredLength(info)),
              f.getType().isNullable(),
              info == null ? isTable : "AUTONUMBER".equals(upper(info.type())),
              info != null && CatalogRows.generated(info),
              writes && info != null && info.writable(),
              info != null && "CURRENCY".equals(upper(info.type())),
              info == null ? null : CatalogRows.remarks(info)));
    }
    return out;
  }

  /**
   * The facts of {@code schema.table.column} as a result set's metadata names them, or null when
   * they name no column of a Caspio table or view (an expression, a metadata result set).
   */
  static ColumnFacts find(
      CalciteConnection connection, String schema, String table, String column) {
    if (schema == null
        || table == null
        || column == null
        || !schema.equalsIgnoreCase(CaspioConnection.SCHEMA)) {
      return null;
    }
    CaspioSchema caspio = caspioSchema(connection);
    Table t = caspio == null ? null : caspio.tables().get(table);
    if (!(t instanceof CaspioTable ct)) {
      return null;
    }
    for (ColumnFacts c : of(ct, connection.getTypeFactory())) {
      if (c.name().equals(column)) {
        return c;
      }
    }
    return null;
  }

  /** The account's schema in a driver-made Calcite connection, or null. */
  static CaspioSchema caspioSchema(CalciteConnection connection) {
    SchemaPlus sub = connection.getRootSchema().subSchemas().get(CaspioConnection.SCHEMA);
    return sub == null ? null : sub.unwrap(CaspioSchema.class);
  }

  private static String upper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }
}
