/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalciteSqlValidator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.validate.SqlValidatorTable;

/**
 * Calcite's validator, plus a check of every literal written to a Caspio field ({@link
 * LiteralAssignments}) before Calcite converts it to the column's type: Calcite's conversion of
 * {@code 1.23456} to DECIMAL(19, 4) or of {@code 1.5} to INTEGER cuts the value without a word, and
 * after it nothing can tell the cut value from one the user wrote. And a write to a joined view is
 * refused here, before Calcite's own checks: its columns are not editable, and "Cannot INSERT into
 * generated column" would not say that the view is the reason.
 */
final class CaspioValidator extends CalciteSqlValidator {

  CaspioValidator(
      SqlOperatorTable operators,
      CalciteCatalogReader catalogReader,
      JavaTypeFactory typeFactory,
      Config config) {
    super(operators, catalogReader, typeFactory, config);
  }

  @Override
  public void validateInsert(SqlInsert insert) {
    checkTarget(insert.getTargetTable());
    super.validateInsert(insert);
  }

  @Override
  public void validateUpdate(SqlUpdate update) {
    checkTarget(update.getTargetTable());
    super.validateUpdate(update);
  }

  @Override
  public void validateDelete(SqlDelete delete) {
    checkTarget(delete.getTargetTable());
    super.validateDelete(delete);
  }

  /**
   * {@link CaspioModifyRule#checkAcceptsWrites} for a write's target, when it names a Caspio one.
   */
  private void checkTarget(SqlNode target) {
    SqlNode t = target;
    if (t instanceof SqlCall c && c.getKind() == SqlKind.AS) {
      t = c.operand(0);
    }
    if (t instanceof SqlIdentifier id) {
      SqlValidatorTable table = getCatalogReader().getTable(id.names);
      CaspioTable caspio = table == null ? null : table.unwrap(CaspioTable.class);
      if (caspio != null) {
        CaspioModifyRule.checkAcceptsWrites(caspio);
      }
    }
  }

  @Override
  protected void checkTypeAssignment(
      SqlValidatorScope sourceScope,
      SqlValidatorTable table,
      RelDataType sourceRowType,
      RelDataType targetRowType,
      SqlNode query) {
    CaspioTable caspio = table.unwrap(CaspioTable.class);
    if (caspio != null) {
      LiteralAssignments.check(caspio, sourceRowType, targetRowType, query);
    }
    super.checkTypeAssignment(sourceScope, table, sourceRowType, targetRowType, query);
  }
}
