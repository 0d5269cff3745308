/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.caspiojdbc.emulator.store.StoreException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The emulator's whole request pipeline, independent of WireMock types: URI length check, fault
 * plan, token endpoint or bearer check, error envelopes, request id and the log. These serve every
 * API generation alike; what lies below a generation's prefix is its {@link ApiRouter}'s, and this
 * class knows no generation's paths, parameters or envelopes.
 *
 * <p>Plain HTTP is served although Caspio refuses it with 403 {@code UnsecuredConnection} (notes
 * 1): tests talk to the emulator over loopback without TLS.
 */
final class RequestHandler {
  private static final Logger LOG = Logger.getLogger(RequestHandler.class.getName());
  static final String REQUEST_ID_HEADER = "X-Caspio-Request-ID";

  /** Caspio's documented URI limit (notes 6.4); longer request URIs get 414. */
  static final int MAX_URI_LENGTH = 2047;

  private static final Set<String> SECRET_PARAMS =
      Set.of("client_secret", "refresh_token", "access_token", "password");

  /** The reply to send and how long to hold it back. */
  record Outcome(Reply reply, Duration delay) {}

  /** One request as the pipeline sees it; {@code path} and {@code rawQuery} are still encoded. */
  private record Exchange(
      String method,
      String path,
      String rawQuery,
      String authorization,
      byte[] body,
      boolean malformedQuery,
      String requestId) {
    /** Without the Authorization value and body, which may hold secrets. */
    @Override
    public String toString() {
      return "Exchange[" + method + " " + path + ", id=" + requestId + "]";
    }
  }

  private final TokenEndpoint tokenEndpoint;
  private final TokenService tokens;
  private final List<ApiRouter> routers;
  private final Faults faults;
  private final RequestLog log;

  RequestHandler(
      TokenEndpoint tokenEndpoint,
      TokenService tokens,
      List<ApiRouter> routers,
      Faults faults,
      RequestLog log) {
    this.tokenEndpoint = tokenEndpoint;
    this.tokens = tokens;
    this.routers = List.copyOf(routers);
    this.faults = faults;
    this.log = log;
  }

  /**
   * Serves one request.
   *
   * @param malformedQuery true when the query string held a bad percent escape (see {@link
   *     RawRequestGuard}); API calls then get 400
   */
  Outcome handle(
      String method, String rawUrl, String authorization, byte[] body, boolean malformedQuery) {
    String requestId = UUID.randomUUID().toString();
    int q = rawUrl.indexOf('?');
    String path = q < 0 ? rawUrl : rawUrl.substring(0, q);
    String rawQuery = q < 0 ? "" : rawUrl.substring(q + 1);
    PathKind kind = pathKind(path);
    Duration delay = faults.latency();
    Reply reply;
    if (rawUrl.length() > MAX_URI_LENGTH) {
      // Checked before anything else, as a front-end server would (notes 6.4); the body is the
      // envelope of the generation aimed at, so v4 clients see v4's error shape here too.
      reply =
          error(
              414,
              "RequestUriTooLong",
              "The request URI is longer than " + MAX_URI_LENGTH + " characters.",
              path,
              requestId);
    } else {
      Faults.Plan plan = faults.plan(path, routerFor(path) != null);
      delay = plan.delay();
      reply =
          applyPlan(
              plan,
              new Exchange(method, path, rawQuery, authorization, body, malformedQuery, requestId));
    }
    reply = reply.withHeader(REQUEST_ID_HEADER, requestId);
    log.add(logEntry(requestId, method, path, rawQuery, authorization, body, kind, reply));
    return new Outcome(reply, delay);
  }

