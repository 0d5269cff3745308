/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import io.github.caspiojdbc.auth.TokenReplyParser.OAuthError;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import io.github.caspiojdbc.net.TlsFailures;
import io.github.caspiojdbc.retry.Backoff;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.apache.hc.core5.util.Timeout;

/**
 * Posts token requests with Apache HttpClient 5 and turns every outcome into a token or a {@link
 * CaspioException}.
 *
 * <p>Retries: I/O failures, 408, 429 and 5xx are retried up to {@code maxRetries} times with {@link
 * Backoff}; an unknown host or a failed TLS handshake is not (waiting does not fix them). Other 4xx
 * replies are credential problems and fail at once with {@link ErrorKind#AUTHENTICATION}, carrying
 * the server's {@code error} and sanitised {@code error_description}. A host that stays unreachable
 * is {@link ErrorKind#CONNECTION_FAILED}; persistent 5xx/429/timeouts are {@link
 * ErrorKind#TRANSPORT}; a reply that is not a token is {@link ErrorKind#REMOTE}.
 *
 * <p>Safety: redirects are never followed (a redirect could take the secret to another host); the
 * Basic header masks itself in HttpClient's header log; bodies are read up to {@value #MAX_BODY}
 * bytes and never put into messages or logs. The client's own retry strategy should be disabled, or
 * request counts multiply.
 */
final class HttpTokenEndpoint implements TokenEndpoint {
  private static final Logger LOG = Logger.getLogger(HttpTokenEndpoint.class.getName());

  /** Token replies are a few hundred bytes; anything far larger is not a token reply. */
  static final int MAX_BODY = 64 * 1024;

  private final TokenManagerConfig config;
  private final Supplier<CloseableHttpClient> client;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private final Clock clock;
  private final String where;

  HttpTokenEndpoint(TokenManagerConfig config, CloseableHttpClient client, Sleeper sleeper) {
    this(config, supplierOf(Objects.requireNonNull(client, "client")), sleeper);
  }

