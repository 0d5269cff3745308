/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One connection's threads: named, daemon, shared by reads and writes, ended by close. */
class ConnectionExecutorTest extends ApiTestBase {

  private static List<Thread> threadsOf(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(t -> t.getName().startsWith(prefix))
        .toList();
  }

  @Test
  void prefetchAndSubmittedWorkShareTheConnectionsDaemonThreads_andCloseEndsThem()
      throws Exception {
    server.stubFor(
        get(urlPathEqualTo(RECORDS)).willReturn(aResponse().withTransformers(TableServer.NAME)));
    table.fill(20);
    HttpCaspioApi api = api();
    String prefix = api.threads().threadPrefix();
    // A read with a deadline uses the workers for its pages and the timer for its deadline.
    RecordCursor c =
        api.query(RecordQuery.table("T").pageSize(5).timeout(Duration.ofMinutes(5)).build());
    int rows = 0;
    while (c.next()) {
      rows++;
    }
    c.close();
    assertEquals(20, rows);
    // Work submitted through the API's executor (as concurrent INSERTs are) runs on the same pool.
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    String[] ranOn = new String[1];
    api.executor()
        .execute(
            () -> {
              ranOn[0] = Thread.currentThread().getName();
              running.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    assertTrue(running.await(30, TimeUnit.SECONDS), "task started");
    assertTrue(ranOn[0].startsWith(prefix + "worker-"), ranOn[0]);
    List<Thread> live = threadsOf(prefix);
    assertFalse(live.isEmpty());
    for (Thread t : live) {
      assertTrue(t.isDaemon(), t.getName());
    }

    api.close(); // the blocked task is interrupted, every thread of the connection ends
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!threadsOf(prefix).isEmpty() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertEquals(List.of(), threadsOf(prefix), "threads left after close");
  }
}
