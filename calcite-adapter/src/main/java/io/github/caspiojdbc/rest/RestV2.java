/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * REST v2 (2018), deprecated by Caspio but still served by older accounts. It has no way to report
 * a read's total row count, so page-number reads request later pages speculatively.
 */
final class RestV2 implements ApiGeneration {
  private static final Map<String, String> ECHO = Map.of("response", "rows");
  private static final RecordParams PARAMS = RecordParams.dotted(false);

  @Override
  public String basePath() {
    return "/rest/v2";
  }

  @Override
  public String productVersion() {
    return "REST API v2";
  }

  @Override
  public int majorVersion() {
    return 2;
  }

  /**
   * v2 samples never show PK_ID in {@code select *} rows (caspio-api.md section 9 item 7): not
   * settled, so the strict reading, that they may lack it.
   */
  @Override
  public boolean starRowsCarryKey() {
    return false;
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
