/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP answer before it is handed to WireMock: status, extra headers and body bytes, or a
 * connection fault instead of an answer. Immutable apart from {@link #withHeader}, which copies.
 */
record Reply(int status, Map<String, String> headers, byte[] body, ConnectionFault fault) {

  static final String JSON = "application/json; charset=utf-8";
  static final ObjectMapper MAPPER = new ObjectMapper();

  Reply {
    headers = Map.copyOf(headers);
  }

  static Reply json(int status, JsonNode node) {
    try {
      return new Reply(status, Map.of("Content-Type", JSON), MAPPER.writeValueAsBytes(node), null);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot render a Jackson tree", e);
    }
  }

  static Reply empty(int status) {
    return new Reply(status, Map.of(), new byte[0], null);
  }

  static Reply text(int status, String contentType, String body) {
    return new Reply(
        status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8), null);
  }

  /** Caspio's error envelope (research notes 6.2); Resource is the path as requested. */
  static Reply caspioError(
      int status, String code, String message, String resource, String requestId) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("Code", code);
    body.put("Message", message);
    body.put("Resource", resource);
    body.put("RequestId", requestId);
    return json(status, body);
  }

  static Reply connectionFault(ConnectionFault fault) {
    return new Reply(0, Map.of(), new byte[0], fault);
  }

  Reply withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Reply(status, copy, body, fault);
  }

  Reply withBody(byte[] newBody) {
    return new Reply(status, headers, newBody, fault);
  }
}
