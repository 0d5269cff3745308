/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of text that people read: masks, safe descriptions of URLs, cleaned server
 * messages, and digests used where secrets must be compared without being kept.
 */
final class Redaction {
  /** What a secret looks like wherever it would otherwise be printed. */
  static final String MASK = "****";

  /** Longest server-provided text (for example an OAuth error_description) we repeat. */
  static final int MAX_SERVER_TEXT = 200;

  /**
   * Per-process salt, so that a digest of a secret held in memory (a registry key) cannot be looked
   * up in a precomputed table should a heap dump leak.
   */
  /**
   * Runs of 16 or more characters of the RFC 6750 token alphabet that mix letters and digits: what
   * access tokens (Caspio's are 400+ characters), refresh tokens (64 hex digits) and secrets look
   * like, and what ordinary words in an error description do not.
   */
  static final Pattern TOKEN_LIKE = Pattern.compile("[-A-Za-z0-9._~+/]{16,}+=*");

  private static final byte[] SALT = new SecureRandom().generateSeed(16);

  private Redaction() {}

  /** The mask when a secret is present, else {@code null}, for toString() methods. */
  static String mask(String secret) {
    return secret == null ? null : MASK;
  }

  /**
   * The URL as it may appear in messages and logs: scheme, host, port and path only. User info,
   * query and fragment are dropped because that is where credentials end up when someone pastes
   * them into a URL.
   */
  static String describe(URI uri) {
    if (uri == null) {
      return "(no token URL)";
    }
    StringBuilder sb = new StringBuilder();
    sb.append(uri.getScheme()).append("://").append(uri.getHost());
    if (uri.getPort() >= 0) {
      sb.append(':').append(uri.getPort());
    }
    if (uri.getRawPath() != null) {
      sb.append(uri.getRawPath());
    }
    return sb.toString();
  }

  /**
   * Server-provided text made fit to repeat: every known secret and anything that looks like a
   * token (see {@link #TOKEN_LIKE}) replaced by the mask, control characters replaced by spaces (no
   * log forging through line breaks), whitespace collapsed, and cut to {@link #MAX_SERVER_TEXT}
   * characters.
   */
  static String sanitize(String text, Collection<String> secrets) {
    if (text == null) {
      return null;
    }
    String s = text;
    for (String secret : secrets) {
      // Secrets shorter than 4 characters would mask ordinary words; no real secret is that short.
      if (secret != null && secret.length() >= 4) {
        s = s.replace(secret, MASK);
      }
    }
    // Tokens we do not know (say, one issued earlier and echoed back) still look like tokens.
    s = TOKEN_LIKE.matcher(s).replaceAll(m -> looksLikeToken(m.group()) ? MASK : m.group());
    StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_SERVER_TEXT + 3));
    boolean space = false;
    for (int i = 0; i < s.length() && sb.length() < MAX_SERVER_TEXT; i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        space = sb.length() > 0;
        continue;
      }
      if (space) {
        sb.append(' ');
        space = false;
      }
      sb.append(c);
    }
    if (sb.length() >= MAX_SERVER_TEXT && s.length() > MAX_SERVER_TEXT) {
      sb.append("...");
    }
    return sb.toString();
  }

  private static boolean looksLikeToken(String run) {
    boolean letter = false;
    boolean digit = false;
    for (int i = 0; i < run.length() && !(letter && digit); i++) {
      char c = run.charAt(i);
      letter |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      digit |= c >= '0' && c <= '9';
    }
    return letter && digit;
  }

  /**
   * A salted SHA-256 digest of the given values (nulls allowed), in hex. Two equal lists give equal
   * digests within this process; the values cannot be read back.
   */
  static String digest(String... values) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(SALT);
      for (String v : values) {
        if (v == null) {
          md.update((byte) 0);
        } else {
          md.update((byte) 1);
          byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
          md.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
          md.update((byte) ':');
          md.update(bytes);
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      // Every Java SE platform must provide SHA-256.
      throw new IllegalStateException(e);
    }
  }

  /** Compares two secrets without leaking, through timing, how long a common prefix is. */
  static boolean sameSecret(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
