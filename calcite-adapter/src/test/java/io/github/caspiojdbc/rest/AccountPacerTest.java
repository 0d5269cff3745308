/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The account-wide pace, on a clock the waiter moves: nothing here sleeps. */
class AccountPacerTest {
  private static final long MS = 1_000_000L;

  private final AtomicLong nanos = new AtomicLong(5_000 * MS);

  /** Start times of the calls let through, in milliseconds of the fake clock. */
  private final List<Long> starts = new ArrayList<>();

  private final List<AccountPacer> open = new ArrayList<>();
  private final CallControl control = new CallControl(null);

  private AccountPacer join(String account, double rate) {
    AccountPacer p =
        AccountPacer.join(
            account,
            rate,
            nanos::get,
            wait -> {
              nanos.addAndGet(wait);
              return true;
            });
    open.add(p);
    return p;
  }

  private void call(AccountPacer p) {
    p.acquire(control);
    starts.add(nanos.get() / MS);
  }

  @AfterEach
  void closeAll() {
    open.forEach(AccountPacer::release);
  }

  /** The most starts in any one-second window. */
  private int busiestSecond() {
    int most = 0;
    for (int i = 0; i < starts.size(); i++) {
      int n = 0;
      for (int j = i; j < starts.size() && starts.get(j) < starts.get(i) + 1000; j++) {
        n++;
      }
      most = Math.max(most, n);
    }
    return most;
  }

  @Test
  void acquire_manyCalls_spacedAtTheRateWithOneSlotOfCredit() {
    AccountPacer p = join("https://a.example", 9);
    for (int i = 0; i < 90; i++) {
      call(p);
    }
    // The idle account's one slot of credit lets the first two start together; then 1/9 s apart.
    assertEquals(starts.get(0), starts.get(1));
    assertEquals(10, busiestSecond());
    long elapsed = starts.get(89) - starts.get(0);
    assertTrue(elapsed >= 88 * 111 && elapsed <= 88 * 112, "elapsed " + elapsed);
  }

  @Test
  void acquire_afterASlowCall_theUnusedSlotIsMadeUpOnceOnly() {
    AccountPacer p = join("https://a.example", 10);
    call(p);
    call(p); // the credit
    call(p); // 100 ms later
    nanos.addAndGet(250 * MS); // a slow reply overran two slots
    call(p);
    call(p);
    call(p);
    assertEquals(List.of(0L, 0L, 100L, 350L, 350L, 450L), relativeStarts());
  }

  @Test
  void acquire_longIdle_keepsOneSlotOfCreditNotMore() {
    AccountPacer p = join("https://a.example", 10);
    call(p);
    nanos.addAndGet(60_000 * MS);
    starts.clear();
    for (int i = 0; i < 12; i++) {
      call(p);
    }
    // A minute of idling is worth one early start, as a tenth of a second is.
    assertEquals(starts.get(0), starts.get(1));
    assertEquals(100, starts.get(2) - starts.get(1));
    assertEquals(11, busiestSecond());
  }

  private List<Long> relativeStarts() {
    List<Long> out = new ArrayList<>();
    starts.forEach(s -> out.add(s - starts.get(0)));
    return out;
  }

  @Test
  void join_twoConnectionsOfOneAccount_shareOnePace() {
    AccountPacer a = join("https://a.example", 10);
    AccountPacer b = join("https://a.example", 10);
    for (int i = 0; i < 50; i++) {
      call(i % 2 == 0 ? a : b);
    }
    assertEquals(11, busiestSecond()); // one pace: rate + the one slot of credit
    assertEquals(1, AccountPacer.accountsKnown());
  }

  @Test
  void join_otherAccount_hasItsOwnPace() {
    AccountPacer a = join("https://a.example", 2);
    AccountPacer b = join("https://b.example", 2);
    call(a);
    call(b);
    assertEquals(starts.get(0), starts.get(1));
  }

