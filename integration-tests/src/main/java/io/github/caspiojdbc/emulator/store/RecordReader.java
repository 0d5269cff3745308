/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import static io.github.caspiojdbc.emulator.store.Database.QUERY_TIMEOUT_SECONDS;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads records: one {@code GET …/records} call becomes one SELECT (plus a COUNT when pagination
 * info is asked for), paged in the engine, and every row is rendered as Caspio renders it. Writes
 * that answer with rows read them back through {@link #rowsByKey}, so a written row and a queried
 * row can never be rendered differently.
 */
final class RecordReader {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_ROWS = 1000;
  private static final int DEFAULT_PAGE_SIZE = 25;
  private static final int MIN_PAGE_SIZE = 5;

  private final Database db;
  private final Schema schema;
  private final Supplier<Switches> switches;

  RecordReader(Database db, Schema schema, Supplier<Switches> switches) {
    this.db = db;
    this.schema = schema;
    this.switches = switches;
  }

  RecordPage query(ObjectKind kind, String name, RecordQuery q) {
    Target t = schema.target(kind, name);
    Switches sw = switches.get();
    boolean paging = q.pageNumber() != null || q.pageSize() != null;
    int pageNumber = 1;
    int size;
    if (paging) {
      pageNumber = q.pageNumber() == null ? 1 : q.pageNumber();
      size = q.pageSize() == null ? DEFAULT_PAGE_SIZE : q.pageSize();
      if (size < MIN_PAGE_SIZE || size > MAX_ROWS) {
        throw badParameter("q.pageSize must be between 5 and 1000");
      }
      if (pageNumber < 1) {
        throw badParameter("q.pageNumber must be 1 or greater");
      }
      if (q.limit() != null
          && sw.limitWithPaging() == Switches.LimitWithPaging.REPLACES_PAGE_SIZE) {
        size = q.limit();
        if (size < 1 || size > MAX_ROWS) {
          throw badParameter("q.limit must be between 1 and 1000");
        }
      }
    } else {
      size = q.limit() == null ? DEFAULT_LIMIT : q.limit();
      if (size < 1 || size > MAX_ROWS) {
        throw badParameter("q.limit must be between 1 and 1000");
      }
    }
    FragmentRewriter rw = schema.rewriter();
    for (String f : new String[] {q.select(), q.where(), q.groupBy(), q.orderBy()}) {
      rw.collectAliases(f);
    }
    rw.prepareGrouping(q.groupBy());
    boolean customSelect = !blank(q.select());
    String select = customSelect ? select(rw, q.select(), t, sw) : t.star();
    StringBuilder from = new StringBuilder(" FROM ").append(SqlToken.quote(t.sqlName()));
    if (!blank(q.where())) {
      from.append(" WHERE (").append(rw.rewrite(q.where(), Clause.WHERE, null)).append(')');
    }
    String groupBy = blank(q.groupBy()) ? null : rw.rewrite(q.groupBy(), Clause.GROUP_BY, null);
    if (groupBy != null) {
      from.append(" GROUP BY ").append(groupBy);
    }
    boolean distinct = customSelect && FragmentRewriter.startsWithDistinct(q.select());
    boolean aggregate = customSelect && FragmentRewriter.hasPlainAggregate(q.select());
    String order;
    if (!blank(q.orderBy())) {
      order = rw.rewrite(q.orderBy(), Clause.ORDER_BY, null);
    } else {
      // Caspio leaves the order undefined; PK order is stable, which paging clients need.
      order = groupBy == null && !distinct && !aggregate ? t.defaultOrder() : null;
    }
    String sql =
        "SELECT "
            + select
            + from
            + (order == null ? "" : " ORDER BY " + order)
            + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
    Long total = null;
    Connection c = db.lease();
    try {
      ArrayNode rows;
      try (PreparedStatement p = c.prepareStatement(sql)) {
        p.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
        p.setLong(1, paging ? (long) (pageNumber - 1) * size : 0L);
        p.setInt(2, size);
        rows = render(p, t, sw.nullText());
      }
      if (q.paginationInfo()) {
        String countSql;
        if (distinct) {
          countSql = "SELECT COUNT(*) FROM (SELECT " + select + from + ") q";
        } else if (groupBy != null) {
          countSql = "SELECT COUNT(*) FROM (SELECT 1 AS x" + from + ") q";
        } else if (aggregate) {
          countSql = "SELECT 1";
        } else {
          countSql = "SELECT COUNT(*)" + from;
        }
        try (PreparedStatement p = c.prepareStatement(countSql)) {
          p.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
          try (ResultSet rs = p.executeQuery()) {
            rs.next();
            total = rs.getLong(1);
          }
        }
      }
      return new RecordPage(rows, total, pageNumber, size);
    } catch (SQLException e) {
      throw SqlErrors.translate(e, null);
    } finally {
      db.release(c);
    }
  }

  /** The rows with the given base PK_IDs, as the target renders them, in key order. */
  ArrayNode rowsByKey(Target t, Long[] keys) {
    if (keys.length == 0) {
      return JSON.arrayNode();
    }
    String key = SqlToken.quote(t.keyColumn());
    String sql =
        "SELECT "
            + t.star()
            + " FROM "
            + SqlToken.quote(t.sqlName())
            + " WHERE "
            + key
            + " = ANY(?) ORDER BY "
            + t.defaultOrder();
    Connection c = db.lease();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      p.setObject(1, keys);
      return render(p, t, switches.get().nullText());
    } catch (SQLException e) {
      throw SqlErrors.translate(e, null);
    } finally {
      db.release(c);
    }
  }

  /**
   * SQL selecting the base-table PK_IDs of the records of {@code t} that match {@code where}. One
   * place for every caller that selects by a client's where (record writes, attachment calls), so
   * they all get the same fragment checks and injection guards.
   */
  static String keySelection(Schema schema, Target t, String where) {
    String w = schema.rewriter().rewrite(where, Clause.WHERE, null);
    return "SELECT "
        + SqlToken.quote(t.keyColumn())
        + " FROM "
        + SqlToken.quote(t.sqlName())
        + " WHERE ("
        + w
        + ")";
  }

  /** The base-table PK_IDs of the records of {@code t} that match {@code where}, ascending. */
  Long[] keys(Target t, String where) {
    String selection = keySelection(schema, t, where);
    List<Long> ids = new ArrayList<>();
    Connection c = db.lease();
    try (PreparedStatement p = c.prepareStatement(selection)) {
      p.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw SqlErrors.translate(e, t.table());
    } finally {
      db.release(c);
    }
    Collections.sort(ids);
    return ids.toArray(new Long[0]);
  }

  /** Whether {@code t} shows the record whose base-table PK_ID is {@code pk}. */
  boolean exists(Target t, long pk) {
    String sql =
        "SELECT 1 FROM "
            + SqlToken.quote(t.sqlName())
            + " WHERE "
            + SqlToken.quote(t.keyColumn())
            + " = ?";
    Connection c = db.lease();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      p.setLong(1, pk);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw SqlErrors.translate(e, t.table());
    } finally {
      db.release(c);
    }
  }

  long rowCount(String table) {
    TableModel t = schema.table(table);
    Connection c = db.lease();
    try (PreparedStatement p =
            c.prepareStatement("SELECT COUNT(*) FROM " + SqlToken.quote(t.name()));
        ResultSet rs = p.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw SqlErrors.translate(e, t);
    } finally {
      db.release(c);
    }
  }

  /** Whether {@code clear} is the stored password of record {@code pkId} (tests only). */
  boolean passwordMatches(String tableName, String field, long pkId, String clear) {
    TableModel t = schema.table(tableName);
    FieldDef f = t.field(field);
    Connection c = db.lease();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT "
                + SqlToken.quote(f.name())
                + " FROM "
                + SqlToken.quote(t.name())
                + " WHERE \"PK_ID\" = ?")) {
      p.setLong(1, pkId);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() && Values.passwordMatches(rs.getString(1), clear);
      }
    } catch (SQLException e) {
      throw SqlErrors.translate(e, t);
    } finally {
      db.release(c);
    }
  }

  /**
   * The rewritten q.select; an unknown name there is 500 as reported, or 400 under {@link
   * Switches.BadSelectField#STATUS_400}.
   */
  private static String select(FragmentRewriter rw, String select, Target t, Switches sw) {
    try {
      return rw.rewrite(select, Clause.SELECT, t.star());
    } catch (StoreException e) {
      if (e.status() == 500 && sw.badSelectField() == Switches.BadSelectField.STATUS_400) {
        throw SqlErrors.sqlError(e.getMessage());
      }
      throw e;
    }
  }

  private ArrayNode render(PreparedStatement p, Target t, Switches.NullText nullText)
      throws SQLException {
    ArrayNode rows = JSON.arrayNode();
    try (ResultSet rs = p.executeQuery()) {
      ResultSetMetaData md = rs.getMetaData();
      int n = md.getColumnCount();
      String[] labels = new String[n];
      FieldDef[] defs = new FieldDef[n];
      int[] types = new int[n];
      for (int i = 0; i < n; i++) {
        String label = md.getColumnLabel(i + 1);
        // [INF] SQL Server has no name for an unaliased expression; ADO.NET calls it ColumnN.
        labels[i] = label == null || label.isEmpty() ? "Column" + (i + 1) : label;
        defs[i] = t.fieldByLabel().apply(labels[i]);
        types[i] = md.getColumnType(i + 1);
      }
      while (rs.next()) {
        ObjectNode row = rows.addObject();
        for (int i = 0; i < n; i++) {
          Object v = Values.read(rs, i + 1, types[i]);
          row.set(
              labels[i], defs[i] == null ? Values.generic(v) : Values.render(defs[i], v, nullText));
        }
      }
    }
    return rows;
  }

  private static StoreException badParameter(String message) {
    return new StoreException(400, "IncorrectQueryParameter", message);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
