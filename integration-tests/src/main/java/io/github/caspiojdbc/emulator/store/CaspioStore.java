/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.caspiojdbc.emulator.store.FragmentRewriter.Clause;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * One emulated Caspio account: its tables, views and records, with Caspio's REST semantics
 * (caspio-api.md sections 3-7) and none of its HTTP. Fragments of {@code q.where}, {@code
 * q.select}, {@code q.groupBy} and {@code q.orderBy} are validated by {@link FragmentRewriter} and
 * evaluated by H2 in MSSQLServer mode with case-insensitive text; paging runs in the engine as
 * OFFSET/FETCH. Thread-safe: reads run concurrently on pooled connections; writes are serialized so
 * that PK_ID and autonumber counters stay gap-free under contention.
 *
 * <p>SQL Server semantics reproduced on top of H2: case-insensitive names and text (IGNORECASE,
 * also for the results of string functions); trailing blanks ignored when a text field is compared
 * with a literal ({@code =}, {@code <>}, {@code IN}), in LIKE, and when a text field is a plain
 * GROUP BY item; LIKE bracket classes and a literal backslash; one NULL per unique index unless
 * UniqueAllowNulls.
 *
 * <p>Known differences, by H2's limits: trailing blanks still count in DISTINCT, ORDER BY and
 * field-to-field comparisons; {@code LEN} counts trailing blanks; T-SQL functions H2 lacks ({@code
 * DATEPART}, {@code IIF}, {@code FORMAT}, …) and date literals H2 cannot parse ({@code
 * '01/31/2024'}) answer 400 {@code SqlServerError}; {@code GETDATE()} is UTC; a view is
 * materialized by H2 for every query, so paging a large view costs a scan of it.
 */
public final class CaspioStore implements AutoCloseable {
  /** Seconds before a statement is cancelled (answered as 400 SqlServerError). */
  static final int QUERY_TIMEOUT_SECONDS = 30;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_ROWS = 1000;
  private static final int DEFAULT_PAGE_SIZE = 25;
  private static final int MIN_PAGE_SIZE = 5;

  private final Database db = new Database();
  private final Generators generators;
  private final Object writeLock = new Object();
  private final Map<String, TableModel> tables = new ConcurrentHashMap<>();
  private final Map<String, ViewModel> views = new ConcurrentHashMap<>();
  private final List<String> tableOrder = new CopyOnWriteArrayList<>();
  private final List<String> viewOrder = new CopyOnWriteArrayList<>();
  private volatile Names names = new Names(Map.of(), Map.of(), Set.of(), Set.of());

  /** The names fragments may use, rebuilt whenever the schema changes. */
  private record Names(
      Map<String, String> fields,
      Map<String, String> objects,
      Set<String> passwords,
      Set<String> textFields) {}

  /** What a records call addresses: a table, or a view and its base table. */
  private record Target(
      String sqlName,
      String star,
      String keyColumn,
      String defaultOrder,
      TableModel table,
      ViewModel view,
      Function<String, FieldDef> fieldByLabel) {}

  CaspioStore(Clock clock, Random random) {
    this.generators = new Generators(random, clock);
  }

  /** An empty account. */
  public static CaspioStore inMemory() {
    return new CaspioStore(Clock.systemUTC(), new SecureRandom());
  }

