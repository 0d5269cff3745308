/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.emulator.PathKind;
import io.github.caspiojdbc.emulator.RateLimitReply;
import io.github.caspiojdbc.emulator.store.FieldDef;
import io.github.caspiojdbc.emulator.store.FieldType;
import io.github.caspiojdbc.emulator.store.ObjectKind;
import io.github.caspiojdbc.emulator.store.RecordQuery;
import io.github.caspiojdbc.emulator.store.TableDef;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The emulator a load run talks to (sample data, an empty table for writes, the account-wide rate
 * limit and latency of the options), pools onto it, and what its request log and store say.
 */
final class LoadWorld implements AutoCloseable {
  /** The table the workload and the write phase insert into; its Name is unique. */
  static final String WRITES = "LoadWrites";

  /** Largest sample table; small, because a load run is about calls, not scans. */
  static final int SAMPLE_ROWS = 2000;

  final CaspioEmulator emulator;
  final Oracle oracle;

  LoadWorld(LoadOptions options, Duration tokenLifetime) {
    CaspioEmulator.Builder b = CaspioEmulator.builder().sampleData(11, SAMPLE_ROWS);
    if (tokenLifetime != null) {
      b.accessTokenLifetime(tokenLifetime);
    }
    emulator = b.build().start();
    emulator
        .store()
        .createTable(
            TableDef.of(
                WRITES,
                FieldDef.of("Name", FieldType.STRING).withUnique(false),
                FieldDef.of("Qty", FieldType.INTEGER)));
    oracle = new Oracle(emulator.store());
    emulator.faults().rateLimit(options.callsPerSecond(), RateLimitReply.STATUS_429);
    emulator.faults().setLatency(Duration.ofMillis(options.latencyMillis()));
  }

  /** A HikariCP pool of {@code size} driver connections to the emulator. */
  HikariDataSource pool(int size) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(
        "jdbc:caspio://127.0.0.1:"
            + emulator.port()
            + "?useHttps=false&queryTimeout=120"
            + "&maxCallsPerSecond=9");
    c.setUsername(CaspioEmulator.DEFAULT_CLIENT_ID);
    c.setPassword(CaspioEmulator.DEFAULT_CLIENT_SECRET);
    c.setMaximumPoolSize(size);
    c.setMinimumIdle(size);
    c.setConnectionTimeout(120_000);
    c.setPoolName("caspio-load-" + size);
    return new HikariDataSource(c);
  }

  /** What the request log holds now. */
  Traffic traffic() {
    List<LoggedCall> all = emulator.log().entries();
    long calls = 0;
    long throttled = 0;
    long tokens = 0;
    for (LoggedCall c : all) {
      if (c.kind() == PathKind.TOKEN) {
        tokens++;
      } else {
        calls++;
        if (c.status() == 429) {
          throttled++;
        }
      }
    }
    return new Traffic(calls, throttled, tokens);
  }

  /** How many rows of {@link #WRITES} each Name has. */
  Map<String, Integer> writtenNames() {
    Map<String, Integer> out = new HashMap<>();
    for (int page = 1; ; page++) {
      var rows =
          emulator
              .store()
              .query(
                  ObjectKind.TABLE,
                  WRITES,
                  new RecordQuery("Name", null, null, "PK_ID", null, page, 1000, false))
              .rows();
      for (JsonNode r : rows) {
        out.merge(r.get("Name").asText(), 1, Integer::sum);
      }
      if (rows.size() < 1000) {
        return out;
      }
    }
  }

  @Override
  public void close() {
    emulator.close();
  }

  /** API calls (token requests apart), those answered 429, and token requests. */
  record Traffic(long calls, long throttled, long tokens) {
    Traffic minus(Traffic before) {
      return new Traffic(
          calls - before.calls, throttled - before.throttled, tokens - before.tokens);
    }
  }
}
