/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.caspiojdbc.auth.AccessTokenSource;
import io.github.caspiojdbc.auth.TokenRequests;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import io.github.caspiojdbc.retry.Backoff;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends one {@link ApiRequest} with credentials, retries and error mapping, and hands a successful
 * body to a reader. This is the single retry loop of the driver (the HTTP client's own retries are
 * off), and every retry decision weighs three things: is the failure transient, is the request safe
 * to repeat, and is there budget left (attempts, retry budget, statement deadline).
 *
 * <p>Safe to repeat: a GET always. A POST, PUT or DELETE only when it certainly was not processed:
 * the connection could not be opened (nothing was sent), the server answered 429 or Caspio's
 * rate-limit 400 (the limiter rejects before any handler runs), or the server answered 503 with a
 * {@code Retry-After} (it states it is unavailable and when to come back). Any other failure after
 * a write may have been sent is reported as UNKNOWN_OUTCOME and never repeated, because a repeated
 * insert would duplicate the row and a repeated update could fire triggers twice.
 *
 * <p>A 401 invalidates the rejected token once and repeats the request with a new one (not counted
 * as an attempt); a second 401 is AUTHENTICATION. A 3xx is an error: redirects are never followed,
 * so the bearer token never reaches another host.
 */
final class Exchange {
  static final Logger LOG = Logger.getLogger("io.github.caspiojdbc.rest");

  /** Longest error body read, so a hostile reply cannot exhaust memory. */
  private static final int MAX_ERROR_BODY = 64 * 1024;

  /** Reads a successful reply's body. */
  @FunctionalInterface
  interface BodyReader<T> {
    T read(InputStream body) throws IOException;
  }

  private final CaspioApiConfig config;
  private final AccessTokenSource tokens;
  private final CloseableHttpClient client;
  private final ObjectMapper mapper;
  private final Sleeper sleeper;
  private final Backoff backoff;
  private final Clock clock;
  private final Metering metering;
  private final AttemptFailures failures;
  private final ConcurrencyLimiter limiter;
  private final AccountPacer pacer;
  private final ThrottleLog throttles;
  private final ReplyCache cache;
  private final long cacheTtlNanos;
  private final String origin;
  private final HttpHost host;

  Exchange(
      CaspioApiConfig config,
      AccessTokenSource tokens,
      CloseableHttpClient client,
      ObjectMapper mapper,
      Sleeper sleeper,
      Clock clock,
      TrafficCounters counters,
      ConcurrencyLimiter limiter,
      AccountPacer pacer,
      ThrottleLog throttles) {
    this.config = config;
    this.pacer = pacer;
    this.throttles = throttles;
    this.tokens = tokens;
    this.client = client;
    this.mapper = mapper;
    this.sleeper = sleeper;
    this.backoff = new Backoff(config.backoffBase(), config.backoffCap(), Backoff.Jitter.FULL);
    this.clock = clock;
    this.limiter = limiter;
    this.metering = new Metering(counters, config.callMeter(), LOG);
    this.failures = new AttemptFailures(mapper, clock);
    Duration ttl = config.replyCacheTtl();
    boolean caching = ttl != null && !ttl.isZero() && !ttl.isNegative();
    this.cache = caching ? ReplyCache.of(tokens) : null;
    this.cacheTtlNanos = caching ? ttl.toNanos() : 0;
    this.origin = config.origin();
    this.host = HttpHost.create(config.baseUri());
  }

  /** What counts this exchange's calls. */
  Metering metering() {
    return metering;
  }

  /** The full URI a request would be sent to. */
  String uri(ApiRequest request) {
    return request.uri(origin);
  }

  /**
   * Sends the request, retrying as the class comment describes, and returns what the reader made of
   * the successful reply.
   */
  <T> T execute(ApiRequest request, CallControl control, BodyReader<T> reader) {
    return execute(request, control, reader, false);
  }

  /**
   * {@link #execute} for a GET whose successful reply is content of any media type (a file's
   * bytes), so the JSON check on successful replies is skipped; error replies are read as usual.
   */
  <T> T executeBinary(ApiRequest request, CallControl control, BodyReader<T> reader) {
    if (!request.idempotentRead()) {
      throw new IllegalArgumentException("binary replies are read for GET requests only");
    }
    return execute(request, control, reader, true);
  }

