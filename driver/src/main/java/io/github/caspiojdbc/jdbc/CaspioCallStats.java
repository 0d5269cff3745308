/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.rest.AccountLimits;
import io.github.caspiojdbc.rest.CallCounts;
import java.util.Map;

/**
 * What a statement or a connection has cost in Caspio REST calls, which Caspio bills one by one.
 * Reach it with {@code statement.unwrap(CaspioCallStats.class)} or {@code
 * connection.unwrap(CaspioCallStats.class)}; connection pools forward {@code unwrap}, so it works
 * through them too. The same numbers are in the system table {@code caspio_system.calls}.
 *
 * <pre>{@code
 * try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
 *   while (rs.next()) { ... }
 *   CallCounts cost = s.unwrap(CaspioCallStats.class).calls();
 *   System.out.println(cost.calls() + " calls, " + cost.retries() + " retries");
 * }
 * }</pre>
 *
 * <p>Every attempt counts (a retried read is two reads and one retry); token requests are counted
 * apart from {@link CallCounts#calls()}; replies served from the reply cache count as cache hits,
 * not as calls.
 */
public interface CaspioCallStats {

  /**
   * On a statement: the calls of its execution in progress, or of its last one (all zero before the
   * first); reading the rows of a result set counts for the statement that made it. On a
   * connection: every call since it was opened or last reset, background metadata loads included.
   */
  CallCounts calls();

  /** On a connection: its calls per table or view, by name. On a statement: empty. */
  Map<String, CallCounts> callsByTable();

  /** Every call the driver sent in this JVM, across all connections. */
  CallCounts jvmCalls();

  /**
   * What Caspio reports about the connection's account: its rate limit per second and the access
   * token's expiry, read from REST v4 {@code GET /me}. The first read costs one call; the reading
   * is then reused for a minute. On a v3 account nothing is sent and both values are null, as they
   * are when Caspio's reply fails or has an unknown shape. Caspio exposes monthly call quota usage
   * through no API, so it is not here.
   */
  AccountLimits accountLimits();

  /**
   * Counts from zero again. On a connection this also gives it a fresh {@code
   * maxCallsPerConnection} budget; on a statement it clears the last execution's numbers.
   */
  void resetCalls();
}
