/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The observing half of an {@link Exchange}: charges every attempt to the budgets of its statement
 * and connection before it is sent, counts it for the statement, the connection (and its table) and
 * the JVM, counts the reply bytes, and logs the attempt. Keeping this apart leaves {@link Exchange}
 * with the send-and-retry loop only.
 */
final class Metering {
  private final TrafficCounters traffic;
  private final CallMeter connection;
  private final Logger log;
  private final RowCounts rowCounts = new RowCounts();

  /** Attempts logged by this connection, numbering the log lines. */
  private final java.util.concurrent.atomic.AtomicLong calls =
      new java.util.concurrent.atomic.AtomicLong();

  Metering(TrafficCounters traffic, CallMeter connection, Logger log) {
    this.traffic = traffic;
    this.connection = connection != null ? connection : new CallMeter("connection", 0, true);
    this.log = log;
  }

  /** The connection's meter. */
  CallMeter connection() {
    return connection;
  }

  TrafficCounters traffic() {
    return traffic;
  }

  /** The calls {@code plan} will send, exact when its rows are known from an earlier read. */
  CallEstimate estimate(QueryPlan plan, int prefetchDepth) {
    // The same condition as QueryPlan.describe's key ranges.
    boolean ranged =
        plan.mode == QueryPlan.Mode.KEYSET
            && prefetchDepth > 1
            && plan.query.where() == null
            && !plan.descending
            && plan.paginationInfo
            && plan.query.maxRows() == Long.MAX_VALUE;
    return CallEstimates.of(plan, rowCounts.rows(plan.query), ranged);
  }

  /** See {@link CaspioApi#knownRows}. */
  long knownRows(RecordQuery q) {
    return rowCounts.rows(q);
  }

  /** See {@link CaspioApi#learnedRows}. */
  void learnedRows(RecordQuery q, long rows) {
    rowCounts.learned(q, rows);
  }

  /**
   * Refuses, before its first call, a read whose estimate already needs more calls than its
   * statement or connection has left.
   */
  void refuseOverBudget(QueryPlan plan, CallControl control, int prefetchDepth) {
    CallMeter statement = control.meter();
    if ((statement == null || statement.limit() == 0) && connection.limit() == 0) {
      return;
    }
    CallEstimate e = estimate(plan, prefetchDepth);
    String what =
        "The read of "
            + plan.query.name()
            + " needs at least "
            + e.min()
            + (e.min() == 1 ? " call" : " calls");
    if (statement != null) {
      statement.require(e.min(), what);
    }
    connection.require(e.min(), what);
  }

  /** Refuses work of the current statement that needs more calls than its budgets have left. */
  void requireCalls(long calls, String what) {
    String need = what + " needs " + calls + (calls == 1 ? " call" : " calls");
    CallMeter statement = CallScope.current();
    if (statement != null) {
      statement.require(calls, need);
    }
    connection.require(calls, need);
  }

  /**
   * A read of {@code q} for the statement of {@code control} reported that its filter matches
   * {@code rows} rows.
   */
  void learnedTotal(RecordQuery q, long rows, CallControl control) {
    rowCounts.learned(q, rows);
    CallMeter statement = control.meter();
    if (statement != null
        && q.where() == null
        && q.groupBy() == null
        && q.maxRows() == Long.MAX_VALUE) {
      statement.fullScan(q.name(), rows);
    }
  }

  /** The counting state of one request across its attempts; used by one thread. */
  final class Counted {
    final RequestKind kind;
    final String table;
    final boolean view;
    final CallMeter statement;
    long attemptBytes;

    private Counted(RequestKind kind, String table, boolean view, CallMeter statement) {
      this.kind = kind;
      this.table = table;
      this.view = view;
      this.statement = statement;
    }
  }

  /** Starts counting {@code request} for the statement that {@code control} belongs to. */
  Counted of(ApiRequest request, CallControl control) {
    return new Counted(
        RequestKind.of(request),
        tableOf(request.path()),
        request.path().startsWith("/views/"),
        control.meter());
  }