  private <T> T execute(
      ApiRequest request, CallControl control, BodyReader<T> reader, boolean binary) {
    String uri = request.uri(origin);
    if (uri.length() > CaspioApi.MAX_URI_LENGTH) {
      throw failures.tooLong(uri.length(), request);
    }
    Metering.Counted counted = metering.of(request, control);
    if (cache != null && counted.kind == RequestKind.READ) {
      control.check();
      byte[] hit = cache.get(uri);
      if (hit != null) {
        metering.cacheHit(counted);
        try {
          return reader.read(new ByteArrayInputStream(hit));
        } catch (IOException e) {
          throw new IllegalStateException("reading a reply from memory failed", e);
        }
      }
      return send(request, uri, control, counted, caching(reader, uri), false);
    }
    if (request.idempotentRead()) {
      return send(request, uri, control, counted, reader, binary);
    }
    // Forget cached replies the write may change, before it (so no read started after the write
    // sees a stale reply) and after it (a read racing with the write may have stored one).
    String written = tablePath(request.path());
    ReplyCache.written(origin, written);
    try {
      return send(request, uri, control, counted, reader, false);
    } finally {
      ReplyCache.written(origin, written);
    }
  }

  /** {@code reader}, storing the body it read in the cache once it was read whole and parsed. */
  private <T> BodyReader<T> caching(BodyReader<T> reader, String uri) {
    return in -> {
      byte[] head = in.readNBytes(ReplyCache.MAX_ENTRY + 1);
      if (head.length > ReplyCache.MAX_ENTRY) {
        return reader.read(new SequenceInputStream(new ByteArrayInputStream(head), in));
      }
      T value = reader.read(new ByteArrayInputStream(head));
      cache.put(uri, head, cacheTtlNanos);
      return value;
    };
  }

  /** The table or view a path is under, as {@code /tables/Orders/}; the path itself otherwise. */
  private static String tablePath(String path) {
    int second = path.indexOf('/', 1);
    int third = second < 0 ? -1 : path.indexOf('/', second + 1);
    return third < 0 ? path : path.substring(0, third + 1);
  }

  private <T> T send(
      ApiRequest request,
      String uri,
      CallControl control,
      Metering.Counted counted,
      BodyReader<T> reader,
      boolean binary) {
    String what = request.method() + " " + request.generation().basePath() + request.path();
    boolean write = !request.idempotentRead();
    long budgetEnd = System.nanoTime() + config.retryBudget().toNanos();
    boolean refreshed = false;
    int attempt = 0;
    while (true) {
      control.check();
      attempt++;
      String token = token(counted);
      metering.take(counted, what);
      HttpUriRequestBase http = new HttpUriRequestBase(request.method(), URI.create(uri));
      http.setHeader("Authorization", "Bearer " + token);
      http.setHeader("Accept", binary ? "*/*" : "application/json");
      if (request.body() != null) {
        ContentType type =
            request.contentType() == null
                ? ContentType.APPLICATION_JSON
                : ContentType.parse(request.contentType());
        http.setEntity(new ByteArrayEntity(request.body(), type));
      }
      http.setConfig(requestConfig(control));
      // The account's pace first, so a caller waiting for its turn holds no concurrency slot.
      pacer.acquire(control);
      limiter.acquire(control);
      control.register(http);
      long start = System.nanoTime();
      int status = 0;
      AttemptFailures.Failure failure;
      String outcome = null;
      String requestId = null;
      HttpClientContext context = HttpClientContext.create();
      context.setAttribute(CaspioHttpClients.WIRE_BYTES, metering.traffic().wireBytes);
      try (ClassicHttpResponse response = client.executeOpen(host, http, context)) {
        status = response.getCode();
        outcome = Integer.toString(status);
        requestId = AttemptFailures.header(response, "X-Caspio-Request-ID");
        if (status >= 200 && status < 300) {
          try {
            T value = readSuccess(response, reader, counted, binary);
            limiter.onSuccess();
            pacer.onSuccess();
            return value;
          } catch (IOException e) {
            failure = failures.afterSuccessFailure(e, write, what, status, control, response);
          } catch (CaspioException e) {
            if (write) {
              // The server accepted the write; only its reply is odd. Say so, so nobody repeats it.
              throw new CaspioException(
                  e.kind(),
                  what + " was applied (HTTP " + status + ") but " + e.getMessage(),
                  status,
                  null,
                  AttemptFailures.header(response, "X-Caspio-Request-ID"),
                  e);
            }
            // Name the status and request id so an odd 200 (a portal page, a changed API) can be
            // traced; the request id is sanitized like those in error envelopes.
            String id = AttemptFailures.header(response, "X-Caspio-Request-ID");
            String safeId = id == null ? null : ErrorReplies.sanitize(id, token, 64);
            throw new CaspioException(
                e.kind(),
                what
                    + " got HTTP "
                    + status
                    + ": "
                    + e.getMessage()
                    + (safeId == null ? "" : " [request id " + safeId + "]"),
                status,
                null,
                safeId,
                e);
          }
        } else if (status == 401 && !refreshed) {
          metering.unauthorized();
          drain(response, counted);
          tokens.invalidate(token);
          refreshed = true;
          attempt--;
          outcome = "401, renewing the token";
          continue;
        } else {
          byte[] body = readBounded(response.getEntity(), counted);
          failure = failures.statusFailure(request, response, status, body, write, what, token);
          if (status == 401) {
            metering.unauthorized();
          } else if (failure.throttled()) {
            metering.throttled(counted);
            limiter.onThrottle();
            pacer.onThrottle(failure.retryAfter());
            throttles.record(status, failure.retryAfter(), clock.instant());
          }
        }
      } catch (IOException e) {
        outcome = e.getClass().getSimpleName();
        failure = failures.ioFailure(e, write, what, control);
      } finally {
        control.unregister(http);
        limiter.release();
        metering.log(
            request,
            outcome,
            counted,
            start,
            attempt,
            requestId == null ? null : ErrorReplies.sanitize(requestId, token, 64));
      }
      if (!failure.retryable()) {
        throw failure.error();
      }
      Duration delay = nextDelay(attempt, failure, budgetEnd, control, what);
      metering.retried(counted);
      if (!sleeper.sleep(delay, control)) {
        control.check();
      }
    }
  }

