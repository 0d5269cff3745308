/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.rest.CaspioApi;
import io.github.caspiojdbc.rest.FieldInfo;
import io.github.caspiojdbc.rest.ObjectKind;
import io.github.caspiojdbc.rest.RecordQuery;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ModifiableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql2rel.InitializerExpressionFactory;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A Caspio table or view. Its fields are fetched the first time a query needs them; reads are
 * planned as a {@link CaspioTableScan} so that Caspio operators can absorb filters, projections,
 * sorts and aggregates above it.
 *
 * <p>Writes are planned by {@link CaspioModifyRule}; this class only declares the table modifiable
 * and which columns Caspio generates ({@link CaspioColumnDefaults}).
 */
public final class CaspioTable extends AbstractTable implements TranslatableTable, ModifiableTable {

  /** Caspio does not list the key; it exists in every table and view. */
  static final String PK_ID = "PK_ID";

  private final CaspioApi api;
  private final ObjectKind kind;
  private final String caspioName;
  private final boolean pushdown;
  private final CaspioWrites writes;
  private final int pageSize;
  private volatile List<CaspioColumn> columns;

  CaspioTable(CaspioApi api, ObjectKind kind, String caspioName, boolean pushdown) {
    this(api, kind, caspioName, pushdown, new CaspioWrites(), RecordQuery.MAX_PAGE_SIZE);
  }

  CaspioTable(
      CaspioApi api,
      ObjectKind kind,
      String caspioName,
      boolean pushdown,
      CaspioWrites writes,
      int pageSize) {
    this.pageSize = pageSize;
    this.writes = writes;
    this.pushdown = pushdown;
    this.api = api;
    this.kind = kind;
    this.caspioName = caspioName;
  }

  CaspioApi api() {
    return api;
  }

  /** Takes the fields from a listing that already carried them, so no request fetches them. */
  CaspioTable withFields(List<FieldInfo> fields) {
    columns = load(fields);
    return this;
  }

  /** The write state of the connection this table belongs to. */
  CaspioWrites writes() {
    return writes;
  }

  /**
   * The most characters a text field holds (255 for Text (255), 64000 for Text (64000), 36 for a
   * GUID), or 0 when Caspio declares no length.
   */
  public static int declaredLength(FieldInfo field) {
    return switch (field.type().toUpperCase(java.util.Locale.ROOT)) {
      case "STRING" -> 255;
      case "TEXT" -> 64000;
      case "GUID" -> 36;
      default -> 0;
    };
  }

  /** Rows per request when a read takes several pages. */
  int pageSize() {
    return pageSize;
  }

  /** Whether rules may move work into this table's requests. */
  boolean pushdown() {
    return pushdown;
  }

  /** Whether this is a table or a view. */
  public ObjectKind kind() {
    return kind;
  }

  String caspioName() {
    return caspioName;
  }

  /**
   * The columns: PK_ID first, then every field Caspio lists; a view's password fields are left out,
   * as Caspio has no password endpoint for views.
   */
  List<CaspioColumn> columns() {
    List<CaspioColumn> c = columns;
    if (c == null) {
      c = load(api.fields(kind, caspioName));
      columns = c;
    }
    return c;
  }

  /** The column named {@code name}: Caspio's spelling first, then regardless of case; or null. */
  @Nullable CaspioColumn column(String name) {
    CaspioColumn loose = null;
    for (CaspioColumn c : columns()) {
      if (c.name().equals(name)) {
        return c;
      }
      if (loose == null && c.name().equalsIgnoreCase(name)) {
        loose = c;
      }
    }
    return loose;
  }

  /**
   * The base tables a view's fields come from, in field order, as Caspio names them in each field's
   * {@code TableFieldName} ({@code Table.Field}); empty for a table, or when Caspio did not say.
   * Two or more mean a joined view, which Caspio does not let a write through. When Caspio names no
   * source (REST v2 has no view fields), the view is taken as writable and Caspio itself refuses a
   * joined one's write (400 AlterReadOnlyData) with nothing changed.
   */
  List<String> viewSources() {
    if (kind != ObjectKind.VIEW) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (FieldInfo f : fieldInfos()) {
      String source = f.tableFieldName();
      int dot = source == null ? -1 : source.indexOf('.');
      if (dot > 0) {
        out.add(source.substring(0, dot));
      }
    }
    return List.copyOf(out);
  }

