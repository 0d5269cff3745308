/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * The JSON text that stands for a list field's value in SQL (item id to value), read and written by
 * Jackson so that quoting is never hand-made.
 */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static String object(Map<?, ?> map) {
    try {
      return MAPPER.writeValueAsString(map);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("list value cannot be written as JSON", e);
    }
  }

  /** Parses JSON text; null for empty input. */
  static com.fasterxml.jackson.databind.JsonNode read(String text) throws java.io.IOException {
    return MAPPER.readTree(text);
  }
}
