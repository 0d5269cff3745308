/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * The mixed operations of a load level, chosen by the operation's number so every run is the same:
 * point lookups (3 in 10), filtered aggregates (2), a small full scan (1), a metadata listing (1)
 * and single-row INSERTs into {@link LoadWorld#WRITES} (3). Each read is compared with the {@link
 * Oracle}; a mismatch is a wrong result, never an error.
 */
final class Workload {
  /** What one operation was. */
  enum Kind {
    LOOKUP,
    AGGREGATE,
    SCAN,
    METADATA,
    INSERT
  }

  private final Oracle oracle;
  private final List<Long> customerKeys;

  Workload(Oracle oracle) {
    this.oracle = oracle;
    this.customerKeys = oracle.customerNames.keySet().stream().sorted().toList();
  }

  static Kind kind(int op) {
    return switch (op % 10) {
      case 0, 1, 2 -> Kind.LOOKUP;
      case 3, 4 -> Kind.AGGREGATE;
      case 5 -> Kind.SCAN;
      case 6 -> Kind.METADATA;
      default -> Kind.INSERT;
    };
  }

  /**
   * Runs operation {@code op} of the level named {@code tag}.
   *
   * @return whether the answer was right (an INSERT is right when it reports one row)
   */
  boolean run(Connection c, String tag, int op) throws SQLException {
    return switch (kind(op)) {
      case LOOKUP -> lookup(c, customerKeys.get((int) ((op * 7919L) % customerKeys.size())));
      case AGGREGATE -> aggregate(c, op % 5);
      case SCAN -> scan(c);
      case METADATA -> metadata(c);
      case INSERT -> insert(c, tag + "-" + op, op);
    };
  }

  private boolean lookup(Connection c, long key) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT Name FROM Customers WHERE PK_ID = ?")) {
      p.setLong(1, key);
      try (ResultSet rs = p.executeQuery()) {
        boolean one = rs.next();
        String name = one ? rs.getString(1) : null;
        return one && !rs.next() && Objects.equals(name, oracle.customerNames.get(key));
      }
    }
  }

  private boolean aggregate(Connection c, int above) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT COUNT(*) FROM OrderItems WHERE Quantity > ?")) {
      p.setInt(1, above);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() && rs.getLong(1) == oracle.itemsAbove[above];
      }
    }
  }

  private boolean scan(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT PK_ID FROM Products");
        ResultSet rs = p.executeQuery()) {
      long n = 0;
      long sum = 0;
      while (rs.next()) {
        n++;
        sum += rs.getLong(1);
      }
      return n == oracle.products && sum == oracle.productKeySum;
    }
  }

  private boolean metadata(Connection c) throws SQLException {
    int n = 0;
    try (ResultSet rs = c.getMetaData().getColumns(null, null, "Orders", "%")) {
      while (rs.next()) {
        n++;
      }
    }
    return n == oracle.orderColumns;
  }

  private static boolean insert(Connection c, String name, int op) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("INSERT INTO " + LoadWorld.WRITES + " (Name, Qty) VALUES (?, ?)")) {
      p.setString(1, name);
      p.setInt(2, op);
      return p.executeUpdate() == 1;
    }
  }
}
