/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.bench;

import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.emulator.store.FieldDef;
import io.github.caspiojdbc.emulator.store.FieldType;
import io.github.caspiojdbc.emulator.store.TableDef;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * The emulator the run measures against, the driver URL that reaches it, and the bare baseline
 * client; also reads the emulator's request log, which is the one place calls and bytes are counted
 * for driver and baseline alike.
 */
final class BenchEnv implements AutoCloseable {
  /** Seed of the sample data; fixed so that every run reads the same rows. */
  static final long SEED = 42;

  /** The empty table metric 7 inserts into (its rows never disturb the read metrics). */
  static final String INSERT_TABLE = "BenchInserts";

  /** The R-row table of the sample account. */
  static final String BIG_TABLE = "OrderItems";

  final CaspioEmulator emulator;
  final BareClient bare;
  final int rows;

  private BenchEnv(CaspioEmulator emulator, int rows) {
    this.emulator = emulator;
    this.rows = rows;
    this.bare =
        new BareClient(
            emulator.baseUrl(),
            emulator.v3Url(),
            CaspioEmulator.DEFAULT_CLIENT_ID,
            CaspioEmulator.DEFAULT_CLIENT_SECRET);
    // Now, so that no measured call pays for (or logs) the baseline's token request.
    bare.token();
  }

  /** Builds the sample data (the slow part at R = 1,000,000) and starts serving it. */
  static BenchEnv start(int rows) {
    CaspioEmulator emulator = CaspioEmulator.builder().sampleData(SEED, rows).build().start();
    try {
      emulator
          .store()
          .createTable(
              TableDef.of(
                  INSERT_TABLE,
                  FieldDef.of("Order_No", FieldType.INTEGER),
                  FieldDef.of("Product_No", FieldType.STRING),
                  FieldDef.of("Quantity", FieldType.INTEGER),
                  FieldDef.of("Unit_Price", FieldType.CURRENCY),
                  FieldDef.of("Comment", FieldType.STRING)));
      return new BenchEnv(emulator, rows);
    } catch (RuntimeException e) {
      emulator.close();
      throw e;
    }
  }

  /** The JDBC URL of the emulator; {@code extra} is appended as {@code &key=value...}. */
  String url(String extra) {
    return "jdbc:caspio://127.0.0.1:" + emulator.port() + "?useHttps=false" + extra;
  }

  /** A driver connection with default settings. */
  Connection connect() throws SQLException {
    return connect("");
  }

  /** A driver connection with extra URL parameters ({@code &key=value...}). */
  Connection connect(String extra) throws SQLException {
    return DriverManager.getConnection(
        url(extra), CaspioEmulator.DEFAULT_CLIENT_ID, CaspioEmulator.DEFAULT_CLIENT_SECRET);
  }

  void latency(int millis) {
    emulator.faults().setLatency(Duration.ofMillis(millis));
  }

  void clearLog() {
    emulator.clearLog();
  }

  /**
   * Every call since the last clear, token requests included: with a warm connection there should
   * be none, and if there is one it is overhead like any other.
   */
  List<LoggedCall> calls() {
    return emulator.log().entries();
  }

  /** Calls since the last clear that were answered 429. */
  long throttled() {
    return calls().stream().filter(c -> c.status() == 429).count();
  }

  static long bytes(List<LoggedCall> calls) {
    long sum = 0;
    for (LoggedCall c : calls) {
      sum += c.responseBytes();
    }
    return sum;
  }

  @Override
  public void close() {
    try {
      bare.close();
    } finally {
      emulator.close();
    }
  }
}
