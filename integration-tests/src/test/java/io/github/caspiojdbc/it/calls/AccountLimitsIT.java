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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link CaspioCallStats#accountLimits()} against the emulator's {@code GET /v4/me}: the reported
 * rate limit and token expiry on v4, one counted call per minute however often it is read, and no
 * call at all on a v3 account. Calls are counted from the emulator's request log.
 */
class AccountLimitsIT {
  @RegisterExtension
  static final EmulatorFixture fixture =
      EmulatorFixture.of(() -> Items.driverFixture()).clearingFaults();

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

  @Test
  void systemTable_v4_showsTheReading_andIsCachedAcrossQueries() throws SQLException {
    fixture.emulator.faults().rateLimit(1000, RateLimitReply.STATUS_429);
    try (Connection c = fixture.connect("&apiVersion=v4");
        Statement s = c.createStatement()) {
      fixture.clear();
      for (int i = 0; i < 2; i++) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM caspio_system.account_limits")) {
          assertTrue(rs.next());
          assertEquals("V4", rs.getString("API_VERSION"));
          assertEquals(1000, rs.getLong("RATE_LIMIT_PER_SECOND"));
          assertNotNull(rs.getTimestamp("TOKEN_EXPIRES_AT"));
          assertNotNull(rs.getTimestamp("LIMITS_READ_AT"));
          assertTrue(!rs.next(), "one row");
        }
      }
      assertEquals(1, meCalls(), "two queries within a minute send GET /v4/me once");
    }
  }

  @Test
  void systemTable_v3_givesNulls_withoutACall() throws SQLException {
    try (Connection c = fixture.connect("&apiVersion=v3");
        Statement s = c.createStatement()) {
      fixture.clear();
      try (ResultSet rs = s.executeQuery("SELECT * FROM caspio_system.account_limits")) {
        assertTrue(rs.next());
        assertEquals("V3", rs.getString("API_VERSION"));
        rs.getLong("RATE_LIMIT_PER_SECOND");
        assertTrue(rs.wasNull());
        assertNull(rs.getTimestamp("TOKEN_EXPIRES_AT"));
      }
      assertEquals(0, meCalls());
    }
  }

  @Test
  void metadata_listsTheTableAndItsColumns() throws SQLException {
    try (Connection c = fixture.connect()) {
      try (ResultSet rs =
          c.getMetaData().getTables(null, "caspio_system", "account_limits", null)) {
        assertTrue(rs.next(), "account_limits is listed");
        assertEquals("SYSTEM TABLE", rs.getString("TABLE_TYPE"));
      }
      int n = 0;
      try (ResultSet rs =
          c.getMetaData().getColumns(null, "caspio_system", "account_limits", "%")) {
        while (rs.next()) {
          n++;
        }
      }
      assertEquals(9, n);
      try (ResultSet rs = c.getMetaData().getTables(null, "caspio_system", "calls", null)) {
        assertTrue(rs.next(), "calls is still listed");
      }
    }
  }

  @Test
  void throttledReply_isShownToEveryConnectionOfTheAccount_withThePace() throws SQLException {
    try (Connection a = fixture.connect("&maxCallsPerSecond=8&apiVersion=v3");
        Connection b = fixture.connect("&maxCallsPerSecond=8&apiVersion=v3")) {
      AccountLimits before = b.unwrap(CaspioCallStats.class).accountLimits();
      assertEquals(0, before.throttledReplies());
      assertNull(before.lastThrottledAt());
      assertEquals(8.0, before.pacePerSecond());
      fixture.emulator.faults().failNext(1, 429, ".*/records.*");
      try (Statement s = a.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM Orders")) {
        assertTrue(rs.next()); // retried after the 429
      }
      long served429 =
          fixture.emulator.log().entries().stream().filter(e -> e.status() == 429).count();
      assertEquals(1, served429, "the emulator answered one 429");
      AccountLimits after = b.unwrap(CaspioCallStats.class).accountLimits();
      assertEquals(1, after.throttledReplies());
      assertEquals(429, after.lastThrottleStatus());
      assertNotNull(after.lastThrottledAt());
      assertNull(after.lastRetryAfterSeconds());
      assertEquals(4.0, after.pacePerSecond(), "the pace halves for the whole account");
      try (Statement s = b.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT THROTTLED_REPLIES, LAST_THROTTLE_STATUS, DRIVER_PACE_PER_SECOND"
                      + " FROM caspio_system.account_limits")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getLong(1));
        assertEquals(429, rs.getInt(2));
        assertEquals(4.0, rs.getDouble(3));
      }
    }
  }
}
