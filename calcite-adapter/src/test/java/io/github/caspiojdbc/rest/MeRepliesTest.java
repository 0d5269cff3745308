/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The lenient reading of REST v4 {@code GET /me}. */
class MeRepliesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant READ_AT = Instant.parse("2026-12-03T11:00:00Z");

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text);
  }

  @Test
  void enveloped_readsRateAndExpiry() throws Exception {
    AccountLimits limits =
        MeReplies.parse(
            json(
                "{\"data\":{\"tokenExpiresAt\":\"2026-12-03T12:00:00Z\","
                    + "\"rateLimit\":{\"callsPerSecond\":10}}}"),
            READ_AT);
    assertEquals(new AccountLimits(10, Instant.parse("2026-12-03T12:00:00Z"), READ_AT), limits);
  }

  @Test
  void bare_readsRateAndExpiry() throws Exception {
    AccountLimits limits =
        MeReplies.parse(
            json(
                "{\"tokenExpiresAt\":\"2026-12-03T12:00:00Z\",\"rateLimit\":{\"callsPerSecond\":7}}"),
            READ_AT);
    assertEquals(new AccountLimits(7, Instant.parse("2026-12-03T12:00:00Z"), READ_AT), limits);
  }

  @Test
  void nullRate_keepsExpiry() throws Exception {
    AccountLimits limits =
        MeReplies.parse(
            json(
                "{\"data\":{\"tokenExpiresAt\":\"2026-12-03T12:00:00Z\","
                    + "\"rateLimit\":{\"callsPerSecond\":null}}}"),
            READ_AT);
    assertEquals(new AccountLimits(null, Instant.parse("2026-12-03T12:00:00Z"), READ_AT), limits);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[]",
        "\"text\"",
        "{}",
        "{\"data\":[1,2]}",
        "{\"data\":{\"tokenExpiresAt\":12,\"rateLimit\":\"fast\"}}",
        "{\"data\":{\"tokenExpiresAt\":\"tomorrow\",\"rateLimit\":{\"callsPerSecond\":\"9\"}}}",
        "{\"data\":{\"rateLimit\":{\"callsPerSecond\":0}}}",
        "{\"data\":{\"rateLimit\":{\"callsPerSecond\":2.5}}}",
        "{\"data\":{\"rateLimit\":{\"callsPerSecond\":99999999999}}}"
      })
  void oddShapes_giveNulls(String body) throws Exception {
    assertEquals(AccountLimits.unknown(READ_AT), MeReplies.parse(json(body), READ_AT));
  }

  @Test
  void missingBody_givesNulls() {
    assertEquals(AccountLimits.unknown(READ_AT), MeReplies.parse(null, READ_AT));
  }
}