  @Test
  void onThrottle_halvesTheRate_thenSuccessesAddItBackUpToTheConfiguredRate() {
    AccountPacer p = join("https://a.example", 8);
    p.onThrottle(null);
    assertEquals(4.0, p.rate());
    p.onThrottle(null);
    p.onThrottle(null);
    p.onThrottle(null);
    assertEquals(AccountPacer.MIN_RATE, p.rate());
    for (int i = 0; i < AccountPacer.RECOVERY_SUCCESSES - 1; i++) {
      p.onSuccess();
    }
    assertEquals(AccountPacer.MIN_RATE, p.rate());
    p.onSuccess();
    assertEquals(2.0, p.rate());
    for (int i = 0; i < 100 * AccountPacer.RECOVERY_SUCCESSES; i++) {
      p.onSuccess();
    }
    assertEquals(8.0, p.rate());
  }

  @Test
  void onThrottle_slowsCallsAfterIt() {
    AccountPacer p = join("https://a.example", 10);
    call(p);
    p.onThrottle(null);
    call(p);
    call(p);
    assertEquals(200, starts.get(2) - starts.get(1));
  }

  @Test
  void onThrottle_retryAfter_holdsEveryConnectionOfTheAccount() {
    AccountPacer a = join("https://a.example", 10);
    AccountPacer b = join("https://a.example", 10);
    call(a);
    long throttledAt = nanos.get() / MS;
    a.onThrottle(Duration.ofSeconds(3));
    call(b);
    assertTrue(starts.get(1) >= throttledAt + 3000, "started at " + starts.get(1));
  }

  @Test
  void acquire_retryAfterArrivingDuringTheWait_waitsAgain() {
    AccountPacer p = join("https://a.example", 1);
    AccountPacer other = join("https://a.example", 1);
    call(p);
    call(p); // the idle account's slot of credit
    AccountPacer waiting =
        AccountPacer.join(
            "https://a.example",
            1,
            nanos::get,
            wait -> {
              nanos.addAndGet(wait);
              if (starts.size() == 2) {
                // Another connection hears a Retry-After while this one waits for its turn.
                other.onThrottle(Duration.ofSeconds(5));
                starts.add(-1L);
              }
              return true;
            });
    open.add(waiting);
    long before = nanos.get() / MS;
    waiting.acquire(control);
    assertTrue(nanos.get() / MS >= before + 1000 + 5000, "started at " + nanos.get() / MS);
  }

  @Test
  void release_lastConnection_forgetsTheAccount() {
    int before = AccountPacer.accountsKnown();
    AccountPacer a = join("https://z.example", 5);
    AccountPacer b = join("https://z.example", 5);
    a.onThrottle(null);
    a.release();
    a.release();
    assertEquals(before + 1, AccountPacer.accountsKnown());
    b.release();
    assertEquals(before, AccountPacer.accountsKnown());
    AccountPacer c = join("https://z.example", 5);
    assertEquals(5.0, c.rate());
  }

  @Test
  void join_zero_isUnpacedAndSharesNothing() {
    AccountPacer p = join("https://a.example", 0);
    for (int i = 0; i < 100; i++) {
      call(p);
    }
    assertEquals(100, busiestSecond());
    assertEquals(0, AccountPacer.accountsKnown());
    assertEquals(0.0, p.rate());
  }

  @Test
  void join_negativeOrNotANumber_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> join("https://a.example", -1));
    assertThrows(IllegalArgumentException.class, () -> join("https://a.example", Double.NaN));
    assertEquals(0, AccountPacer.accountsKnown());
  }

  @Test
  void acquire_stoppedStatement_waitsNoLonger() {
    AccountPacer p = join("https://a.example", 1);
    call(p);
    CallControl stopped = new CallControl(null);
    stopped.cancel();
    CaspioException e = assertThrows(CaspioException.class, () -> p.acquire(stopped));
    assertEquals(ErrorKind.CANCELLED, e.kind());
  }

  @Test
  void acquire_interruptedWait_isCancelled() {
    AccountPacer p = AccountPacer.join("https://i.example", 1, nanos::get, wait -> false);
    open.add(p);
    p.acquire(control);
    p.acquire(control); // the slot of credit: no wait
    CaspioException e = assertThrows(CaspioException.class, () -> p.acquire(control));
    assertEquals(ErrorKind.CANCELLED, e.kind());
    assertTrue(Thread.interrupted());
  }

  @Test
  void toString_namesTheAccountOnly() {
    assertEquals("AccountPacer[https://a.example, 9.0/s]", join("https://a.example", 9).toString());
  }
}
