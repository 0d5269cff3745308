/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.caspiojdbc.auth.AccessTokenSource;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import io.github.caspiojdbc.retry.Backoff;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
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
  private final TrafficCounters counters;
  private final ConcurrencyLimiter limiter;
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
      ConcurrencyLimiter limiter) {
    this.config = config;
    this.tokens = tokens;
    this.client = client;
    this.mapper = mapper;
    this.sleeper = sleeper;
    this.backoff = new Backoff(config.backoffBase(), config.backoffCap(), Backoff.Jitter.FULL);
    this.clock = clock;
    this.counters = counters;
    this.limiter = limiter;
    this.origin = config.origin();
    this.host = HttpHost.create(config.baseUri());
  }

  /** The full URI a request would be sent to. */
  String uri(ApiRequest request) {
    return request.uri(origin);
  }

  /** What one attempt's failure means for the loop. */
  private record Failure(CaspioException error, boolean retryable, Duration retryAfter) {}

  /**
   * Sends the request, retrying as the class comment describes, and returns what the reader made of
   * the successful reply.
   */
  <T> T execute(ApiRequest request, CallControl control, BodyReader<T> reader) {
    String uri = request.uri(origin);
    if (uri.length() > CaspioApi.MAX_URI_LENGTH) {
      throw tooLong(uri.length(), request);
    }
    String what = request.method() + " " + request.generation().basePath() + request.path();
    boolean write = !request.idempotentRead();
    long budgetEnd = System.nanoTime() + config.retryBudget().toNanos();
    boolean refreshed = false;
    int attempt = 0;
    while (true) {
      control.check();
      attempt++;
      String token = tokens.accessToken();
      HttpUriRequestBase http = new HttpUriRequestBase(request.method(), URI.create(uri));
      http.setHeader("Authorization", "Bearer " + token);
      http.setHeader("Accept", "application/json");
      if (request.body() != null) {
        http.setEntity(new ByteArrayEntity(request.body(), ContentType.APPLICATION_JSON));
      }
      http.setConfig(requestConfig(control));
      limiter.acquire(control);
      control.register(http);
      long start = System.nanoTime();
      long[] bytes = {0};
      int status = 0;
      Failure failure;
      String outcome = null;
      counters.calls.increment();
      HttpClientContext context = HttpClientContext.create();
      context.setAttribute(CaspioHttpClients.WIRE_BYTES, counters.wireBytes);
      try (ClassicHttpResponse response = client.executeOpen(host, http, context)) {
        status = response.getCode();
        outcome = Integer.toString(status);
        if (status >= 200 && status < 300) {
          try {
            T value = readSuccess(response, reader, bytes);
            limiter.onSuccess();
            return value;
          } catch (IOException e) {
            failure = afterSuccessFailure(e, write, what, status, control, response);
          } catch (CaspioException e) {
            if (write) {
              // The server accepted the write; only its reply is odd. Say so, so nobody repeats it.
              throw new CaspioException(
                  e.kind(),
                  what + " was applied (HTTP " + status + ") but " + e.getMessage(),
                  status,
                  null,
                  header(response, "X-Caspio-Request-ID"),
                  e);
            }
            // Name the status and request id so an odd 200 (a portal page, a changed API) can be
            // traced; the request id is sanitized like those in error envelopes.
            String id = header(response, "X-Caspio-Request-ID");
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
          counters.unauthorized.increment();
          drain(response, bytes);
          tokens.invalidate(token);
          refreshed = true;
          attempt--;
          outcome = "401, renewing the token";
          continue;
        } else {
          byte[] body = readBounded(response.getEntity(), bytes);
          failure = statusFailure(request, response, status, body, write, what, token);
        }
      } catch (IOException e) {
        outcome = e.getClass().getSimpleName();
        failure = ioFailure(e, write, what, control);
      } finally {
        control.unregister(http);
        limiter.release();
        log(request, outcome, bytes[0], start, attempt);
      }
      if (!failure.retryable()) {
        throw failure.error();
      }
      Duration delay = nextDelay(attempt, failure, budgetEnd, control, what);
      counters.retries.increment();
      if (!sleeper.sleep(delay, control)) {
        control.check();
      }
    }
  }

  private Duration nextDelay(
      int attempt, Failure failure, long budgetEnd, CallControl control, String what) {
    if (attempt >= config.maxAttempts()) {
      throw withNote(failure.error(), "gave up after " + attempt + " attempts");
    }
    Duration delay = backoff.delay(attempt - 1);
    Duration hint = failure.retryAfter();
    if (hint != null) {
      if (hint.compareTo(config.retryAfterCap()) > 0) {
        throw withNote(
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
      throw withNote(failure.error(), "retry budget of " + config.retryBudget() + " exhausted");
    }
    return delay;
  }

  private static CaspioException withNote(CaspioException e, String note) {
    return new CaspioException(
        e.kind(),
        e.getMessage() + " (" + note + ")",
        e.httpStatus(),
        e.caspioCode(),
        e.requestId(),
        e.getCause());
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

  private <T> T readSuccess(ClassicHttpResponse response, BodyReader<T> reader, long[] bytes)
      throws IOException {
    HttpEntity entity = response.getEntity();
    if (entity != null && entity.getContentType() != null) {
      String type = entity.getContentType().toLowerCase(Locale.ROOT);
      if (!type.contains("json")) {
        throw JsonReplies.malformed(
            "HTTP " + response.getCode() + " with content type " + type.split(";")[0], null);
      }
    }
    InputStream in =
        entity == null ? InputStream.nullInputStream() : counting(entity.getContent(), bytes);
    T value = reader.read(in);
    if (entity != null) {
      // Read to the end so the connection goes back to the pool.
      EntityUtils.consume(entity);
    }
    return value;
  }

  private InputStream counting(InputStream in, long[] bytes) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          add(1);
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
          add(n);
        }
        return n;
      }

      private void add(int n) {
        bytes[0] += n;
        counters.bytes.add(n);
      }
    };
  }

  private byte[] readBounded(HttpEntity entity, long[] bytes) {
    if (entity == null) {
      return new byte[0];
    }
    try (InputStream in = counting(entity.getContent(), bytes)) {
      return in.readNBytes(MAX_ERROR_BODY);
    } catch (IOException e) {
      // The status already says what happened; a broken error body adds nothing.
      return new byte[0];
    }
  }

  private void drain(ClassicHttpResponse response, long[] bytes) {
    readBounded(response.getEntity(), bytes);
  }

  private Failure statusFailure(
      ApiRequest request,
      ClassicHttpResponse response,
      int status,
      byte[] body,
      boolean write,
      String what,
      String token) {
    ErrorReplies.Envelope env = request.generation().errorEnvelope(body, mapper);
    String headerId = header(response, "X-Caspio-Request-ID");
    if (status >= 300 && status < 400) {
      String location = header(response, "Location");
      String target = location == null ? "nowhere" : hostOf(location);
      return new Failure(
          ErrorReplies.toException(
              ErrorKind.REMOTE,
              what,
              status,
              env,
              headerId,
              token,
              "redirect to " + target + " refused; check the account URL"),
          false,
          null);
    }
    if (status == 401) {
      counters.unauthorized.increment();
      return new Failure(
          ErrorReplies.toException(
              ErrorKind.AUTHENTICATION,
              what,
              status,
              env,
              headerId,
              token,
              "rejected again after renewing the access token"),
          false,
          null);
    }
    Duration retryAfter = Backoff.retryAfter(header(response, "Retry-After"), clock);
    boolean throttled = status == 429 || (status == 400 && env.rateLimit());
    if (throttled) {
      counters.throttles.increment();
      limiter.onThrottle();
      return new Failure(
          ErrorReplies.toException(
              ErrorKind.TRANSPORT, what, status, env, headerId, token, "rate limited"),
          true,
          retryAfter);
    }
    ErrorKind kind = ErrorReplies.kind(status, env.code(), env.message());
    boolean transientStatus = status == 408 || status >= 500;
    boolean definitive = kind != ErrorKind.TRANSPORT && kind != ErrorKind.REMOTE;
    if (!transientStatus || definitive) {
      return new Failure(
          ErrorReplies.toException(kind, what, status, env, headerId, token, null), false, null);
    }
    if (write && !(status == 503 && retryAfter != null)) {
      return new Failure(
          ErrorReplies.toException(
              ErrorKind.UNKNOWN_OUTCOME,
              what,
              status,
              env,
              headerId,
              token,
              "the write may or may not have been applied; not retried"),
          false,
          null);
    }
    return new Failure(
        ErrorReplies.toException(kind, what, status, env, headerId, token, null), true, retryAfter);
  }

  private Failure ioFailure(IOException e, boolean write, String what, CallControl control) {
    boolean notSent =
        e instanceof ConnectException
            || e instanceof ConnectTimeoutException
            || e instanceof org.apache.hc.core5.http.ConnectionRequestTimeoutException;
    ErrorKind stop = control.stopReason();
    if (stop != null) {
      if (write && !notSent) {
        return new Failure(
            unknownOutcome(what, stop == ErrorKind.CANCELLED ? "cancelled" : "timed out", e),
            false,
            null);
      }
      return new Failure(CallControl.stopped(stop), false, null);
    }
    String reason = e.getClass().getSimpleName();
    if (e instanceof UnknownHostException || e instanceof SSLException) {
      return new Failure(
          new CaspioException(
              ErrorKind.CONNECTION_FAILED,
              "Cannot reach Caspio for " + what + ": " + reason + " (" + safe(e) + ")",
              e),
          false,
          null);
    }
    if (write && !notSent) {
      return new Failure(unknownOutcome(what, reason, e), false, null);
    }
    return new Failure(
        new CaspioException(
            ErrorKind.TRANSPORT,
            "Transport failure on " + what + ": " + reason + " (" + safe(e) + ")",
            e),
        true,
        null);
  }

  private Failure afterSuccessFailure(
      IOException e,
      boolean write,
      String what,
      int status,
      CallControl control,
      ClassicHttpResponse response) {
    ErrorKind stop = control.stopReason();
    if (write) {
      return new Failure(
          new CaspioException(
              ErrorKind.REMOTE,
              what
                  + " was applied (HTTP "
                  + status
                  + ") but its reply could not be read: "
                  + e.getClass().getSimpleName(),
              status,
              null,
              header(response, "X-Caspio-Request-ID"),
              e),
          false,
          null);
    }
    if (stop != null) {
      return new Failure(CallControl.stopped(stop), false, null);
    }
    return new Failure(
        new CaspioException(
            ErrorKind.TRANSPORT,
            "The reply to "
                + what
                + " broke off: "
                + e.getClass().getSimpleName()
                + " ("
                + safe(e)
                + ")",
            status,
            null,
            header(response, "X-Caspio-Request-ID"),
            e),
        true,
        null);
  }

  private static CaspioException unknownOutcome(String what, String reason, Throwable cause) {
    return new CaspioException(
        ErrorKind.UNKNOWN_OUTCOME,
        what
            + " may or may not have been applied ("
            + reason
            + " after the request was sent); it was not retried. Check the data before"
            + " repeating it.",
        cause);
  }

  private CaspioException tooLong(int length, ApiRequest request) {
    ApiGeneration generation = request.generation();
    String where = request.params().get(generation.params().where());
    return new CaspioException(
        ErrorKind.UNSUPPORTED,
        "The Caspio request for "
            + request.method()
            + " "
            + generation.basePath()
            + request.path()
            + " would be "
            + length
            + " characters long, over the "
            + CaspioApi.MAX_URI_LENGTH
            + "-character URI limit: the where clause is too long ("
            + (where == null ? 0 : where.length())
            + " characters). Split the query or filter locally.",
        null);
  }

  private static String header(ClassicHttpResponse response, String name) {
    Header h = response.getFirstHeader(name);
    return h == null ? null : h.getValue();
  }

  private static String hostOf(String location) {
    try {
      String h = URI.create(location.trim()).getHost();
      return h == null ? "a relative location" : ErrorReplies.sanitize(h, null, 100);
    } catch (IllegalArgumentException e) {
      return "an unparseable location";
    }
  }

  private static String safe(Throwable e) {
    String m = e.getMessage();
    return m == null ? "no detail" : ErrorReplies.sanitize(m, null, 200);
  }

  private void log(ApiRequest request, String outcome, long bytes, long startNanos, int attempt) {
    if (LOG.isLoggable(Level.FINE)) {
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
      LOG.log(
          Level.FINE,
          "{0} -> {1}, {2} bytes, {3} ms, attempt {4}",
          new Object[] {
            request.describe(), outcome == null ? "no reply" : outcome, bytes, ms, attempt
          });
    }
  }
}
