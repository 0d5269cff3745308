/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Issues and checks the emulator's OAuth tokens.
 *
 * <p>Decisions where Caspio's behaviour is not documented (research notes 2.4-2.6):
 *
 * <ul>
 *   <li>Issuing a token never revokes earlier access tokens (as S1 reports for Caspio).
 *   <li>Refresh rotates: every refresh answer carries a NEW refresh token, and the old refresh
 *       token stays valid until its own expiry. Clients that keep the newest one work, and so do
 *       clients that keep the first one.
 *   <li>At most {@value #MAX_REFRESH_TOKENS} live refresh tokens, oldest dropped first (Caspio's
 *       documented cap); the 60-day idle rule is not modelled.
 *   <li>Token values are random and opaque: 300 random bytes in standard Base64 (400 characters of
 *       the b64token alphabet) for access tokens, 32 random bytes in hex for refresh tokens.
 * </ul>
 *
 * <p>Expiry uses the injected {@link Clock}, so tests move time instead of sleeping. Thread-safe.
 */
final class TokenService {
  static final int MAX_REFRESH_TOKENS = 1000;

  /** A pair handed out by one successful token request. Values are secrets: never log them. */
  record Issued(String accessToken, String refreshToken, long expiresInSeconds) {
    @Override
    public String toString() {
      return "Issued[<redacted>, expiresIn=" + expiresInSeconds + "]";
    }
  }

  private final Clock clock;
  private final Duration accessTtl;
  private final Duration refreshTtl;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Instant> accessTokens = new LinkedHashMap<>();
  private final Map<String, Instant> refreshTokens = new LinkedHashMap<>();

  TokenService(Clock clock, Duration accessTtl, Duration refreshTtl) {
    this.clock = clock;
    this.accessTtl = accessTtl;
    this.refreshTtl = refreshTtl;
  }

  synchronized Issued issue() {
    Instant now = clock.instant();
    purgeExpired(now);
    byte[] access = new byte[300];
    random.nextBytes(access);
    byte[] refresh = new byte[32];
    random.nextBytes(refresh);
    String accessToken = Base64.getEncoder().encodeToString(access);
    String refreshToken = HexFormat.of().formatHex(refresh);
    accessTokens.put(accessToken, now.plus(accessTtl));
    refreshTokens.put(refreshToken, now.plus(refreshTtl));
    while (refreshTokens.size() > MAX_REFRESH_TOKENS) {
      Iterator<String> oldest = refreshTokens.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    return new Issued(accessToken, refreshToken, accessTtl.toSeconds());
  }

  /** True when the refresh token is known and not expired; it stays valid (see class doc). */
  synchronized boolean isValidRefreshToken(String token) {
    Instant expiry = refreshTokens.get(token);
    return expiry != null && clock.instant().isBefore(expiry);
  }

  synchronized boolean isValidAccessToken(String token) {
    return accessExpiry(token) != null;
  }

  /** When a valid access token expires; null for an unknown or expired one. */
  synchronized Instant accessExpiry(String token) {
    Instant expiry = accessTokens.get(token);
    return expiry != null && clock.instant().isBefore(expiry) ? expiry : null;
  }

  synchronized void expireAccessTokens() {
    accessTokens.clear();
  }

  synchronized void expireAllTokens() {
    accessTokens.clear();
    refreshTokens.clear();
  }

  private void purgeExpired(Instant now) {
    accessTokens.values().removeIf(expiry -> !now.isBefore(expiry));
    refreshTokens.values().removeIf(expiry -> !now.isBefore(expiry));
  }
}
