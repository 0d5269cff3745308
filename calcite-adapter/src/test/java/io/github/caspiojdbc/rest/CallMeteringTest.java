/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.auth.AccessTokenSource;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The pieces of call metering: budgets under concurrency, estimates, scopes, the reply cache. */
class CallMeteringTest {

  @Test
  void budget_isNeverOvershotByConcurrentTakers() throws Exception {
    CallMeter m = new CallMeter("statement", 25, false);
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      Thread th =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < 10; i++) {
                  try {
                    m.take("a page");
                    m.sent(RequestKind.READ, "T");
                  } catch (CaspioException e) {
                    assertEquals(ErrorKind.CALL_BUDGET_EXCEEDED, e.kind());
                    refused.incrementAndGet();
                  }
                }
              });
      th.start();
      threads.add(th);
    }
    go.countDown();
    for (Thread th : threads) {
      th.join();
    }
    assertEquals(25, m.snapshot().reads());
    assertEquals(80 - 25, refused.get());
    assertEquals(0, m.remaining());
    m.reset();
    assertEquals(25, m.remaining(), "a reset gives a fresh budget");
  }

  @Test
  void require_refusesWhatTheBudgetCannotSendWhole() {
    CallMeter m = new CallMeter("connection", 3, true);
    m.require(3, "fits");
    CaspioException e = assertThrows(CaspioException.class, () -> m.require(4, "INSERT needs 4"));
    assertEquals("54K01", e.kind().sqlState());
    assertTrue(e.getMessage().contains("only 3 more"), e.getMessage());
    new CallMeter("statement", 0, false).require(Long.MAX_VALUE, "no budget, no refusal");
  }

  @Test
  void perTableCounts_onlyOnMetersThatKeepThem() {
    CallMeter conn = new CallMeter("connection", 0, true);
    CallMeter stmt = new CallMeter("statement", 0, false);
    for (CallMeter m : List.of(conn, stmt)) {
      m.take("x");
      m.sent(RequestKind.WRITE, "Orders");
      m.retried("Orders");
    }
    assertEquals(1, conn.byTable().get("orders").writes(), "names match ignoring case");
    assertEquals(1, conn.byTable().get("Orders").retries());
    assertTrue(stmt.byTable().isEmpty());
  }

  @Test
  void estimates_exactWhenTheRowsAreKnown_boundsOtherwise() {
    ApiGeneration v3 = ApiVersion.V3.generation();
    QueryPlan scan = QueryPlan.of(RecordQuery.table("T").build(), v3);
    assertEquals(new CallEstimate(1, Long.MAX_VALUE), CallEstimates.of(scan, -1, false));
    assertEquals(new CallEstimate(10, 10), CallEstimates.of(scan, 10_000, false));
    assertEquals(new CallEstimate(11, 11), CallEstimates.of(scan, 10_001, false));
    assertEquals(new CallEstimate(1, 1), CallEstimates.of(scan, 0, false), "one to learn");
    assertEquals("at least 10", CallEstimates.of(scan, 10_000, true).describe());
    QueryPlan limited = QueryPlan.of(RecordQuery.table("T").maxRows(2500).build(), v3);
    assertEquals("1 to 3", CallEstimates.of(limited, -1, false).describe());
    assertEquals("3", CallEstimates.of(limited, 9999, false).describe());
    QueryPlan single = QueryPlan.of(RecordQuery.table("T").maxRows(10).build(), v3);
    assertEquals("1", CallEstimates.of(single, -1, false).describe());
    QueryPlan none = QueryPlan.of(RecordQuery.table("T").maxRows(0).build(), v3);
    assertEquals("0", CallEstimates.of(none, -1, false).describe());
  }

  @Test
  void rowCounts_forgottenByAWriteToTheirTable_andEveryViewsToo() {
    RowCounts counts = new RowCounts();
    RecordQuery all = RecordQuery.table("Orders").build();
    RecordQuery some = RecordQuery.table("Orders").where("Total > 5").build();
    RecordQuery other = RecordQuery.table("Items").build();
    RecordQuery view = RecordQuery.view("OpenOrders").build();
    counts.learned(all, 100);
    counts.learned(some, 7);
    counts.learned(other, 3);
    counts.learned(view, 4);
    assertEquals(100, counts.rows(all));
    assertEquals(7, counts.rows(some));
    counts.written("orders", false);
    assertEquals(-1, counts.rows(all));
    assertEquals(-1, counts.rows(some));
    assertEquals(-1, counts.rows(view), "a view may show the table written");
    assertEquals(3, counts.rows(other));
  }

  @Test
  void rowCounts_allForgottenByAWriteThroughAView() {
    RowCounts counts = new RowCounts();
    RecordQuery table = RecordQuery.table("Items").build();
    RecordQuery view = RecordQuery.view("OpenOrders").build();
    counts.learned(table, 3);
    counts.learned(view, 4);
    counts.written("OpenOrders", true);
    // The view's base table is not known here, so no table's count survives.
    assertEquals(-1, counts.rows(table));
    assertEquals(-1, counts.rows(view));
  }

  @Test
  void scope_nestsAndIsCarriedToOtherThreads() throws Exception {
    CallMeter outer = new CallMeter("statement", 0, false);
    CallMeter inner = new CallMeter("statement", 0, false);
    assertNull(CallScope.current());
    CallScope a = CallScope.enter(outer);
    try {
      CallScope b = CallScope.enter(inner);
      assertSame(inner, CallScope.current());
      b.close();
      assertSame(outer, CallScope.current());
      CallMeter[] seen = new CallMeter[1];
      Thread t = new Thread(CallScope.carried(() -> seen[0] = CallScope.current()));
      t.start();
      t.join();
      assertSame(outer, seen[0]);
      assertSame(outer, new CallControl(null).meter());
    } finally {
      a.close();
    }
    assertNull(CallScope.current());
  }

  private static AccessTokenSource tokens() {
    return new AccessTokenSource() {
      @Override
      public String accessToken() {
        return "t";
      }

      @Override
      public void invalidate(String rejectedToken) {}
    };
  }

  @Test
  void replyCache_perIdentity_boundedAndDroppedByWrites() {
    AccessTokenSource alice = tokens();
    AccessTokenSource bob = tokens();
    ReplyCache a = ReplyCache.of(alice);
    assertSame(a, ReplyCache.of(alice));
    ReplyCache b = ReplyCache.of(bob);
    assertNotSame(a, b);
    String origin = "https://acct.example";
    String orders = origin + "/integrations/rest/v3/tables/Orders/records?q.where=1";
    String view = origin + "/integrations/rest/v3/views/Open/records";
    String items = origin + "/integrations/rest/v4/tables/Items/records";
    long minute = 60_000_000_000L;
    a.put(orders, new byte[] {1}, minute);
    a.put(view, new byte[] {2}, minute);
    a.put(items, new byte[] {3}, minute);
    assertNull(b.get(orders), "never shared across identities");
    a.put(origin + "/expired", new byte[] {4}, -1);
    assertNull(a.get(origin + "/expired"));
    ReplyCache.written(origin, "/tables/Orders/");
    assertNull(a.get(orders));
    assertNull(a.get(view), "views may read any table");
    assertEquals(3, a.get(items)[0]);
    ReplyCache.written(origin, "/views/Open/");
    assertNull(a.get(items), "a view write changes its base table, which its path does not name");
    a.put(origin + "/big", new byte[ReplyCache.MAX_ENTRY + 1], minute);
    assertNull(a.get(origin + "/big"), "too large to keep");
    int n = (int) (ReplyCache.MAX_BYTES / ReplyCache.MAX_ENTRY) + 4;
    for (int i = 0; i < n; i++) {
      b.put(origin + "/p" + i, new byte[ReplyCache.MAX_ENTRY], minute);
    }
    assertTrue(b.size() <= ReplyCache.MAX_BYTES / ReplyCache.MAX_ENTRY, "bounded: " + b.size());
    assertNull(b.get(origin + "/p0"), "least recently used out first");
  }
}
