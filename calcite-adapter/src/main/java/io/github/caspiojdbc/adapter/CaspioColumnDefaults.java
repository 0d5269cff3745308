/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import java.util.List;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ColumnStrategy;
import org.apache.calcite.sql2rel.InitializerContext;
import org.apache.calcite.sql2rel.NullInitializerExpressionFactory;

/**
 * Tells Calcite's validator which columns Caspio generates: PK_ID and every field that {@link
 * io.github.caspiojdbc.rest.FieldInfo#writable()} rejects are {@link ColumnStrategy#STORED}, so an
 * INSERT that names one fails validation ("Cannot INSERT into generated column") before any
 * request, and one that leaves it out is valid even though PK_ID is NOT NULL.
 */
final class CaspioColumnDefaults extends NullInitializerExpressionFactory {

  private final List<CaspioColumn> columns;

  CaspioColumnDefaults(List<CaspioColumn> columns) {
    this.columns = List.copyOf(columns);
  }

  @Override
  public ColumnStrategy generationStrategy(RelOptTable table, int iColumn) {
    CaspioColumn c = columns.get(iColumn);
    if (c.field() == null || !c.field().writable()) {
      return ColumnStrategy.STORED;
    }
    return super.generationStrategy(table, iColumn);
  }

  @Override
  public RexNode newColumnDefaultValue(RelOptTable table, int iColumn, InitializerContext context) {
    RelDataType type = table.getRowType().getFieldList().get(iColumn).getType();
    if (!type.isNullable()) {
      // Only PK_ID is NOT NULL; its placeholder is never sent (the writer skips generated fields).
      return context.getRexBuilder().makeZeroLiteral(type);
    }
    return super.newColumnDefaultValue(table, iColumn, context);
  }
}
