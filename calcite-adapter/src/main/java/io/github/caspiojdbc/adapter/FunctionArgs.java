/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import java.util.function.Function;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.sql.type.SqlTypeName;

/** The required arguments of the schema's functions ({@link RawWhere}, files, attachments). */
final class FunctionArgs {
  private FunctionArgs() {}

  /**
   * A text argument of the Java type String: a table macro needs it, because Calcite hands a table
   * macro its literal arguments only for Java types.
   */
  static FunctionParameter javaText(int ordinal, String name) {
    return of(ordinal, name, f -> f.createJavaType(String.class));
  }

  /** An argument of a scalar function, of an SQL type, which a {@code ?} may stand for. */
  static FunctionParameter sql(int ordinal, String name, SqlTypeName type) {
    return of(ordinal, name, f -> f.createSqlType(type));
  }

  private static FunctionParameter of(
      int ordinal, String name, Function<RelDataTypeFactory, RelDataType> type) {
    return new FunctionParameter() {
      @Override
      public int getOrdinal() {
        return ordinal;
      }

      @Override
      public String getName() {
        return name;
      }

      @Override
      public RelDataType getType(RelDataTypeFactory typeFactory) {
        return type.apply(typeFactory);
      }

      @Override
      public boolean isOptional() {
        return false;
      }
    };
  }
}
