/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.faults;

import static io.github.caspiojdbc.it.support.EmulatorFixture.millisSince;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.emulator.PathKind;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Rows;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * R14: a token in its stale window (past the refresh margin, which is at most half its life, but
 * before the expiry margin, at most a quarter) is renewed before it expires. By design the first
 * caller in the window renews it inline (no background thread), while every other caller keeps
 * getting the still-valid token without waiting. A 10 s token is stale from 5 s and no longer used
 * from 7.5 s.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TokenLifetimeIT {

  @Test
  void r14_tokenInTheRefreshMargin_isRenewedOnceWithoutBlockingOtherCallers() throws Exception {
    try (CaspioEmulator emulator =
        EmulatorFixture.builder()
            .emulator(b -> b.accessTokenLifetime(Duration.ofSeconds(10)))
            .startEmulator()) {
      long t0 = System.nanoTime();
      Connection c = EmulatorFixture.connect(emulator.port(), FaultProxy.V3 + "");
      Connection other = EmulatorFixture.connect(emulator.port(), FaultProxy.V3 + "");
      long connected = System.nanoTime();
      assertTrue(connected - t0 < TimeUnit.MILLISECONDS.toNanos(2400), "connect was too slow");
      Rows.of(c, "SELECT COUNT(*) FROM Customers");
      Rows.of(other, "SELECT COUNT(*) FROM Orders");
      assertEquals(1, emulator.log().tokenRequests());
      // Stale from obtained + 5 s, which lies between t0 + 5 s and connected + 5 s.
      Thread.sleep(
          Math.max(
              0,
              (connected + TimeUnit.MILLISECONDS.toNanos(5100) - System.nanoTime()) / 1_000_000));
      emulator.clearLog();
      emulator.faults().delayNext(1, Duration.ofSeconds(2), "/oauth/token");
      long[] renewerMs = {-1};
      Thread renewer =
          new Thread(
              () -> {
                long r0 = System.nanoTime();
                try {
                  Rows.of(c, "SELECT * FROM Customers");
                  renewerMs[0] = millisSince(r0);
                } catch (java.sql.SQLException e) {
                  renewerMs[0] = -2;
                }
              });
      renewer.start();
      Thread.sleep(400); // the renewer has found the token stale and is waiting for the endpoint
      long q0 = System.nanoTime();
      assertEquals(60, Rows.of(other, "SELECT * FROM Orders").count());
      long ms = millisSince(q0);
      assertTrue(ms < 1200, "another caller waited " + ms + " ms for the renewal");
      renewer.join(10_000);
      assertTrue(renewerMs[0] >= 1900, "the first caller renewed inline: " + renewerMs[0] + " ms");
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
      c.close();
      other.close();
    }
  }
}
