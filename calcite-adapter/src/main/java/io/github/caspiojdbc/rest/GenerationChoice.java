/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import java.time.Duration;

/**
 * Which generation one connection talks to. A fixed {@link ApiVersion} is decided from the start.
 * Under {@link ApiVersion#AUTO} the connection's first schema read goes to the first generation
 * (v4): its answer is the probe, so an account with v4 pays no extra call; a 404 there means the
 * account has no v4, and the fallback (v3) is used from then on.
 *
 * <p>The verdict is shared by the open connections to the same account (its origin) for at most
 * {@link CaspioApiConfig#versionMemory()}, so a pool's or a BI tool's further connections skip the
 * probe; it is dropped with the last of them ({@link #release()}), like the metadata each
 * connection caches, so nothing outlives the connections that learnt it. It holds one flag per
 * origin, never credentials.
 *
 * <p>Thread-safe. The verdict moves at most once per connection, from undecided to decided, and
 * every request goes through {@link HttpCaspioApi}, which decides before it sends one.
 */
final class GenerationChoice {
  private static final PerAccount<Shared> ACCOUNTS = new PerAccount<>();

  /** What the open connections to one account learnt. Guarded by itself. */
  private static final class Shared {
    Boolean firstServed;
    long expiresAtNanos;
  }

  private final ApiVersion version;
  private final Duration memory;
  private final PerAccount<Shared>.Lease lease;
  private final Shared shared;
  private volatile ApiGeneration decided;

  GenerationChoice(ApiVersion version, String account, Duration memory) {
    this.version = version;
    this.memory = memory;
    if (version.fallback() == null) {
      decided = version.generation();
      lease = null;
      shared = null;
      return;
    }
    lease = ACCOUNTS.join(account, Shared::new);
    shared = lease.value();
    synchronized (shared) {
      if (shared.firstServed != null && System.nanoTime() - shared.expiresAtNanos < 0) {
        decided = shared.firstServed ? version.generation() : version.fallback();
      }
    }
  }

  /** The decided generation, or the one to probe while undecided. */
  ApiGeneration current() {
    ApiGeneration d = decided;
    return d != null ? d : version.generation();
  }

  /** Whether the next schema read is the probe. */
  boolean undecided() {
    return decided == null;
  }

  /** The selection as a fixed version once decided ({@link ApiVersion#AUTO} while undecided). */
  ApiVersion version() {
    ApiGeneration d = decided;
    return d == null ? version : ApiVersion.of(d);
  }

  /** The probe was answered by the first generation. */
  void firstServed() {
    settle(true);
  }

  /**
   * The probe was answered 404.
   *
   * @return whether there is a fallback to use; false for a fixed version, whose 404 stands
   */
  boolean fallBack() {
    if (version.fallback() == null) {
      return false;
    }
    settle(false);
    return true;
  }

  private void settle(boolean firstServed) {
    synchronized (shared) {
      if (decided != null) {
        return;
      }
      decided = firstServed ? version.generation() : version.fallback();
      if (!memory.isZero()) {
        shared.firstServed = firstServed;
        shared.expiresAtNanos = System.nanoTime() + memory.toNanos();
      }
    }
  }

  /** The connection closed: the verdict is forgotten with the last connection to the account. */
  void release() {
    if (lease != null) {
      lease.release();
    }
  }

  /** How many accounts have open connections with a shared verdict; for tests. */
  static int accountsKnown() {
    return ACCOUNTS.size();
  }
}
