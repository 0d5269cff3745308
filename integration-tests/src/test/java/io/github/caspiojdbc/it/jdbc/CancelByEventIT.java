/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Rows;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@code Statement.cancel()} reaches the open read as an event: while a read waits on a slow page
 * no thread but the reader runs driver or adapter code (nothing polls a cancel flag), and the
 * cancel still ends the read at once with 57014.
 */
class CancelByEventIT {
  @Test
  void cancelDuringSlowPage_noPollingThreadAndReadEndsAtOnce() throws Exception {
    try (CaspioEmulator emulator = EmulatorFixture.builder().startEmulator();
        Connection c = EmulatorFixture.connect(emulator.port(), "&prefetch=0")) {
      Rows.of(c, "SELECT COUNT(*) FROM Orders"); // token and field lists loaded first
      emulator.faults().setLatency(Duration.ofSeconds(10));
      Statement s = c.createStatement();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      long[] endedAt = {0};
      Thread reader =
          new Thread(
              () -> {
                try (ResultSet rs = s.executeQuery("SELECT * FROM Orders")) {
                  while (rs.next()) {
                    // the first page takes ten seconds
                  }
                } catch (Throwable t) {
                  failure.set(t);
                } finally {
                  endedAt[0] = System.nanoTime();
                }
              },
              "test-reader");
      reader.start();
      Thread.sleep(1500); // the reader is now blocked on the first page

      List<String> busy = new ArrayList<>();
      for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
        if (e.getKey() == reader || e.getKey() == Thread.currentThread()) {
          continue;
        }
        for (StackTraceElement f : e.getValue()) {
          if (f.getClassName().startsWith("io.github.caspiojdbc.adapter")
              || f.getClassName().startsWith("io.github.caspiojdbc.jdbc")) {
            busy.add(e.getKey().getName() + " in " + f);
            break;
          }
        }
      }
      assertEquals(List.of(), busy, "threads running driver code beside the reader");

      long t0 = System.nanoTime();
      s.cancel();
      reader.join(5000);
      long endedMs = (endedAt[0] - t0) / 1_000_000;
      assertTrue(endedMs < 1000, "the reader stopped " + endedMs + " ms after cancel()");
      SQLException e = assertInstanceOf(SQLException.class, failure.get());
      assertEquals("57014", e.getSQLState(), e.toString());
      emulator.faults().setLatency(Duration.ZERO);
      s.close();
      assertTrue(Rows.of(c, "SELECT * FROM Customers").count() > 0, "connection usable");
    }
  }
}
