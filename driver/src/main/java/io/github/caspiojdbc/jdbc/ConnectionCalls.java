/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.rest.CallCounts;
import io.github.caspiojdbc.rest.CallMeter;

/**
 * The call meters of one connection: its own (with {@code maxCallsPerConnection}), and those of the
 * statement executions, each with a fresh {@code maxCallsPerStatement}. It remembers the execution
 * started before the latest one, which is what the system table shows as the last statement: the
 * latest is usually the query reading the system table itself.
 */
final class ConnectionCalls {
  private final CallSettings settings;
  private final CallMeter connection;
  private volatile CallMeter latest;
  private volatile CallMeter previous;

  ConnectionCalls(CallSettings settings) {
    this.settings = settings;
    this.connection = new CallMeter("connection", settings.maxCallsPerConnection(), true);
  }

  /** The connection's meter, which the REST client charges for every call. */
  CallMeter connection() {
    return connection;
  }

  /** The all-zero meter of a statement that has not run yet. */
  static CallMeter idle() {
    return new CallMeter("statement", 0, false);
  }

  /** The meter of a new statement execution. */
  synchronized CallMeter started() {
    CallMeter m = new CallMeter("statement", settings.maxCallsPerStatement(), false);
    previous = latest;
    latest = m;
    return m;
  }

  /** The execution before the latest one, or null when fewer than two ran. */
  CallCounts lastStatement() {
    CallMeter m = previous;
    return m == null ? null : m.snapshot();
  }

  CallSettings settings() {
    return settings;
  }
}
