/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.faults;

import static io.github.caspiojdbc.it.faults.FaultKit.millisSince;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.emulator.PathKind;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * R14: a token inside the refresh margin (5 minutes before expiry) but outside the expiry margin (3
 * minutes) is still handed out while a renewal runs, so callers do not wait for the token endpoint.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TokenLifetimeIT {

  @Test
  void r14_tokenInTheRefreshMargin_isRenewedWithoutBlockingCallers() throws Exception {
    try (CaspioEmulator emulator =
            CaspioEmulator.builder()
                .sampleData(7, 200)
                .accessTokenLifetime(Duration.ofMinutes(4))
                .build()
                .start();
        Connection c = FaultKit.connect(emulator.port(), "")) {
      FaultKit.rows(c, "SELECT COUNT(*) FROM Customers");
      assertEquals(1, emulator.log().tokenRequests());
      emulator.clearLog();
      emulator.faults().delayNext(1, Duration.ofSeconds(2), "/oauth/token");
      long t0 = System.nanoTime();
      assertEquals(50, FaultKit.rows(c, "SELECT * FROM Customers").count());
      long ms = millisSince(t0);
      assertTrue(ms < 1500, "the query waited " + ms + " ms for the slow token endpoint");
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (emulator.log().tokenRequests() == 0 && System.nanoTime() < end) {
        Thread.sleep(50);
      }
      assertEquals(1, emulator.log().tokenRequests(), "one renewal in the stale window");
      assertEquals(
          0,
          emulator.log().entries().stream()
              .filter(e -> e.kind() == PathKind.RECORDS && e.status() == 401)
              .count(),
          "never a 401");
    }
  }
}
