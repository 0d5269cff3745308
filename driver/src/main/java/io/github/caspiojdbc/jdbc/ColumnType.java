/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The JDBC description of one column type, shared by {@code getColumns}, {@code getTypeInfo} and
 * {@code ResultSetMetaData}, so that all three report the same name, size and digits.
 *
 * @param name the plain SQL type name ({@code VARCHAR}, {@code DECIMAL}, ...)
 * @param jdbcType the {@link java.sql.Types} code
 * @param columnSize the column size, or null where it does not apply
 * @param decimalDigits the scale or fractional seconds digits, or null
 * @param radix 10 for numbers, else null
 * @param charOctetLength the most bytes a text value takes, or null
 */
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
   * The precision {@code ResultSetMetaData} reports: the column size, {@link Integer#MAX_VALUE} for
   * text without a declared length (no limit), 1 for BOOLEAN, else 0 (not applicable).
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
