/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import static io.github.caspiojdbc.jdbc.MetaRows.col;
import static io.github.caspiojdbc.jdbc.MetaRows.text;

import io.github.caspiojdbc.adapter.CaspioSchema;
import io.github.caspiojdbc.adapter.CaspioTable;
import io.github.caspiojdbc.rest.FieldInfo;
import io.github.caspiojdbc.rest.ObjectKind;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;

/**
 * The rows of the {@code DatabaseMetaData} result sets that describe the account, in the exact
 * column names, types and order of the JDBC specification.
 *
 * <ul>
 *   <li>No catalogs; one schema, {@value CaspioConnection#SCHEMA}, holding every table ({@code
 *       TABLE}) and view ({@code VIEW}). A non-empty catalog argument therefore matches nothing; an
 *       empty one or null matches everything.
 *   <li>Name patterns: {@code %} matches any run of characters, {@code \} escapes the next one, and
 *       {@code _} matches only itself. That last rule deviates from JDBC on purpose: tools such as
 *       DBeaver pass raw names like {@code Order_Items} as patterns, and a wildcard {@code _} would
 *       mix up {@code Order_Items} and {@code OrderXItems}. Names compare case-insensitively, as
 *       SQL identifiers do on this driver.
 *   <li>{@code TYPE_NAME} is the plain SQL type name ({@code VARCHAR}, {@code DECIMAL}, ...), as in
 *       {@code getTypeInfo} and {@code ResultSetMetaData.getColumnTypeName}; {@code COLUMN_SIZE} is
 *       null where it does not apply; {@code REMARKS} carries Caspio's label and description.
 *   <li>Primary key: {@code PK_ID} of every table (views have none). Index info: one unique index
 *       per unique field plus {@code PK_ID}. Best row identifier: {@code PK_ID} of every table, for
 *       every scope (it lasts as long as the row).
 *   <li>Type info ({@link MetaRows#typeInfo}): exactly the types statements of this driver produce,
 *       not Calcite's internal ones.
 * </ul>
 */
final class CatalogRows {
  private final AvaticaConnection connection;
  private final MetaRows rows;

  CatalogRows(AvaticaConnection connection) {
    this.connection = connection;
    this.rows = new MetaRows(connection);
  }

  // ---- result sets ----

  /** {@code getTypeInfo}: see {@link MetaRows#typeInfo}. */
  Meta.MetaResultSet typeInfo() {
    return rows.typeInfo();
  }

  Meta.MetaResultSet tables(
      String catalog, String schemaPattern, String tablePattern, List<String> types) {
    List<Object[]> out = new ArrayList<>();
    if (catalogMatches(catalog) && matches(schemaPattern, CaspioConnection.SCHEMA)) {
      for (Map.Entry<String, CaspioTable> e : tables(tablePattern)) {
        String type = typeOf(e.getValue());
        if (types == null || types.contains(type)) {
          out.add(
              new Object[] {
                null, CaspioConnection.SCHEMA, e.getKey(), type, null, null, null, null, null, null
              });
        }
      }
    }
    out.sort(Comparator.comparing((Object[] r) -> (String) r[3]).thenComparing(r -> (String) r[2]));
    return rows.resultSet(
        List.of(
            text("TABLE_CAT", true),
            text("TABLE_SCHEM", true),
            text("TABLE_NAME", false),
            text("TABLE_TYPE", false),
            text("REMARKS", true),
            text("TYPE_CAT", true),
            text("TYPE_SCHEM", true),
            text("TYPE_NAME", true),
            text("SELF_REFERENCING_COL_NAME", true),
            text("REF_GENERATION", true)),
        out);
  }

  Meta.MetaResultSet columns(
      String catalog, String schemaPattern, String tablePattern, String columnPattern) {
    List<Object[]> out = new ArrayList<>();
    if (catalogMatches(catalog) && matches(schemaPattern, CaspioConnection.SCHEMA)) {
      for (Map.Entry<String, CaspioTable> e : tables(tablePattern)) {
        addColumns(e.getKey(), e.getValue(), columnPattern, out);
      }
    }
    return rows.resultSet(
        List.of(
            text("TABLE_CAT", true),
            text("TABLE_SCHEM", true),
            text("TABLE_NAME", false),
            text("COLUMN_NAME", false),
            col("DATA_TYPE", Integer.class, false),
            text("TYPE_NAME", false),
            col("COLUMN_SIZE", Integer.class, true),
            col("BUFFER_LENGTH", Integer.class, true),
            col("DECIMAL_DIGITS", Integer.class, true),
            col("NUM_PREC_RADIX", Integer.class, true),
            col("NULLABLE", Integer.class, false),
            text("REMARKS", true),
            text("COLUMN_DEF", true),
            col("SQL_DATA_TYPE", Integer.class, true),
            col("SQL_DATETIME_SUB", Integer.class, true),
            col("CHAR_OCTET_LENGTH", Integer.class, true),
            col("ORDINAL_POSITION", Integer.class, false),
            text("IS_NULLABLE", false),
            text("SCOPE_CATALOG", true),
            text("SCOPE_SCHEMA", true),
            text("SCOPE_TABLE", true),
            col("SOURCE_DATA_TYPE", Short.class, true),
            text("IS_AUTOINCREMENT", false),
            text("IS_GENERATEDCOLUMN", false)),
        out);
  }

