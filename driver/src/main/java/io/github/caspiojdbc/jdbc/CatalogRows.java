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
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.sql.type.SqlTypeName;

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
 *   <li>Type info: exactly the types statements of this driver produce, not Calcite's internal
 *       ones.
 * </ul>
 */
final class CatalogRows {
  private final AvaticaConnection connection;

  CatalogRows(AvaticaConnection connection) {
    this.connection = connection;
  }

  // ---- result sets ----

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
    return resultSet(
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
    return resultSet(
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
    return resultSet(List.of(text("TABLE_SCHEM", false), text("TABLE_CATALOG", true)), out);
  }

  Meta.MetaResultSet catalogs() {
    return resultSet(List.of(text("TABLE_CAT", false)), List.of());
  }

  Meta.MetaResultSet tableTypes() {
    return resultSet(
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
    return resultSet(
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
    return resultSet(
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
    return resultSet(
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

  /**
   * The SQL types of this driver: those Caspio fields map to, plus CHAR (text literals), DATE and
   * TIME (literals and CAST), in {@code DATA_TYPE} order.
   */
  Meta.MetaResultSet typeInfo() {
    int charMax =
        ((CalciteConnection) connection)
            .getTypeFactory()
            .getTypeSystem()
            .getMaxPrecision(SqlTypeName.CHAR);
    List<Object[]> out =
        List.of(
            typeRow("BIGINT", Types.BIGINT, 19, null, null, false, BASIC, true, 0, 0, 10),
            typeRow("CHAR", Types.CHAR, charMax, "'", "length", true, LIKE, false, 0, 0, null),
            typeRow(
                "DECIMAL",
                Types.DECIMAL,
                19,
                null,
                "precision,scale",
                false,
                BASIC,
                false,
                0,
                19,
                10),
            typeRow("INTEGER", Types.INTEGER, 10, null, null, false, BASIC, true, 0, 0, 10),
            typeRow("DOUBLE", Types.DOUBLE, 15, null, null, false, BASIC, false, 0, 0, 10),
            // Text values have no length limit in SQL; Caspio's fields hold at most 64000.
            typeRow(
                "VARCHAR",
                Types.VARCHAR,
                Integer.MAX_VALUE,
                "'",
                "length",
                true,
                LIKE,
                false,
                0,
                0,
                null),
            typeRow("BOOLEAN", Types.BOOLEAN, 1, null, null, false, BASIC, false, 0, 0, null),
            typeRow("DATE", Types.DATE, 10, "DATE '", null, false, BASIC, false, 0, 0, null),
            // Calcite keeps up to milliseconds; Caspio's own values are whole seconds.
            typeRow("TIME", Types.TIME, 12, "TIME '", "precision", false, BASIC, false, 0, 3, null),
            typeRow(
                "TIMESTAMP",
                Types.TIMESTAMP,
                23,
                "TIMESTAMP '",
                "precision",
                false,
                BASIC,
                false,
                0,
                3,
                null));
    return resultSet(
        List.of(
            text("TYPE_NAME", false),
            col("DATA_TYPE", Integer.class, false),
            col("PRECISION", Integer.class, true),
            text("LITERAL_PREFIX", true),
            text("LITERAL_SUFFIX", true),
            text("CREATE_PARAMS", true),
            col("NULLABLE", Short.class, false),
            col("CASE_SENSITIVE", Boolean.class, false),
            col("SEARCHABLE", Short.class, false),
            col("UNSIGNED_ATTRIBUTE", Boolean.class, false),
            col("FIXED_PREC_SCALE", Boolean.class, false),
            col("AUTO_INCREMENT", Boolean.class, false),
            text("LOCAL_TYPE_NAME", true),
            col("MINIMUM_SCALE", Short.class, false),
            col("MAXIMUM_SCALE", Short.class, false),
            col("SQL_DATA_TYPE", Integer.class, true),
            col("SQL_DATETIME_SUB", Integer.class, true),
            col("NUM_PREC_RADIX", Integer.class, true)),
        out);
  }

  /** Usable in every WHERE comparison, LIKE included. */
  private static final short LIKE = (short) DatabaseMetaData.typeSearchable;

  /** Usable in every WHERE comparison except LIKE. */
  private static final short BASIC = (short) DatabaseMetaData.typePredBasic;

  private static Object[] typeRow(
      String name,
      int jdbcType,
      int precision,
      String prefix,
      String createParams,
      boolean caseSensitive,
      short searchable,
      boolean autoIncrement,
      int minScale,
      int maxScale,
      Integer radix) {
    return new Object[] {
      name,
      jdbcType,
      precision,
      prefix,
      prefix == null ? null : "'",
      createParams,
      (short) DatabaseMetaData.typeNullable,
      caseSensitive,
      searchable,
      false,
      // Currency, the money type, is a DECIMAL.
      jdbcType == Types.DECIMAL,
      autoIncrement,
      null,
      (short) minScale,
      (short) maxScale,
      null,
      null,
      radix
    };
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

  /** Caspio's label (when it differs from the name) and description, or null when neither. */
  static String remarks(FieldInfo f) {
    String label = f.label() == null || f.label().equals(f.name()) ? "" : f.label().strip();
    String description = f.description() == null ? "" : f.description().strip();
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

  // ---- result set plumbing ----

  /** One column of a metadata result set: its JDBC name, Java class and nullability. */
  private record Column(String name, Class<?> type, boolean nullable) {}

  private static Column text(String name, boolean nullable) {
    return new Column(name, String.class, nullable);
  }

  private static Column col(String name, Class<?> type, boolean nullable) {
    return new Column(name, type, nullable);
  }

  /**
   * A result set over fixed rows, built the way Calcite builds its own metadata result sets: a
   * signature whose plan simply returns the rows, owned by a fresh statement.
   */
  private Meta.MetaResultSet resultSet(List<Column> columns, List<Object[]> rows) {
    List<ColumnMetaData> meta = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      meta.add(MetaImpl.columnMetaData(c.name(), i, c.type(), c.nullable()));
    }
    List<Object> data = new ArrayList<>(rows);
    Bindable<Object> plan = dataContext -> Linq4j.asEnumerable(data);
    CalcitePrepare.CalciteSignature<Object> signature =
        new CalcitePrepare.CalciteSignature<>(
            "",
            List.of(),
            Map.of(),
            null,
            meta,
            Meta.CursorFactory.ARRAY,
            null,
            List.of(),
            -1,
            plan,
            Meta.StatementType.SELECT);
    try {
      AvaticaStatement statement = connection.createStatement();
      return Meta.MetaResultSet.create(
          connection.id, statement.getId(), true, signature, Meta.Frame.create(0, true, data));
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create a metadata statement", e);
    }
  }

  /** The JDBC description of one column type. */
  record ColumnType(
      String name,
      int jdbcType,
      Integer columnSize,
      Integer decimalDigits,
      Integer radix,
      Integer charOctetLength) {

    static ColumnType of(RelDataType type) {
      return of(type, 0);
    }

    /**
     * @param declaredLength Caspio's declared text length, used for text columns (whose SQL type is
     *     unbounded so that Calcite never truncates), or 0
     */
    static ColumnType of(RelDataType type, int declaredLength) {
      return of(
          type.getSqlTypeName(),
          declaredLength > 0 ? declaredLength : type.getPrecision(),
          type.getScale());
    }

    /**
     * @param precision the declared precision or length, or {@link
     *     RelDataType#PRECISION_NOT_SPECIFIED}
     * @param scale the declared scale (DECIMAL) or fractional seconds digits (TIMESTAMP, TIME)
     */
    static ColumnType of(SqlTypeName n, int precision, int scale) {
      boolean sized = precision != RelDataType.PRECISION_NOT_SPECIFIED && precision > 0;
      return switch (n) {
        case VARCHAR, CHAR ->
            new ColumnType(
                n.getName(),
                n.getJdbcOrdinal(),
                sized ? precision : null,
                null,
                null,
                // Text travels as UTF-8: at most four bytes per character.
                sized ? precision * 4 : null);
        case DECIMAL -> new ColumnType(n.getName(), n.getJdbcOrdinal(), precision, scale, 10, null);
        case INTEGER -> new ColumnType(n.getName(), n.getJdbcOrdinal(), 10, 0, 10, null);
        case BIGINT -> new ColumnType(n.getName(), n.getJdbcOrdinal(), 19, 0, 10, null);
        case SMALLINT -> new ColumnType(n.getName(), n.getJdbcOrdinal(), 5, 0, 10, null);
        case TINYINT -> new ColumnType(n.getName(), n.getJdbcOrdinal(), 3, 0, 10, null);
        case DOUBLE, FLOAT -> new ColumnType(n.getName(), n.getJdbcOrdinal(), 15, null, 10, null);
        case REAL -> new ColumnType(n.getName(), n.getJdbcOrdinal(), 7, null, 10, null);
        // Length of yyyy-MM-dd HH:mm:ss[.f...]; Caspio keeps whole seconds.
        case TIMESTAMP -> {
          int digits = Math.max(0, precision);
          yield new ColumnType(
              n.getName(), n.getJdbcOrdinal(), digits == 0 ? 19 : 20 + digits, digits, null, null);
        }
        case TIME -> {
          int digits = Math.max(0, precision);
          yield new ColumnType(
              n.getName(), n.getJdbcOrdinal(), digits == 0 ? 8 : 9 + digits, digits, null, null);
        }
        case DATE -> new ColumnType(n.getName(), n.getJdbcOrdinal(), 10, null, null, null);
        default -> new ColumnType(n.getName(), n.getJdbcOrdinal(), null, null, null, null);
      };
    }

    /**
     * The precision {@code ResultSetMetaData} reports: the column size, {@link Integer#MAX_VALUE}
     * for text without a declared length (no limit), 1 for BOOLEAN, else 0 (not applicable).
     */
    int precision() {
      if (columnSize != null) {
        return columnSize;
      }
      return switch (name) {
        case "VARCHAR", "CHAR" -> Integer.MAX_VALUE;
        case "BOOLEAN" -> 1;
        default -> 0;
      };
    }

    /** The most characters a value needs as text, sign and decimal point included. */
    int displaySize() {
      return switch (name) {
        case "DECIMAL" -> precision() + 1 + (decimalDigits != null && decimalDigits > 0 ? 1 : 0);
        case "INTEGER", "BIGINT", "SMALLINT", "TINYINT" -> precision() + 1;
        // Sign, 17 significant digits, point, exponent mark, exponent sign and 3 digits.
        case "DOUBLE", "FLOAT" -> 24;
        // Sign, 9 significant digits, point, exponent mark, exponent sign and 2 digits.
        case "REAL" -> 15;
        case "BOOLEAN" -> 5;
        default -> precision();
      };
    }
  }
}
