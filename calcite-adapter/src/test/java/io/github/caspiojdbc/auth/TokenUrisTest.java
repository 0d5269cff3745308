/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Host rules of token URLs in {@link TokenUris}. */
class TokenUrisTest {
  @ParameterizedTest
  @CsvSource({
    "localhost, true",
    "127.0.0.1, true",
    "127.255.0.9, true",
    "[::1], true",
    "::1, true",
    "0:0:0:0:0:0:0:1, true",
    "10.0.0.1, false",
    "example.com, false",
    "localhost.example.com, false",
    "[::2], false",
  })
  void isLoopback_withoutDns_answersForLiteralsAndLocalhost(String host, boolean expected) {
    assertEquals(expected, TokenUris.isLoopback(host));
  }
}
