/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.load;

import com.zaxxer.hikari.HikariDataSource;
import io.github.caspiojdbc.emulator.ConnectionFault;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Concurrent INSERTs, UPDATEs and DELETEs from many pooled connections while the emulator resets
 * the first fifth of the insert requests after processing them (the row is stored, the answer
 * lost), then a reconciliation with the store: every row the driver reported written is there
 * exactly once, nothing it reported failed is there, every 08007 is accounted for (row present or
 * absent, never twice), updates and deletes left exactly what they reported.
 */
final class WritesUnderResets {
  /**
   * What the reconciliation found.
   *
   * @param written inserts reported written
   * @param unknown inserts that failed with 08007 (outcome unknown, never retried)
   * @param unknownPresent of those, how many rows Caspio had stored anyway
   * @param failed inserts that failed otherwise
   * @param lost rows reported written but missing or duplicated, plus rows nobody reported, plus
   *     updates and deletes whose effect differs from what they reported; must be 0
   */
  record Result(
      int written,
      int unknown,
      int unknownPresent,
      int failed,
      Map<String, Integer> errors,
      long lost) {}

  private WritesUnderResets() {}

  static Result run(LoadWorld world, int threads, int perThread) throws Exception {
    Map<String, String> outcome = new ConcurrentHashMap<>();
    Map<String, Integer> errors = new ConcurrentHashMap<>();
    Map<String, Integer> updated = new ConcurrentHashMap<>();
    try (HikariDataSource pool = world.pool(threads)) {
      // Insert requests on any generation: v4's bulk path and v3's /records.
      world
          .emulator
          .faults()
          .dropNextAfterProcessing(
              threads * perThread / 5, ConnectionFault.CONNECTION_RESET, ".*/LoadWrites/records.*");
      ExecutorService workers = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          done.add(
              workers.submit(
                  () -> {
                    for (int i = 0; i < perThread; i++) {
                      String name = "w" + thread + "-" + i;
                      outcome.put(name, insert(pool, name, i, errors));
                    }
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        workers.shutdownNow();
      }
      world.emulator.faults().clear();
      // Updates and deletes of rows known to be there, counted exactly.
      try (Connection c = pool.getConnection()) {
        for (Map.Entry<String, String> e : outcome.entrySet()) {
          String name = e.getKey();
          if (!e.getValue().equals("written")) {
            continue;
          }
          if (name.endsWith("-0")) {
            updated.put(name, update(c, "UPDATE LoadWrites SET Qty = 999 WHERE Name = ?", name));
          } else if (name.endsWith("-1")) {
            updated.put(name, update(c, "DELETE FROM LoadWrites WHERE Name = ?", name));
          }
        }
      }
    }
    Map<String, Integer> stored = world.writtenNames();
    int written = 0;
    int unknown = 0;
    int unknownPresent = 0;
    int failed = 0;
    long lost = 0;
    for (Map.Entry<String, String> e : outcome.entrySet()) {
      String name = e.getKey();
      Integer n = stored.get(name);
      boolean deleted = name.endsWith("-1") && Integer.valueOf(1).equals(updated.get(name));
      switch (e.getValue()) {
        case "written" -> {
          written++;
          boolean ok = deleted ? n == null : Integer.valueOf(1).equals(n);
          if (!ok) {
            lost++;
          }
          if (updated.containsKey(name) && updated.get(name) != 1) {
            lost++;
          }
        }
        case "unknown" -> {
          unknown++;
          if (n != null) {
            unknownPresent++;
            if (n != 1) {
              lost++;
            }
          }
        }
        default -> {
          failed++;
          if (n != null) {
            lost++;
          }
        }
      }
    }
    for (String name : stored.keySet()) {
      if (name.startsWith("w") && !outcome.containsKey(name)) {
        lost++;
      }
    }
    return new Result(written, unknown, unknownPresent, failed, new TreeMap<>(errors), lost);
  }

  private static String insert(
      HikariDataSource pool, String name, int qty, Map<String, Integer> errors) {
    try (Connection c = pool.getConnection();
        PreparedStatement p =
            c.prepareStatement("INSERT INTO " + LoadWorld.WRITES + " (Name, Qty) VALUES (?, ?)")) {
      p.setString(1, name);
      p.setInt(2, qty);
      return p.executeUpdate() == 1 ? "written" : "failed";
    } catch (SQLException e) {
      errors.merge(String.valueOf(e.getSQLState()), 1, Integer::sum);
      return "08007".equals(e.getSQLState()) ? "unknown" : "failed";
    }
  }

  private static int update(Connection c, String sql, String name) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, name);
      return p.executeUpdate();
    }
  }
}
