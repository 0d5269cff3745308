/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql.SqlKind;

/**
 * Refuses, before any request, a statement that reads a write-only column (a Caspio password field)
 * other than as a plain output column. Caspio never returns a password and refuses one in {@code
 * q.where} and {@code q.select}, so the column always reads NULL; a filter, sort, grouping, join,
 * comparison or expression on it, or copying it into another column, would silently compute with
 * that NULL instead of the stored password. Runs on the converted plan, where column origins are
 * known through sub-queries, views of sub-queries and aliases.
 *
 * <p>Strict where origins are known; a plan node whose origins Calcite's metadata cannot trace is
 * taken as not reading the column, because every node it fails on sits above one that it can (the
 * scans and projections where a password column enters a plan).
 */
final class WriteOnlyColumns {

  private final RelMetadataQuery mq;

  /** What each correlation variable stands for: the row of the named node. */
  private final Map<CorrelationId, RelNode> correlated = new HashMap<>();

  private WriteOnlyColumns(RelMetadataQuery mq) {
    this.mq = mq;
  }

  /**
   * Checks a converted statement.
   *
   * @throws CaspioException SYNTAX (42000) naming the column and what read it
   */
  static void check(RelNode root) {
    if (!mentionsWriteOnly(root)) {
      return; // The common case costs one walk of the plan and no metadata.
    }
    new WriteOnlyColumns(root.getCluster().getMetadataQuery()).visit(root);
  }

  private static boolean mentionsWriteOnly(RelNode rel) {
    if (rel instanceof TableScan scan && writeOnlyColumnsOf(scan.getTable())) {
      return true;
    }
    boolean[] found = {false};
    rel.accept(
        new RexShuttle() {
          @Override
          public RexNode visitSubQuery(RexSubQuery subQuery) {
            found[0] |= mentionsWriteOnly(subQuery.rel);
            return subQuery;
          }
        });
    if (found[0]) {
      return true;
    }
    for (RelNode input : rel.getInputs()) {
      if (mentionsWriteOnly(input)) {
        return true;
      }
    }
    return false;
  }

  private static boolean writeOnlyColumnsOf(RelOptTable table) {
    CaspioTable t = table.unwrap(CaspioTable.class);
    return t != null && t.columns().stream().anyMatch(CaspioColumn::writeOnly);
  }

  private void visit(RelNode rel) {
    if (rel instanceof Filter f) {
      f.getVariablesSet().forEach(id -> correlated.put(id, f.getInput()));
      reads(f.getCondition(), f.getInput(), "a WHERE condition");
    } else if (rel instanceof Project p) {
      p.getVariablesSet().forEach(id -> correlated.put(id, p.getInput()));
      for (RexNode e : p.getProjects()) {
        if (!(e instanceof RexInputRef)) {
          reads(e, p.getInput(), "an expression");
        }
      }
    } else if (rel instanceof Join j) {
      j.getVariablesSet().forEach(id -> correlated.put(id, j.getLeft()));
      reads(j.getCondition(), j, "a join condition");
    } else if (rel instanceof Correlate c) {
      correlated.put(c.getCorrelationId(), c.getLeft());
    } else if (rel instanceof Aggregate a) {
      a.getGroupSet().forEach(i -> field(a.getInput(), i, "GROUP BY"));
      for (AggregateCall call : a.getAggCallList()) {
        call.getArgList().forEach(i -> field(a.getInput(), i, "an aggregate function"));
        if (call.filterArg >= 0) {
          field(a.getInput(), call.filterArg, "an aggregate FILTER");
        }
      }
    } else if (rel instanceof Sort s) {
      for (RelFieldCollation fc : s.getCollation().getFieldCollations()) {
        field(s.getInput(), fc.getFieldIndex(), "ORDER BY");
      }
    } else if (rel instanceof SetOp op && !(op instanceof Union u && u.all)) {
      for (RelNode input : op.getInputs()) {
        allFields(input, "a set operation that compares rows");
      }
    } else if (rel instanceof TableModify m) {
      checkWrite(m);
    }
    for (RelNode input : rel.getInputs()) {
      visit(input);
    }
  }

  /** A write must not copy a write-only column's NULL into the table it writes. */
  private void checkWrite(TableModify m) {
    RelNode input = m.getInput();
    int n = input.getRowType().getFieldCount();
    List<RexNode> sources = m.getSourceExpressionList();
    int first = m.isUpdate() && sources != null ? n - sources.size() : 0;
    if (m.isInsert() || m.isUpdate()) {
      for (int i = first; i < n; i++) {
        field(input, i, m.isInsert() ? "the rows an INSERT writes" : "a SET value");
      }
    }
  }

  private void allFields(RelNode rel, String what) {
    for (int i = 0; i < rel.getRowType().getFieldCount(); i++) {
      field(rel, i, what);
    }
  }

  /** Checks every column {@code e} reads from {@code input}'s row, and its sub-queries. */
  private void reads(RexNode e, RelNode input, String what) {
    e.accept(
        new RexShuttle() {
          @Override
          public RexNode visitInputRef(RexInputRef ref) {
            field(input, ref.getIndex(), what);
            return ref;
          }

          @Override
          public RexNode visitFieldAccess(RexFieldAccess access) {
            if (access.getReferenceExpr() instanceof RexCorrelVariable v) {
              RelNode row = correlated.get(v.id);
              if (row != null) {
                field(row, access.getField().getIndex(), what);
              }
              return access;
            }
            return super.visitFieldAccess(access);
          }

          @Override
          public RexNode visitSubQuery(RexSubQuery subQuery) {
            if (subQuery.getKind() != SqlKind.EXISTS) {
              allFields(subQuery.rel, what);
            }
            visit(subQuery.rel);
            return super.visitSubQuery(subQuery);
          }
        });
  }

  /** Refuses field {@code index} of {@code rel}'s row if it comes from a write-only column. */
  private void field(RelNode rel, int index, String what) {
    Set<RelColumnOrigin> origins = originsOf(rel, index);
    if (origins == null) {
      return;
    }
    for (RelColumnOrigin o : origins) {
      CaspioTable t = o.getOriginTable().unwrap(CaspioTable.class);
      if (t == null) {
        continue;
      }
      CaspioColumn c = t.columns().get(o.getOriginColumnOrdinal());
      if (c.writeOnly()) {
        throw new CaspioException(
            ErrorKind.SYNTAX,
            "Column "
                + c.name()
                + " of "
                + t.caspioName()
                + " is a Caspio password field: it can be set by INSERT and UPDATE but never read,"
                + " so it cannot be used in "
                + what
                + " (it always reads NULL)",
            null);
      }
    }
  }

  /** Origins of a field; a join's condition sees both inputs' rows, even for a semi-join. */
  private Set<RelColumnOrigin> originsOf(RelNode rel, int index) {
    if (rel instanceof Join j) {
      int left = j.getLeft().getRowType().getFieldCount();
      return index < left
          ? mq.getColumnOrigins(j.getLeft(), index)
          : mq.getColumnOrigins(j.getRight(), index - left);
    }
    return mq.getColumnOrigins(rel, index);
  }
}