  /**
   * An endpoint that asks {@code client} for the HTTP client at each request, so that the client
   * can be closed and made anew while the endpoint (and its token manager) lives on.
   */
  HttpTokenEndpoint(
      TokenManagerConfig config, Supplier<CloseableHttpClient> client, Sleeper sleeper) {
    this.config = Objects.requireNonNull(config, "config");
    this.client = Objects.requireNonNull(client, "client");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(config.tokenUri(), "tokenUri");
    this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff(), Backoff.Jitter.EQUAL);
    this.clock = config.clock();
    this.where = Redaction.describe(config.tokenUri());
  }

  private static Supplier<CloseableHttpClient> supplierOf(CloseableHttpClient client) {
    return () -> client;
  }

  @Override
  public TokenResponse clientCredentials(boolean retry) {
    List<NameValuePair> form = new ArrayList<>();
    form.add(new BasicNameValuePair("grant_type", "client_credentials"));
    if (config.scope() != null) {
      form.add(new BasicNameValuePair("scope", config.scope()));
    }
    if (config.audience() != null) {
      form.add(new BasicNameValuePair("audience", config.audience()));
    }
    return post("client_credentials", form, null, retry);
  }

  @Override
  public TokenResponse refresh(String refreshToken, boolean retry) {
    List<NameValuePair> form = new ArrayList<>();
    form.add(new BasicNameValuePair("grant_type", "refresh_token"));
    form.add(new BasicNameValuePair("refresh_token", refreshToken));
    return post("refresh_token", form, refreshToken, retry);
  }

  private TokenResponse post(
      String grant, List<NameValuePair> form, String refreshToken, boolean retry) {
    List<String> secrets = new ArrayList<>(3);
    secrets.add(config.clientSecret());
    secrets.add(config.accessToken());
    secrets.add(refreshToken);
    Header basic = authenticate(form);
    int attempts = retry ? config.maxRetries() + 1 : 1;
    for (int attempt = 1; ; attempt++) {
      boolean last = attempt >= attempts;
      Instant requestedAt = clock.instant();
      LOG.log(
          Level.FINE,
          "Token request to {0} (grant {1}, attempt {2} of {3})",
          new Object[] {where, grant, attempt, attempts});
      Reply reply;
      TokenRequests.sent();
      try {
        reply = client.get().execute(request(form, basic), HttpTokenEndpoint::read);
      } catch (IOException e) {
        CaspioException failure = ioFailure(e, attempt, last, secrets);
        if (failure != null) {
          throw failure;
        }
        pause(attempt, null);
        continue;
      } catch (IllegalStateException e) {
        // HttpClient reports a closed connection pool this way.
        throw new CaspioException(
            ErrorKind.CONNECTION_FAILED,
            "The HTTP client for token requests to " + where + " is closed.",
            e);
      }
      int status = reply.status();
      if (status >= 200 && status < 300) {
        TokenResponse response =
            TokenReplyParser.parseSuccess(
                status, reply.body(), reply.contentType(), requestedAt, where, secrets);
        LOG.log(
            Level.FINE,
            "Obtained an access token from {0} (grant {1}), expires at {2}",
            new Object[] {where, grant, response.accessToken().expiresAt()});
        return response;
      }
      OAuthError error = TokenReplyParser.parseError(reply.body(), secrets);
      String detail = TokenReplyParser.detail(status, error);
      if (isTransient(status)) {
        LOG.log(Level.FINE, "Token endpoint {0} answered {1}", new Object[] {where, detail});
        if (last) {
          throw new CaspioException(
              ErrorKind.TRANSPORT,
              "The token endpoint "
                  + where
                  + " is unavailable "
                  + detail
                  + " after "
                  + (attempt == 1 ? "1 attempt" : attempt + " attempts")
                  + "; try again later.",
              status,
              error.code(),
              null,
              null);
        }
        pause(attempt, retryAfter(reply.retryAfter()));
        continue;
      }
      throw statusFailure(grant, status, error, detail);
    }
  }

  /**
   * The exception for a failed exchange, or null when it is worth another attempt. An unknown host,
   * a failed TLS handshake and a reply that is not HTTP are final at once.
   */
  private CaspioException ioFailure(
      IOException e, int attempt, boolean last, List<String> secrets) {
    if (Thread.currentThread().isInterrupted()) {
      return new CaspioException(
          ErrorKind.CANCELLED, "Interrupted during the token request to " + where + ".", e);
    }
    String reason =
        e.getClass().getSimpleName() + ": " + Redaction.sanitize(e.getMessage(), secrets);
    LOG.log(Level.FINE, "Token request to {0} failed: {1}", new Object[] {where, reason});
    ErrorKind kind = ioKind(e);
    if (kind != null && !last) {
      return null;
    }
    String after = attempt > 1 ? " after " + attempt + " attempts" : "";
    if (e instanceof ClientProtocolException) {
      return new CaspioException(
          ErrorKind.REMOTE,
          "The token endpoint " + where + " sent a reply that is not valid HTTP (" + reason + ").",
          e);
    }
    String tls = e instanceof javax.net.ssl.SSLException ssl ? TlsFailures.explain(ssl) : null;
    return new CaspioException(
        kind == null ? ErrorKind.CONNECTION_FAILED : kind,
        "Cannot reach the token endpoint "
            + where
            + " ("
            + (tls != null ? tls : reason)
            + ")"
            + after
            + ".",
        e);
  }

  /** The exception for a final (non-transient) HTTP status. */
  private CaspioException statusFailure(String grant, int status, OAuthError error, String detail) {
    if (status >= 400 && status < 500) {
      boolean refresh = grant.equals("refresh_token");
      return new CaspioException(
          ErrorKind.AUTHENTICATION,
          "The token endpoint "
              + where
              + (refresh ? " rejected the refresh token " : " rejected the client credentials ")
              + detail
              + (refresh ? "." : "; check the client id and secret of the web services profile."),
          status,
          error.code(),
          null,
          null);
    }
    return new CaspioException(
        ErrorKind.REMOTE,
        "The token endpoint "
            + where
            + " answered "
            + detail
            + (status >= 300 && status < 400
                ? "; redirects are not followed for token requests, configure the final URL."
                : "."),
        status,
        error.code(),
        null,
        null);
  }

  /**
   * Adds the client's credentials: to the form for {@link ClientAuthentication#BODY} (or the bare
   * client id of a public client), else returns the Basic header.
   */
  private Header authenticate(List<NameValuePair> form) {
    String id = config.clientId();
    String secret = config.clientSecret();
    if (secret == null) {
      if (id != null) {
        form.add(new BasicNameValuePair("client_id", id));
      }
      return null;
    }
    if (config.clientAuthentication() == ClientAuthentication.BODY) {
      form.add(new BasicNameValuePair("client_id", id));
      form.add(new BasicNameValuePair("client_secret", secret));
      return null;
    }
    // RFC 6749 2.3.1: form-urlencode each part before the RFC 2617 Base64 step.
    String pair =
        URLEncoder.encode(id, StandardCharsets.UTF_8)
            + ":"
            + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return new SensitiveHeader(
        "Authorization",
        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  // The registry's client is shared by every token manager, so the connect timeout of this
  // configuration can only travel with the request (deprecated there, but still honoured).
  @SuppressWarnings("deprecation")
  private HttpPost request(List<NameValuePair> form, Header basic) {
    HttpPost post = new HttpPost(config.tokenUri());
    Timeout timeout = Timeout.of(config.requestTimeout());
    post.setConfig(
        RequestConfig.custom()
            .setConnectTimeout(Timeout.of(config.connectTimeout()))
            .setRedirectsEnabled(false)
            .setResponseTimeout(timeout)
            .setConnectionRequestTimeout(timeout)
            .build());
    post.setHeader("Accept", "application/json");
    if (basic != null) {
      post.setHeader(basic);
    }
    post.setEntity(new UrlEncodedFormEntity(form, StandardCharsets.UTF_8));
    return post;
  }

  private void pause(int attempt, Duration retryAfter) {
    Duration delay = backoff.delay(attempt - 1, retryAfter);
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CaspioException(
          ErrorKind.CANCELLED,
          "Interrupted while waiting to retry the token request to " + where + ".",
          e);
    }
  }

  /** The kind for a retryable I/O failure once retries are spent, or null when not retryable. */
  private static ErrorKind ioKind(IOException e) {
    if (e instanceof UnknownHostException
        || e instanceof SSLHandshakeException
        || e instanceof SSLPeerUnverifiedException
        || e instanceof ClientProtocolException) {
      return null;
    }
    if (e instanceof ConnectException
        || e instanceof NoRouteToHostException
        || e instanceof ConnectTimeoutException) {
      return ErrorKind.CONNECTION_FAILED;
    }
    return ErrorKind.TRANSPORT;
  }

  private static boolean isTransient(int status) {
    return status == 408 || status == 429 || (status >= 500 && status < 600);
  }

  /** Delta-seconds or an HTTP date; null when absent or unreadable. */
  private Duration retryAfter(String value) {
    return Backoff.retryAfter(value, clock);
  }

  private static Reply read(ClassicHttpResponse response) throws IOException {
    Header retryAfter = response.getFirstHeader("Retry-After");
    HttpEntity entity = response.getEntity();
    byte[] body = new byte[0];
    String contentType = null;
    if (entity != null) {
      contentType = entity.getContentType();
      try (InputStream in = entity.getContent()) {
        body = in == null ? body : readBounded(in);
      }
    }
    return new Reply(
        response.getCode(), retryAfter == null ? null : retryAfter.getValue(), contentType, body);
  }

  private static byte[] readBounded(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) >= 0) {
      if (out.size() + n > MAX_BODY) {
        // Too large to be a token reply: treated as unreadable, never buffered whole.
        return new byte[0];
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /** The parts of a reply this class looks at; the body may hold a token, so no toString. */
  private record Reply(int status, String retryAfter, String contentType, byte[] body) {
    @Override
    public String toString() {
      return "Reply[status=" + status + ", contentType=" + contentType + "]";
    }

    @Override
    public boolean equals(Object o) {
      return this == o;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }
  }
}