  private void addColumns(String tableName, CaspioTable table, String pattern, List<Object[]> out) {
    List<ColumnFacts> columns =
        ColumnFacts.of(table, ((CalciteConnection) connection).getTypeFactory());
    for (int i = 0; i < columns.size(); i++) {
      ColumnFacts c = columns.get(i);
      if (!matches(pattern, c.name())) {
        continue;
      }
      ColumnType t = c.type();
      out.add(
          new Object[] {
            null,
            CaspioConnection.SCHEMA,
            tableName,
            c.name(),
            t.jdbcType(),
            t.name(),
            t.columnSize(),
            null,
            t.decimalDigits(),
            t.radix(),
            c.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
            c.remarks(),
            null,
            null,
            null,
            t.charOctetLength(),
            i + 1,
            c.nullable() ? "YES" : "NO",
            null,
            null,
            null,
            null,
            c.autoIncrement() ? "YES" : "NO",
            c.generated() ? "YES" : "NO"
          });
    }
  }

  Meta.MetaResultSet schemas(String catalog, String schemaPattern) {
    List<Object[]> out = new ArrayList<>();
    if (catalogMatches(catalog) && matches(schemaPattern, CaspioConnection.SCHEMA)) {
      out.add(new Object[] {CaspioConnection.SCHEMA, null});
    }
    return rows.resultSet(List.of(text("TABLE_SCHEM", false), text("TABLE_CATALOG", true)), out);
  }

  Meta.MetaResultSet catalogs() {
    return rows.resultSet(List.of(text("TABLE_CAT", false)), List.of());
  }

  Meta.MetaResultSet tableTypes() {
    return rows.resultSet(
        List.of(text("TABLE_TYPE", false)), List.of(new Object[] {"TABLE"}, new Object[] {"VIEW"}));
  }

  Meta.MetaResultSet primaryKeys(String catalog, String schema, String table) {
    List<Object[]> out = new ArrayList<>();
    if (catalogMatches(catalog) && matches(schema, CaspioConnection.SCHEMA)) {
      for (Map.Entry<String, CaspioTable> e : tables(table)) {
        if (e.getValue().kind() == ObjectKind.TABLE) {
          out.add(
              new Object[] {
                null, CaspioConnection.SCHEMA, e.getKey(), "PK_ID", (short) 1, "PK_" + e.getKey()
              });
        }
      }
    }
    return rows.resultSet(
        List.of(
            text("TABLE_CAT", true),
            text("TABLE_SCHEM", true),
            text("TABLE_NAME", false),
            text("COLUMN_NAME", false),
            col("KEY_SEQ", Short.class, false),
            text("PK_NAME", true)),
        out);
  }

  Meta.MetaResultSet indexInfo(String catalog, String schema, String table) {
    List<Object[]> out = new ArrayList<>();
    if (catalogMatches(catalog) && matches(schema, CaspioConnection.SCHEMA)) {
      for (Map.Entry<String, CaspioTable> e : tables(table)) {
        if (e.getValue().kind() != ObjectKind.TABLE) {
          continue;
        }
        out.add(indexRow(e.getKey(), "PK_" + e.getKey(), "PK_ID"));
        for (FieldInfo f : e.getValue().fieldInfos()) {
          if (f.unique()) {
            out.add(indexRow(e.getKey(), "UQ_" + e.getKey() + "_" + f.name(), f.name()));
          }
        }
      }
    }
    out.sort(Comparator.comparing((Object[] r) -> (String) r[5]));
    return rows.resultSet(
        List.of(
            text("TABLE_CAT", true),
            text("TABLE_SCHEM", true),
            text("TABLE_NAME", false),
            col("NON_UNIQUE", Boolean.class, false),
            text("INDEX_QUALIFIER", true),
            text("INDEX_NAME", true),
            col("TYPE", Short.class, false),
            col("ORDINAL_POSITION", Short.class, false),
            text("COLUMN_NAME", true),
            text("ASC_OR_DESC", true),
            col("CARDINALITY", Long.class, true),
            col("PAGES", Long.class, true),
            text("FILTER_CONDITION", true)),
        out);
  }

