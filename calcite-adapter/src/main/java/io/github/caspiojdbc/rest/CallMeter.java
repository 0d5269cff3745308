/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live call counters of one scope (a statement, a connection, the JVM), with an optional
 * budget: the most REST calls the scope may send. The budget is taken before a request is sent, by
 * one compare-and-set, so concurrent page fetches never overshoot it.
 *
 * <p>A connection's meter also counts per table ({@link #byTable()}); a statement's does not.
 */
public final class CallMeter {
  private static final CallMeter JVM = new CallMeter("JVM", 0, true);

  private final String scope;
  private final long limit;
  private final boolean perTable;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong metadata = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();
  private final AtomicLong tokenRequests = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong cacheHits = new AtomicLong();
  private final Map<String, CallMeter> tables = new ConcurrentHashMap<>();
  private final List<FullScan> fullScans = new CopyOnWriteArrayList<>();
  private volatile Instant since = Instant.now(Clock.systemUTC());

  /**
   * A meter for one scope.
   *
   * @param scope what the budget belongs to, for messages ("statement", "connection")
   * @param limit the most calls the scope may send; 0 for no limit
   * @param perTable whether to keep counts per table as well
   */
  public CallMeter(String scope, long limit, boolean perTable) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    this.scope = scope;
    this.limit = limit;
    this.perTable = perTable;
  }

  /** The meter of every call this JVM's driver sent. */
  public static CallMeter jvm() {
    return JVM;
  }

  /** The budget, 0 for none. */
  public long limit() {
    return limit;
  }

  /** What the counters say now. */
  public CallCounts snapshot() {
    return new CallCounts(
        reads.get(),
        writes.get(),
        metadata.get(),
        retries.get(),
        throttled.get(),
        tokenRequests.get(),
        bytes.get(),
        cacheHits.get(),
        since);
  }

  /**
   * A read of a whole table or view, without a filter, as Caspio reported its size.
   *
   * @param table the table or view
   * @param rows the rows it held when the read started
   */
  public record FullScan(String table, long rows) {}

  /** The unfiltered reads of whole tables this meter's scope made, where Caspio told their size. */
  public List<FullScan> fullScans() {
    return List.copyOf(fullScans);
  }

  void fullScan(String table, long rows) {
    fullScans.add(new FullScan(table, rows));
  }

  /** Snapshots per table, by name in case-insensitive order; empty for a meter without them. */
  public Map<String, CallCounts> byTable() {
    Map<String, CallCounts> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    tables.forEach((k, v) -> out.put(k, v.snapshot()));
    return out;
  }

  /**
   * Sets every counter to zero and {@link CallCounts#since()} to now. The budget starts again too:
   * a reset is how a long-lived pooled connection gets a fresh one.
   */
  public void reset() {
    for (AtomicLong a :
        new AtomicLong[] {
          calls, reads, writes, metadata, retries, throttled, tokenRequests, bytes, cacheHits
        }) {
      a.set(0);
    }
    tables.clear();
    fullScans.clear();
    since = Instant.now(Clock.systemUTC());
  }

  /** Calls still allowed; {@link Long#MAX_VALUE} without a budget. */
  long remaining() {
    return limit == 0 ? Long.MAX_VALUE : Math.max(0, limit - calls.get());
  }

  /**
   * Takes one call from the budget, or throws BUDGET_EXCEEDED when none is left. Nothing is sent
   * after the throw.
   */
  void take(String what) {
    if (limit == 0) {
      calls.incrementAndGet();
      return;
    }
    while (true) {
      long used = calls.get();
      if (used >= limit) {
        throw exceeded(scope, limit, used, what);
      }
      if (calls.compareAndSet(used, used + 1)) {
        return;
      }
    }
  }

  /**
   * Refuses up front work that needs {@code needed} more calls than the budget has left.
   *
   * @param what the work, for the message ("the scan of Orders needs at least 10 calls")
   */
  void require(long needed, String what) {
    long left = remaining();
    if (needed > left) {
      throw new CaspioException(
          ErrorKind.CALL_BUDGET_EXCEEDED,
          what
              + ", but the "
              + scope
              + " may send only "
              + left
              + " more (max calls per "
              + scope
              + ": "
              + limit
              + "); nothing was sent. Raise the budget or narrow the query.",
          null);
    }
  }

  static CaspioException exceeded(String scope, long limit, long used, String what) {
    return new CaspioException(
        ErrorKind.CALL_BUDGET_EXCEEDED,
        "The "
            + scope
            + " has used its budget of "
            + limit
            + " Caspio calls ("
            + used
            + " sent); "
            + what
            + " was not sent and the statement stopped. Raise maxCallsPer"
            + (scope.equals("statement") ? "Statement" : "Connection")
            + " or narrow the query.",
        null);
  }

  /** Counts one request of {@code kind} after its budget was taken. */
  void sent(RequestKind kind, String table) {
    counter(kind).incrementAndGet();
    if (perTable && table != null) {
      CallMeter t = tables.computeIfAbsent(table, k -> new CallMeter(k, 0, false));
      t.calls.incrementAndGet();
      t.counter(kind).incrementAndGet();
    }
  }

  private AtomicLong counter(RequestKind kind) {
    return switch (kind) {
      case READ -> reads;
      case WRITE -> writes;
      case METADATA -> metadata;
    };
  }

  void retried(String table) {
    retries.incrementAndGet();
    perTable(table, retries -> retries.retries.incrementAndGet());
  }

  void throttled(String table) {
    throttled.incrementAndGet();
    perTable(table, t -> t.throttled.incrementAndGet());
  }

  void tokenRequests(long n) {
    tokenRequests.addAndGet(n);
  }

  void bytes(long n, String table) {
    bytes.addAndGet(n);
    perTable(table, t -> t.bytes.addAndGet(n));
  }

  void cacheHit(String table) {
    cacheHits.incrementAndGet();
    perTable(table, t -> t.cacheHits.incrementAndGet());
  }

  private void perTable(String table, java.util.function.Consumer<CallMeter> add) {
    if (perTable && table != null) {
      add.accept(tables.computeIfAbsent(table, k -> new CallMeter(k, 0, false)));
    }
  }

  @Override
  public String toString() {
    CallCounts c = snapshot();
    return "CallMeter[" + scope + ", calls=" + c.calls() + (limit == 0 ? "" : "/" + limit) + "]";
  }
}
