/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Calcite's {@link Meta} with the metadata result sets that describe a Caspio account replaced by
 * {@link CatalogRows} (tables, views, columns, keys, indexes, best row identifiers, catalogs,
 * schemas, table types, type info) with the driver's system tables merged in by {@link
 * SystemCatalog}, the driver's procedures ({@link ProcedureRows}), and with {@code commit}/{@code
 * rollback} as no-ops instead of Calcite's {@code UnsupportedOperationException} ({@link
 * CaspioConnection} decides what they mean). Everything else, statement execution above all, goes
 * to Calcite's own implementation unchanged.
 */
final class CaspioMeta implements Meta {
  private final Meta calcite;
  private final CatalogRows rows;
  private final SystemCatalog system;
  private final ProcedureRows procedures;

  CaspioMeta(Meta calcite, AvaticaConnection connection) {
    this.calcite = calcite;
    this.rows = new CatalogRows(connection);
    this.system = new SystemCatalog(connection);
    this.procedures = new ProcedureRows(connection);
  }

  @Override
  public MetaResultSet getTables(
      ConnectionHandle ch,
      String catalog,
      Pat schemaPattern,
      Pat tablePattern,
      List<String> types) {
    return system.tables(
        rows.tables(catalog, schemaPattern.s, tablePattern.s, types),
        catalog,
        schemaPattern.s,
        tablePattern.s,
        types);
  }

  @Override
  public MetaResultSet getColumns(
      ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tablePattern, Pat columnPattern) {
    return system.columns(
        rows.columns(catalog, schemaPattern.s, tablePattern.s, columnPattern.s),
        catalog,
        schemaPattern.s,
        tablePattern.s,
        columnPattern.s);
  }

