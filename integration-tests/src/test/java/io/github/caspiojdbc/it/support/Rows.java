/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.support;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Row count and SHA-256 over every value of every row, in order: tells a clean scan from a damaged
 * one.
 */
public record Rows(int count, String sha256) {

  /** Runs {@code sql} on {@code c} and sums up its rows. */
  public static Rows of(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return of(rs);
    }
  }

  /** Reads {@code rs} to the end and sums up its rows. */
  public static Rows of(ResultSet rs) throws SQLException {
    MessageDigest md = newDigest();
    ResultSetMetaData md0 = rs.getMetaData();
    int n = 0;
    while (rs.next()) {
      n++;
      for (int i = 1; i <= md0.getColumnCount(); i++) {
        String v = rs.getString(i);
        md.update((v == null ? "\u0000null" : v).getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0x1f);
      }
      md.update((byte) 0x1e);
    }
    return new Rows(n, HexFormat.of().formatHex(md.digest()));
  }

  /**
   * Runs {@code sql} on {@code conn} and renders each row as its values joined by {@code " | "},
   * decimals without trailing zeros, so that results of different plans compare as text.
   */
  public static List<String> lines(Connection conn, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          if (v instanceof BigDecimal d) {
            v = d.stripTrailingZeros().toPlainString();
          }
          b.append(i > 1 ? " | " : "").append(v);
        }
        out.add(b.toString());
      }
    }
    return out;
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
