/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;

/**
 * REST v4 (July 2026, opt-in per account; research notes 8.3, a single source): plain camelCase
 * parameters, {@code {"data":…, "pagination":{…}}} envelopes with the total count on every page,
 * bulk inserts of up to {@value #BULK_INSERT} records per call, set-based writes as {@code PATCH}/
 * {@code DELETE …/records/bulk} with the filter in the body, and {@code GET /schemas} with every
 * object and its fields in one reply.
 *
 * <p>Strict readings where the notes are vague: the guard that "may reject always-true filters" is
 * taken to reject every one, so writes meant for all records go through v3 ({@link #companion()});
 * password fields are not known to exist on v4, so they go through v3 as well; the error body's
 * {@code Hint.Remediation} is shown after Caspio's message, since it tells the user what to do.
 */
final class RestV4 implements ApiGeneration {
  /** Most records in one bulk POST (notes 6.4, 8.3). */
  static final int BULK_INSERT = 1000;

  private static final Map<String, String> ECHO = Map.of("echo", "true");
  private static final RecordParams PARAMS = RecordParams.camelCase();
  private static final int MAX_HINT = 300;

  private final ApiGeneration companion;

  RestV4(ApiGeneration companion) {
    this.companion = companion;
  }

  @Override
  public String basePath() {
    return "/integrations/rest/v4";
  }

  @Override
  public String productVersion() {
    return "REST API v4";
  }

  @Override
  public int majorVersion() {
    return 4;
  }

  @Override
  public RecordParams params() {
    return PARAMS;
  }

  @Override
  public ReplyShape replies() {
    return ReplyShape.DATA;
  }

  @Override
  public ErrorReplies.Envelope errorEnvelope(byte[] body, ObjectMapper mapper) {
    ErrorReplies.Envelope env = ErrorReplies.parse(body, mapper);
    String remediation = remediation(body, mapper);
    if (remediation == null || env.message() == null) {
      return env;
    }
    return new ErrorReplies.Envelope(
        env.code(), env.message() + " Hint: " + remediation, env.requestId(), env.rateLimit());
  }

  private static String remediation(byte[] body, ObjectMapper mapper) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      JsonNode hint = mapper.readTree(body).path("Hint").path("Remediation");
      if (!hint.isTextual() || hint.asText().isBlank()) {
        return null;
      }
      String h = hint.asText().strip();
      return h.length() > MAX_HINT ? h.substring(0, MAX_HINT) + "…" : h;
    } catch (IOException | RuntimeException e) {
      return null; // Not JSON: the common envelope already said what it could.
    }
  }

  @Override
  public Map<String, String> insertEcho() {
    return ECHO;
  }

  @Override
  public SetWrites setWrites() {
    return SetWrites.BULK;
  }

  @Override
  public int insertBatchLimit() {
    return BULK_INSERT;
  }

  @Override
  public boolean listsSchemas() {
    return true;
  }

  @Override
  public ApiGeneration companion() {
    return companion;
  }
}
