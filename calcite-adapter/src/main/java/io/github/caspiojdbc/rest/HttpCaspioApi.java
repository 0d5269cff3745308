/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.caspiojdbc.auth.AccessTokenSource;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

  /** How long a {@code GET /me} reading is reused. */
  static final Duration LIMITS_TTL = Duration.ofSeconds(60);

  private final ObjectMapper mapper = new ObjectMapper();
  private final Clock clock;
  private final Object limitsLock = new Object();
  private AccountLimits limits;
  private final JsonReplies json;
  private final JsonReplies jsonData;
  private final BulkInsertReply bulkReply;
  private final WriteRequests writes = new WriteRequests(mapper);
  private final GenerationChoice choice;
  private final Object probeLock = new Object();
  private final TrafficCounters counters = new TrafficCounters();
  private final ConcurrencyLimiter limiter;
  private final AccountPacer pacer;
  private final PerAccount<ThrottleLog>.Lease throttles;
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
    this.clock = Objects.requireNonNull(clock, "clock");
    this.json = new JsonReplies(mapper, ReplyShape.RESULT);
    this.jsonData = new JsonReplies(mapper, ReplyShape.DATA);
    this.bulkReply = new BulkInsertReply(mapper.getFactory(), ReplyShape.DATA);
    this.choice = new GenerationChoice(config.version(), config.origin(), config.versionMemory());
    this.client = Objects.requireNonNull(client, "client");
    Objects.requireNonNull(tokens, "tokens");
    this.limiter = new ConcurrencyLimiter(config.prefetchDepth());
    this.pacer = AccountPacer.join(config.origin(), config.maxCallsPerSecond());
    this.throttles = ThrottleLog.join(config.origin());
    this.exchange =
        new Exchange(
            config,
            tokens,
            client,
            mapper,
            sleeper,
            clock,
            counters,
            limiter,
            pacer,
            throttles.value());
    this.threads = new ConnectionExecutor();
    this.listener = config.requestListener();
  }

  @Override
  public List<String> listTables() {
    ApiGeneration g = generation();
    return call(ApiRequest.get(g, "/tables"), null, in -> json(g).names(readSmall(in)));
  }

  @Override
  public List<String> listViews() {
    ApiGeneration g = generation();
    return call(ApiRequest.get(g, "/views"), null, in -> json(g).names(readSmall(in)));
  }

  /**
   * {@code GET /schemas} where the generation has it. Under {@link ApiVersion#AUTO} the first call
   * is the probe: an answer settles on v4, a 404 on v3 (and this returns empty, so the caller lists
   * objects the v3 way); the account's verdict is then remembered, see {@link GenerationChoice}.
   */
  @Override
  public Optional<List<SchemaObject>> schemas() {
    checkOpen();
    synchronized (probeLock) {
      ApiGeneration g = choice.current();
      if (!g.listsSchemas()) {
        return Optional.empty();
      }
      boolean probe = choice.undecided();
      try {
        List<SchemaObject> all =
            call(ApiRequest.get(g, "/schemas"), null, in -> json(g).schemas(readSmall(in)));
        if (probe) {
          choice.firstServed();
        }
        return Optional.of(all);
      } catch (CaspioException e) {
        if (e.httpStatus() != 404) {
          throw e;
        }
        if (probe && choice.fallBack()) {
          Exchange.LOG.fine(
              () -> "No " + g.productVersion() + " on this account; using " + choice.version());
          return Optional.empty();
        }
        throw new CaspioException(
            ErrorKind.CONNECTION_FAILED,
            "This Caspio account does not serve "
                + g.productVersion()
                + " (GET "
                + g.basePath()
                + "/schemas answered 404). Turn REST API v4 on for the account in Caspio, or"
                + " connect with apiVersion=auto or apiVersion=v3",
            404,
            e.caspioCode(),
            e.requestId(),
            e);
      }
    }
  }

  /**
   * Reads {@code GET /me} on REST v4, one counted call, and keeps the reading for {@link
   * #LIMITS_TTL} so that polling the limits does not spend the quota it watches. v3 has no such
   * resource, so nothing is sent there. A failed or odd reply gives a reading of nulls: limits are
   * advice, and asking for them must not break a query.
   */
  @Override
  public AccountLimits accountLimits() {
    // Caspio's reading is kept a minute; the driver's own view of the account is always current.
    return throttles.value().onto(caspioLimits(), pacer.rate());
  }

  private AccountLimits caspioLimits() {
    synchronized (limitsLock) {
      Instant now = clock.instant();
      if (limits != null && now.isBefore(limits.readAt().plus(LIMITS_TTL))) {
        return limits;
      }
      AccountLimits read = AccountLimits.unknown(now);
      try {
        ApiGeneration g = generation();
        if (g.majorVersion() >= 4) {
          read = call(ApiRequest.get(g, "/me"), null, in -> MeReplies.parse(meTree(in), now));
        }
      } catch (CaspioException e) {
        Exchange.LOG.fine(() -> "GET /me failed; account limits unknown: " + e.getMessage());
      }
      limits = read;
      return read;
    }
  }

  private JsonNode meTree(InputStream in) throws IOException {
    try {
      return mapper.readTree(readSmall(in));
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      return null;
    }
  }

  @Override
  public ApiVersion version() {
    return choice.version();
  }

  @Override
  public List<FieldInfo> fields(ObjectKind kind, String name) {
    ApiGeneration g = generation();
    ApiRequest r = ApiRequest.get(g, objectPath(kind, name) + "/fields");
    return call(r, null, in -> json(g).fields(readSmall(in)));
  }

  @Override
  public RecordCursor query(RecordQuery query) {
    checkOpen();
    QueryPlan plan = QueryPlan.of(query, generation());
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
    // Sends nothing, so an undecided AUTO choice shows the generation it will try first.
    return QueryPlan.of(query, choice.current()).describe(config.prefetchDepth());
  }

  @Override
  public CallEstimate estimate(RecordQuery query) {
    return exchange
        .metering()
        .estimate(QueryPlan.of(query, choice.current()), config.prefetchDepth());
  }

  @Override
  public long knownRows(RecordQuery query) {
    return exchange.metering().knownRows(query);
  }

  @Override
  public void learnedRows(RecordQuery query, long rows) {
    exchange.metering().learnedRows(query, rows);
  }

  @Override
  public void requireCalls(long calls, String what) {
    exchange.metering().requireCalls(calls, what);
  }

  @Override
  public int uriLength(RecordQuery query) {
    int max = 0;
    for (ApiRequest r : QueryPlan.of(query, choice.current()).longestRequests()) {
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
    ApiGeneration g = generation();
    return call(
        writes.insertOne(g, kind, name, values), null, in -> json(g).insertedRow(readSmall(in)));
  }

  @Override
  public int insertBatchLimit() {
    return generation().insertBatchLimit();
  }

  @Override
  public boolean starRowsCarryKey() {
    return generation().starRowsCarryKey();
  }

  @Override
  public List<InsertOutcome> insertAll(
      ObjectKind kind, String name, List<? extends Map<String, ?>> records) {
    ApiGeneration g = generation();
    if (g.insertBatchLimit() == 1 && records.size() == 1) {
      return List.of(new InsertOutcome(insert(kind, name, records.get(0)), null));
    }
    ApiRequest r = writes.insertMany(g, kind, name, records);
    int n = records.size();
    String what = r.method() + " " + g.basePath() + r.path();
    return call(r, null, in -> bulkReply.read(readSmall(in), n, what));
  }

  @Override
  public RecordsAffected update(ObjectKind kind, String name, String where, Map<String, ?> values) {
    return affected(writes.setWrite(generation(), true, kind, name, where, values));
  }

  @Override
  public RecordsAffected delete(ObjectKind kind, String name, String where) {
    return affected(writes.setWrite(generation(), false, kind, name, where, null));
  }

  @Override
  public String describeWrite(boolean update, ObjectKind kind, String name, String where) {
    // Sends nothing, so an undecided AUTO choice shows the generation it will try first.
    ApiRequest r = writes.setWrite(choice.current(), update, kind, name, where, Map.of());
    String d = r.describe();
    return r.generation().setWrites().whereInBody() ? d + " {where: " + where + "}" : d;
  }

  @Override
  public RecordsAffected setPassword(String table, String field, String where, String value) {
    return affected(writes.password(generation(), table, field, where, value));
  }

  // Files exist only in v3 (notes 3.6), so these calls never follow the connection's generation.
  private static final ApiGeneration FILES = ApiVersion.V3.generation();

  /** Listing pages are asked for at Caspio's largest size, so few calls read a folder. */
  static final int FILES_PAGE_SIZE = 1000;

  @Override
  public List<CaspioFolder> listFolders(String parentKey) {
    return allPages("/files/folders", folderKey(parentKey), FileReplies::folders);
  }

  @Override
  public List<CaspioFile> listFiles(String folderKey) {
    return allPages("/files", folderKey(folderKey), FileReplies::files);
  }

  @Override
  public byte[] fileContent(String key, int maxBytes) {
    if (key == null || key.isBlank()) {
      throw new CaspioException(
          ErrorKind.INVALID_PARAMETER, "A file key is required to read a file's content", null);
    }
    return binary(ApiRequest.get(FILES, "/files/" + ApiRequest.segment(key)), maxBytes, "file");
  }

  /** The body of a binary GET, refused past {@code maxBytes}. */
  private byte[] binary(ApiRequest r, int maxBytes, String what) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must not be negative");
    }
    checkOpen();
    CallControl control = new CallControl(timeoutFor(null));
    ScheduledFuture<?> expiry = scheduleExpiry(control);
    try {
      announce(r);
      return exchange.executeBinary(
          r,
          control,
          in -> {
            byte[] b = in.readNBytes(maxBytes);
            if (in.read() >= 0) {
              throw new CaspioException(
                  ErrorKind.TOO_LONG,
                  "The " + what + " is larger than the " + maxBytes + " bytes a read accepts",
                  null);
            }
            return b;
          });
    } finally {
      if (expiry != null) {
        expiry.cancel(false);
      }
    }
  }

  @Override
  public byte[] attachmentContent(
      ObjectKind kind, String name, String field, long pkId, int maxBytes) {
    return binary(
        ApiRequest.get(FILES, attachmentPath(kind, name, field) + "/" + pkId),
        maxBytes,
        "attachment");
  }

  @Override
  public void putAttachment(
      ObjectKind kind,
      String name,
      String field,
      long pkId,
      String fileName,
      String contentType,
      byte[] content) {
    if (fileName == null || fileName.isBlank() || content == null || contentType == null) {
      throw new CaspioException(
          ErrorKind.INVALID_PARAMETER,
          "An attachment needs a file name, a content type and the content",
          null);
    }
    // Notes 3.7: one multipart part named File; 204 without a body.
    Multipart m = multipart("File", content, contentType, fileName);
    ApiRequest r =
        new ApiRequest(
            FILES,
            "PUT",
            attachmentPath(kind, name, field) + "/" + pkId,
            Map.of(),
            m.body(),
            m.contentType());
    callWithoutReply(r);
  }

  @Override
  public RecordsAffected deleteAttachments(
      ObjectKind kind, String name, String field, String where) {
    if (where == null || where.isBlank()) {
      throw new CaspioException(
          ErrorKind.INVALID_PARAMETER, "Deleting attachments needs a where clause", null);
    }
    ApiRequest r =
        new ApiRequest(
            FILES,
            "DELETE",
            attachmentPath(kind, name, field),
            Map.of(FILES.params().where(), where),
            null);
    return affected(r);
  }

  private static String attachmentPath(ObjectKind kind, String name, String field) {
    if (field == null || field.isBlank()) {
      throw new CaspioException(
          ErrorKind.INVALID_PARAMETER, "An attachment request needs its field's name", null);
    }
    return WriteRequests.objectPath(kind, name) + "/attachments/" + ApiRequest.segment(field);
  }

  @Override
  public void deleteFile(String key) {
    if (key == null || key.isBlank()) {
      throw new CaspioException(
          ErrorKind.INVALID_PARAMETER, "A file key is required to delete a file", null);
    }
    ApiRequest r =
        new ApiRequest(FILES, "DELETE", "/files/" + ApiRequest.segment(key), Map.of(), null);
    callWithoutReply(r);
  }

  /** Sends a write whose success is a 204 without a body. */
  private void callWithoutReply(ApiRequest r) {
    call(
        r,
        null,
        in -> {
          // Anything sent anyway is read so the connection can be reused.
          readSmall(in);
          return null;
        });
  }

  @Override
  public String uploadFile(
      String folderKey, String name, String contentType, byte[] content, boolean replace) {
    if (name == null || name.isBlank() || content == null || contentType == null) {
      throw new CaspioException(
          ErrorKind.INVALID_PARAMETER,
          "A file upload needs a file name, a content type and the content",
          null);
    }
    // Notes 3.6: POST takes parts named Files, the overwriting PUT one named File.
    Multipart m = multipart(replace ? "File" : "Files", content, contentType, name);
    ApiRequest r =
        new ApiRequest(
            FILES,
            replace ? "PUT" : "POST",
            "/files",
            Map.of("externalKey", folderKey(folderKey)),
            m.body(),
            m.contentType());
    return call(r, null, in -> FileReplies.uploadedKey(mapper, readSmall(in)));
  }

  /** A multipart body of one binary part, and its content type with the boundary. */
  private record Multipart(byte[] body, String contentType) {}

  private static Multipart multipart(
      String part, byte[] content, String contentType, String fileName) {
    org.apache.hc.core5.http.HttpEntity entity =
        org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder.create()
            .setMode(org.apache.hc.client5.http.entity.mime.HttpMultipartMode.STRICT)
            .addBinaryBody(
                part, content, org.apache.hc.core5.http.ContentType.parse(contentType), fileName)
            .build();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(content.length + 512);
    try {
      entity.writeTo(body);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new Multipart(body.toByteArray(), entity.getContentType());
  }

  private static String folderKey(String key) {
    if (key == null) {
      throw new CaspioException(
          ErrorKind.INVALID_PARAMETER,
          "A folder key is required; the root folder's is the empty string",
          null);
    }
    return key;
  }

  /** Reads one listing page; {@link FileReplies#files} or {@link FileReplies#folders}. */
  private interface PageParser<T> {
    FileReplies<T> parse(ObjectMapper mapper, byte[] body);
  }

  /** Every page of a v3 Files listing, stopping at the reported total or a short page. */
  private <T> List<T> allPages(String path, String key, PageParser<T> parser) {
    List<T> all = new java.util.ArrayList<>();
    for (int page = 1; ; page++) {
      Map<String, String> params = new java.util.LinkedHashMap<>();
      params.put("externalKey", key);
      params.put("pageNumber", Integer.toString(page));
      params.put("pageSize", Integer.toString(FILES_PAGE_SIZE));
      ApiRequest r = new ApiRequest(FILES, "GET", path, params, null);
      FileReplies<T> got = call(r, null, in -> parser.parse(mapper, readSmall(in)));
      all.addAll(got.items());
      boolean more =
          got.totalCount() >= 0
              ? all.size() < got.totalCount() && !got.items().isEmpty()
              : got.items().size() == FILES_PAGE_SIZE;
      if (!more) {
        return all;
      }
    }
  }

  private RecordsAffected affected(ApiRequest r) {
    JsonReplies replies = json(r.generation());
    return call(r, null, in -> replies.recordsAffected(readSmall(in)));
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
    choice.release();
    pacer.release();
    throttles.release();
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

  /** The reply parser of the generation reads are planned for. */
  JsonReplies json() {
    return json(choice.current());
  }

  private JsonReplies json(ApiGeneration g) {
    return g.replies() == ReplyShape.DATA ? jsonData : json;
  }

  /**
   * The generation requests go to, deciding an {@link ApiVersion#AUTO} choice first (one {@link
   * #schemas()} call, which a connection makes anyway before anything else).
   */
  private ApiGeneration generation() {
    if (choice.undecided()) {
      schemas();
    }
    return choice.current();
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
      listener.accept(request.describe());
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
    return WriteRequests.objectPath(kind, name);
  }

  private static byte[] readSmall(InputStream in) throws IOException {
    byte[] b = in.readNBytes(MAX_SMALL_REPLY);
    if (in.read() >= 0) {
      throw JsonReplies.malformed("a reply larger than " + MAX_SMALL_REPLY + " bytes", null);
    }
    return b;
  }
}
