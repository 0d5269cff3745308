/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.pushdown;

import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.sql.Connection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14's measure at its own size: a 1,000,000-row table joined with a 25,000-row table filtered
 * to 50 matching rows costs at most three calls, counted from the emulator's request log (a full
 * scan of the big side alone would be 1,000). Only the pushed joins run here; the comparisons with
 * plain plans, which scan everything, run at 100,000 rows in {@link JoinCallsIT}.
 */
class JoinCallsAtScaleIT {
  private static final int BIG = 1_000_000;

  @RegisterExtension static final EmulatorFixture fixture = JoinData.fixture();

  private static Connection conn;

  @BeforeAll
  static void start() throws Exception {
    conn = JoinData.load(fixture, BIG);
  }

  @BeforeEach
  void clear() {
    fixture.clear();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.caspiojdbc.it.pushdown.JoinCallsIT#filteredJoins")
  void filteredJoin_readsOnlyMatchingRows_inAtMostThreeCalls(String sql) throws Exception {
    JoinCallsIT.assertReadsOnlyMatchingRows(fixture, conn, sql);
  }
}