  @Override
  public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schemaPattern) {
    return system.schemas(rows.schemas(catalog, schemaPattern.s), catalog, schemaPattern.s);
  }

  @Override
  public MetaResultSet getCatalogs(ConnectionHandle ch) {
    return rows.catalogs();
  }

  @Override
  public MetaResultSet getTableTypes(ConnectionHandle ch) {
    return system.tableTypes(rows.tableTypes());
  }

  @Override
  public MetaResultSet getPrimaryKeys(
      ConnectionHandle ch, String catalog, String schema, String table) {
    return rows.primaryKeys(catalog, schema, table);
  }

  @Override
  public MetaResultSet getIndexInfo(
      ConnectionHandle ch,
      String catalog,
      String schema,
      String table,
      boolean unique,
      boolean approximate) {
    return rows.indexInfo(catalog, schema, table);
  }

  @Override
  public MetaResultSet getBestRowIdentifier(
      ConnectionHandle ch,
      String catalog,
      String schema,
      String table,
      int scope,
      boolean nullable) {
    // PK_ID identifies a row for as long as the row exists, so it answers every scope.
    return rows.bestRowIdentifier(catalog, schema, table);
  }

  @Override
  public MetaResultSet getTypeInfo(ConnectionHandle ch) {
    return rows.typeInfo();
  }

  @Override
  public void commit(ConnectionHandle ch) {
    // Caspio has no transactions; CaspioConnection tracks what commit and rollback mean.
  }

  @Override
  public void rollback(ConnectionHandle ch) {
    // See commit.
  }

  // Everything below is Calcite's behaviour, delegated unchanged.

  @Override
  public Map<DatabaseProperty, Object> getDatabaseProperties(ConnectionHandle ch) {
    return calcite.getDatabaseProperties(ch);
  }

  @Override
  public MetaResultSet getProcedures(
      ConnectionHandle ch, String catalog, Pat schemaPattern, Pat procedureNamePattern) {
    return procedures.procedures(catalog, schemaPattern.s, procedureNamePattern.s);
  }

  @Override
  public MetaResultSet getProcedureColumns(
      ConnectionHandle ch,
      String catalog,
      Pat schemaPattern,
      Pat procedureNamePattern,
      Pat columnNamePattern) {
    return procedures.columns(
        catalog, schemaPattern.s, procedureNamePattern.s, columnNamePattern.s);
  }

  @Override
  public MetaResultSet getColumnPrivileges(
      ConnectionHandle ch, String catalog, String schema, String table, Pat columnNamePattern) {
    return calcite.getColumnPrivileges(ch, catalog, schema, table, columnNamePattern);
  }

  @Override
  public MetaResultSet getTablePrivileges(
      ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern) {
    return calcite.getTablePrivileges(ch, catalog, schemaPattern, tableNamePattern);
  }

  @Override
  public MetaResultSet getVersionColumns(
      ConnectionHandle ch, String catalog, String schema, String table) {
    return calcite.getVersionColumns(ch, catalog, schema, table);
  }

  @Override
  public MetaResultSet getImportedKeys(
      ConnectionHandle ch, String catalog, String schema, String table) {
    return calcite.getImportedKeys(ch, catalog, schema, table);
  }

  @Override
  public MetaResultSet getExportedKeys(
      ConnectionHandle ch, String catalog, String schema, String table) {
    return calcite.getExportedKeys(ch, catalog, schema, table);
  }

  @Override
  public MetaResultSet getCrossReference(
      ConnectionHandle ch,
      String parentCatalog,
      String parentSchema,
      String parentTable,
      String foreignCatalog,
      String foreignSchema,
      String foreignTable) {
    return calcite.getCrossReference(
        ch, parentCatalog, parentSchema, parentTable, foreignCatalog, foreignSchema, foreignTable);
  }

  @Override
  public MetaResultSet getUDTs(
      ConnectionHandle ch, String catalog, Pat schemaPattern, Pat typeNamePattern, int[] types) {
    return calcite.getUDTs(ch, catalog, schemaPattern, typeNamePattern, types);
  }

  @Override
  public MetaResultSet getSuperTypes(
      ConnectionHandle ch, String catalog, Pat schemaPattern, Pat typeNamePattern) {
    return calcite.getSuperTypes(ch, catalog, schemaPattern, typeNamePattern);
  }

  @Override
  public MetaResultSet getSuperTables(
      ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern) {
    return calcite.getSuperTables(ch, catalog, schemaPattern, tableNamePattern);
  }

  @Override
  public MetaResultSet getAttributes(
      ConnectionHandle ch,
      String catalog,
      Pat schemaPattern,
      Pat typeNamePattern,
      Pat attributeNamePattern) {
    return calcite.getAttributes(ch, catalog, schemaPattern, typeNamePattern, attributeNamePattern);
  }

  @Override
  public MetaResultSet getClientInfoProperties(ConnectionHandle ch) {
    return calcite.getClientInfoProperties(ch);
  }

  @Override
  public MetaResultSet getFunctions(
      ConnectionHandle ch, String catalog, Pat schemaPattern, Pat functionNamePattern) {
    return calcite.getFunctions(ch, catalog, schemaPattern, functionNamePattern);
  }

  @Override
  public MetaResultSet getFunctionColumns(
      ConnectionHandle ch,
      String catalog,
      Pat schemaPattern,
      Pat functionNamePattern,
      Pat columnNamePattern) {
    return calcite.getFunctionColumns(
        ch, catalog, schemaPattern, functionNamePattern, columnNamePattern);
  }

  @Override
  public MetaResultSet getPseudoColumns(
      ConnectionHandle ch,
      String catalog,
      Pat schemaPattern,
      Pat tableNamePattern,
      Pat columnNamePattern) {
    return calcite.getPseudoColumns(
        ch, catalog, schemaPattern, tableNamePattern, columnNamePattern);
  }

  @Override
  public Iterable<Object> createIterable(
      StatementHandle stmt,
      QueryState state,
      Signature signature,
      List<TypedValue> parameters,
      Frame firstFrame) {
    return calcite.createIterable(stmt, state, signature, parameters, firstFrame);
  }

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    return calcite.prepare(ch, sql, maxRowCount);
  }

  @Deprecated
  @Override
  public ExecuteResult prepareAndExecute(
      StatementHandle h, String sql, long maxRowCount, PrepareCallback callback)
      throws NoSuchStatementException {
    return calcite.prepareAndExecute(h, sql, maxRowCount, callback);
  }

  @Override
  public ExecuteResult prepareAndExecute(
      StatementHandle h,
      String sql,
      long maxRowCount,
      int maxRowsInFirstFrame,
      PrepareCallback callback)
      throws NoSuchStatementException {
    return calcite.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback);
  }

  @Override
  public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
      throws NoSuchStatementException {
    return calcite.prepareAndExecuteBatch(h, sqlCommands);
  }

  @Override
  public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues)
      throws NoSuchStatementException {
    return calcite.executeBatch(h, parameterValues);
  }

  @Override
  public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
      throws NoSuchStatementException, MissingResultsException {
    return calcite.fetch(h, offset, fetchMaxRowCount);
  }

  @Deprecated
  @Override
  public ExecuteResult execute(
      StatementHandle h, List<TypedValue> parameterValues, long maxRowCount)
      throws NoSuchStatementException {
    return calcite.execute(h, parameterValues, maxRowCount);
  }

  @Override
  public ExecuteResult execute(
      StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
      throws NoSuchStatementException {
    return calcite.execute(h, parameterValues, maxRowsInFirstFrame);
  }

  @Override
  public StatementHandle createStatement(ConnectionHandle ch) {
    return calcite.createStatement(ch);
  }

  @Override
  public void closeStatement(StatementHandle h) {
    calcite.closeStatement(h);
  }

  @Override
  public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    calcite.openConnection(ch, info);
  }

  @Override
  public void closeConnection(ConnectionHandle ch) {
    calcite.closeConnection(ch);
  }

  @Override
  public boolean syncResults(StatementHandle sh, QueryState state, long offset)
      throws NoSuchStatementException {
    return calcite.syncResults(sh, state, offset);
  }

  @Override
  public ConnectionProperties connectionSync(ConnectionHandle ch, ConnectionProperties props) {
    return calcite.connectionSync(ch, props);
  }
}
