/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlAbstractDateTimeLiteral;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Checks each literal of an INSERT's VALUES (or of a SELECT feeding it) and of an UPDATE's SET
 * against the Caspio field it is written to, with the same rules as every other value ({@link
 * WriteValues}): a number that does not fit exactly (a fraction into Integer, a fifth decimal into
 * Currency, an overflow) is 22003, numeric text that is not a number 22018, text longer than its
 * field 22001, a list value with unknown items 22000. Rows are checked in order, all before
 * anything is sent. Values that are not literals are checked when they are computed, by {@link
 * WriteValues}; parameters by the driver when they are set.
 */
final class LiteralAssignments {

  private LiteralAssignments() {}

  /**
   * @param sourceRowType the source's row type
   * @param targetRowType the written columns, in the order of the source's fields
   * @param query the INSERT or UPDATE
   * @throws CaspioException when a literal cannot be stored exactly
   */
  static void check(
      CaspioTable table, RelDataType sourceRowType, RelDataType targetRowType, SqlNode query) {
    List<RelDataTypeField> fields = targetRowType.getFieldList();
    List<List<SqlNode>> rows = new ArrayList<>();
    if (query instanceof SqlInsert insert) {
      collectRows(insert.getSource(), rows);
      if (combined(insert.getSource())) {
        checkCombinedTypes(table, sourceRowType, fields);
      }
    } else if (query instanceof SqlUpdate update && update.getSourceExpressionList() != null) {
      // An UPDATE's target row is every column followed by the SET columns, which its SET
      // expressions feed.
      List<SqlNode> set = update.getSourceExpressionList().getList();
      fields = fields.subList(Math.max(0, fields.size() - set.size()), fields.size());
      rows.add(set);
    }
    List<@Nullable CaspioColumn> targets = new ArrayList<>();
    for (RelDataTypeField f : fields) {
      targets.add(table.column(f.getName()));
    }
    List<RelDataTypeField> sources = sourceRowType.getFieldList();
    sources = sources.subList(Math.max(0, sources.size() - targets.size()), sources.size());
    for (int i = 0; i < targets.size() && i < sources.size(); i++) {
      CaspioColumn c = targets.get(i);
      if (c != null && !allLiterals(rows, i)) {
        checkFamilies(c, sources.get(i).getType());
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      List<SqlNode> row = rows.get(r);
      for (int i = 0; i < row.size() && i < targets.size(); i++) {
        CaspioColumn c = targets.get(i);
        if (c != null) {
          try {
            checkLiteral(c, row.get(i));
          } catch (CaspioException e) {
            throw rows.size() > 1
                ? new CaspioException(
                    e.kind(), "Row " + (r + 1) + ": " + e.getMessage() + "; nothing was sent", null)
                : e;
          }
        }
      }
    }
  }

  /**
   * Whether every row gives field {@code i} as a literal that {@link #checkLiteral} checks by value
   * (or as a parameter, which the driver checks when it is set).
   */
  private static boolean allLiterals(List<List<SqlNode>> rows, int i) {
    if (rows.isEmpty()) {
      return false;
    }
    for (List<SqlNode> row : rows) {
      if (i >= row.size()) {
        return false;
      }
      SqlNode e = row.get(i);
      while (e != null
          && (e.getKind() == SqlKind.AS
              || e.getKind() == SqlKind.MINUS_PREFIX
              || e.getKind() == SqlKind.PLUS_PREFIX)) {
        e = ((SqlCall) e).operand(0);
      }
      boolean byValue =
          e instanceof SqlNumericLiteral
              || e instanceof SqlCharStringLiteral
              || e instanceof SqlDynamicParam
              || e instanceof SqlLiteral l
                  && (l.getTypeName() == SqlTypeName.BOOLEAN
                      || l.getTypeName() == SqlTypeName.NULL);
      if (!byValue) {
        return false; // Date-time literals, for one, are checked by their type.
      }
    }
    return true;
  }

  /**
   * Refuses a computed value whose kind Calcite would turn into another without meaning: a number
   * into Yes/No or a date-time (milliseconds since 1970), a boolean or a date-time into a number.
   */
  private static void checkFamilies(CaspioColumn column, RelDataType source) {
    ColumnKind kind = column.kind();
    boolean numberIn = SqlTypeUtil.isNumeric(source);
    boolean booleanIn = source.getSqlTypeName() == SqlTypeName.BOOLEAN;
    boolean dateTimeIn = SqlTypeUtil.isDatetime(source);
    boolean numberOut =
        kind == ColumnKind.INTEGER
            || kind == ColumnKind.BIGINT
            || kind == ColumnKind.DECIMAL
            || kind == ColumnKind.DOUBLE;
    boolean refused =
        numberIn && (kind == ColumnKind.BOOLEAN || kind == ColumnKind.TIMESTAMP)
            || booleanIn && (numberOut || kind == ColumnKind.TIMESTAMP)
            || dateTimeIn && (numberOut || kind == ColumnKind.BOOLEAN);
    if (refused) {
      throw refused(
          ErrorKind.INVALID_CAST,
          column,
          "a "
              + source.getSqlTypeName()
              + " value is not a "
              + describe(kind)
              + "; convert it explicitly if a conversion is meant");
    }
  }

  /**
   * Whether Calcite computes the source as a union of branches: a set operation, or VALUES with
   * several rows of which one is not all literals. Calcite narrows numbers inside each branch,
   * where the writer cannot see the value before the cut.
   */
  private static boolean combined(@Nullable SqlNode source) {
    if (source == null) {
      return false;
    }
    return switch (source.getKind()) {
      case UNION, INTERSECT, EXCEPT -> true;
      case ORDER_BY -> combined(((SqlOrderBy) source).query);
      case WITH -> combined(((SqlWith) source).body);
      case VALUES -> {
        List<SqlNode> rows = ((SqlCall) source).getOperandList();
        boolean computed = false;
        for (SqlNode row : rows) {
          List<SqlNode> items =
              row.getKind() == SqlKind.ROW ? ((SqlCall) row).getOperandList() : List.of(row);
          for (SqlNode item : items) {
            computed |= !(item instanceof SqlLiteral) && !(item instanceof SqlDynamicParam);
          }
        }
        yield rows.size() > 1 && computed;
      }
      default -> false;
    };
  }

  /**
   * For a combined source, refuses a column whose type would be narrowed (a fraction into Integer,
   * more decimals than Currency keeps): its values cannot be checked one by one.
   */
  private static void checkCombinedTypes(
      CaspioTable table, RelDataType sourceRowType, List<RelDataTypeField> targets) {
    List<RelDataTypeField> sources = sourceRowType.getFieldList();
    for (int i = 0; i < sources.size() && i < targets.size(); i++) {
      RelDataType from = sources.get(i).getType();
      RelDataType to = targets.get(i).getType();
      if (SqlTypeUtil.isNumeric(from)
          && SqlTypeUtil.isNumeric(to)
          && !RexUtil.isLosslessCast(from, to)) {
        CaspioColumn c = table.column(targets.get(i).getName());
        throw new CaspioException(
            ErrorKind.OUT_OF_RANGE,
            "Column "
                + (c == null ? targets.get(i).getName() : c.name())
                + " would receive "
                + from.getFullTypeString()
                + " values computed in a UNION or a multi-row VALUES, which Calcite narrows to "
                + to.getFullTypeString()
                + " before they can be checked; wrap the expression in ROUND, FLOOR or CAST to"
                + " say how to narrow it, or insert the rows in separate statements",
            null);
      }
    }
  }

  /** The rows of literal-bearing expressions a source query produces. */
  private static void collectRows(@Nullable SqlNode source, List<List<SqlNode>> rows) {
    if (source == null) {
      return;
    }
    switch (source.getKind()) {
      case VALUES:
        for (SqlNode row : ((SqlCall) source).getOperandList()) {
          rows.add(row.getKind() == SqlKind.ROW ? ((SqlCall) row).getOperandList() : List.of(row));
        }
        break;
      case SELECT:
        SqlNodeList items = ((SqlSelect) source).getSelectList();
        if (items != null) {
          rows.add(items.getList());
        }
        break;
      case UNION:
      case INTERSECT:
      case EXCEPT:
        for (SqlNode branch : ((SqlCall) source).getOperandList()) {
          collectRows(branch, rows);
        }
        break;
      case ORDER_BY:
        collectRows(((SqlOrderBy) source).query, rows);
        break;
      case WITH:
        collectRows(((SqlWith) source).body, rows);
        break;
      default:
        break;
    }
  }

  private static void checkLiteral(CaspioColumn column, @Nullable SqlNode node) {
    SqlNode e = node;
    while (e != null && e.getKind() == SqlKind.AS) {
      e = ((SqlCall) e).operand(0);
    }
    boolean negate = false;
    while (e != null
        && (e.getKind() == SqlKind.MINUS_PREFIX || e.getKind() == SqlKind.PLUS_PREFIX)) {
      negate ^= e.getKind() == SqlKind.MINUS_PREFIX;
      e = ((SqlCall) e).operand(0);
    }
    if (!(e instanceof SqlLiteral literal) || SqlUtil.isNullLiteral(literal, false)) {
      return; // Checked when computed.
    }
    ColumnKind kind = column.kind();
    boolean numeric =
        kind == ColumnKind.INTEGER
            || kind == ColumnKind.BIGINT
            || kind == ColumnKind.DECIMAL
            || kind == ColumnKind.DOUBLE;
    if (literal instanceof SqlNumericLiteral n) {
      BigDecimal v = n.getValueAs(BigDecimal.class);
      v = negate ? v.negate() : v;
      if (numeric) {
        WriteValues.toRequest(column, v);
      } else if (kind == ColumnKind.BOOLEAN
          && v.compareTo(BigDecimal.ONE) != 0
          && v.signum() != 0) {
        throw refused(ErrorKind.INVALID_CAST, column, v.toPlainString() + " is not a Yes/No value");
      } else if (kind == ColumnKind.TIMESTAMP) {
        // Calcite would read the number as milliseconds since 1970, a date nobody wrote.
        throw refused(ErrorKind.INVALID_CAST, column, v.toPlainString() + " is not a date-time");
      }
    } else if (literal instanceof SqlCharStringLiteral s && !negate) {
      String text = s.getValueAs(String.class);
      if (numeric) {
        WriteValues.toRequest(column, number(column, text));
      } else if (kind == ColumnKind.BOOLEAN) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (!t.equals("true") && !t.equals("false")) {
          throw refused(
              ErrorKind.INVALID_CAST,
              column,
              "'" + clip(text) + "' is not a Yes/No value (use TRUE or FALSE)");
        }
      } else if (kind == ColumnKind.TIMESTAMP) {
        checkDateTime(column, text);
      } else if (kind == ColumnKind.VARCHAR || kind == ColumnKind.LIST) {
        WriteValues.toRequest(column, text);
      }
    } else if (literal.getTypeName() == SqlTypeName.BOOLEAN) {
      if (numeric || kind == ColumnKind.TIMESTAMP) {
        throw refused(ErrorKind.INVALID_CAST, column, literal + " is not a " + describe(kind));
      }
    } else if (literal instanceof SqlAbstractDateTimeLiteral) {
      if (numeric || kind == ColumnKind.BOOLEAN) {
        throw refused(ErrorKind.INVALID_CAST, column, literal + " is not a " + describe(kind));
      }
    }
  }