  /** A token for the request, charging any token request it took to the request's statement. */
  private String token(Metering.Counted counted) {
    long before = TokenRequests.onThisThread();
    try {
      return tokens.accessToken();
    } finally {
      metering.tokens(counted, TokenRequests.onThisThread() - before);
    }
  }

  private Duration nextDelay(
      int attempt,
      AttemptFailures.Failure failure,
      long budgetEnd,
      CallControl control,
      String what) {
    if (attempt >= config.maxAttempts()) {
      throw AttemptFailures.withNote(failure.error(), "gave up after " + attempt + " attempts");
    }
    Duration delay = backoff.delay(attempt - 1);
    Duration hint = failure.retryAfter();
    if (hint != null) {
      if (hint.compareTo(config.retryAfterCap()) > 0) {
        throw AttemptFailures.withNote(
            failure.error(), "the server asked to wait " + hint.toSeconds() + " s, too long");
      }
      if (hint.compareTo(delay) > 0) {
        delay = hint;
      }
    }
    long delayNanos = delay.toNanos();
    if (delayNanos > control.remainingNanos()) {
      CaspioException e =
          new CaspioException(
              ErrorKind.TIMEOUT,
              "The statement deadline passed while retrying "
                  + what
                  + "; last failure: "
                  + failure.error().getMessage(),
              failure.error().httpStatus(),
              failure.error().caspioCode(),
              failure.error().requestId(),
              failure.error());
      throw e;
    }
    if (System.nanoTime() + delayNanos > budgetEnd) {
      throw AttemptFailures.withNote(
          failure.error(), "retry budget of " + config.retryBudget() + " exhausted");
    }
    return delay;
  }

  private RequestConfig requestConfig(CallControl control) {
    long ms = config.responseTimeout().toMillis();
    long left = control.remainingNanos();
    if (left != Long.MAX_VALUE) {
      ms = Math.max(1, Math.min(ms, TimeUnit.NANOSECONDS.toMillis(left) + 1));
    }
    // A per-request config replaces the client's default wholesale, so repeat every setting.
    return RequestConfig.custom()
        .setResponseTimeout(Timeout.ofMilliseconds(ms))
        .setConnectionRequestTimeout(Timeout.ofMilliseconds(ms))
        .setRedirectsEnabled(false)
        .build();
  }

  private <T> T readSuccess(
      ClassicHttpResponse response, BodyReader<T> reader, Metering.Counted counted, boolean binary)
      throws IOException {
    HttpEntity entity = response.getEntity();
    if (!binary && entity != null && entity.getContentType() != null) {
      String type = entity.getContentType().toLowerCase(Locale.ROOT);
      if (!type.contains("json")) {
        throw JsonReplies.malformed(
            "HTTP " + response.getCode() + " with content type " + type.split(";")[0], null);
      }
    }
    InputStream in =
        entity == null
            ? InputStream.nullInputStream()
            : metering.counting(entity.getContent(), counted);
    T value = reader.read(in);
    if (entity != null) {
      // Read to the end so the connection goes back to the pool.
      EntityUtils.consume(entity);
    }
    return value;
  }

  private byte[] readBounded(HttpEntity entity, Metering.Counted counted) {
    if (entity == null) {
      return new byte[0];
    }
    try (InputStream in = metering.counting(entity.getContent(), counted)) {
      return in.readNBytes(MAX_ERROR_BODY);
    } catch (IOException e) {
      // The status already says what happened; a broken error body adds nothing.
      return new byte[0];
    }
  }

  private void drain(ClassicHttpResponse response, Metering.Counted counted) {
    readBounded(response.getEntity(), counted);
  }
}
