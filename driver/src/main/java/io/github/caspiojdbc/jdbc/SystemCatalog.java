/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.Meta;

/**
 * Adds the driver's {@link SystemSchema} to the {@code DatabaseMetaData} result sets that {@link
 * CatalogRows} makes for the account: its schema, its tables (type {@value #TYPE}), their columns
 * and the table type. Each method takes the account's result set and returns one with the system
 * rows merged in the order JDBC prescribes.
 */
final class SystemCatalog {
  /** The table type of the system tables. */
  static final String TYPE = "SYSTEM TABLE";

  /** A system table as the catalog lists it. */
  private record Listed(String name, String remarks, List<CallsTable.Column> columns) {}

  /** The system tables, in name order. */
  private static final List<Listed> LISTED =
      List.of(
          new Listed(
              AccountLimitsTable.NAME,
              "Rate limit and token expiry Caspio reports for the account (v4 /me)",
              AccountLimitsTable.COLUMNS),
          new Listed(
              CallsTable.NAME,
              "Caspio calls per JVM, connection, last statement and table",
              CallsTable.COLUMNS));

  private final AvaticaConnection connection;

  SystemCatalog(AvaticaConnection connection) {
    this.connection = connection;
  }

  Meta.MetaResultSet tables(
      Meta.MetaResultSet account,
      String catalog,
      String schemaPattern,
      String tablePattern,
      List<String> types) {
    List<Object[]> extra = new ArrayList<>();
    for (Listed t : LISTED) {
      if (!ours(catalog, schemaPattern)
          || !CatalogRows.matches(tablePattern, t.name())
          || (types != null && !types.contains(TYPE))) {
        continue;
      }
      extra.add(
          new Object[] {
            null, SystemSchema.NAME, t.name(), TYPE, t.remarks(), null, null, null, null, null
          });
    }
    return merged(
        account,
        extra,
        Comparator.comparing((Object[] r) -> (String) r[3])
            .thenComparing(r -> (String) r[1])
            .thenComparing(r -> (String) r[2]));
  }

  Meta.MetaResultSet columns(
      Meta.MetaResultSet account,
      String catalog,
      String schemaPattern,
      String tablePattern,
      String columnPattern) {
    List<Object[]> extra = new ArrayList<>();
    for (Listed t : LISTED) {
      if (!ours(catalog, schemaPattern) || !CatalogRows.matches(tablePattern, t.name())) {
        continue;
      }
      List<CallsTable.Column> columns = t.columns();
      for (int i = 0; i < columns.size(); i++) {
        CallsTable.Column c = columns.get(i);
        if (!CatalogRows.matches(columnPattern, c.name())) {
          continue;
        }
        boolean text = c.jdbcType() == java.sql.Types.VARCHAR;
        boolean time = c.jdbcType() == java.sql.Types.TIMESTAMP;
        boolean real = c.jdbcType() == java.sql.Types.DOUBLE;
        // Sizes as JDBC reports them: characters, timestamp width, or decimal digits.
        int size =
            text ? 128 : time ? 23 : real ? 15 : c.jdbcType() == java.sql.Types.INTEGER ? 10 : 19;
        extra.add(
            new Object[] {
              null,
              SystemSchema.NAME,
              t.name(),
              c.name(),
              c.jdbcType(),
              c.type().getName(),
              size,
              null,
              text || real ? null : time ? 3 : 0,
              text ? null : 10,
              c.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
              c.remarks(),
              null,
              null,
              null,
              text ? 512 : null,
              i + 1,
              c.nullable() ? "YES" : "NO",
              null,
              null,
              null,
              null,
              "NO",
              "NO"
            });
      }
    }
    // Rows of one table stay together: account tables first (schema "caspio" sorts first).
    return merged(account, extra, null);
  }

  Meta.MetaResultSet schemas(Meta.MetaResultSet account, String catalog, String schemaPattern) {
    List<Object[]> extra = new ArrayList<>();
    if (ours(catalog, schemaPattern)) {
      extra.add(new Object[] {SystemSchema.NAME, null});
    }
    return merged(account, extra, Comparator.comparing((Object[] r) -> (String) r[0]));
  }

  Meta.MetaResultSet tableTypes(Meta.MetaResultSet account) {
    return merged(
        account,
        List.<Object[]>of(new Object[] {TYPE}),
        Comparator.comparing((Object[] r) -> (String) r[0]));
  }

  private static boolean ours(String catalog, String schemaPattern) {
    return (catalog == null || catalog.isEmpty())
        && CatalogRows.matches(schemaPattern, SystemSchema.NAME);
  }

  /** {@code account}'s rows and {@code extra}, sorted when {@code order} is given. */
  private Meta.MetaResultSet merged(
      Meta.MetaResultSet account, List<Object[]> extra, Comparator<Object[]> order) {
    if (extra.isEmpty()) {
      return account;
    }
    List<Object[]> rows = new ArrayList<>();
    for (Object row : account.firstFrame.rows) {
      rows.add((Object[]) row);
    }
    rows.addAll(extra);
    if (order != null) {
      rows.sort(order);
    }
    return MetaRows.over(connection, account.signature.columns, rows);
  }
}
