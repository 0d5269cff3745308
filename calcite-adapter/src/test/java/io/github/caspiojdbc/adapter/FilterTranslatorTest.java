/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Map;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which predicates go to Caspio, in what form, and which Calcite re-checks. */
class FilterTranslatorTest {

  /**
   * Columns: 0 ID BIGINT, 1 NAME VARCHAR, 2 PRICE DECIMAL, 3 ACTIVE BOOLEAN, 4 BORN TIMESTAMP, 5
   * TAGS VARCHAR (a List field).
   */
  private static final class People extends AbstractTable {
    @Override
    public RelDataType getRowType(RelDataTypeFactory f) {
      return f.builder()
          .add("PK_ID", SqlTypeName.BIGINT)
          .add("Name", f.createTypeWithNullability(f.createSqlType(SqlTypeName.VARCHAR, 255), true))
          .add(
              "Price",
              f.createTypeWithNullability(f.createSqlType(SqlTypeName.DECIMAL, 19, 4), true))
          .add("Active", SqlTypeName.BOOLEAN)
          .add("Born", f.createTypeWithNullability(f.createSqlType(SqlTypeName.TIMESTAMP, 0), true))
          .add("Tags", f.createTypeWithNullability(f.createSqlType(SqlTypeName.VARCHAR), true))
          .add("Qty", f.createTypeWithNullability(f.createSqlType(SqlTypeName.INTEGER), true))
          .build();
    }
  }

  private static Filter filterOf(String where) throws Exception {
    SchemaPlus root = Frameworks.createRootSchema(true);
    root.add("T", new People());
    FrameworkConfig config =
        Frameworks.newConfigBuilder()
            .defaultSchema(root)
            .parserConfig(SqlParser.config().withCaseSensitive(false))
            .build();
    Planner planner = Frameworks.getPlanner(config);
    SqlNode parsed = planner.parse("select * from t where " + where);
    SqlNode validated = planner.validate(parsed);
    RelNode rel = planner.rel(validated).project();
    while (!(rel instanceof Filter)) {
      rel = rel.getInput(0);
    }
    return (Filter) rel;
  }

  private static FilterTranslator.Result translate(String where) throws Exception {
    Filter filter = filterOf(where);
    FilterTranslator t =
        new FilterTranslator(
            filter.getCluster().getRexBuilder(),
            filter.getInput().getRowType(),
            filter.getInput().getRowType().getFieldNames(),
            i -> i != 5);
    return t.translate(filter.getCondition());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # SQL WHERE                         | pushed q.where                             | exact
          pk_id = 5                            | PK_ID = 5                                  | true
          pk_id > -5                           | PK_ID > (-5)                               | true
          5 < pk_id                            | PK_ID > 5                                  | true
          pk_id <> 7                           | PK_ID <> 7                                 | true
          price >= 10.25                       | Price >= 10.25                             | true
          price < -0.5                         | Price < (-0.5)                             | true
          qty = 3                              | Qty = 3                                    | true
          active                               | Active = 1                                 | true
          not active                           | Active = 0                                 | true
          active = false                       | Active = 0                                 | true
          born >= timestamp '2024-02-29 23:59:59' | Born >= '2024-02-29T23:59:59'           | true
          price is null                        | Price IS NULL                              | true
          price is not null                    | Price IS NOT NULL                          | true
          name = 'Ann'                         | Name = N'Ann'                              | false
          name = 'O''Brien'                    | Name = N'O''Brien'                         | false
          name in ('a', 'b')                   | Name = N'a' OR Name = N'b'                 | false
          name like 'A%'                       | Name LIKE N'A%'                            | false
          name like '[x]%'                     | Name LIKE N'[[]x]%'                        | false
          name is null                         | Name IS NULL                               | false
          pk_id = 1 or pk_id = 2               | PK_ID = 1 OR PK_ID = 2                     | true
          pk_id in (1, 2, 3)                   | PK_ID = 1 OR PK_ID = 2 OR PK_ID = 3        | true
          not (pk_id = 1 or price > 2)         | NOT (PK_ID = 1 OR Price > 2)               | true
          pk_id = 1 or name = 'x'              | PK_ID = 1 OR Name = N'x'                   | false
          """)
  void translate_pushable_rendersAndClassifies(String where, String expected, boolean exact)
      throws Exception {
    FilterTranslator.Result r = translate(where);
    assertEquals(expected, r.where().render(i -> null), where);
    assertEquals(exact, r.exact(), where);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # predicates that must stay in Calcite
          name <> 'Ann'
          name > 'M'
          name between 'a' and 'c'
          name is not null
          name not like 'A%'
          name like 'A_'
          upper(name) = 'ANN'
          qty / 2 = 1
          qty + 1 = 2
          tags = 'x'
          not (name = 'x')
          name = price || ''
          """)
  void translate_notPushable_staysLocal(String where) throws Exception {
    FilterTranslator.Result r = translate(where);
    assertTrue(r.where().isEmpty(), () -> where + " pushed " + r.where());
    assertNotNull(r.residual());
  }

