/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Loads sample rows straight into a table, without the validation or generated values of a client
 * insert. Apart from {@link RecordWriter} because it trusts its input, runs on the administrator
 * connection in large batches, and must afterwards move the table's counters past what it loaded.
 */
final class BulkLoad {
  private BulkLoad() {}

  /**
   * Each row holds PK_ID then one value per non-formula field, in field order; counters continue
   * after the largest values loaded.
   *
   * @param writeLock held for the whole load, so no client write draws a counter meanwhile
   */
  static void load(Database db, Object writeLock, TableModel t, Iterator<Object[]> rows) {
    List<FieldDef> cols = new ArrayList<>();
    StringBuilder sql = new StringBuilder("INSERT INTO \"").append(Database.SCHEMA);
    sql.append("\".").append(SqlToken.quote(t.name())).append(" (\"PK_ID\"");
    for (FieldDef f : t.def.fields()) {
      if (f.formula() == null) {
        cols.add(f);
        sql.append(", ").append(SqlToken.quote(f.name()));
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
}
