/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.store.Switches;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Command-line parsing and the ready banner of {@link EmulatorMain}. */
class EmulatorMainTest {

  @Test
  void parse_noArguments_usesDefaults() throws Exception {
    EmulatorMain.Options o = EmulatorMain.parse(new String[0]);

    assertEquals(EmulatorMain.DEFAULT_PORT, o.port());
    assertNull(o.httpsPort());
    assertEquals(42, o.seed());
    assertEquals(1000, o.rows());
    assertEquals(CaspioEmulator.DEFAULT_CLIENT_ID, o.clientId());
    assertNull(o.clientSecret());
    assertEquals(86_399, o.tokenTtlSeconds());
    assertEquals(365L * 24 * 3600, o.refreshTtlSeconds());
    assertEquals(0, o.latencyMs());
    assertNull(o.requestLog());
    assertFalse(o.help());
    assertEquals(Switches.STRICT, o.switches());
  }

  @Test
  void parse_switches_repeatable_eachOneNamed() throws Exception {
    EmulatorMain.Options o =
        EmulatorMain.parse(
            new String[] {
              "--switch",
              "nullText=AS_EMPTY_STRING",
              "--switch=collation=case_sensitive",
              "--switch",
              "tokenErrorBody=caspio_envelope",
              "--switch=v2PkId=OMITTED"
            });

    assertEquals(
        Switches.STRICT
            .with(Switches.NullText.AS_EMPTY_STRING)
            .with(Switches.Collation.CASE_SENSITIVE)
            .with(Switches.TokenErrorBody.CASPIO_ENVELOPE)
            .with(Switches.V2PkId.OMITTED),
        o.switches());
  }

  @Test
  void usage_namesEverySwitch() {
    for (java.lang.reflect.RecordComponent c : Switches.class.getRecordComponents()) {
      assertTrue(EmulatorMain.USAGE.matches("(?s).*\\b" + c.getName() + "\\b.*"), c.getName());
    }
  }

  @Test
  void parse_everyOption_bothSpellings() throws Exception {
    EmulatorMain.Options o =
        EmulatorMain.parse(
            new String[] {
              "--port",
              "0",
              "--https-port=0",
              "--seed",
              "7",
              "--rows=50",
              "--client-id",
              "me",
              "--client-secret=s",
              "--token-ttl",
              "30",
              "--refresh-ttl",
              "60",
              "--latency-ms",
              "5",
              "--request-log=calls.jsonl",
              "--help"
            });

    assertEquals(0, o.port());
    assertEquals(0, o.httpsPort());
    assertEquals(7, o.seed());
    assertEquals(50, o.rows());
    assertEquals("me", o.clientId());
    assertEquals("s", o.clientSecret());
    assertEquals(30, o.tokenTtlSeconds());
    assertEquals(60, o.refreshTtlSeconds());
    assertEquals(5, o.latencyMs());
    assertEquals("calls.jsonl", o.requestLog());
    assertTrue(o.help());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--port x",
        "--port 70000",
        "--rows 0",
        "--token-ttl 0",
        "--bogus 1",
        "--seed",
        "--client-id=",
        "--switch nullText=MAYBE",
        "--switch colour=RED",
        "--port 9000 --https-port 9000"
      })
  void parse_badCommandLine_isUsageError(String line) {
    assertThrows(EmulatorMain.UsageException.class, () -> EmulatorMain.parse(line.split(" ")));
  }

  @Test
  void parse_unknownOptionLast_namesTheOption() {
    EmulatorMain.UsageException e =
        assertThrows(
            EmulatorMain.UsageException.class, () -> EmulatorMain.parse(new String[] {"--bogus"}));

    assertEquals("unknown option --bogus", e.getMessage());
  }

  @Test
  void parse_badSecretOption_neverEchoesTheValue() {
    EmulatorMain.UsageException e =
        assertThrows(
            EmulatorMain.UsageException.class,
            () -> EmulatorMain.parse(new String[] {"--client-secret=", "--x"}));

    assertFalse(e.getMessage().contains("secret="));
  }

  @Test
  void banner_defaultSecret_isPrinted() throws Exception {
    String banner = banner(new String[] {"--port", "0", "--rows", "5"});

    assertTrue(banner.contains("/oauth/token"), banner);
    assertTrue(banner.contains("/integrations/rest/v3"), banner);
    assertTrue(banner.contains("/rest/v2"), banner);
    assertTrue(banner.contains(CaspioEmulator.DEFAULT_CLIENT_ID), banner);
    assertTrue(banner.contains(CaspioEmulator.DEFAULT_CLIENT_SECRET), banner);
  }

  @Test
  void banner_givenSecret_isNeverPrinted() throws Exception {
    String banner =
        banner(new String[] {"--port", "0", "--rows", "5", "--client-secret", "TopSecret123"});

    assertFalse(banner.contains("TopSecret123"), banner);
    assertTrue(banner.contains("<as given>"), banner);
  }

  @Test
  void banner_withHttps_printsHttpsBase() throws Exception {
    String banner = banner(new String[] {"--port", "0", "--https-port", "0", "--rows", "5"});

    assertTrue(banner.contains("https://127.0.0.1:"), banner);
  }

  private static String banner(String[] args) throws Exception {
    EmulatorMain.Options o = EmulatorMain.parse(args);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (CaspioEmulator emulator = EmulatorMain.build(o).start();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      EmulatorMain.printBanner(emulator, o, out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