  /**
   * Whether INSERT, UPDATE and DELETE may go to this object: a table, or a view that Caspio does
   * not know to join several tables (fetches the fields on first use).
   */
  public boolean acceptsWrites() {
    return viewSources().size() <= 1;
  }

  /** Whether the field list was fetched already (using the columns sends no request). */
  boolean fieldsLoaded() {
    return columns != null;
  }

  /**
   * Caspio's descriptions of the columns after PK_ID, in column order (fetched on first use). For
   * the driver's {@code DatabaseMetaData}: labels, descriptions, generated and unique flags.
   */
  public List<FieldInfo> fieldInfos() {
    List<FieldInfo> out = new ArrayList<>();
    for (CaspioColumn c : columns()) {
      if (c.field() != null) {
        out.add(c.field());
      }
    }
    return out;
  }

  private List<CaspioColumn> load(List<FieldInfo> fields) {
    List<CaspioColumn> out = new ArrayList<>();
    if (kind == ObjectKind.TABLE) {
      out.add(new CaspioColumn(PK_ID, ColumnKind.BIGINT, null, false));
    } else {
      // A view's PK_ID joins the source rows' keys with commas.
      out.add(new CaspioColumn(PK_ID, ColumnKind.VARCHAR, null, true));
    }
    for (FieldInfo f : fields) {
      ColumnKind k = ColumnKind.of(f.type());
      CaspioColumn c = new CaspioColumn(f.name(), k, f, true);
      if (f.name().toUpperCase(Locale.ROOT).equals(PK_ID)
          || (c.writeOnly() && kind != ObjectKind.TABLE)) {
        continue;
      }
      out.add(c);
    }
    return List.copyOf(out);
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder b = typeFactory.builder();
    for (CaspioColumn c : columns()) {
      b.add(c.name(), c.kind().sqlType(typeFactory, c.nullable()));
    }
    return b.build();
  }

  @Override
  public Statistic getStatistic() {
    // PK_ID is unique in a table; Calcite uses that to drop needless DISTINCTs and joins.
    return kind == ObjectKind.TABLE
        ? Statistics.of(1000d, List.of(ImmutableBitSet.of(0)))
        : Statistics.of(1000d, List.of());
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return new CaspioTableScan(
        context.getCluster(), context.getCluster().traitSetOf(Convention.NONE), relOptTable, this);
  }

  @Override
  public <C> @Nullable C unwrap(Class<C> aClass) {
    if (aClass == InitializerExpressionFactory.class) {
      return aClass.cast(new CaspioColumnDefaults(columns()));
    }
    return super.unwrap(aClass);
  }

  @Override
  public TableModify toModificationRel(
      RelOptCluster cluster,
      RelOptTable table,
      Prepare.CatalogReader catalogReader,
      RelNode child,
      TableModify.Operation operation,
      @Nullable List<String> updateColumnList,
      @Nullable List<RexNode> sourceExpressionList,
      boolean flattened) {
    return new CaspioLogicalModify(
        cluster,
        table,
        catalogReader,
        child,
        operation,
        updateColumnList,
        sourceExpressionList,
        flattened);
  }

  /**
   * None: rows are written by Caspio requests, not added to a collection. Calcite's own
   * collection-based modify is never chosen, because the Caspio write nodes cost nothing.
   */
  @Override
  public @Nullable Collection<?> getModifiableCollection() {
    return null;
  }

  @Override
  public <T> Queryable<T> asQueryable(
      QueryProvider queryProvider, SchemaPlus schema, String tableName) {
    throw new UnsupportedOperationException("Caspio tables are read through CaspioTableScan");
  }

  @Override
  public Type getElementType() {
    return Object[].class;
  }

  @Override
  @SuppressWarnings("rawtypes") // The interface declares a raw Class.
  public Expression getExpression(SchemaPlus schema, String tableName, Class clazz) {
    return Schemas.tableExpression(schema, getElementType(), tableName, clazz);
  }

  @Override
  public String toString() {
    return "CaspioTable(" + kind + " " + caspioName + ")";
  }
}
