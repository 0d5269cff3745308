/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import java.time.Duration;
import java.util.function.Function;

/**
 * What a connection does about the cost of its statements in Caspio calls: the budgets and what
 * earns a warning or an error.
 *
 * @param maxCallsPerStatement most calls one execution may send, 0 for no limit
 * @param maxCallsPerConnection most calls the connection may send, 0 for no limit
 * @param fullScanWarningRows an unfiltered read of a larger table earns a warning; 0 for none
 * @param strictPushdown whether a predicate Caspio cannot evaluate fails the statement
 * @param cacheTtl how long replies to identical reads are reused; zero for no cache
 * @param maxCallsPerSecond the account-wide pace of calls shared by the JVM's connections to the
 *     account, 0 for none
 */
record CallSettings(
    int maxCallsPerStatement,
    int maxCallsPerConnection,
    int fullScanWarningRows,
    boolean strictPushdown,
    Duration cacheTtl,
    int maxCallsPerSecond) {

  /** The settings from property values ({@code text} gives each value or its default). */
  static CallSettings of(Function<CaspioProperty, String> text) {
    return new CallSettings(
        CaspioProperty.MAX_CALLS_PER_STATEMENT.intValue(
            text.apply(CaspioProperty.MAX_CALLS_PER_STATEMENT)),
        CaspioProperty.MAX_CALLS_PER_CONNECTION.intValue(
            text.apply(CaspioProperty.MAX_CALLS_PER_CONNECTION)),
        CaspioProperty.FULL_SCAN_WARNING_ROWS.intValue(
            text.apply(CaspioProperty.FULL_SCAN_WARNING_ROWS)),
        text.apply(CaspioProperty.PUSHDOWN).equals("strict"),
        CaspioProperty.CACHE_TTL.durationValue(text.apply(CaspioProperty.CACHE_TTL)),
        CaspioProperty.MAX_CALLS_PER_SECOND.intValue(
            text.apply(CaspioProperty.MAX_CALLS_PER_SECOND)));
  }
}
