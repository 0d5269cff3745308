/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The check's choice of scheme follows the driver's loopback rule, not a list of two names. */
class CheckCommandTest {
  @Test
  void base_everyLoopbackSpelling_isPlainHttp() {
    assertEquals("http://127.0.0.1:8080", CheckCommand.base("127.0.0.1", 8080));
    assertEquals("http://127.1.2.3:8080", CheckCommand.base("127.1.2.3", 8080));
    assertEquals("http://[::1]:8080", CheckCommand.base("[::1]", 8080));
    assertEquals("http://localhost", CheckCommand.base("localhost", -1));
  }

  @Test
  void base_publicHost_isHttps() {
    assertEquals("https://acme.caspio.com", CheckCommand.base("acme.caspio.com", -1));
    assertEquals("https://127.0.0.1.example.com", CheckCommand.base("127.0.0.1.example.com", -1));
  }
}
