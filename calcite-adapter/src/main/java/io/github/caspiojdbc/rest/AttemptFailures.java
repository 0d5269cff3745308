/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import io.github.caspiojdbc.net.TlsFailures;
import io.github.caspiojdbc.retry.Backoff;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;

/**
 * What one failed attempt of an {@link Exchange} means: the exception to report, whether the
 * request may be repeated (see {@link Exchange} for the rules) and how long the server asked to
 * wait. Pure classification: counting and retrying stay with the caller.
 */
final class AttemptFailures {
  /** What one attempt's failure means for the retry loop. */
  record Failure(CaspioException error, boolean retryable, Duration retryAfter, boolean throttled) {
    Failure(CaspioException error, boolean retryable, Duration retryAfter) {
      this(error, retryable, retryAfter, false);
    }
  }

  private final ObjectMapper mapper;
  private final Clock clock;

  AttemptFailures(ObjectMapper mapper, Clock clock) {
    this.mapper = mapper;
    this.clock = clock;
  }

  Failure statusFailure(
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
      return new Failure(
          ErrorReplies.toException(
              ErrorKind.TRANSPORT, what, status, env, headerId, token, "rate limited"),
          true,
          retryAfter,
          true);
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

  Failure ioFailure(IOException e, boolean write, String what, CallControl control) {
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
      String tls = e instanceof SSLException ssl ? TlsFailures.explain(ssl) : null;
      return new Failure(
          new CaspioException(
              ErrorKind.CONNECTION_FAILED,
              "Cannot reach Caspio for "
                  + what
                  + ": "
                  + (tls != null ? tls : reason + " (" + safe(e) + ")"),
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

  Failure afterSuccessFailure(
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

  CaspioException tooLong(int length, ApiRequest request) {
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

  static String header(ClassicHttpResponse response, String name) {
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

  static String safe(Throwable e) {
    String m = e.getMessage();
    return m == null ? "no detail" : ErrorReplies.sanitize(m, null, 200);
  }

  static CaspioException withNote(CaspioException e, String note) {
    return new CaspioException(
        e.kind(),
        e.getMessage() + " (" + note + ")",
        e.httpStatus(),
        e.caspioCode(),
        e.requestId(),
        e.getCause());
  }
}
