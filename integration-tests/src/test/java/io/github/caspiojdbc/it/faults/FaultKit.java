/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.faults;

import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.emulator.PathKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * Shared pieces of the fault suite: emulators with sample data, driver connections to any 127.0.0.1
 * port, a row checksum that tells a clean scan from a damaged one, and request counts.
 */
final class FaultKit {
  /** OrderItems has this many rows in {@link #bigEmulator()}: ten pages of 1000. */
  static final int BIG_ROWS = 10_000;

  /** Keyset scan of all OrderItems; page k (k &ge; 2) asks for {@code PK_ID>(k-1)*1000}. */
  static final String SCAN = "SELECT * FROM OrderItems";

  private FaultKit() {}

  static CaspioEmulator bigEmulator() {
    return CaspioEmulator.builder().sampleData(7, BIG_ROWS).build().start();
  }

  static CaspioEmulator smallEmulator() {
    return CaspioEmulator.builder().sampleData(7, 200).build().start();
  }

  /** A plain-HTTP driver URL for a server on 127.0.0.1, with extra {@code &k=v} parameters. */
  static String url(int port, String extra) {
    return "jdbc:caspio://127.0.0.1:" + port + "?useHttps=false" + extra;
  }

  static Properties credentials() {
    Properties p = new Properties();
    p.setProperty("user", CaspioEmulator.DEFAULT_CLIENT_ID);
    p.setProperty("password", CaspioEmulator.DEFAULT_CLIENT_SECRET);
    return p;
  }

  static Connection connect(int port, String extra) throws SQLException {
    return DriverManager.getConnection(url(port, extra), credentials());
  }

  /** Row count and SHA-256 over every value of every row, in order. */
  record Rows(int count, String sha256) {}

  static Rows rows(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rows(rs);
    }
  }

  static Rows rows(ResultSet rs) throws SQLException {
    MessageDigest md = sha256();
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

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static long records(CaspioEmulator e) {
    return e.log().calls(PathKind.RECORDS);
  }

  static List<LoggedCall> recordCalls(CaspioEmulator e) {
    return e.log().entries().stream().filter(c -> c.kind() == PathKind.RECORDS).toList();
  }

  static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
