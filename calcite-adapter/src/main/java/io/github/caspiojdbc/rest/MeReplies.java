/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads the body of REST v4 {@code GET /me} into {@link AccountLimits}. The reply's shape rests on
 * a single source (research notes 6.4), so this parser is lenient on purpose: it accepts the body
 * with or without the {@code data} envelope, and any field that is missing, null or of an odd type
 * becomes null instead of failing the query that asked for it.
 */
final class MeReplies {
  private MeReplies() {}

  /** The limits in {@code body}, read at {@code readAt}; never throws on an unexpected shape. */
  static AccountLimits parse(JsonNode body, Instant readAt) {
    if (body == null || !body.isObject()) {
      return AccountLimits.unknown(readAt);
    }
    JsonNode me = body.path("data").isObject() ? body.get("data") : body;
    return new AccountLimits(
        perSecond(me.path("rateLimit").path("callsPerSecond")),
        instant(me.path("tokenExpiresAt")),
        readAt);
  }

  private static Integer perSecond(JsonNode node) {
    // A rate below one call per second or beyond int range is not a reading we can trust.
    if (node.isIntegralNumber() && node.canConvertToInt() && node.intValue() > 0) {
      return node.intValue();
    }
    return null;
  }

  private static Instant instant(JsonNode node) {
    if (!node.isTextual()) {
      return null;
    }
    try {
      return Instant.parse(node.textValue());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