  @Test
  void translate_mixedConjunction_pushesPartAndKeepsRest() throws Exception {
    FilterTranslator.Result r = translate("pk_id > 10 and upper(name) = 'X' and price < 5");
    assertEquals("(PK_ID > 10) AND (Price < 5)", r.where().render(i -> null));
    assertEquals("=(UPPER($1), 'X')", r.residual().toString());
  }

  @Test
  void translate_textEquality_isPushedAndRechecked() throws Exception {
    FilterTranslator.Result r = translate("pk_id > 10 and name = 'Ann'");
    assertEquals("(PK_ID > 10) AND (Name = N'Ann')", r.where().render(i -> null));
    assertEquals("=($1, 'Ann')", r.residual().toString());
  }

  @Test
  void translate_parameters_areBoundAtExecution() throws Exception {
    FilterTranslator.Result r = translate("pk_id = ? and price > ? and born < ?");
    WhereTemplate w = r.where();
    assertTrue(r.exact());
    assertEquals("(PK_ID = ?) AND (Price > ?) AND (Born < ?)", w.describe());
    Map<Integer, Object> values =
        Map.of(0, 42L, 1, new BigDecimal("-1.50"), 2, LocalDateTime.of(2024, 1, 2, 3, 4, 5));
    assertEquals(
        "(PK_ID = 42) AND (Price > (-1.50)) AND (Born < '2024-01-02T03:04:05')",
        w.render(values::get));
  }

  @Test
  void translate_textParameterWithUnsafeValue_isDroppedAndRecheckedLocally() throws Exception {
    FilterTranslator.Result r = translate("pk_id = 1 and name = ?");
    assertFalse(r.exact());
    assertEquals("(PK_ID = 1) AND (Name = N'a''b')", r.where().render(i -> "a'b"));
    assertEquals("PK_ID = 1", r.where().render(i -> "a\u02BCb"));
    assertEquals("PK_ID = 1", r.where().render(i -> "nul\u0000"));
    assertEquals("PK_ID = 1", r.where().render(i -> "lone\uD800"));
  }

  @Test
  void translate_nullParameter_isWrittenAsNull() throws Exception {
    FilterTranslator.Result r = translate("pk_id = ?");
    assertEquals("PK_ID = NULL", r.where().render(i -> null));
  }

  @Test
  void translate_parameterOfWrongKindOnExactColumn_isRefused() throws Exception {
    FilterTranslator.Result r = translate("pk_id = ?");
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> r.where().render(i -> "not a number"));
  }

  @Test
  void translate_nothingPushable_givesEmptyTemplate() throws Exception {
    FilterTranslator.Result r = translate("upper(name) = 'X'");
    assertNull(r.where().render(i -> null));
  }
}
