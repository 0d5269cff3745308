/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * The result types Calcite derives for the driver's statements, where Calcite's defaults would
 * change values:
 *
 * <ul>
 *   <li>Text of different lengths combined by {@code CASE}, {@code UNION}, {@code COALESCE} and the
 *       like is {@code VARCHAR}, not a {@code CHAR(n)} that pads the shorter values with spaces. A
 *       lone literal stays {@code CHAR(n)} of its own length, which never pads.
 *   <li>{@code AVG}, {@code STDDEV*}, {@code VAR*} and {@code COVAR*} of integers are {@code
 *       DOUBLE}; Calcite would type them like their argument and cut the fraction off. Their type
 *       for {@code DECIMAL} and {@code DOUBLE} arguments is Calcite's (the argument's type).
 * </ul>
 *
 * <p>Public only because Calcite instantiates its type system by class name (the {@code typeSystem}
 * connection property set by {@link CaspioConnection}); it is not part of the driver's API.
 */
public final class CaspioTypeSystem extends RelDataTypeSystemImpl {
  /** The instance Calcite picks up by reflection. */
  public static final CaspioTypeSystem INSTANCE = new CaspioTypeSystem();

  private CaspioTypeSystem() {}

  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }

  @Override
  public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    return approximateIfInteger(typeFactory, argumentType);
  }

  @Override
  public RelDataType deriveCovarType(
      RelDataTypeFactory typeFactory, RelDataType arg0Type, RelDataType arg1Type) {
    return approximateIfInteger(
        typeFactory, super.deriveCovarType(typeFactory, arg0Type, arg1Type));
  }

  private static RelDataType approximateIfInteger(RelDataTypeFactory f, RelDataType type) {
    if (!SqlTypeUtil.isIntType(type)) {
      return type;
    }
    return f.createTypeWithNullability(f.createSqlType(SqlTypeName.DOUBLE), type.isNullable());
  }
}
