/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * REST v3 (May 2025), the default: v2's records and parameters under {@code /integrations}, plus
 * {@code q.getPaginationInfo}, which lets paged reads stop without asking past the last page.
 */
final class RestV3 implements ApiGeneration {
  private static final Map<String, String> ECHO = Map.of("response", "rows");
  private static final RecordParams PARAMS = RecordParams.dotted(true);

  @Override
  public String basePath() {
    // The extra segment is real: /rest/v3 answers 404.
    return "/integrations/rest/v3";
  }

  @Override
  public String productVersion() {
    return "REST API v3";
  }

  @Override
  public int majorVersion() {
    return 3;
  }

  @Override
  public RecordParams params() {
    return PARAMS;
  }

  @Override
  public ReplyShape replies() {
    return ReplyShape.RESULT;
  }

  @Override
  public ErrorReplies.Envelope errorEnvelope(byte[] body, ObjectMapper mapper) {
    return ErrorReplies.parse(body, mapper);
  }

  @Override
  public Map<String, String> insertEcho() {
    return ECHO;
  }

  @Override
  public SetWrites setWrites() {
    return SetWrites.QUERY;
  }
}
