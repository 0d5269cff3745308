/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which generation one connection talks to. A fixed {@link ApiVersion} is decided from the start.
 * Under {@link ApiVersion#AUTO} the connection's first schema read goes to the first generation
 * (v4): its answer is the probe, so an account with v4 pays no extra call; a 404 there means the
 * account has no v4, and the fallback (v3) is used from then on. Either verdict is remembered per
 * account (its origin) for {@link CaspioApiConfig#versionMemory()}, so later connections to the
 * same account skip the probe; the memory holds only a verdict per origin, never credentials.
 *
 * <p>Thread-safe. The verdict moves at most once per connection, from undecided to decided, and
 * every read goes through {@link HttpCaspioApi}, which decides before it plans one.
 */
final class GenerationChoice {
  private static final ConcurrentHashMap<String, Verdict> ACCOUNTS = new ConcurrentHashMap<>();

  /** What an account turned out to serve, and until when that is believed. */
  private record Verdict(boolean firstServed, long expiresAtNanos) {}

  private final ApiVersion version;
  private final String account;
  private final Duration memory;
  private volatile ApiGeneration decided;

  GenerationChoice(ApiVersion version, String account, Duration memory) {
    this.version = version;
    this.account = account;
    this.memory = memory;
    if (version.fallback() == null) {
      decided = version.generation();
    } else {
      Verdict v = ACCOUNTS.get(account);
      if (v != null && System.nanoTime() - v.expiresAtNanos < 0) {
        decided = v.firstServed ? version.generation() : version.fallback();
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

  private synchronized void settle(boolean firstServed) {
    if (decided != null) {
      return;
    }
    decided = firstServed ? version.generation() : version.fallback();
    if (!memory.isZero()) {
      ACCOUNTS.put(account, new Verdict(firstServed, System.nanoTime() + memory.toNanos()));
    }
  }

  /** Forgets every remembered verdict; for tests that switch an emulator's v4 on and off. */
  static void forgetAll() {
    ACCOUNTS.clear();
  }
}
