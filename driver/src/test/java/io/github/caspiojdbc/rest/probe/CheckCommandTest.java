/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The check's choice of scheme follows the driver's loopback rule, not a list of two names; its
 * arguments are checked before any call; reports show a value's form, never the value.
 */
class CheckCommandTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  @Test
  void run_scratchTableWithPathCharacters_exit2BeforeAnyCall() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        CheckCommand.run(
            List.of("jdbc:caspio://127.0.0.1:1", "--scratch-table", "a/b"),
            "id",
            "secret",
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("not a table name"));
  }

  @Test
  void shape_keepsTheFormAndHidesTheValue() {
    assertEquals(
        "\"9999-99-99T99:99:99\"", ReplyProbes.shape(JSON.textNode("2021-03-04T05:06:07")));
    assertEquals(
        "\"9999-99-99T99:99:99.999Z\"",
        ReplyProbes.shape(JSON.textNode("2021-03-04T05:06:07.123Z")));
    assertEquals(
        "\"9/9/9999 9:99:99 aa\"", ReplyProbes.shape(JSON.textNode("1/2/2022 7:15:18 AM")));
    assertEquals("number", ReplyProbes.shape(JSON.numberNode(1)));
    assertEquals("null", ReplyProbes.shape(JSON.nullNode()));
  }

  @Test
  void budgets_areTheOnesTheReadmeStates() {
    assertEquals(20, AccountProbes.budget(null));
    assertEquals(28, AccountProbes.budget("Scratch"));
  }

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