  private Reply applyPlan(Faults.Plan plan, Exchange x) {
    if (plan.rateLimited() != null) {
      return rateLimited(plan.rateLimited(), x.path(), x.requestId(), routerFor(x.path()));
    }
    Faults.Rule rule = plan.outcome();
    if (rule == null) {
      return serve(x);
    }
    switch (rule.kind) {
      case FAIL:
        return error(
            rule.status,
            rule.status == 500 ? "InternalError" : "InjectedFault",
            "Injected failure.",
            x.path(),
            x.requestId());
      case DROP_BEFORE:
        return Reply.connectionFault(rule.fault);
      case DROP_AFTER:
        serve(x);
        return Reply.connectionFault(rule.fault);
      case BAD_REPLY:
        return badReply(rule.badReply, x);
      default:
        throw new IllegalStateException("unexpected fault kind " + rule.kind);
    }
  }

  private Reply badReply(BadReply kind, Exchange x) {
    switch (kind) {
      case TRUNCATED_BODY:
        Reply full = serve(x);
        return full.withBody(Arrays.copyOf(full.body(), full.body().length / 2));
      case HTML_ERROR_PAGE:
        return Reply.text(
            502,
            "text/html; charset=utf-8",
            "<html><head><title>502 Bad Gateway</title></head>"
                + "<body><h1>502 Bad Gateway</h1></body></html>");
      case HTML_OK_PAGE:
        return Reply.text(
            200,
            "text/html; charset=utf-8",
            "<!DOCTYPE html><html><head><title>Sign in</title></head>"
                + "<body><form method=\"post\"></form></body></html>");
      default:
        throw new IllegalStateException("unexpected bad reply " + kind);
    }
  }

  private static Reply rateLimited(
      RateLimitReply kind, String path, String requestId, ApiRouter router) {
    String message = "You have exceeded your API call rate limits.";
    switch (kind) {
      case STATUS_429:
        return router.error(429, "TooManyRequests", message, path, requestId);
      case STATUS_429_WITH_RETRY_AFTER:
        return router
            .error(429, "TooManyRequests", message, path, requestId)
            .withHeader("Retry-After", "1");
      case STATUS_400_ARRAY:
        ArrayNode body = Reply.MAPPER.createArrayNode();
        ObjectNode item = body.addObject();
        item.put("message", message);
        item.put("name", "api-calls-rate");
        return Reply.json(400, body);
      default:
        throw new IllegalStateException("unexpected rate limit reply " + kind);
    }
  }

  private Reply serve(Exchange x) {
    String path = x.path();
    String requestId = x.requestId();
    try {
      if (isTokenPath(path)) {
        return tokenEndpoint.handle(x.method(), x.authorization(), x.body(), requestId);
      }
      ApiRouter router = routerFor(path);
      if (router == null) {
        throw ApiException.notFound();
      }
      Instant expiry = bearerExpiry(x.authorization());
      if (expiry == null) {
        return router
            .error(
                401,
                "Unauthorized",
                "Authorization has been denied for this request.",
                path,
                requestId)
            .withHeader("WWW-Authenticate", "Bearer");
      }
      Params query;
      try {
        if (x.malformedQuery()) {
          throw new IllegalArgumentException("stray percent sign");
        }
        query = Params.parse(x.rawQuery());
      } catch (IllegalArgumentException e) {
        throw ApiException.badQuery("The query string is not correctly encoded.");
      }
      List<String> segments = segments(path.substring(router.prefix().length()));
      return router.route(
          new ApiCall(x.method().toUpperCase(Locale.ROOT), segments, query, x.body(), expiry));
    } catch (ApiException e) {
      Reply r = error(e.status(), e.code(), e.getMessage(), path, requestId);
      return e.allow() == null ? r : r.withHeader("Allow", e.allow());
    } catch (StoreException e) {
      return error(e.status(), e.code(), e.getMessage(), path, requestId);
    } catch (RuntimeException e) {
      // The client sees a bare 500 like Caspio's; the cause goes to the server log only.
      LOG.log(Level.WARNING, "Unexpected failure serving request " + requestId, e);
      return error(500, "InternalError", "An unexpected error occurred.", path, requestId);
    }
  }

