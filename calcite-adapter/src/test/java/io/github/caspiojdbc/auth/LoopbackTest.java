/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one definition of a loopback host, {@link Loopback}. */
class LoopbackTest {
  @ParameterizedTest
  @CsvSource({
    "localhost, true",
    "LOCALHOST, true",
    "127.0.0.1, true",
    "127.1.2.3, true",
    "127.255.255.254, true",
    "[::1], true",
    "::1, true",
    "0:0:0:0:0:0:0:1, true",
    "[0:0:0:0:0:0:0:1], true",
    "0000:0000:0000:0000:0000:0000:0000:0001, true",
    "::ffff:127.0.0.1, true",
    "10.0.0.1, false",
    "128.0.0.1, false",
    "127.0.0.256, false",
    "127.000.0.1, false",
    "127.1, false",
    "2130706433, false",
    "example.com, false",
    "localhost.example.com, false",
    "app.localhost, false",
    "127.0.0.1.nip.io, false",
    "[::2], false",
    "::, false",
    "fe80::1%25lo, false",
  })
  void isLoopback_withoutDns_answersForLiteralsAndLocalhost(String host, boolean expected) {
    assertEquals(expected, Loopback.isLoopback(host));
  }
}
