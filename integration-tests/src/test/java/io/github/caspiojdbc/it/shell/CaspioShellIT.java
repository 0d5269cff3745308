/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.shell.CaspioShell;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code caspio-sql} run in-process, as the root script runs it, with captured output. */
class CaspioShellIT {

  private static final String SECRET = "shell-it-client-secret";

  /** Stands in for a real account: its own credentials, reached through a URL. */
  @RegisterExtension
  static final EmulatorFixture fixture =
      new EmulatorFixture(
          EmulatorFixture.builder()
              .sampleData(7, 100)
              .emulator(b -> b.clientId("shell-it-client").clientSecret(SECRET))
              .startEmulator());

  private static final CaspioEmulator account = fixture.emulator;

  @Test
  void run_noUrl_startsEmulatorAndRunsStatement() {
    Result r = run(Map.of(), "", "-e", "select count(*) as n from Customers");
    assertEquals(0, r.code, r.toString());
    assertTrue(r.err.contains("No URL given: started the bundled Caspio emulator"), r.err);
    // seed 42, 1000 rows: max(50, 1000 / 40) customers
    assertTrue(r.out.matches("(?s).*\\|\\s*n\\s*\\|.*\\|\\s*50\\s*\\|.*"), r.out);
    assertFalse(r.all().contains(CaspioEmulator.DEFAULT_CLIENT_SECRET), "secret echoed");
  }

  @Test
  void run_systemTable_showsWhatTheLastStatementCost() {
    Result r =
        run(
            Map.of(),
            "",
            "-e",
            "select count(*) as n from Customers",
            "-e",
            "select call_scope, calls, read_calls from caspio_system.calls"
                + " where call_scope = 'LAST_STATEMENT'");
    assertEquals(0, r.code, r.toString());
    // The COUNT(*) before was one read: v4 brought every field list with the schema at connect.
    assertTrue(
        r.out.matches("(?s).*\\|\\s*LAST_STATEMENT\\s*\\|\\s*1\\s*\\|\\s*1\\s*\\|.*"), r.out);
  }

  @Test
  void run_badSql_nonZeroAndStopsAtFirstFailure() {
    Result r =
        run(
            Map.of(),
            "",
            "-e",
            "select * from No_Such_Table",
            "-e",
            "select 'should not run' as marker from Customers");
    assertEquals(1, r.code, r.toString());
    assertTrue(r.err.contains("No_Such_Table"), r.err);
    assertFalse(r.out.contains("should not run"), r.out);
    assertFalse(r.err.contains("\tat "), "no stack trace in -e mode: " + r.err);
  }

  @Test
  void run_urlWithEnvironmentCredentials_queriesAccount() {
    Result r =
        run(
            Map.of("CASPIO_CLIENT_ID", "shell-it-client", "CASPIO_CLIENT_SECRET", SECRET),
            "",
            url(),
            "--outputformat=csv",
            "-e",
            "select count(*) as n from Orders");
    assertEquals(0, r.code, r.toString());
    assertFalse(r.err.contains("emulator"), "a URL must not start the bundled emulator");
    // seed 7, 100 rows: max(60, 100 / 10) orders
    assertTrue(r.out.contains("'60'"), r.out);
    assertFalse(r.all().contains(SECRET), "secret echoed");
  }

  @Test
  void run_urlWithoutCredentials_promptsAndMasksSecret() {
    Result r =
        run(Map.of(), "shell-it-client\n" + SECRET + "\n", url(), "-e", "select 1 from Orders");
    assertEquals(0, r.code, r.toString());
    assertTrue(r.err.contains("Client secret for " + url()), r.err);
    assertFalse(r.all().contains(SECRET), "secret echoed: " + r.all());
  }

  @Test
  void run_wrongSecret_nonZeroWithoutSecret() {
    Result r =
        run(
            Map.of("CASPIO_CLIENT_ID", "shell-it-client", "CASPIO_CLIENT_SECRET", "wrong-secret"),
            "",
            url(),
            "-e",
            "select 1 from Orders");
    assertTrue(r.code != 0, r.toString());
    assertFalse(r.all().contains("wrong-secret"), "secret echoed: " + r.all());
  }

  @Test
  void run_passwordArgument_refusedWithUsage() {
    Result r = run(Map.of(), "", "-p", SECRET);
    assertEquals(2, r.code);
    assertTrue(r.err.contains("CASPIO_CLIENT_SECRET"), r.err);
    assertFalse(r.all().contains(SECRET), "secret echoed");
  }

  private static String url() {
    return EmulatorFixture.url(account.port(), "");
  }

  private static Result run(Map<String, String> env, String input, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    InputStream in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
    int code =
        CaspioShell.run(
            args,
            in,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Exit code and captured streams of one run. */
  private record Result(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }
}
