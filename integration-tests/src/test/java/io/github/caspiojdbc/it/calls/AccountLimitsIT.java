/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.RateLimitReply;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Items;
import io.github.caspiojdbc.jdbc.CaspioCallStats;
import io.github.caspiojdbc.rest.AccountLimits;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link CaspioCallStats#accountLimits()} against the emulator's {@code GET /v4/me}: the reported
 * rate limit and token expiry on v4, one counted call per minute however often it is read, and no
 * call at all on a v3 account. Calls are counted from the emulator's request log.
 */
class AccountLimitsIT {
  private static EmulatorFixture fixture;

  @BeforeAll
  static void start() throws SQLException {
    fixture = Items.driverFixture();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @AfterEach
  void clearFaults() {
    fixture.emulator.faults().clear();
  }

  private static long meCalls() {
    return fixture.apiCalls().stream().filter(c -> c.path().endsWith("/v4/me")).count();
  }

  @Test
  void v4_reportsRateLimitAndExpiry_oneCallForTwoReads() throws SQLException {
    fixture.emulator.faults().rateLimit(1000, RateLimitReply.STATUS_429);
    try (Connection c = fixture.connect("&apiVersion=v4")) {
      fixture.clear();
      CaspioCallStats stats = c.unwrap(CaspioCallStats.class);
      AccountLimits first = stats.accountLimits();
      AccountLimits second;
      try (Statement s = c.createStatement()) {
        second = s.unwrap(CaspioCallStats.class).accountLimits();
      }
      assertEquals(1000, first.rateLimitPerSecond());
      assertNotNull(first.tokenExpiresAt());
      assertTrue(first.tokenExpiresAt().isAfter(first.readAt()), "expiry is in the future");
      assertEquals(first, second, "the second read within a minute is the cached reading");
      assertEquals(1, meCalls(), "GET /v4/me sent once for two reads");
    }
  }

  @Test
  void v4_noRateLimitConfigured_givesNullRate() throws SQLException {
    try (Connection c = fixture.connect("&apiVersion=v4")) {
      AccountLimits limits = c.unwrap(CaspioCallStats.class).accountLimits();
      assertNull(limits.rateLimitPerSecond());
      assertNotNull(limits.tokenExpiresAt());
    }
  }

  @Test
  void v3_sendsNoMeCall_andGivesNulls() throws SQLException {
    fixture.emulator.faults().rateLimit(1000, RateLimitReply.STATUS_429);
    try (Connection c = fixture.connect("&apiVersion=v3")) {
      fixture.clear();
      AccountLimits limits = c.unwrap(CaspioCallStats.class).accountLimits();
      assertNull(limits.rateLimitPerSecond());
      assertNull(limits.tokenExpiresAt());
      assertEquals(0, meCalls());
    }
  }
}