  /**
   * Charges one attempt about to be sent: throws CALL_BUDGET_EXCEEDED, sending nothing, when the
   * statement or the connection has no call left.
   */
  void take(Counted c, String what) {
    if (c.statement != null) {
      c.statement.take(what);
    }
    connection.take(what);
    CallMeter.jvm().take(what);
    if (c.statement != null) {
      c.statement.sent(c.kind, c.table);
    }
    connection.sent(c.kind, c.table);
    CallMeter.jvm().sent(c.kind, c.table);
    traffic.calls.increment();
    c.attemptBytes = 0;
    if (c.kind == RequestKind.WRITE && c.table != null) {
      rowCounts.written(c.table, c.view);
    }
  }

  /** {@code n} token requests were sent to obtain the token for this request. */
  void tokens(Counted c, long n) {
    if (n <= 0) {
      return;
    }
    if (c.statement != null) {
      c.statement.tokenRequests(n);
    }
    connection.tokenRequests(n);
    CallMeter.jvm().tokenRequests(n);
  }

  void retried(Counted c) {
    traffic.retries.increment();
    if (c.statement != null) {
      c.statement.retried(null);
    }
    connection.retried(c.table);
    CallMeter.jvm().retried(null);
  }

  void throttled(Counted c) {
    traffic.throttles.increment();
    if (c.statement != null) {
      c.statement.throttled(null);
    }
    connection.throttled(c.table);
    CallMeter.jvm().throttled(null);
  }

  /** A read was answered from the reply cache: no call, one hit. */
  void cacheHit(Counted c) {
    if (c.statement != null) {
      c.statement.cacheHit(null);
    }
    connection.cacheHit(c.table);
    CallMeter.jvm().cacheHit(null);
  }

  void unauthorized() {
    traffic.unauthorized.increment();
  }

  private void bytes(Counted c, int n) {
    c.attemptBytes += n;
    traffic.bytes.add(n);
    if (c.statement != null) {
      c.statement.bytes(n, null);
    }
    connection.bytes(n, c.table);
    CallMeter.jvm().bytes(n, null);
  }

  /** {@code in}, counting every byte read for {@code c}. */
  InputStream counting(InputStream in, Counted c) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          bytes(c, 1);
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
          bytes(c, n);
        }
        return n;
      }
    };
  }

  /**
   * Logs one finished attempt at FINE: the request as EXPLAIN shows it (never a credential), the
   * outcome, the bytes and time, the connection's call number, and Caspio's request id (its {@code
   * X-Caspio-Request-ID}, sanitized) when the reply had one, to quote to Caspio's support.
   */
  void log(
      ApiRequest request,
      String outcome,
      Counted c,
      long startNanos,
      int attempt,
      String caspioRequestId) {
    long call = calls.incrementAndGet();
    if (log.isLoggable(Level.FINE)) {
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
      log.log(
          Level.FINE,
          "call {0}: {1} -> {2}, {3} bytes, {4} ms, attempt {5}{6}",
          new Object[] {
            call,
            request.describe(),
            outcome == null ? "no reply" : outcome,
            c.attemptBytes,
            ms,
            attempt,
            caspioRequestId == null ? "" : ", Caspio request id " + caspioRequestId
          });
    }
  }

  /**
   * The table or view a request concerns ({@code /tables/{name}/...} or {@code /views/{name}...}),
   * decoded; null for account-wide requests such as the table list.
   */
  static String tableOf(String path) {
    String rest;
    if (path.startsWith("/tables/")) {
      rest = path.substring("/tables/".length());
    } else if (path.startsWith("/views/")) {
      rest = path.substring("/views/".length());
    } else {
      return null;
    }
    int slash = rest.indexOf('/');
    String segment = slash < 0 ? rest : rest.substring(0, slash);
    return segment.isEmpty()
        ? null
        : URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
