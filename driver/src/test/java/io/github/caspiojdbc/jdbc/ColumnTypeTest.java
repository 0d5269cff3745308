/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Types;
import java.util.stream.Stream;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Plain type names and sizes reported by {@code getColumns}. */
class ColumnTypeTest {
  private static final RelDataTypeFactory F = new JavaTypeFactoryImpl();

  static Stream<Arguments> types() {
    return Stream.of(
        Arguments.of(
            F.createSqlType(SqlTypeName.VARCHAR, 255),
            new ColumnType("VARCHAR", Types.VARCHAR, 255, null, null, 1020)),
        Arguments.of(
            F.createSqlType(SqlTypeName.VARCHAR),
            new ColumnType("VARCHAR", Types.VARCHAR, null, null, null, null)),
        Arguments.of(
            F.createSqlType(SqlTypeName.DECIMAL, 19, 4),
            new ColumnType("DECIMAL", Types.DECIMAL, 19, 4, 10, null)),
        Arguments.of(
            F.createSqlType(SqlTypeName.INTEGER),
            new ColumnType("INTEGER", Types.INTEGER, 10, 0, 10, null)),
        Arguments.of(
            F.createSqlType(SqlTypeName.BIGINT),
            new ColumnType("BIGINT", Types.BIGINT, 19, 0, 10, null)),
        Arguments.of(
            F.createSqlType(SqlTypeName.DOUBLE),
            new ColumnType("DOUBLE", Types.DOUBLE, 15, null, 10, null)),
        Arguments.of(
            F.createSqlType(SqlTypeName.TIMESTAMP, 0),
            new ColumnType("TIMESTAMP", Types.TIMESTAMP, 19, 0, null, null)),
        Arguments.of(
            F.createSqlType(SqlTypeName.BOOLEAN),
            new ColumnType("BOOLEAN", Types.BOOLEAN, null, null, null, null)),
        Arguments.of(
            F.createTypeWithNullability(F.createSqlType(SqlTypeName.VARCHAR, 36), false),
            new ColumnType("VARCHAR", Types.VARCHAR, 36, null, null, 144)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void of_calciteType_plainNameAndSizes(RelDataType type, ColumnType expected) {
    assertEquals(expected, ColumnType.of(type));
  }

  static Stream<Arguments> resultSizes() {
    return Stream.of(
        Arguments.of(F.createSqlType(SqlTypeName.VARCHAR, 255), 255, 255),
        Arguments.of(F.createSqlType(SqlTypeName.VARCHAR), Integer.MAX_VALUE, Integer.MAX_VALUE),
        Arguments.of(F.createSqlType(SqlTypeName.CHAR, 3), 3, 3),
        Arguments.of(F.createSqlType(SqlTypeName.DECIMAL, 19, 4), 19, 21),
        Arguments.of(F.createSqlType(SqlTypeName.DECIMAL, 5, 0), 5, 6),
        Arguments.of(F.createSqlType(SqlTypeName.INTEGER), 10, 11),
        Arguments.of(F.createSqlType(SqlTypeName.BIGINT), 19, 20),
        Arguments.of(F.createSqlType(SqlTypeName.DOUBLE), 15, 24),
        Arguments.of(F.createSqlType(SqlTypeName.BOOLEAN), 1, 5),
        Arguments.of(F.createSqlType(SqlTypeName.TIMESTAMP, 0), 19, 19),
        Arguments.of(F.createSqlType(SqlTypeName.TIMESTAMP, 3), 23, 23),
        Arguments.of(F.createSqlType(SqlTypeName.DATE), 10, 10),
        Arguments.of(F.createSqlType(SqlTypeName.TIME, 0), 8, 8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resultSizes")
  void precisionAndDisplaySize_forResultSetMetaData(RelDataType type, int precision, int display) {
    ColumnType t = ColumnType.of(type);
    assertEquals(precision, t.precision());
    assertEquals(display, t.displaySize());
  }
}