  /**
   * Text that Calcite converts to a TIMESTAMP: {@code yyyy-MM-dd} or {@code yyyy-MM-dd
   * HH:mm:ss[.f]}; anything else would fail inside Calcite's constant folding.
   */
  private static void checkDateTime(CaspioColumn column, String text) {
    String t = text.trim();
    try {
      if (t.length() == 10) {
        java.time.LocalDate.parse(t);
      } else {
        java.time.LocalDateTime.parse(t.replace(' ', 'T'));
        if (t.indexOf('T') >= 0) {
          throw new java.time.DateTimeException("T separator");
        }
      }
    } catch (java.time.DateTimeException e) {
      throw refused(
          ErrorKind.INVALID_DATETIME,
          column,
          "'" + clip(text) + "' is not a date-time (use 'yyyy-MM-dd' or 'yyyy-MM-dd HH:mm:ss')");
    }
  }

  private static String describe(ColumnKind kind) {
    return switch (kind) {
      case TIMESTAMP -> "date-time";
      case BOOLEAN -> "Yes/No value";
      default -> "number";
    };
  }

  private static CaspioException refused(ErrorKind kind, CaspioColumn column, String why) {
    return new CaspioException(kind, "Value for column " + column.name() + ": " + why, null);
  }

  private static BigDecimal number(CaspioColumn column, String text) {
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw refused(ErrorKind.INVALID_CAST, column, "'" + clip(text) + "' is not a number");
    }
  }

  private static String clip(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
