/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code caspio-sql --check} against the emulator: every probe agrees, the calls counted by the
 * emulator stay within the stated budget, a contradicting emulator makes a probe differ, and the
 * secret appears neither in the output nor in the JSON report.
 */
class AccountCheckIT {
  private static final String SECRET = "check-it-secret-4711";

  @RegisterExtension
  static final EmulatorFixture fixture =
      new EmulatorFixture(
          EmulatorFixture.builder()
              .sampleData(7, 100)
              .emulator(b -> b.clientId("check-it-client").clientSecret(SECRET))
              .startEmulator());

  private static final CaspioEmulator account = fixture.emulator;

  @BeforeEach
  void reset() {
    account.faults().clear();
    account.clearLog();
  }

  @Test
  void check_emulator_everyProbeAgreesWithinBudget(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("report.json");
    CheckRun r = check(url(), "--json", json.toString());
    // The check's first run found the emulator comparing two literals case- and blank-sensitively
    // ('a'='A' matched nothing); SqlServerDialect now compares them as SQL Server's CI collation.
    assertEquals(0, r.code(), r.toString());
    assertFalse(r.out().contains("DIFFERS"), r.out());
    assertFalse(r.out().contains("SKIPPED"), r.out());
    long calls = account.log().totalCalls();
    assertTrue(calls <= 10, "spent " + calls + " calls");
    assertTrue(r.out().contains(calls + " of 10 calls spent"), r.out());
    String report = Files.readString(json);
    assertTrue(report.contains("\"probes\""), report);
    assertTrue(report.contains("\"AGREES\""), report);
    assertFalse(report.contains(SECRET), "secret in the report");
    assertFalse(r.out().contains(SECRET) || r.err().contains(SECRET), "secret printed");
  }

  @Test
  void check_contradictingEmulator_reportsDiffers() {
    // The page-size probe is the first records call; a 500 there is not the expected refusal.
    account.faults().failNext(1, 500, ".*/records.*");
    CheckRun r = check(url());
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.out().matches("(?s).*DIFFERS\\s+page size cap.*"), r.out());
    assertTrue(r.out().contains(" 1 differ"), r.out()); // only the contradicted probe
  }

  @Test
  void check_wrongSecret_exit2WithMessage() {
    CheckRun r =
        CheckRun.of(
            Map.of("CASPIO_CLIENT_ID", "check-it-client", "CASPIO_CLIENT_SECRET", "x"), url());
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains("refused the credentials"), r.err());
  }

  @Test
  void check_unreachableHost_exit2NamingTheAddress() {
    CheckRun r = check("jdbc:caspio://127.0.0.1:1?useHttps=false");
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains("cannot reach http://127.0.0.1:1"), r.err());
  }

  @Test
  void check_noUrl_exit2WithUsage() {
    CheckRun r = check();
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains("Usage"), r.err());
  }

  private static String url() {
    return EmulatorFixture.url(account.port(), "");
  }

  private static CheckRun check(String... args) {
    return CheckRun.of(
        Map.of("CASPIO_CLIENT_ID", "check-it-client", "CASPIO_CLIENT_SECRET", SECRET), args);
  }
}
