/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the open connections to one account share in this JVM (the generation verdict, the pace of
 * calls): made by the first of them and dropped with the last, so nothing outlives the connections
 * that learnt it and no thread is needed to clean up. Keyed by the account's origin, never by
 * credentials. Thread-safe.
 *
 * @param <S> the shared state, which guards its own fields
 */
final class PerAccount<S> {
  /** Guarded by itself. */
  private final Map<String, Entry<S>> entries = new HashMap<>();

  private static final class Entry<S> {
    final S value;
    int users;

    Entry(S value) {
      this.value = value;
    }
  }

  /** One connection's hold on its account's shared state. */
  final class Lease {
    private final String account;
    private final Entry<S> entry;
    private boolean released;

    private Lease(String account, Entry<S> entry) {
      this.account = account;
      this.entry = entry;
    }

    /** The account's shared state. */
    S value() {
      return entry.value;
    }

    /** The connection closed; idempotent. The state goes with the account's last lease. */
    void release() {
      synchronized (entries) {
        if (released) {
          return;
        }
        released = true;
        if (--entry.users == 0) {
          entries.remove(account, entry);
        }
      }
    }
  }

  /** A hold on the account's state, made by {@code create} when no open connection has it. */
  Lease join(String account, Supplier<S> create) {
    synchronized (entries) {
      Entry<S> e = entries.computeIfAbsent(account, k -> new Entry<>(create.get()));
      e.users++;
      return new Lease(account, e);
    }
  }

  /** How many accounts have open connections; for tests. */
  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}
