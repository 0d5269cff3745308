/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import io.github.caspiojdbc.error.ErrorKind;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Paces request starts for a whole Caspio account, shared by every open connection to it in this
 * JVM. Caspio's burst limit (about ten calls per second, caspio-api.md 6.4) counts every client of
 * the account together, so a per-connection limiter cannot keep a pool of connections under it.
 *
 * <p>Starts are spaced at {@code 1 / rate} seconds, with a credit of one slot: a caller that finds
 * the account's last slot unused (the previous call took longer than the spacing) may start up to
 * one interval early. Without it a single caller loses every slot a slow reply overran and gains
 * nothing back, which held one thread at 0.75 of the rate. The credit never accumulates beyond one
 * slot, so no one-second window holds more than {@code rate + 1} starts (10 at the default 9,
 * Caspio's approximate limit, caspio-api.md 6.4); under load there is no unused slot and starts
 * stay evenly spaced. The rate learns from throttling (AIMD): a 429 or Caspio's rate-limit 400
 * halves it (never below {@link #MIN_RATE}) and a {@code Retry-After} holds every connection of the
 * account until it passes; each {@link #RECOVERY_SUCCESSES} answered calls add one call per second
 * back, up to the configured rate.
 *
 * <p>The account key is the origin: Caspio's limit is per account, and the account is the
 * integration host, whichever profile or credential calls it. The key therefore holds no
 * credential. The shared state is reference-counted and dropped with the last connection ({@link
 * #release()}); there is no thread, a caller waits on its own thread, and stopping its statement
 * ends the wait.
 *
 * <p>Token-endpoint requests do not go through the pacer: caspio-api.md counts REST calls against
 * the burst limit and says nothing of the token endpoint, which is called about once an hour.
 */
final class AccountPacer {
  /** The lowest rate throttling can push the pace down to, in calls per second. */
  static final double MIN_RATE = 1.0;

  /** Answered calls needed before the rate grows by one call per second. */
  static final int RECOVERY_SUCCESSES = 20;

  private static final long SECOND = 1_000_000_000L;

  private static final PerAccount<Shared> ACCOUNTS = new PerAccount<>();

  /** Waits on the caller's thread; returns false when interrupted. */
  @FunctionalInterface
  interface Waiter {
    boolean await(long nanos);
  }

  /** The pace of one account, shared by its open connections. Guarded by itself. */
  static final class Shared {
    private final double configured;
    private final LongSupplier nanoClock;
    private double rate;
    private long nextStart;
    private long holdUntil;
    private boolean holding;
    private int successes;

    Shared(double configured, LongSupplier nanoClock) {
      this.configured = configured;
      this.rate = configured;
      this.nanoClock = nanoClock;
      this.nextStart = nanoClock.getAsLong();
    }

    /** Reserves the next start; returns how long the caller must wait for it, 0 for now. */
    synchronized long reserve() {
      long now = nanoClock.getAsLong();
      long interval = interval();
      // nextStart is the slot due after the last one handed out; a caller may take it up to one
      // interval early, which is the one slot of credit (a virtual schedule, as in GCRA).
      long start = Math.max(now, nextStart - interval);
      if (holding && holdUntil - start > 0) {
        start = holdUntil;
      }
      nextStart = Math.max(nextStart, start) + interval;
      return start - now;
    }

    /**
     * The spacing of starts, rounded up: rounded down, {@code rate} intervals would fit in just
     * under a second and let {@code rate + 1} starts into one window.
     */
    private long interval() {
      return (long) Math.ceil(SECOND / rate);
    }

    /** Whether a Retry-After hold still covers the present. */
    synchronized long heldFor() {
      long left = holding ? holdUntil - nanoClock.getAsLong() : 0;
      return Math.max(0, left);
    }

    synchronized void onThrottle(Duration retryAfter) {
      rate = Math.max(MIN_RATE, rate / 2);
      successes = 0;
      long now = nanoClock.getAsLong();
      // Slots already handed out were spaced for the old rate; space the next from now, and take
      // back the slot of credit: the account has just shown it has none to spare.
      nextStart = Math.max(nextStart, now + 2 * interval());
      if (retryAfter != null && !retryAfter.isNegative()) {
        long until = now + retryAfter.toNanos();
        if (!holding || until - holdUntil > 0) {
          holdUntil = until;
          holding = true;
        }
      }
    }

    synchronized void onSuccess() {
      if (rate < configured && ++successes >= RECOVERY_SUCCESSES) {
        rate = Math.min(configured, rate + 1);
        successes = 0;
      }
    }

    synchronized double rate() {
      return rate;
    }
  }

  private final String account;
  private final PerAccount<Shared>.Lease lease;
  private final Shared shared;
  private final Waiter waiter;

  private AccountPacer(String account, PerAccount<Shared>.Lease lease, Waiter waiter) {
    this.account = account;
    this.lease = lease;
    this.shared = lease == null ? null : lease.value();
    this.waiter = waiter;
  }

  /**
   * The pacer of an account, joining the pace other open connections to it already keep.
   *
   * @param callsPerSecond the configured rate; 0 for none (every call starts at once)
   */
  static AccountPacer join(String account, double callsPerSecond) {
    return join(account, callsPerSecond, System::nanoTime, AccountPacer::sleep);
  }

  static AccountPacer join(
      String account, double callsPerSecond, LongSupplier nanoClock, Waiter waiter) {
    if (callsPerSecond == 0) {
      return new AccountPacer(account, null, waiter);
    }
    if (!(callsPerSecond > 0) || Double.isInfinite(callsPerSecond)) {
      throw new IllegalArgumentException("callsPerSecond must be 0 or positive: " + callsPerSecond);
    }
    // The first connection's rate stands for the account while any connection is open: one
    // account has one limit, and a second, faster setting would only bring 429s back.
    return new AccountPacer(
        account, ACCOUNTS.join(account, () -> new Shared(callsPerSecond, nanoClock)), waiter);
  }

  /** Waits until this caller may start a request, giving up when the statement is stopped. */
  void acquire(CallControl control) {
    if (shared == null) {
      return;
    }
    while (true) {
      control.check();
      long wait = shared.reserve();
      if (wait > 0) {
        long left = control.remainingNanos();
        if (wait > left) {
          throw new io.github.caspiojdbc.error.CaspioException(
              ErrorKind.TIMEOUT,
              "The statement deadline would pass while waiting for the account's call rate",
              null);
        }
        if (!waiter.await(wait)) {
          Thread.currentThread().interrupt();
          throw CallControl.stopped(ErrorKind.CANCELLED);
        }
      }
      // A Retry-After that arrived while this caller waited applies to it too.
      if (shared.heldFor() == 0) {
        return;
      }
    }
  }

  /** A throttled reply: slow the account down, and hold it for {@code retryAfter} if given. */
  void onThrottle(Duration retryAfter) {
    if (shared != null) {
      shared.onThrottle(retryAfter);
    }
  }

  /** An answered call. */
  void onSuccess() {
    if (shared != null) {
      shared.onSuccess();
    }
  }

  /** The account's current rate in calls per second; 0 when not paced. */
  double rate() {
    return shared == null ? 0 : shared.rate();
  }

  /** The connection closed: the pace is forgotten with the last connection to the account. */
  void release() {
    if (lease != null) {
      lease.release();
    }
  }

  /** How many accounts have a shared pace; for tests. */
  static int accountsKnown() {
    return ACCOUNTS.size();
  }

  @Override
  public String toString() {
    return "AccountPacer[" + account + ", " + (shared == null ? "off" : rate() + "/s") + "]";
  }

  private static boolean sleep(long nanos) {
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }
}
