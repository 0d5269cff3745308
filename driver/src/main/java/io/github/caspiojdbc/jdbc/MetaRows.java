/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * How the driver's {@code DatabaseMetaData} result sets are made: fixed rows behind a signature, as
 * Calcite makes its own, and the one of them that does not depend on the account, {@code
 * getTypeInfo}. Apart from {@link CatalogRows}, which decides what the rows about tables say.
 */
final class MetaRows {
  private final AvaticaConnection connection;

  MetaRows(AvaticaConnection connection) {
    this.connection = connection;
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

  /** One column of a metadata result set: its JDBC name, Java class and nullability. */
  record Column(String name, Class<?> type, boolean nullable) {}

  static Column text(String name, boolean nullable) {
    return new Column(name, String.class, nullable);
  }

  static Column col(String name, Class<?> type, boolean nullable) {
    return new Column(name, type, nullable);
  }

  /**
   * A result set over fixed rows, built the way Calcite builds its own metadata result sets: a
   * signature whose plan simply returns the rows, owned by a fresh statement.
   */
  Meta.MetaResultSet resultSet(List<Column> columns, List<Object[]> rows) {
    List<ColumnMetaData> meta = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      meta.add(MetaImpl.columnMetaData(c.name(), i, c.type(), c.nullable()));
    }
    return over(connection, meta, rows);
  }

  /** A result set with the columns {@code meta} over fixed rows, owned by a fresh statement. */
  static Meta.MetaResultSet over(
      AvaticaConnection connection, List<ColumnMetaData> meta, List<Object[]> rows) {
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
}
