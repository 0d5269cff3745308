/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What a driver may leave behind in this JVM: its threads, found by name, and TCP connections to or
 * from a port, read from the kernel's socket tables ({@code /proc/net/tcp} and {@code tcp6}), so
 * that a socket counts whoever opened it.
 */
public final class Leftovers {
  /** Every thread the driver starts is named with this prefix. */
  public static final String THREAD_PREFIX = "caspio-";

  private Leftovers() {}

  /** Names of live threads starting with {@link #THREAD_PREFIX}. */
  public static List<String> driverThreads() {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && t.getName().startsWith(THREAD_PREFIX)) {
        names.add(t.getName());
      }
    }
    return names;
  }

  /**
   * Waits up to five seconds for the live threads of this thread group to come back to at most two
   * more than {@code before}, then asserts that they did.
   */
  public static void assertThreadsSettle(int before) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (Thread.activeCount() > before + 2 && System.nanoTime() < end) {
      Thread.sleep(50);
    }
    assertTrue(Thread.activeCount() <= before + 2, Thread.activeCount() + " vs " + before);
  }

  /**
   * TCP connections in state ESTABLISHED or CLOSE_WAIT with {@code port} at either end: a client
   * socket still open to a server on that port, or the server's side of one.
   *
   * @throws IOException when the kernel tables cannot be read (not Linux)
   */
  public static int openSockets(int port) throws IOException {
    String hexPort = String.format(Locale.ROOT, ":%04X", port);
    int n = 0;
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path p = Path.of(table);
      if (!Files.exists(p)) {
        continue;
      }
      for (String line : Files.readAllLines(p)) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 4 || f[0].equals("sl")) {
          continue;
        }
        boolean ours = f[1].endsWith(hexPort) || f[2].endsWith(hexPort);
        // 01 ESTABLISHED, 08 CLOSE_WAIT: an end that was not closed.
        if (ours && (f[3].equals("01") || f[3].equals("08"))) {
          n++;
        }
      }
    }
    return n;
  }

  /** Waits up to {@code seconds} for {@code done}, which is rechecked every 50 ms. */
  public static boolean within(int seconds, Check done) throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (!done.holds()) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  /** A condition that may throw. */
  @FunctionalInterface
  public interface Check {
    /** Whether the condition holds now. */
    boolean holds() throws Exception;
  }
}