  Meta.MetaResultSet bestRowIdentifier(String catalog, String schema, String table) {
    List<Object[]> out = new ArrayList<>();
    if (catalogMatches(catalog) && matches(schema, CaspioConnection.SCHEMA)) {
      for (Map.Entry<String, CaspioTable> e : tables(table)) {
        // A view's PK_ID lists its source keys and need not be unique: views have no row id.
        if (e.getValue().kind() == ObjectKind.TABLE) {
          out.add(
              new Object[] {
                (short) DatabaseMetaData.bestRowSession,
                "PK_ID",
                Types.BIGINT,
                "BIGINT",
                19,
                null,
                (short) 0,
                (short) DatabaseMetaData.bestRowNotPseudo
              });
        }
      }
    }
    return rows.resultSet(
        List.of(
            col("SCOPE", Short.class, false),
            text("COLUMN_NAME", false),
            col("DATA_TYPE", Integer.class, false),
            text("TYPE_NAME", false),
            col("COLUMN_SIZE", Integer.class, true),
            col("BUFFER_LENGTH", Integer.class, true),
            col("DECIMAL_DIGITS", Short.class, true),
            col("PSEUDO_COLUMN", Short.class, false)),
        out);
  }

  private static Object[] indexRow(String table, String index, String column) {
    return new Object[] {
      null,
      CaspioConnection.SCHEMA,
      table,
      false,
      null,
      index,
      DatabaseMetaData.tableIndexOther,
      (short) 1,
      column,
      null,
      null,
      null,
      null
    };
  }

  // ---- Caspio field facts ----

  /**
   * Caspio's label (when it differs from the name) and description, or null when neither; a
   * password field's remarks say first that it is write-only, since it always reads NULL.
   */
  static String remarks(FieldInfo f) {
    String label = f.label() == null || f.label().equals(f.name()) ? "" : f.label().strip();
    String description = f.description() == null ? "" : f.description().strip();
    if (upper(f.type()).equals("PASSWORD")) {
      String own = remarksOf(label, description);
      return WRITE_ONLY + (own == null ? "" : " " + own);
    }
    return remarksOf(label, description);
  }

  /** What a password field's remarks begin with. */
  static final String WRITE_ONLY =
      "Write-only password field: set it with INSERT or UPDATE; it always reads NULL.";

  private static String remarksOf(String label, String description) {
    if (label.isEmpty()) {
      return description.isEmpty() ? null : description;
    }
    return description.isEmpty() ? label : label + ": " + description;
  }

  /** Values Caspio computes itself: formulas, timestamps, GUIDs, random ids, prefixed numbers. */
  static boolean generated(FieldInfo f) {
    if (f.formula()) {
      return true;
    }
    return switch (upper(f.type())) {
      case "TIMESTAMP", "GUID", "RANDOM ID", "PREFIXED AUTONUMBER" -> true;
      default -> false;
    };
  }

  private static String upper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }

  // ---- lookup and matching ----

  private CaspioSchema schema() {
    return ColumnFacts.caspioSchema((CalciteConnection) connection);
  }

  /** Tables and views whose names match, sorted by name. */
  private List<Map.Entry<String, CaspioTable>> tables(String pattern) {
    CaspioSchema schema = schema();
    List<Map.Entry<String, CaspioTable>> out = new ArrayList<>();
    if (schema == null) {
      return out;
    }
    Set<String> names = new TreeSet<>(schema.tables().getNames(LikePattern.any()));
    for (String name : names) {
      if (matches(pattern, name)) {
        Table t = schema.tables().get(name);
        if (t instanceof CaspioTable ct) {
          out.add(Map.entry(name, ct));
        }
      }
    }
    return out;
  }

  private static String typeOf(CaspioTable t) {
    return t.kind() == ObjectKind.TABLE ? "TABLE" : "VIEW";
  }

  private static boolean catalogMatches(String catalog) {
    return catalog == null || catalog.isEmpty();
  }

  /** JDBC pattern match as described on this class; null matches everything. */
  static boolean matches(String pattern, String name) {
    if (pattern == null) {
      return true;
    }
    return matches(pattern.toUpperCase(Locale.ROOT), 0, name.toUpperCase(Locale.ROOT), 0);
  }

  private static boolean matches(String p, int pi, String s, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '%') {
        for (int k = si; k <= s.length(); k++) {
          if (matches(p, pi + 1, s, k)) {
            return true;
          }
        }
        return false;
      }
      if (c == '\\' && pi + 1 < p.length()) {
        pi++;
        c = p.charAt(pi);
      }
      if (si >= s.length() || s.charAt(si) != c) {
        return false;
      }
      pi++;
      si++;
    }
    return si == s.length();
  }
}