  /**
   * An account holding the sample application described in {@link SampleData}, identical for equal
   * arguments.
   *
   * @param seed seed of every generated value
   * @param largestTableRows rows of the largest table (OrderItems); the others scale with it
   */
  public static CaspioStore withSampleData(long seed, int largestTableRows) {
    CaspioStore store = new CaspioStore(Clock.systemUTC(), new Random(seed));
    try {
      SampleData.populate(store, seed, largestTableRows);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /** Table names in declared casing, in creation order. */
  public List<String> tableNames() {
    return List.copyOf(tableOrder);
  }

  /** View names in declared casing, in creation order. */
  public List<String> viewNames() {
    return List.copyOf(viewOrder);
  }

  /**
   * {@code {"Name":…,"Note":…}} of a table or view.
   *
   * @throws StoreException 404 {@code ObjectNotFound} for an unknown name
   */
  public ObjectNode describe(ObjectKind kind, String name) {
    ObjectNode o = JSON.objectNode();
    if (kind == ObjectKind.TABLE) {
      TableModel t = table(name);
      o.put("Name", t.name());
      o.put("Note", t.def.note());
    } else {
      ViewModel v = view(name);
      o.put("Name", v.name());
      o.put("Note", v.def.note());
    }
    return o;
  }

  /**
   * Field definitions in display order ({@code PK_ID} is never listed).
   *
   * @throws StoreException 404 {@code ObjectNotFound} for an unknown name
   */
  public ArrayNode fields(ObjectKind kind, String name, ApiVersion version) {
    return kind == ObjectKind.TABLE
        ? FieldJson.table(table(name), version)
        : FieldJson.view(view(name), version);
  }

  /** Names of the table's PASSWORD fields. */
  public List<String> passwordFields(String table) {
    List<String> out = new ArrayList<>();
    table(table).passwordFields().forEach(f -> out.add(f.name()));
    return out;
  }

  /**
   * {@code GET …/records}.
   *
   * @throws StoreException 404 for an unknown object; 400 {@code IncorrectQueryParameter} for
   *     paging out of range or a refused fragment; 400 {@code SqlServerError} when the engine
   *     rejects the query; 500 for an unknown name in {@code q.select}
   */
  public RecordPage query(ObjectKind kind, String name, RecordQuery q) {
    Target t = target(kind, name);
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
    } else {
      size = q.limit() == null ? DEFAULT_LIMIT : q.limit();
      if (size < 1 || size > MAX_ROWS) {
        throw badParameter("q.limit must be between 1 and 1000");
      }
    }
    FragmentRewriter rw = rewriter();
    for (String f : new String[] {q.select(), q.where(), q.groupBy(), q.orderBy()}) {
      rw.collectAliases(f);
    }
    rw.prepareGrouping(q.groupBy());
    boolean customSelect = !blank(q.select());
    String select = customSelect ? rw.rewrite(q.select(), Clause.SELECT, t.star()) : t.star();
    StringBuilder from = new StringBuilder(" FROM ").append(FragmentRewriter.quote(t.sqlName()));
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
    Connection c = borrow();
    try {
      ArrayNode rows;
      try (PreparedStatement p = c.prepareStatement(sql)) {
        p.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
        p.setLong(1, paging ? (long) (pageNumber - 1) * size : 0L);
        p.setInt(2, size);
        rows = render(p, t);
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

  /**
   * {@code POST …/records}: inserts one record.
   *
   * @return the inserted row as {@code response=rows} shows it (an array of one; empty when a
   *     view's filter excludes the new row)
   * @throws StoreException 404 {@code FieldNotFound} for an unknown key, 400 {@code
   *     AlterReadOnlyData} for a generated field, 400 {@code InvalidInputValue} for a value of the
   *     wrong type, 400 {@code SqlServerError} for a unique violation; the whole insert is then
   *     rejected
   */
  public ArrayNode insert(ObjectKind kind, String name, ObjectNode body) {
    Target t = writableTarget(kind, name);
    if (body == null) {
      throw new StoreException(400, "IncorrectBodyParameter", "A JSON object body is required");
    }
    Map<FieldDef, Object> given = convert(resolveBody(t, body, true));
    TableModel table = t.table();
    long pk;
    synchronized (writeLock) {
      pk = insertRow(table, given);
    }
    return rowsByKey(t, new Long[] {pk});
  }

  /**
   * {@code PUT …/records}: updates every record matching {@code where}.
   *
   * @throws StoreException as {@link #insert}, plus 400 {@code IncorrectQueryParameter} for a blank
   *     where and 400 {@code IncorrectBodyParameter} for an empty body or a password field
   */
  public WriteResult update(
      ObjectKind kind, String name, String where, ObjectNode body, boolean returnRows) {
    Target t = writableTarget(kind, name);
    requireWhere(where);
    if (body == null || body.isEmpty()) {
      throw new StoreException(
          400, "IncorrectBodyParameter", "The request body must set at least one field");
    }
    Map<FieldDef, Object> given = convert(resolveBody(t, body, false));
    String selection = selection(t, where);
    TableModel table = t.table();
    Long[] keys;
    int count;
    synchronized (writeLock) {
      Map<FieldDef, Object> set = new LinkedHashMap<>(given);
      for (FieldDef f : table.def.fields()) {
        if (f.type() == FieldType.TIMESTAMP && f.onUpdate()) {
          set.put(f, generators.now(f));
        }
      }
      StringBuilder sql = new StringBuilder("UPDATE ").append(FragmentRewriter.quote(table.name()));
      String sep = " SET ";
      for (FieldDef f : set.keySet()) {
        sql.append(sep).append(FragmentRewriter.quote(f.name())).append(" = ?");
        sep = ", ";
      }
      sql.append(" WHERE \"PK_ID\" = ANY(?)");
      Connection c = borrow();
      try {
        c.setAutoCommit(false);
        keys = keys(c, selection);
        try (PreparedStatement p = c.prepareStatement(sql.toString())) {
          p.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
          int i = 1;
          for (Object v : set.values()) {
            p.setObject(i++, v);
          }
          p.setObject(i, keys);
          count = p.executeUpdate();
        }
        c.commit();
      } catch (SQLException e) {
        throw SqlErrors.translate(e, table);
      } finally {
        db.release(c);
      }
    }
    return new WriteResult(count, returnRows ? rowsByKey(t, keys) : JSON.arrayNode());
  }

  /**
   * {@code DELETE …/records}: deletes every record matching {@code where}.
   *
   * @return the number of records deleted (0 is a success)
   */
  public int delete(ObjectKind kind, String name, String where) {
    Target t = writableTarget(kind, name);
    requireWhere(where);
    String selection = selection(t, where);
    synchronized (writeLock) {
      return execute(
          "DELETE FROM "
              + FragmentRewriter.quote(t.table().name())
              + " WHERE \"PK_ID\" IN ("
              + selection
              + ")",
          t.table());
    }
  }

  /**
   * {@code PUT …/passwordFields/{field}}: sets the password of every matching record.
   *
   * @throws StoreException 404 {@code ObjectNotFound} when {@code field} is not a password field
   */
  public int setPassword(String table, String field, String where, String value) {
    if (value == null) {
      throw new StoreException(400, "IncorrectBodyParameter", "Value is required");
    }
    return writePassword(table, field, where, Values.hashPassword(value));
  }

  /** {@code DELETE …/passwordFields/{field}}: clears the password of every matching record. */
  public int resetPassword(String table, String field, String where) {
    return writePassword(table, field, where, null);
  }

  private int writePassword(String tableName, String field, String where, String hash) {
    TableModel t = table(tableName);
    FieldDef f = t.field(field);
    if (f == null || f.type() != FieldType.PASSWORD) {
      throw new StoreException(
          404, "ObjectNotFound", "Password field '" + field + "' not found in " + t.name());
    }
    requireWhere(where);
    String w = rewriter().rewrite(where, Clause.WHERE, null);
    synchronized (writeLock) {
      Connection c = borrow();
      try (PreparedStatement p =
          c.prepareStatement(
              "UPDATE "
                  + FragmentRewriter.quote(t.name())
                  + " SET "
                  + FragmentRewriter.quote(f.name())
                  + " = ? WHERE ("
                  + w
                  + ")")) {
        p.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
        p.setObject(1, hash);
        return p.executeUpdate();
      } catch (SQLException e) {
        throw SqlErrors.translate(e, t);
      } finally {
        db.release(c);
      }
    }
  }

  /**
   * Creates a table.
   *
   * @throws IllegalArgumentException when the name is taken or a formula is invalid
   */
  public void createTable(TableDef def) {
    synchronized (writeLock) {
      String key = def.name().toLowerCase(Locale.ROOT);
      if (tables.containsKey(key) || views.containsKey(key)) {
        throw new IllegalArgumentException("Object already exists: " + def.name());
      }
      TableModel t = new TableModel(def);
      Map<String, String> formulas = new HashMap<>();
      Map<String, String> own = new HashMap<>();
      own.put("pk_id", "PK_ID");
      def.fields().forEach(f -> own.put(f.name().toLowerCase(Locale.ROOT), f.name()));
      for (FieldDef f : def.fields()) {
        if (f.formula() != null) {
          FragmentRewriter rw = new FragmentRewriter(own, Map.of(), Set.of(), Set.of());
          formulas.put(f.name(), rw.rewrite(f.formula(), Clause.DEFINITION, null));
        }
      }
      try {
        db.ddl(t.ddl(Database.SCHEMA, formulas));
      } catch (SQLException e) {
        throw new IllegalArgumentException("Cannot create table " + def.name(), e);
      }
      tables.put(key, t);
      tableOrder.add(def.name());
      rebuildNames();
    }
  }

  /**
   * Creates a view over existing tables.
   *
   * @throws IllegalArgumentException for unknown tables or fields, password fields or a bad filter
   */
  public void createView(ViewDef def) {
    synchronized (writeLock) {
      String key = def.name().toLowerCase(Locale.ROOT);
      if (tables.containsKey(key) || views.containsKey(key)) {
        throw new IllegalArgumentException("Object already exists: " + def.name());
      }
      List<TableModel> parts = new ArrayList<>();
      Map<String, String> objects = new HashMap<>();
      Map<String, String> fieldNames = new HashMap<>();
      fieldNames.put("pk_id", "PK_ID");
      for (String tn : def.tables()) {
        TableModel t = table(tn);
        parts.add(t);
        objects.put(t.name().toLowerCase(Locale.ROOT), t.name());
        t.def.fields().forEach(f -> fieldNames.put(f.name().toLowerCase(Locale.ROOT), f.name()));
      }
      List<ViewModel.ViewField> fields = new ArrayList<>();
      for (ViewDef.Column col : def.fields()) {
        TableModel t = table(col.table());
        if (!parts.contains(t)) {
          throw new IllegalArgumentException(col.table() + " is not part of view " + def.name());
        }
        FieldDef f = t.field(col.field());
        if (f == null || f.type() == FieldType.PASSWORD) {
          throw new IllegalArgumentException("Cannot expose " + col.table() + "." + col.field());
        }
        fields.add(new ViewModel.ViewField(col.name(), t, f));
      }
      ViewModel v = new ViewModel(def, parts, fields);
      String filter =
          def.filter() == null
              ? null
              : new FragmentRewriter(fieldNames, objects, Set.of(), textNames(parts))
                  .rewrite(def.filter(), Clause.DEFINITION, null);
      try {
        db.ddl(v.ddl(Database.SCHEMA, filter));
      } catch (SQLException e) {
        throw new IllegalArgumentException("Cannot create view " + def.name(), e);
      }
      views.put(key, v);
      viewOrder.add(def.name());
      rebuildNames();
    }
  }

  /** Number of records in a table. */
  public long rowCount(String table) {
    TableModel t = table(table);
    Connection c = borrow();
    try (PreparedStatement p =
            c.prepareStatement("SELECT COUNT(*) FROM " + FragmentRewriter.quote(t.name()));
        ResultSet rs = p.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw SqlErrors.translate(e, t);
    } finally {
      db.release(c);
    }
  }

  @Override
  public void close() {
    db.close();
  }

  // ---------------------------------------------------------------- package-private helpers

  /**
   * Bulk-loads rows without validation (sample data). Each row holds PK_ID then one value per
   * non-formula field, in field order; counters continue after the largest values loaded.
   */
  void load(String tableName, Iterator<Object[]> rows) {
    TableModel t = table(tableName);
    List<FieldDef> cols = new ArrayList<>();
    StringBuilder sql = new StringBuilder("INSERT INTO \"").append(Database.SCHEMA);
    sql.append("\".").append(FragmentRewriter.quote(t.name())).append(" (\"PK_ID\"");
    for (FieldDef f : t.def.fields()) {
      if (f.formula() == null) {
        cols.add(f);
        sql.append(", ").append(FragmentRewriter.quote(f.name()));
      }
    }
    sql.append(") VALUES (?").append(", ?".repeat(cols.size())).append(')');
    synchronized (writeLock) {
      Connection c = db.admin();
      synchronized (db) {
        try (PreparedStatement p = c.prepareStatement(sql.toString())) {
          c.setAutoCommit(false);
          long maxPk = 0;
          Map<FieldDef, Long> maxCounter = new HashMap<>();
          int batch = 0;
          while (rows.hasNext()) {
            Object[] row = rows.next();
            maxPk = Math.max(maxPk, (Long) row[0]);
            p.setObject(1, row[0]);
            for (int i = 0; i < cols.size(); i++) {
              p.setObject(i + 2, row[i + 1]);
              FieldDef f = cols.get(i);
              if (f.type() == FieldType.AUTONUMBER && row[i + 1] != null) {
                maxCounter.merge(f, ((Number) row[i + 1]).longValue(), Math::max);
              } else if (f.type() == FieldType.PREFIXED_AUTONUMBER && row[i + 1] != null) {
                String s = ((String) row[i + 1]).substring(f.prefix().length());
                maxCounter.merge(f, Long.parseLong(s), Math::max);
              }
            }
            p.addBatch();
            if (++batch % 1000 == 0) {
              p.executeBatch();
            }
            if (batch % 50_000 == 0) {
              c.commit();
            }
          }
          p.executeBatch();
          c.commit();
          t.nextPkId.accumulateAndGet(maxPk + 1, Math::max);
          maxCounter.forEach((f, max) -> t.counter(f).accumulateAndGet(max + 1, Math::max));
        } catch (SQLException e) {
          throw SqlErrors.translate(e, t);
        } finally {
          try {
            c.setAutoCommit(true);
          } catch (SQLException ignored) {
            // The admin connection stays usable for DDL either way.
          }
        }
      }
    }
  }

  /** Whether {@code clear} is the stored password of record {@code pkId} (tests only). */
  boolean passwordMatches(String tableName, String field, long pkId, String clear) {
    TableModel t = table(tableName);
    FieldDef f = t.field(field);
    Connection c = borrow();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT "
                + FragmentRewriter.quote(f.name())
                + " FROM "
                + FragmentRewriter.quote(t.name())
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

  // ---------------------------------------------------------------- internals

  private long insertRow(TableModel table, Map<FieldDef, Object> given) {
    List<FieldDef> cols = new ArrayList<>();
    for (FieldDef f : table.def.fields()) {
      if (f.formula() == null) {
        cols.add(f);
      }
    }
    StringBuilder sql =
        new StringBuilder("INSERT INTO ").append(FragmentRewriter.quote(table.name()));
    sql.append(" (\"PK_ID\"");
    cols.forEach(f -> sql.append(", ").append(FragmentRewriter.quote(f.name())));
    sql.append(") VALUES (?").append(", ?".repeat(cols.size())).append(')');
    Connection c = borrow();
    try {
      for (int attempt = 0; ; attempt++) {
        long pk = table.nextPkId.getAndIncrement();
        try (PreparedStatement p = c.prepareStatement(sql.toString())) {
          p.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
          p.setLong(1, pk);
          int i = 2;
          for (FieldDef f : cols) {
            p.setObject(i++, valueForInsert(table, f, given));
          }
          p.executeUpdate();
          return pk;
        } catch (SQLException e) {
          // A collision of a generated Random ID or GUID: draw again, as the server would.
          if (attempt < 5 && "23505".equals(e.getSQLState()) && generatedCollision(table, e)) {
            continue;
          }
          throw SqlErrors.translate(e, table);
        }
      }
    } finally {
      db.release(c);
    }
  }

  private boolean generatedCollision(TableModel table, SQLException e) {
    for (FieldDef f : table.def.fields()) {
      if ((f.type() == FieldType.RANDOM_ID || f.type() == FieldType.GUID)
          && String.valueOf(e.getMessage()).contains(table.uniqueConstraint(f) + " ")) {
        return true;
      }
    }
    return false;
  }

  private Object valueForInsert(TableModel table, FieldDef f, Map<FieldDef, Object> given) {
    switch (f.type()) {
      case AUTONUMBER:
        return (int) table.counter(f).getAndIncrement();
      case PREFIXED_AUTONUMBER:
        return Generators.prefixed(f, table.counter(f).getAndIncrement());
      case GUID:
        return generators.guid();
      case RANDOM_ID:
        return generators.randomId(f);
      case TIMESTAMP:
        return f.onInsert() ? generators.now(f) : null;
      default:
        if (given.containsKey(f)) {
          return given.get(f);
        }
        // Unique text stays NULL so that UniqueAllowNulls can admit several unset rows.
        if (f.type().isText() && !f.unique()) {
          return "";
        }
        return f.type() == FieldType.YES_NO ? Boolean.FALSE : null;
    }
  }

  /** Body keys to fields, rejecting the whole body on the first bad key. */
  private Map<FieldDef, JsonNode> resolveBody(Target t, ObjectNode body, boolean insert) {
    Map<FieldDef, JsonNode> out = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      String key = e.getKey();
      String lower = key.toLowerCase(Locale.ROOT);
      if (!seen.add(lower)) {
        throw new StoreException(
            400, "IncorrectBodyParameter", "Field '" + key + "' appears more than once");
      }
      if (lower.equals("pk_id") || lower.startsWith("_pk_id_")) {
        throw readOnly(key);
      }
      FieldDef f;
      if (t.view() != null) {
        ViewModel.ViewField vf = t.view().field(key);
        f = vf == null ? null : vf.field();
      } else {
        f = t.table().field(key);
      }
      if (f == null) {
        throw new StoreException(
            404, "FieldNotFound", "Field '" + key + "' does not exist in " + t.sqlName());
      }
      if (f.readOnly()) {
        throw readOnly(key);
      }
      if (f.type() == FieldType.PASSWORD && !insert) {
        throw new StoreException(
            400,
            "IncorrectBodyParameter",
            "Password field '" + key + "' can only be changed through passwordFields");
      }
      out.put(f, e.getValue());
    }
    return out;
  }

  private static Map<FieldDef, Object> convert(Map<FieldDef, JsonNode> body) {
    Map<FieldDef, Object> out = new LinkedHashMap<>();
    body.forEach((f, v) -> out.put(f, Values.fromJson(f, v)));
    return out;
  }

  private static StoreException readOnly(String key) {
    return new StoreException(
        400, "AlterReadOnlyData", "Field '" + key + "' is read-only and cannot be written");
  }

  /** SQL selecting the base-table PK_IDs of the records matching {@code where}. */
  private String selection(Target t, String where) {
    String w = rewriter().rewrite(where, Clause.WHERE, null);
    return "SELECT "
        + FragmentRewriter.quote(t.keyColumn())
        + " FROM "
        + FragmentRewriter.quote(t.sqlName())
        + " WHERE ("
        + w
        + ")";
  }

  private Long[] keys(Connection c, String selection) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(selection)) {
      p.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids.toArray(new Long[0]);
  }

  private int execute(String sql, TableModel table) {
    Connection c = borrow();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      return p.executeUpdate();
    } catch (SQLException e) {
      throw SqlErrors.translate(e, table);
    } finally {
      db.release(c);
    }
  }

  /** The rows with the given base PK_IDs, as the target renders them, in key order. */
  private ArrayNode rowsByKey(Target t, Long[] keys) {
    if (keys.length == 0) {
      return JSON.arrayNode();
    }
    String key = FragmentRewriter.quote(t.keyColumn());
    String sql =
        "SELECT "
            + t.star()
            + " FROM "
            + FragmentRewriter.quote(t.sqlName())
            + " WHERE "
            + key
            + " = ANY(?) ORDER BY "
            + t.defaultOrder();
    Connection c = borrow();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      p.setObject(1, keys);
      return render(p, t);
    } catch (SQLException e) {
      throw SqlErrors.translate(e, null);
    } finally {
      db.release(c);
    }
  }

  private ArrayNode render(PreparedStatement p, Target t) throws SQLException {
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
          row.set(labels[i], defs[i] == null ? Values.generic(v) : Values.render(defs[i], v));
        }
      }
    }
    return rows;
  }

  private Target target(ObjectKind kind, String name) {
    if (kind == ObjectKind.TABLE) {
      TableModel t = table(name);
      return new Target(
          t.name(), t.starColumns(), "PK_ID", "\"PK_ID\"", t, null, label -> t.field(label));
    }
    ViewModel v = view(name);
    return new Target(
        v.name(),
        v.starColumns(),
        ViewModel.ORDER_COLUMN,
        // The base table's PK_ID alone keeps H2 on the base table's primary-key order.
        "\"" + ViewModel.ORDER_COLUMN + "\"",
        v.baseTable(),
        v,
        label -> {
          ViewModel.ViewField f = v.field(label);
          return f == null ? null : f.asViewField();
        });
  }

  private Target writableTarget(ObjectKind kind, String name) {
    Target t = target(kind, name);
    if (t.view() != null && !t.view().writable()) {
      // Strict choice: Caspio refuses writes through multi-table views unless a table was made
      // editable in the view designer, which this emulator does not model.
      throw new StoreException(
          400,
          "AlterReadOnlyData",
          "View '" + t.view().name() + "' joins several tables and is read-only");
    }
    return t;
  }

  private TableModel table(String name) {
    TableModel t = name == null ? null : tables.get(name.toLowerCase(Locale.ROOT));
    if (t == null) {
      throw new StoreException(404, "ObjectNotFound", "Cannot find table '" + name + "'");
    }
    return t;
  }

  private ViewModel view(String name) {
    ViewModel v = name == null ? null : views.get(name.toLowerCase(Locale.ROOT));
    if (v == null) {
      throw new StoreException(404, "ObjectNotFound", "Cannot find view '" + name + "'");
    }
    return v;
  }

  private FragmentRewriter rewriter() {
    Names n = names;
    return new FragmentRewriter(n.fields(), n.objects(), n.passwords(), n.textFields());
  }

  private void rebuildNames() {
    Map<String, String> fields = new HashMap<>();
    Map<String, String> objects = new HashMap<>();
    Set<String> passwords = new HashSet<>();
    fields.put("pk_id", "PK_ID");
    for (String tn : tableOrder) {
      TableModel t = tables.get(tn.toLowerCase(Locale.ROOT));
      objects.put(tn.toLowerCase(Locale.ROOT), t.name());
      for (FieldDef f : t.def.fields()) {
        String lower = f.name().toLowerCase(Locale.ROOT);
        if (f.type() == FieldType.PASSWORD) {
          passwords.add(lower);
        } else {
          fields.putIfAbsent(lower, f.name());
        }
      }
    }
    for (String vn : viewOrder) {
      ViewModel v = views.get(vn.toLowerCase(Locale.ROOT));
      objects.put("_v_" + vn.toLowerCase(Locale.ROOT), v.name());
      v.fields.forEach(f -> fields.putIfAbsent(f.name().toLowerCase(Locale.ROOT), f.name()));
      v.tableKeyColumns().forEach(k -> fields.putIfAbsent(k.toLowerCase(Locale.ROOT), k));
    }
    Set<String> text = new HashSet<>();
    Set<String> other = new HashSet<>();
    for (String tn : tableOrder) {
      for (FieldDef f : tables.get(tn.toLowerCase(Locale.ROOT)).def.fields()) {
        (isText(f) ? text : other).add(f.name().toLowerCase(Locale.ROOT));
      }
    }
    for (String vn : viewOrder) {
      for (ViewModel.ViewField f : views.get(vn.toLowerCase(Locale.ROOT)).fields) {
        (isText(f.field()) ? text : other).add(f.name().toLowerCase(Locale.ROOT));
      }
    }
    text.removeAll(other);
    names =
        new Names(Map.copyOf(fields), Map.copyOf(objects), Set.copyOf(passwords), Set.copyOf(text));
  }

  /** Names that denote a text field in every table declaring them. */
  private static Set<String> textNames(List<TableModel> in) {
    Set<String> text = new HashSet<>();
    Set<String> other = new HashSet<>();
    for (TableModel t : in) {
      for (FieldDef f : t.def.fields()) {
        (isText(f) ? text : other).add(f.name().toLowerCase(Locale.ROOT));
      }
    }
    text.removeAll(other);
    return text;
  }

  private static boolean isText(FieldDef f) {
    return f.formula() == null
        && (f.type().isText()
            || f.type() == FieldType.FILE
            || f.type() == FieldType.RANDOM_ID
            || f.type() == FieldType.PREFIXED_AUTONUMBER
            || f.type() == FieldType.GUID);
  }

  private Connection borrow() {
    try {
      return db.borrow();
    } catch (SQLException e) {
      throw new StoreException(500, "InternalError", "Emulator database unavailable");
    }
  }

  private static void requireWhere(String where) {
    if (blank(where)) {
      throw badParameter("q.where is required for this operation");
    }
  }

  private static StoreException badParameter(String message) {
    return new StoreException(400, "IncorrectQueryParameter", message);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