  /** The error envelope of the generation the path is below; Caspio's (v3) one elsewhere. */
  private Reply error(int status, String code, String message, String path, String requestId) {
    ApiRouter router = routerFor(path);
    return router == null
        ? Reply.caspioError(status, code, message, path, requestId)
        : router.error(status, code, message, path, requestId);
  }

  /** When the call's valid bearer token expires; null when there is none or it is not valid. */
  private Instant bearerExpiry(String authorization) {
    if (authorization == null) {
      return null;
    }
    String header = authorization.trim();
    int space = header.indexOf(' ');
    if (space < 0 || !header.substring(0, space).equalsIgnoreCase("bearer")) {
      return null;
    }
    return tokens.accessExpiry(header.substring(space + 1).trim());
  }

  /** The generation whose prefix the path is at or below (ignoring case, like IIS), else null. */
  private ApiRouter routerFor(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    for (ApiRouter r : routers) {
      String prefix = r.prefix().toLowerCase(Locale.ROOT);
      if (p.startsWith(prefix)
          && (p.length() == prefix.length() || p.charAt(prefix.length()) == '/')) {
        return r;
      }
    }
    return null;
  }

  private static boolean isTokenPath(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return p.equals(TokenEndpoint.PATH) || p.equals(TokenEndpoint.PATH + "/");
  }

  /**
   * The log's class of a request path as sent: by its shape, segments not decoded, so a call the
   * router then refuses is still counted where it was aimed.
   */
  private PathKind pathKind(String path) {
    if (isTokenPath(path)) {
      return PathKind.TOKEN;
    }
    String p = path.toLowerCase(Locale.ROOT);
    for (ApiRouter r : routers) {
      String below = r.prefix().toLowerCase(Locale.ROOT) + "/";
      if (p.startsWith(below)) {
        return r.kind(List.of(p.substring(below.length()).split("/", -1)));
      }
    }
    return PathKind.OTHER;
  }

  /** Decoded segments; one trailing slash is tolerated, empty inner segments are not. */
  private static List<String> segments(String rest) {
    String trimmed = rest.startsWith("/") ? rest.substring(1) : rest;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    List<String> out = new ArrayList<>();
    if (trimmed.isEmpty()) {
      return out;
    }
    for (String raw : trimmed.split("/", -1)) {
      if (raw.isEmpty()) {
        throw ApiException.notFound();
      }
      try {
        // Path segments use percent-encoding only: a literal '+' is a plus.
        out.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw ApiException.notFound();
      }
    }
    return out;
  }

  private static LoggedCall logEntry(
      String requestId,
      String method,
      String path,
      String rawQuery,
      String authorization,
      byte[] body,
      PathKind kind,
      Reply reply) {
    Map<String, List<String>> form = Map.of();
    String bodyText = null;
    if (kind == PathKind.TOKEN) {
      form = Params.parseLenient(new String(body, StandardCharsets.UTF_8)).toMap(SECRET_PARAMS);
    } else if (body.length > 0) {
      bodyText =
          kind == PathKind.PASSWORD_FIELDS
              ? RequestLog.REDACTED
              : new String(body, StandardCharsets.UTF_8);
    }
    return new LoggedCall(
        requestId,
        method.toUpperCase(Locale.ROOT),
        path,
        Params.parseLenient(rawQuery).toMap(SECRET_PARAMS),
        form,
        redactAuthorization(authorization),
        bodyText,
        kind,
        reply.fault() == null ? reply.status() : 0,
        reply.fault() == null ? reply.body().length : 0);
  }

  private static String redactAuthorization(String authorization) {
    if (authorization == null) {
      return null;
    }
    String header = authorization.trim();
    int space = header.indexOf(' ');
    return space < 0 ? RequestLog.REDACTED : header.substring(0, space) + " " + RequestLog.REDACTED;
  }
}
