/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Obtains, caches and renews the access token of one set of credentials, for any number of threads
 * and connections.
 *
 * <p>States, after google-auth-library-java's {@code OAuth2Credentials}: a token is <i>fresh</i>
 * until the refresh margin before its expiry (served without locking), <i>stale</i> inside the
 * refresh margin (the first caller renews it inline while every other caller keeps getting the
 * still-valid token), and <i>expired</i> inside the expiry margin or after {@link
 * #invalidate(String)} (callers wait for the renewal). At most one renewal runs at a time; all
 * callers waiting for it share its result or its failure, so any number of threads cause one token
 * request. The renewal runs outside the lock, in the thread that found the token unusable: JDBC is
 * synchronous, and a background thread would be one more thing to leak.
 *
 * <p>Renewal uses the refresh token when there is one and falls back to client credentials when it
 * is rejected; a rotated refresh token replaces the old one. A proactive renewal (stale state)
 * makes a single attempt without retries, so its caller is delayed by at most one request; when it
 * fails it is logged, the valid token is kept, and proactive attempts pause for {@link
 * #PROACTIVE_PAUSE} so that a down endpoint does not slow every call in the stale window. Renewals
 * that callers wait for use the configured retries.
 */
final class OAuthTokenManager implements AccessTokenSource {
  private static final Logger LOG = Logger.getLogger(OAuthTokenManager.class.getName());

  /** How long proactive renewals pause after one failed. */
  static final Duration PROACTIVE_PAUSE = Duration.ofSeconds(10);

  private final TokenManagerConfig config;
  private final TokenEndpoint endpoint;
  private final Clock clock;
  private final String where;
  private final Object lock = new Object();

  /** The current token, or null before the first one; replaced, never mutated. */
  private volatile Cached current;

  /** The renewal in flight, or null. Guarded by {@link #lock}. */
  private Renewal renewal;

  /** No proactive renewal before this instant. Guarded by {@link #lock}. */
  private Instant proactiveAllowedAt = Instant.MIN;

  /**
   * @param endpoint the token endpoint, or null when the configuration cannot renew (a pre-issued
   *     token alone)
   */
  OAuthTokenManager(TokenManagerConfig config, TokenEndpoint endpoint) {
    this.config = Objects.requireNonNull(config, "config");
    this.endpoint = endpoint;
    this.clock = config.clock();
    this.where =
        config.tokenUri() == null ? "(no token URL)" : Redaction.describe(config.tokenUri());
    if (config.accessToken() != null) {
      Instant expiresAt =
          config.accessTokenExpiresAt() != null
              ? config.accessTokenExpiresAt()
              : TokenReplyParser.jwtExpiry(config.accessToken());
      this.current =
          Cached.of(
              new AccessToken(config.accessToken(), expiresAt),
              config.refreshToken(),
              clock.instant(),
              config);
    }
  }

  @Override
  public String accessToken() {
    Cached cached = current;
    if (cached != null && cached.state(clock.instant()) == State.FRESH) {
      return cached.token.value();
    }
    while (true) {
      Renewal task;
      boolean owner = false;
      synchronized (lock) {
        cached = current;
        Instant now = clock.instant();
        State state = cached == null ? State.EXPIRED : cached.state(now);
        if (state == State.FRESH) {
          return cached.token.value();
        }
        if (state == State.STALE) {
          if (renewal != null || now.isBefore(proactiveAllowedAt)) {
            return cached.token.value();
          }
          renewal = new Renewal(cached, true);
          owner = true;
        } else if (renewal == null) {
          renewal = new Renewal(cached, false);
          owner = true;
        }
        task = renewal;
      }
      if (owner) {
        run(task);
      }
      task.awaitDone(where);
      if (task.failure == null || !task.proactive) {
        return task.outcome(where);
      }
      // A failed proactive renewal fails nobody while the old token is usable; once it is not,
      // loop to start (or join) a renewal with the configured retries.
      if (task.from.state(clock.instant()) != State.EXPIRED) {
        return task.from.token.value();
      }
    }
  }

  @Override
  public void invalidate(String rejectedToken) {
    if (rejectedToken == null) {
      return;
    }
    synchronized (lock) {
      Cached cached = current;
      // Only the current token counts: N callers reporting the same stale token mark it once, and
      // a report about a token already replaced does not throw away its successor.
      if (cached != null
          && !cached.invalidated
          && Redaction.sameSecret(cached.token.value(), rejectedToken)) {
        current = cached.invalidate();
        LOG.log(Level.FINE, "Access token for {0} was rejected by the API; renewing", where);
      }
    }
  }

  /** Runs a renewal in the calling thread and publishes the outcome. */
  private void run(Renewal task) {
    try {
      TokenResponse response = renew(task.from, !task.proactive);
      Cached next =
          Cached.of(
              response.accessToken(),
              response.refreshToken() != null
                  ? response.refreshToken()
                  : task.from == null ? null : task.from.refreshToken,
              clock.instant(),
              config);
      synchronized (lock) {
        current = next;
        renewal = null;
      }
      task.succeed(next);
    } catch (RuntimeException e) {
      synchronized (lock) {
        renewal = null;
        if (task.proactive) {
          proactiveAllowedAt = clock.instant().plus(PROACTIVE_PAUSE);
        }
      }
      if (task.proactive) {
        LOG.log(
            Level.FINE,
            "Proactive renewal of the access token for {0} failed; keeping the current token: {1}",
            new Object[] {where, e.getMessage()});
      }
      task.fail(e);
    }
  }

  /** One token request (or two: a rejected refresh token falls back to client credentials). */
  private TokenResponse renew(Cached from, boolean retry) {
    String refreshToken = from == null ? null : from.refreshToken;
    if (endpoint == null || !config.canRenew() && refreshToken == null) {
      throw cannotRenew();
    }
    if (refreshToken != null) {
      try {
        return endpoint.refresh(refreshToken, retry);
      } catch (CaspioException e) {
        boolean rejected = e.kind() == ErrorKind.AUTHENTICATION || e.kind() == ErrorKind.REMOTE;
        if (!rejected) {
          throw e;
        }
        if (config.clientSecret() == null) {
          throw new CaspioException(
              ErrorKind.AUTHENTICATION,
              "The access token has expired or was rejected and the refresh token was refused ("
                  + e.getMessage()
                  + "); no client secret is configured to obtain a new one. Supply a new token"
                  + " or the client credentials.",
              e.httpStatus(),
              e.caspioCode(),
              null,
              e);
        }
        LOG.log(
            Level.FINE,
            "Refresh token refused by {0}; authenticating with client credentials",
            where);
      }
    }
    if (config.clientSecret() == null) {
      throw cannotRenew();
    }
    return endpoint.clientCredentials(retry);
  }

  private CaspioException cannotRenew() {
    return new CaspioException(
        ErrorKind.AUTHENTICATION,
        "The pre-issued access token has expired or was rejected, and neither a refresh token nor"
            + " a client secret is configured to obtain a new one. Supply a new access token or"
            + " the client credentials.",
        null);
  }

  @Override
  public String toString() {
    Cached cached = current;
    return "OAuthTokenManager[tokenUri="
        + where
        + ", clientId="
        + config.clientId()
        + ", token="
        + (cached == null ? "none" : cached.token)
        + "]";
  }

  /** Freshness of a cached token at some instant. */
  enum State {
    FRESH,
    STALE,
    EXPIRED
  }

  /**
   * A token with the instants at which it turns stale and expired, fixed when it is obtained.
   * Immutable.
   */
  private static final class Cached {
    final AccessToken token;
    final String refreshToken;
    final Instant staleAt;
    final Instant expiredAt;
    final boolean invalidated;

    private Cached(
        AccessToken token,
        String refreshToken,
        Instant staleAt,
        Instant expiredAt,
        boolean invalidated) {
      this.token = token;
      this.refreshToken = refreshToken;
      this.staleAt = staleAt;
      this.expiredAt = expiredAt;
      this.invalidated = invalidated;
    }

    /**
     * The margins are shortened for short-lived tokens (to a half and a quarter of the remaining
     * lifetime) so that a token is never expired the moment it arrives, which would make every call
     * fetch a new one.
     */
    static Cached of(
        AccessToken token, String refreshToken, Instant obtainedAt, TokenManagerConfig config) {
      Instant expiresAt = token.expiresAt();
      if (expiresAt == null) {
        return new Cached(token, refreshToken, null, null, false);
      }
      Duration life = Duration.between(obtainedAt, expiresAt);
      if (life.isNegative() || life.isZero()) {
        return new Cached(token, refreshToken, expiresAt, expiresAt, false);
      }
      Duration refresh = min(config.refreshMargin(), life.dividedBy(2));
      Duration expiry = min(config.expiryMargin(), life.dividedBy(4));
      return new Cached(
          token, refreshToken, expiresAt.minus(refresh), expiresAt.minus(expiry), false);
    }

    Cached invalidate() {
      return new Cached(token, refreshToken, staleAt, expiredAt, true);
    }

    State state(Instant now) {
      if (invalidated) {
        return State.EXPIRED;
      }
      if (expiredAt == null) {
        return State.FRESH;
      }
      if (!now.isBefore(expiredAt)) {
        return State.EXPIRED;
      }
      return now.isBefore(staleAt) ? State.FRESH : State.STALE;
    }

    private static Duration min(Duration a, Duration b) {
      return a.compareTo(b) <= 0 ? a : b;
    }
  }

  /** One renewal, run by one thread and awaited by the others. */
  private static final class Renewal {
    final Cached from;
    final boolean proactive;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Cached result;
    private volatile RuntimeException failure;

    Renewal(Cached from, boolean proactive) {
      this.from = from;
      this.proactive = proactive;
    }

    void succeed(Cached value) {
      result = value;
      done.countDown();
    }

    void fail(RuntimeException e) {
      failure = e;
      done.countDown();
    }

    void awaitDone(String where) {
      try {
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CaspioException(
            ErrorKind.CANCELLED,
            "Interrupted while waiting for an access token from " + where + ".",
            e);
      }
    }

    /** The new token, or the shared failure as an exception of the caller's own. */
    String outcome(String where) {
      RuntimeException e = failure;
      if (e == null) {
        return result.token.value();
      }
      // Each waiter gets its own exception (own stack trace), with the shared one as the cause.
      if (e instanceof CaspioException ce) {
        throw new CaspioException(
            ce.kind(), ce.getMessage(), ce.httpStatus(), ce.caspioCode(), ce.requestId(), ce);
      }
      throw new CaspioException(
          ErrorKind.REMOTE, "Obtaining an access token from " + where + " failed.", e);
    }
  }
}
