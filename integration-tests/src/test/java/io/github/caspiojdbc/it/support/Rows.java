/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

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

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
