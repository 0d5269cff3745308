/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.caspiojdbc.auth.AccessTokenSource;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import java.util.logging.Level;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * The production {@link CaspioApi}: Apache HttpClient 5 classic plus Jackson. One instance per JDBC
 * connection; it owns its HTTP client and its {@link ConnectionExecutor} (the daemon threads that
 * fetch pages and send concurrent writes, and the timer for statement deadlines), all released by
 * {@link #close()}.
 */
public final class HttpCaspioApi implements CaspioApi {
  /** Largest metadata or write reply read into memory. */
  private static final int MAX_SMALL_REPLY = 32 * 1024 * 1024;

  private final CaspioApiConfig config;
  private final CloseableHttpClient client;
  private final ObjectMapper mapper = new ObjectMapper();
  private final JsonReplies json;
  private final TrafficCounters counters = new TrafficCounters();
  private final ConcurrencyLimiter limiter;
  private final Exchange exchange;
  private final ConnectionExecutor threads;
  private final Consumer<String> listener;
  private final Set<PagedCursor> cursors = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * An API client with its own HTTP client built by {@link CaspioHttpClients#create}.
   *
   * @param tokens where bearer tokens come from; not closed by this class
   */
  public static HttpCaspioApi create(CaspioApiConfig config, AccessTokenSource tokens) {
    return new HttpCaspioApi(config, tokens, CaspioHttpClients.create(config));
  }

  /**
   * An API client over a given HTTP client, which it takes over and closes. The client should be
   * built like {@link CaspioHttpClients#create} (no redirects, no retries).
   */
  public HttpCaspioApi(
      CaspioApiConfig config, AccessTokenSource tokens, CloseableHttpClient client) {
    this(config, tokens, client, Sleeper.REAL, Clock.systemUTC());
  }

  HttpCaspioApi(
      CaspioApiConfig config,
      AccessTokenSource tokens,
      CloseableHttpClient client,
      Sleeper sleeper,
      Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.json = new JsonReplies(mapper, config.generation().replies());
    this.client = Objects.requireNonNull(client, "client");
    Objects.requireNonNull(tokens, "tokens");
    this.limiter = new ConcurrencyLimiter(config.prefetchDepth());
    this.exchange = new Exchange(config, tokens, client, mapper, sleeper, clock, counters, limiter);
    this.threads = new ConnectionExecutor();
    this.listener = config.requestListener();
  }

  @Override
  public List<String> listTables() {
    return call(ApiRequest.get("/tables"), null, in -> json.names(readSmall(in)));
  }

  @Override
  public List<String> listViews() {
    return call(ApiRequest.get("/views"), null, in -> json.names(readSmall(in)));
  }

  @Override
  public List<FieldInfo> fields(ObjectKind kind, String name) {
    ApiRequest r = ApiRequest.get(objectPath(kind, name) + "/fields");
    return call(r, null, in -> json.fields(readSmall(in)));
  }

  @Override
  public RecordCursor query(RecordQuery query) {
    checkOpen();
    QueryPlan plan = QueryPlan.of(query, config.generation());
    checkLength(plan);
    CallControl control = new CallControl(timeoutFor(query.timeout()));
    exchange.metering().refuseOverBudget(plan, control, config.prefetchDepth());
    ScheduledFuture<?> expiry = scheduleExpiry(control);
    PagedCursor cursor;
    try {
      cursor = new PagedCursor(this, plan, control, expiry);
    } catch (RuntimeException e) {
      control.cancel();
      if (expiry != null) {
        expiry.cancel(false);
      }
      throw e;
    }
    cursors.add(cursor);
    return cursor;
  }

  @Override
  public String describe(RecordQuery query) {
    return QueryPlan.of(query, config.generation()).describe(config.prefetchDepth());
  }

  @Override
  public CallEstimate estimate(RecordQuery query) {
    return exchange
        .metering()
        .estimate(QueryPlan.of(query, config.generation()), config.prefetchDepth());
  }

  @Override
  public void requireCalls(long calls, String what) {
    exchange.metering().requireCalls(calls, what);
  }

  @Override
  public int uriLength(RecordQuery query) {
    int max = 0;
    for (ApiRequest r : QueryPlan.of(query, config.generation()).longestRequests()) {
      max = Math.max(max, exchange.uri(r).length());
    }
    return max;
  }

  private void checkLength(QueryPlan plan) {
    for (ApiRequest r : plan.longestRequests()) {
      // execute() refuses an over-long request with the standard message; run the check early so
      // that no page of the read is sent.
      if (exchange.uri(r).length() > MAX_URI_LENGTH) {
        exchange.execute(r, new CallControl(null), in -> null);
      }
    }
  }

  @Override
  public Map<String, Object> insert(ObjectKind kind, String name, Map<String, ?> values) {
    ApiRequest r =
        new ApiRequest(
            "POST", objectPath(kind, name) + "/records", Map.of("response", "rows"), body(values));
    return call(r, null, in -> json.insertedRow(readSmall(in)));
  }

  @Override
  public RecordsAffected update(ObjectKind kind, String name, String where, Map<String, ?> values) {
    ApiRequest r =
        new ApiRequest("PUT", objectPath(kind, name) + "/records", whereParam(where), body(values));
    return call(r, null, in -> json.recordsAffected(readSmall(in)));
  }

  @Override
  public RecordsAffected delete(ObjectKind kind, String name, String where) {
    ApiRequest r =
        new ApiRequest("DELETE", objectPath(kind, name) + "/records", whereParam(where), null);
    return call(r, null, in -> json.recordsAffected(readSmall(in)));
  }

  @Override
  public RecordsAffected setPassword(String table, String field, String where, String value) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Value", Objects.requireNonNull(value, "value"));
    ApiRequest r =
        new ApiRequest(
            "PUT",
            objectPath(ObjectKind.TABLE, table) + "/passwordFields/" + ApiRequest.segment(field),
            whereParam(where),
            body(body));
    return call(r, null, in -> json.recordsAffected(readSmall(in)));
  }

  /**
   * This connection's worker pool. Each request a task sends still waits for the connection's
   * limiter, so fan-out through this executor never exceeds the connection's concurrency.
   */
  @Override
  public Executor executor() {
    return threads.workers();
  }

  @Override
  public ApiStats stats() {
    return counters.snapshot(limiter.limit());
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    // cancel() is the one cursor method that is safe from another thread; consumers blocked in
    // next() wake up with CANCELLED.
    for (PagedCursor c : List.copyOf(cursors)) {
      c.cancel();
    }
    cursors.clear();
    threads.close();
    try {
      client.close();
    } catch (IOException e) {
      Exchange.LOG.log(Level.FINE, "Closing the HTTP client failed", e);
    }
  }

  // ---- collaboration with PagedCursor ----

  CaspioApiConfig config() {
    return config;
  }

  Exchange exchange() {
    return exchange;
  }

  JsonReplies json() {
    return json;
  }

  ExecutorService fetchPool() {
    return threads.workers();
  }

  ConnectionExecutor threads() {
    return threads;
  }

  /** Tells the listener about a request about to be scheduled. */
  void announce(ApiRequest request) {
    if (listener != null) {
      listener.accept(request.describe(config.generation()));
    }
  }

  void forget(PagedCursor cursor) {
    cursors.remove(cursor);
  }

  // ---- helpers ----

  private <T> T call(ApiRequest request, Duration timeout, Exchange.BodyReader<T> reader) {
    checkOpen();
    CallControl control = new CallControl(timeoutFor(timeout));
    ScheduledFuture<?> expiry = scheduleExpiry(control);
    try {
      announce(request);
      return exchange.execute(request, control, reader);
    } finally {
      if (expiry != null) {
        expiry.cancel(false);
      }
    }
  }

  private Duration timeoutFor(Duration timeout) {
    return timeout != null ? timeout : config.statementTimeout();
  }

  private ScheduledFuture<?> scheduleExpiry(CallControl control) {
    if (!control.hasDeadline()) {
      return null;
    }
    return threads.schedule(control::expire, control.remainingNanos());
  }

  private void checkOpen() {
    if (closed) {
      throw new CaspioException(
          ErrorKind.CONNECTION_FAILED, "The Caspio API client is closed", null);
    }
  }

  private static String objectPath(ObjectKind kind, String name) {
    Objects.requireNonNull(name, "name");
    return "/" + kind.segment() + "/" + ApiRequest.segment(name);
  }

  private Map<String, String> whereParam(String where) {
    if (where == null || where.isBlank()) {
      // Caspio requires q.where on set-based writes; an empty one would touch every row.
      throw new CaspioException(
          ErrorKind.INVALID_PARAMETER,
          "An update or delete through the Caspio API needs a where clause",
          null);
    }
    return Map.of(config.generation().params().where(), where);
  }

  private byte[] body(Map<String, ?> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : values.entrySet()) {
      out.put(e.getKey(), jsonValue(e.getKey(), e.getValue()));
    }
    try {
      return mapper.writeValueAsBytes(out);
    } catch (JsonProcessingException e) {
      throw new CaspioException(ErrorKind.DATA, "Cannot encode the record as JSON", e);
    }
  }

  private static Object jsonValue(String field, Object v) {
    if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
      return v;
    }
    if (v instanceof LocalDateTime t) {
      return CaspioValues.format(t);
    }
    if (v instanceof LocalDate d) {
      return d.toString();
    }
    if (v instanceof Collection<?> c) {
      List<Object> ids = new ArrayList<>(c.size());
      for (Object o : c) {
        if (!(o instanceof Number || o instanceof String)) {
          throw badValue(field, o);
        }
        ids.add(o);
      }
      return ids;
    }
    throw badValue(field, v);
  }

  private static CaspioException badValue(String field, Object v) {
    return new CaspioException(
        ErrorKind.DATA,
        "Field " + field + " cannot take a value of type " + v.getClass().getSimpleName(),
        null);
  }

  private static byte[] readSmall(InputStream in) throws IOException {
    byte[] b = in.readNBytes(MAX_SMALL_REPLY);
    if (in.read() >= 0) {
      throw JsonReplies.malformed("a reply larger than " + MAX_SMALL_REPLY + " bytes", null);
    }
    return b;
  }
}
