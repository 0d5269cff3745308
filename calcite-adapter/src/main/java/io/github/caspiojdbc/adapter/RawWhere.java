/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.util.NlsString;

/**
 * The Caspio-native escape hatch, {@code TABLE(caspio_where('Orders', 'DATEDIFF(day, Order_Date,
 * GETDATE()) < 7'))}: the rows of a table or view for which Caspio's own {@code q.where} holds, for
 * conditions SQL here cannot express. The condition is Caspio's to evaluate (nothing re-checks it
 * locally); other conditions, ordering and limits on the result are pushed or applied as for the
 * table itself.
 *
 * <p>Guards: both arguments must be literals; the condition is one expression, so no statement
 * separator, no comment, balanced quotes and parentheses, and no character that cannot travel in a
 * request; the request must fit Caspio's URI limit. Caspio checks the rest, as it does for every
 * {@code q.where}.
 */
final class RawWhere implements TableMacro {
  /** The function's name in SQL. */
  static final String NAME = "caspio_where";

  private final CaspioSchema schema;

  RawWhere(CaspioSchema schema) {
    this.schema = schema;
  }

  @Override
  public List<FunctionParameter> getParameters() {
    return List.of(FunctionArgs.javaText(0, "table"), FunctionArgs.javaText(1, "condition"));
  }

  @Override
  public TranslatableTable apply(List<? extends Object> arguments) {
    String n = text(arguments.get(0));
    String c = text(arguments.get(1));
    if (n == null || c == null) {
      throw new CaspioException(
          ErrorKind.SYNTAX,
          NAME + " takes two text literals: the table or view name and Caspio's condition",
          null);
    }
    return new Filtered(table(n), checked(c));
  }

  /** A literal argument's text, or null when the argument is not a text literal. */
  private static String text(Object argument) {
    if (argument instanceof String s) {
      return s;
    }
    return argument instanceof NlsString nls ? nls.getValue() : null;
  }

  private CaspioTable table(String name) {
    Map<String, Table> tables = schema.getTableMap();
    for (Map.Entry<String, Table> e : tables.entrySet()) {
      if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))
          && e.getValue() instanceof CaspioTable t) {
        return t;
      }
    }
    throw new CaspioException(
        ErrorKind.TABLE_NOT_FOUND, NAME + ": no table or view named " + name, null);
  }

  /** The condition, refused unless it is one expression safe to send. */
  static String checked(String condition) {
    String c = condition.strip();
    if (c.isEmpty()) {
      throw refused("the condition is empty");
    }
    if (!CaspioSqlDialect.isSafeString(c) || c.chars().anyMatch(ch -> ch < 0x20 && ch != '\t')) {
      throw refused("the condition holds a character that cannot be sent (a control character)");
    }
    boolean quoted = false;
    int depth = 0;
    for (int i = 0; i < c.length(); i++) {
      char ch = c.charAt(i);
      if (quoted) {
        quoted = ch != '\'';
        continue;
      }
      char next = i + 1 < c.length() ? c.charAt(i + 1) : 0;
      if (ch == '\'') {
        quoted = true;
      } else if (ch == ';') {
        throw refused("a ';' would end the condition");
      } else if ((ch == '-' && next == '-')
          || (ch == '/' && next == '*')
          || (ch == '*' && next == '/')) {
        throw refused("comments are not allowed in the condition");
      } else if (ch == '(') {
        depth++;
      } else if (ch == ')' && --depth < 0) {
        throw refused("a ')' has no '('");
      }
    }
    if (quoted) {
      throw refused("a quoted text is not closed");
    }
    if (depth != 0) {
      throw refused("a '(' is not closed");
    }
    return c;
  }

  private static CaspioException refused(String why) {
    return new CaspioException(ErrorKind.SYNTAX, NAME + " refuses the condition: " + why, null);
  }

  /** A table's rows under one raw condition: a scan whose request carries it. */
  private static final class Filtered extends AbstractTable implements TranslatableTable {
    private final CaspioTable table;
    private final WhereTemplate where;

    Filtered(CaspioTable table, String condition) {
      this.table = table;
      // Caspio's condition, not Calcite's: never left out, never re-checked.
      this.where =
          new WhereTemplate(List.of(new WhereTemplate.Conjunct(List.of(condition), false)));
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return table.getRowType(typeFactory);
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
      return new CaspioTableScan(
          context.getCluster(),
          context.getCluster().traitSetOf(Convention.NONE),
          relOptTable,
          table,
          where);
    }
  }
}
