/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Value conversion and configuration checks. */
class SmallPartsTest {
  @Test
  void toLocalDateTime_caspioForms() {
    assertEquals(
        LocalDateTime.of(2020, 10, 7, 4, 54, 19),
        CaspioValues.toLocalDateTime("2020-10-07T04:54:19"));
    assertEquals(LocalDateTime.of(2024, 2, 29, 0, 0), CaspioValues.toLocalDateTime("2024-02-29"));
    assertNull(CaspioValues.toLocalDateTime(null));
    assertThrows(IllegalArgumentException.class, () -> CaspioValues.toLocalDateTime("1/2/2020"));
    assertEquals("2024-02-29T10:00:00", CaspioValues.format(LocalDateTime.of(2024, 2, 29, 10, 0)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://example.com",
        "ftp://example.com",
        "https://example.com/rest",
        "https://u:p@example.com",
        "https://example.com?x=1"
      })
  void config_unsafeOrMalformedBase_isRejected(String uri) {
    assertThrows(
        IllegalArgumentException.class, () -> CaspioApiConfig.builder(URI.create(uri)).build());
  }

  @Test
  void config_defaults_areSane() {
    CaspioApiConfig c = CaspioApiConfig.builder(URI.create("https://c1abc.caspio.com/")).build();
    assertEquals("https://c1abc.caspio.com", c.origin());
    assertEquals(4, c.prefetchDepth());
    assertEquals(5, c.maxAttempts());
    assertThrows(
        IllegalArgumentException.class,
        () -> CaspioApiConfig.builder(URI.create("https://h")).prefetchDepth(0).build());
  }

  @Test
  void userAgent_namesTheDriver() {
    assertTrue(CaspioHttpClients.userAgent().startsWith("caspio-jdbc/"));
  }

  @Test
  void encode_keepsSafePunctuationAndEscapesSeparators() {
    StringBuilder sb = new StringBuilder();
    ApiRequest.encode(sb, "a b=c&d+e'f,(g)*é%");
    assertEquals("a%20b%3Dc%26d%2Be'f,(g)*%C3%A9%25", sb.toString());
  }
}
