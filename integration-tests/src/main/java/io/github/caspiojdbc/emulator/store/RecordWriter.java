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
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes records: insert, update, delete and the password calls. Every write runs under one lock,
 * because PK_ID, autonumbers and generated values are drawn here and must stay gap-free under
 * contention; the values a body sets are checked by {@link RecordBody} before the lock is taken.
 */
final class RecordWriter {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Database db;
  private final Schema schema;
  private final RecordReader reader;
  private final Generators generators;
  private final Object writeLock;
  private final Supplier<Switches> switches;
  private final AttachmentArea attachments;

  RecordWriter(
      Database db,
      Schema schema,
      RecordReader reader,
      Generators generators,
      Object writeLock,
      Supplier<Switches> switches,
      AttachmentArea attachments) {
    this.db = db;
    this.schema = schema;
    this.reader = reader;
    this.generators = generators;
    this.writeLock = writeLock;
    this.switches = switches;
    this.attachments = attachments;
  }

  ArrayNode insert(ObjectKind kind, String name, ObjectNode body) {
    Target t = schema.target(kind, name).requireWritable();
    if (body == null) {
      throw new StoreException(400, "IncorrectBodyParameter", "A JSON object body is required");
    }
    Map<FieldDef, Object> given = RecordBody.values(t, body, true, switches.get());
    long pk;
    synchronized (writeLock) {
      pk = insertRow(t.table(), given);
    }
    return reader.rowsByKey(t, new Long[] {pk});
  }

  WriteResult update(
      ObjectKind kind, String name, String where, ObjectNode body, boolean returnRows) {
    Target t = schema.target(kind, name).requireWritable();
    requireWhere(where);
    if (body == null || body.isEmpty()) {
      throw new StoreException(
          400, "IncorrectBodyParameter", "The request body must set at least one field");
    }
    Map<FieldDef, Object> given = RecordBody.values(t, body, false, switches.get());
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
      StringBuilder sql = new StringBuilder("UPDATE ").append(SqlToken.quote(table.name()));
      String sep = " SET ";
      for (FieldDef f : set.keySet()) {
        sql.append(sep).append(SqlToken.quote(f.name())).append(" = ?");
        sep = ", ";
      }
      sql.append(" WHERE \"PK_ID\" = ANY(?)");
      Connection c = db.lease();
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
    return new WriteResult(count, returnRows ? reader.rowsByKey(t, keys) : JSON.arrayNode());
  }

  int delete(ObjectKind kind, String name, String where) {
    Target t = schema.target(kind, name).requireWritable();
    requireWhere(where);
    String selection = selection(t, where);
    TableModel table = t.table();
    synchronized (writeLock) {
      Long[] keys;
      int count;
      Connection c = db.lease();
      try {
        c.setAutoCommit(false);
        // The keys are read first so that the deleted records' attachments can go with them.
        keys = keys(c, selection);
        try (PreparedStatement p =
            c.prepareStatement(
                "DELETE FROM " + SqlToken.quote(table.name()) + " WHERE \"PK_ID\" = ANY(?)")) {
          p.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
          p.setObject(1, keys);
          count = p.executeUpdate();
        }
        c.commit();
      } catch (SQLException e) {
        throw SqlErrors.translate(e, table);
      } finally {
        db.release(c);
      }
      attachments.removeRecords(table, keys);
      return count;
    }
  }

  /**
   * Sets ({@code hash} non-null) or clears the password of every record matching {@code where}.
   *
   * @throws StoreException 404 {@code ObjectNotFound} when {@code field} is not a password field
   */
  int writePassword(String tableName, String field, String where, String hash) {
    TableModel t = schema.table(tableName);
    FieldDef f = t.field(field);
    if (f == null || f.type() != FieldType.PASSWORD) {
      throw new StoreException(
          404, "ObjectNotFound", "Password field '" + field + "' not found in " + t.name());
    }
    requireWhere(where);
    String w = schema.rewriter().rewrite(where, Clause.WHERE, null);
    synchronized (writeLock) {
      Connection c = db.lease();
      try (PreparedStatement p =
          c.prepareStatement(
              "UPDATE "
                  + SqlToken.quote(t.name())
                  + " SET "
                  + SqlToken.quote(f.name())
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

  private long insertRow(TableModel table, Map<FieldDef, Object> given) {
    List<FieldDef> cols = new ArrayList<>();
    for (FieldDef f : table.def.fields()) {
      if (f.formula() == null) {
        cols.add(f);
      }
    }
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(SqlToken.quote(table.name()));
    sql.append(" (\"PK_ID\"");
    cols.forEach(f -> sql.append(", ").append(SqlToken.quote(f.name())));
    sql.append(") VALUES (?").append(", ?".repeat(cols.size())).append(')');
    Connection c = db.lease();
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

  /** SQL selecting the base-table PK_IDs of the records matching {@code where}. */
  private String selection(Target t, String where) {
    return RecordReader.keySelection(schema, t, where);
  }

  private static Long[] keys(Connection c, String selection) throws SQLException {
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

  private static void requireWhere(String where) {
    if (where == null || where.isBlank()) {
      throw new StoreException(
          400, "IncorrectQueryParameter", "q.where is required for this operation");
    }
  }
}
