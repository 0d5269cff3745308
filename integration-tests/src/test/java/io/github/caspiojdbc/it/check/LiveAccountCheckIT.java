/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The account check against a real account, skipped (reported as such) unless CASPIO_CLIENT_ID,
 * CASPIO_CLIENT_SECRET and CASPIO_ACCOUNT are set; CASPIO_SCRATCH_TABLE, when set, adds the write
 * probes on that table. It asserts only that the check ran and kept the secret out of its output: a
 * DIFFERS is a finding to report, not a test failure.
 */
class LiveAccountCheckIT {
  @Test
  void check_liveAccount_runsAndKeepsTheSecret() {
    String id = System.getenv("CASPIO_CLIENT_ID");
    String secret = System.getenv("CASPIO_CLIENT_SECRET");
    String host = System.getenv("CASPIO_ACCOUNT");
    assumeTrue(
        id != null && secret != null && host != null,
        "CASPIO_CLIENT_ID, CASPIO_CLIENT_SECRET and CASPIO_ACCOUNT are not set");
    String scratch = System.getenv("CASPIO_SCRATCH_TABLE");
    Map<String, String> env = Map.of("CASPIO_CLIENT_ID", id, "CASPIO_CLIENT_SECRET", secret);
    CheckRun r =
        scratch == null || scratch.isBlank()
            ? CheckRun.of(env, "jdbc:caspio://" + host)
            : CheckRun.of(env, "jdbc:caspio://" + host, "--scratch-table", scratch);
    assertTrue(r.code() == 0 || r.code() == 1, r.toString());
    assertFalse(r.out().contains(secret) || r.err().contains(secret), "secret printed");
  }
}
