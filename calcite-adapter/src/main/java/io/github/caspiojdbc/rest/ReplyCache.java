/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import io.github.caspiojdbc.auth.AccessTokenSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The opt-in reply cache ({@code cacheTtl}): bodies of successful record reads, keyed by the exact
 * request URI, kept for a time to live and bounded in bytes (least recently used first out).
 *
 * <p>One cache per credentials: {@link #of} keys caches by the token source, of which the auth
 * layer keeps one per set of credentials, so a reply fetched with one identity's permissions is
 * never served to another. A write through any connection of the driver empties, in every cache of
 * that account (any REST generation), the entries of the table written and every view entry (a
 * view's rows may come from any table, and Caspio does not say which). Writes by other clients are
 * not seen: that is what the time to live bounds.
 */
final class ReplyCache {
  /** Total bytes one cache may hold. */
  static final long MAX_BYTES = 16L * 1024 * 1024;

  /** Largest reply kept; larger ones are read through. */
  static final int MAX_ENTRY = 1024 * 1024;

  private static final Map<Object, ReplyCache> CACHES = new WeakHashMap<>();

  private record Entry(byte[] body, long expiresAt) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  private ReplyCache() {}

  /** The cache of the credentials behind {@code tokens}. */
  static ReplyCache of(AccessTokenSource tokens) {
    synchronized (CACHES) {
      return CACHES.computeIfAbsent(tokens.identity(), t -> new ReplyCache());
    }
  }

  /** The cached body of {@code uri}, or null when none is fresh. */
  synchronized byte[] get(String uri) {
    Entry e = entries.get(uri);
    if (e == null) {
      return null;
    }
    if (System.nanoTime() - e.expiresAt() > 0) {
      remove(uri);
      return null;
    }
    return e.body();
  }

  /** Keeps {@code body} for {@code ttlNanos}, evicting the least recently used beyond the bound. */
  synchronized void put(String uri, byte[] body, long ttlNanos) {
    if (body.length > MAX_ENTRY) {
      return;
    }
    remove(uri);
    entries.put(uri, new Entry(body, System.nanoTime() + ttlNanos));
    bytes += body.length;
    Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
    while (bytes > MAX_BYTES && it.hasNext()) {
      bytes -= it.next().getValue().body().length;
      it.remove();
    }
  }

  private void remove(String uri) {
    Entry old = entries.remove(uri);
    if (old != null) {
      bytes -= old.body().length;
    }
  }

  /**
   * Drops the entries of {@code origin} under {@code tablePath} and every view, whatever REST
   * generation read them (a write through v4 changes what v3 reads). A write through a view drops
   * every table's entries too: it changes the view's base table, which the path does not name.
   * Matching the path anywhere in the URI may drop more than needed, never less.
   */
  private synchronized void invalidate(String origin, String tablePath) {
    boolean viewWrite = tablePath.startsWith("/views/");
    List<String> gone = new ArrayList<>();
    for (String uri : entries.keySet()) {
      if (uri.startsWith(origin)
          && (uri.contains(tablePath)
              || uri.contains("/views/")
              || (viewWrite && uri.contains("/tables/")))) {
        gone.add(uri);
      }
    }
    gone.forEach(this::remove);
  }

  /**
   * A write to {@code tablePath} (like {@code /tables/Orders/}) of the account at {@code origin}
   * was sent: every cache forgets what it may have changed.
   */
  static void written(String origin, String tablePath) {
    List<ReplyCache> all;
    synchronized (CACHES) {
      all = new ArrayList<>(CACHES.values());
    }
    for (ReplyCache c : all) {
      c.invalidate(origin, tablePath);
    }
  }

  /** Entries held, for tests. */
  synchronized int size() {
    return entries.size();
  }
}
