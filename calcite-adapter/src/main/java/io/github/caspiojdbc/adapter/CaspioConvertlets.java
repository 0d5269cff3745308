/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Calcite's standard SQL-to-expression conversion, except that a validated {@code INITCAP(x)}
 * becomes a call of {@link UnicodeInitcap#initcap} instead of Calcite's ASCII-only implementation.
 * Parsing, validation and the result type stay Calcite's (the call is still the standard {@code
 * INITCAP} until it is converted), so only the evaluation changes, constant folding included.
 * {@link CaspioPrepare} installs this table.
 */
final class CaspioConvertlets implements SqlRexConvertletTable {
  static final CaspioConvertlets INSTANCE = new CaspioConvertlets();

  /** The function the converted call names; its implementation is {@link UnicodeInitcap}. */
  private static final SqlUserDefinedFunction INITCAP =
      new SqlUserDefinedFunction(
          new SqlIdentifier("INITCAP", SqlParserPos.ZERO),
          SqlKind.OTHER_FUNCTION,
          ReturnTypes.ARG0_NULLABLE,
          InferTypes.RETURN_TYPE,
          null,
          ScalarFunctionImpl.create(UnicodeInitcap.class, "initcap"));

  private CaspioConvertlets() {}

  @Override
  public SqlRexConvertlet get(SqlCall call) {
    if (call.getOperator() == SqlStdOperatorTable.INITCAP) {
      return CaspioConvertlets::initcap;
    }
    return StandardConvertletTable.INSTANCE.get(call);
  }

  private static RexNode initcap(SqlRexContext cx, SqlCall call) {
    RelDataType type = cx.getValidator().getValidatedNodeType(call);
    RexNode arg = cx.convertExpression(call.operand(0));
    return cx.getRexBuilder().makeCall(type, INITCAP, List.of(arg));
  }
}
