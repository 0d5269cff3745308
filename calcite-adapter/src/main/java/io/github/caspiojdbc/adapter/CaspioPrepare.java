/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.interpreter.BindableConvention;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's statement preparation with this adapter's validator ({@link CaspioValidator}), which
 * checks values written to Caspio fields before Calcite converts them, its expression conversion
 * ({@link CaspioConvertlets}) and the mark on a read whose rows are the statement's ({@link
 * RowCap}); it uses again the plans of SQL texts already prepared on the connection ({@link
 * PlanCache}, owned by the connection's {@link CaspioSchema}). The driver's internal Calcite driver
 * creates one per statement preparation; everything else is Calcite's.
 */
public final class CaspioPrepare extends CalcitePrepareImpl {

  /** Used by the driver's internal Calcite driver. */
  public CaspioPrepare() {}

  /**
   * Whether what was prepared may be used again: false for EXPLAIN, whose text is made while
   * preparing and shows call estimates that change with what later reads learn.
   */
  private boolean reusable = true;

  /** The local filters of the plans implemented by this preparation. */
  private final List<LocalFilters.LocalFilter> localFilters = new ArrayList<>();

  /**
   * The plan of {@code query} made earlier on this connection with the same default schema, row
   * limit and metadata, or a new one, kept for next time. Only SQL text is looked up; a plan of a
   * connection without a {@link CaspioSchema} is never kept.
   */
  @Override
  public <T> CalciteSignature<T> prepareSql(
      Context context, Query<T> query, Type elementType, long maxRowCount) {
    CaspioSchema schema = query.sql == null ? null : caspioSchema(context.getRootSchema());
    if (schema == null) {
      return super.prepareSql(context, query, elementType, maxRowCount);
    }
    PlanCache plans = schema.plans();
    PlanCache.Key key =
        new PlanCache.Key(query.sql, context.getDefaultSchemaPath(), elementType, maxRowCount);
    long before = schema.metadataGeneration();
    long loadsBefore = schema.metadataLoads();
    PlanCache.Plan plan = plans.get(key, before);
    if (plan != null) {
      LocalFilters.announce(plan.localFilters());
      @SuppressWarnings("unchecked")
      CalciteSignature<T> signature = (CalciteSignature<T>) plan.signature();
      return signature;
    }
    CalciteSignature<T> signature = super.prepareSql(context, query, elementType, maxRowCount);
    long loadsAfter = schema.metadataLoads();
    long loads = loadsAfter - loadsBefore;
    // The plan saw one table list throughout only if none was loaded while planning, or exactly
    // one because none was current when planning began; otherwise it may mix two lists. The load
    // count names that list: it is the generation while the list is current, and one reading of
    // it cannot name a list loaded by another thread after this plan was made.
    boolean oneList = loads == 0 || (loads == 1 && before == CaspioSchema.NO_GENERATION);
    long generation = oneList && reusable ? loadsAfter : CaspioSchema.NO_GENERATION;
    plans.put(key, new PlanCache.Plan(signature, localFilters, generation));
    return signature;
  }

  /** The account schema of a connection: the one {@link CaspioSchema} under its root, if any. */
  private static @Nullable CaspioSchema caspioSchema(CalciteSchema root) {
    CaspioSchema found = null;
    for (CalciteSchema s : root.getSubSchemaMap().values()) {
      if (s.schema instanceof CaspioSchema c) {
        if (found != null) {
          return null; // Two accounts under one root: no single owner for the plans.
        }
        found = c;
      }
    }
    return found;
  }

  @Override
  protected SqlRexConvertletTable createConvertletTable() {
    return CaspioConvertlets.INSTANCE;
  }

  @Override
  protected CalcitePreparingStmt getPreparingStmt(
      Context context,
      Type elementType,
      CalciteCatalogReader catalogReader,
      RelOptPlanner planner) {
    // As Calcite's own, but with our validator.
    EnumerableRel.Prefer prefer =
        elementType == Object[].class ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    return new PreparingStmt(
        this,
        context,
        catalogReader,
        prefer,
        createCluster(planner, new RexBuilder(context.getTypeFactory())),
        enableBindable ? BindableConvention.INSTANCE : EnumerableConvention.INSTANCE);
  }

  /**
   * A preparation whose validator is {@link CaspioValidator}, which marks the statement's result
   * read ({@link RowCap}) and announces the plan's local filters ({@link LocalFilters#watch}).
   */
  private static final class PreparingStmt extends CalcitePreparingStmt {
    private final CaspioPrepare owner;
    private final Context context;
    private final RelOptCluster cluster;

    /** Whether the statement being prepared writes rows. */
    private boolean writing;

    PreparingStmt(
        CaspioPrepare prepare,
        Context context,
        CalciteCatalogReader catalogReader,
        EnumerableRel.Prefer prefer,
        RelOptCluster cluster,
        Convention resultConvention) {
      super(
          prepare,
          context,
          catalogReader,
          context.getTypeFactory(),
          context.getRootSchema(),
          prefer,
          cluster,
          resultConvention,
          prepare.createConvertletTable());
      this.owner = prepare;
      this.context = context;
      this.cluster = cluster;
    }

    @Override
    public PreparedResult prepareSql(
        SqlNode sqlQuery,
        SqlNode sqlNodeOriginal,
        Class<?> runtimeContextClass,
        SqlValidator validator,
        boolean needsValidation) {
      SqlNode statement =
          sqlQuery instanceof SqlExplain explain ? explain.getExplicandum() : sqlQuery;
      if (sqlQuery instanceof SqlExplain) {
        owner.reusable = false;
      }
      writing = statement.getKind() == SqlKind.INSERT || statement.getKind() == SqlKind.UPDATE;
      return super.prepareSql(
          sqlQuery, sqlNodeOriginal, runtimeContextClass, validator, needsValidation);
    }

    @Override
    protected RelRoot trimUnusedFields(RelRoot root) {
      // The first step after conversion that every statement passes, before any request.
      WriteOnlyColumns.check(root.rel);
      return super.trimUnusedFields(root);
    }

    @Override
    protected PreparedResult implement(RelRoot root) {
      RelRoot marked = root.withRel(RowCap.markResultRows(root.rel));
      List<LocalFilters.LocalFilter> filters = LocalFilters.find(marked.rel);
      LocalFilters.announce(filters);
      owner.localFilters.addAll(filters);
      return super.implement(marked);
    }

    @Override
    protected SqlToRelConverter getSqlToRelConverter(
        SqlValidator validator,
        Prepare.CatalogReader catalogReader,
        SqlToRelConverter.Config config) {
      // Calcite's conversion simplifies constant expressions as it builds, so the SET value
      // 2.7 * 1 of an INTEGER column would arrive as 2 and the writer could not tell. Writes keep
      // their expressions until the writer has seen them (CaspioModifyRule); reads are unchanged.
      SqlToRelConverter.Config c =
          writing ? config.addRelBuilderConfigTransform(b -> b.withSimplify(false)) : config;
      return new SqlToRelConverter(this, validator, catalogReader, cluster, convertletTable, c);
    }

    @Override
    protected SqlValidator createSqlValidator(
        Prepare.CatalogReader catalogReader, UnaryOperator<SqlValidator.Config> configTransform) {
      // The same operator table and configuration as Calcite's own validator.
      CalciteConnectionConfig connection = context.config();
      SqlOperatorTable operators =
          SqlOperatorTables.chain(
              List.of(
                  connection.fun(SqlOperatorTable.class, SqlStdOperatorTable.instance()),
                  catalogReader));
      SqlValidator.Config config =
          configTransform.apply(
              SqlValidator.Config.DEFAULT
                  .withLenientOperatorLookup(connection.lenientOperatorLookup())
                  .withConformance(connection.conformance())
                  .withDefaultNullCollation(connection.defaultNullCollation())
                  .withIdentifierExpansion(true));
      return new CaspioValidator(
          operators, (CalciteCatalogReader) catalogReader, context.getTypeFactory(), config);
    }
  }
}
