/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.rest.CaspioApi;
import java.util.Map;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The driver's own schema, {@value #NAME}, beside the account's: tables about the connection that
 * any SQL tool can query and that {@code DatabaseMetaData} lists as {@code SYSTEM TABLE}s. Reading
 * them sends no request to Caspio.
 */
final class SystemSchema extends AbstractSchema {
  /** The schema's name. */
  static final String NAME = "caspio_system";

  private final Map<String, Table> tables;

  private SystemSchema(ConnectionCalls calls, CaspioApi api) {
    this.tables =
        Map.of(
            CallsTable.NAME,
            new CallsTable(calls),
            AccountLimitsTable.NAME,
            new AccountLimitsTable(api));
  }

  /** Adds the schema for a connection with these meters to its Calcite connection. */
  static void addTo(CalciteConnection calcite, ConnectionCalls calls, CaspioApi api) {
    calcite.getRootSchema().add(NAME, new SystemSchema(calls, api));
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }
}
