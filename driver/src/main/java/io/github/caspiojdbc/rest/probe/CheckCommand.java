/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest.probe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.caspiojdbc.auth.Loopback;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code check <jdbc:caspio://host> [--scratch-table name] [--json file]}: runs the probes, prints
 * one line each, a summary and the calls spent, and optionally writes the JSON report. Exit code 0
 * when no probe differs (agreeing, unknown and skipped ones alike), 1 when any differs, 2 on a
 * usage or connection error. The secret and the tokens are never printed nor written.
 */
public final class CheckCommand {
  /** Usage text of the command. */
  public static final String USAGE =
      "Usage: check jdbc:caspio://<account-host>[:port] [--scratch-table <name>] [--json <file>]\n"
          + "  credentials: CASPIO_CLIENT_ID and CASPIO_CLIENT_SECRET\n"
          + "  --scratch-table: also insert, read back and delete one row in that table (only)";

  /**
   * The least time between two calls to a remote account: at most four calls a second, well below
   * the account-wide burst limit of about ten (caspio-api.md 6.4). The emulator on the loopback is
   * not paced, so that the suites stay fast.
   */
  static final Duration REMOTE_GAP = Duration.ofMillis(250);

  private CheckCommand() {}

  /**
   * Runs the check; {@code args} are the URL and an optional {@code --json file}. Returns the exit
   * code.
   */
  public static int run(
      List<String> args, String clientId, String clientSecret, PrintStream out, PrintStream err) {
    String url = null;
    Path json = null;
    String scratch = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--json") && i + 1 < args.size()) {
        json = Path.of(args.get(++i));
      } else if (a.equals("--scratch-table") && i + 1 < args.size() && scratch == null) {
        scratch = args.get(++i);
        // The name goes into a URL path; a plain Caspio table name is all it may be.
        if (!scratch.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
          err.println("check: not a table name: " + scratch + "\n" + USAGE);
          return 2;
        }
      } else if (a.startsWith("jdbc:caspio://") && url == null) {
        url = a;
      } else {
        err.println("check: unexpected argument: " + a + "\n" + USAGE);
        return 2;
      }
    }
    if (url == null) {
      err.println("check: a jdbc:caspio:// URL is needed\n" + USAGE);
      return 2;
    }
    if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
      err.println("check: set CASPIO_CLIENT_ID and CASPIO_CLIENT_SECRET");
      return 2;
    }
    String host;
    String base;
    try {
      URI uri = URI.create("x" + url.substring("jdbc:caspio".length()));
      host = uri.getHost();
      if (host == null) {
        throw new IllegalArgumentException("no host");
      }
      base = base(host, uri.getPort());
    } catch (IllegalArgumentException e) {
      err.println("check: not a valid URL: " + url);
      return 2;
    }
    AccountProbes probes =
        new AccountProbes(base, scratch, Loopback.isLoopback(host) ? Duration.ZERO : REMOTE_GAP);
    int budget = AccountProbes.budget(scratch);
    List<ProbeResult> results;
    try {
      results = probes.run(clientId, clientSecret);
    } catch (IOException e) {
      err.println("check: " + host + ": " + e.getMessage());
      return 2;
    }
    long differs = results.stream().filter(r -> r.verdict() == ProbeResult.Verdict.DIFFERS).count();
    long skipped = results.stream().filter(r -> r.verdict() == ProbeResult.Verdict.SKIPPED).count();
    long unknown = results.stream().filter(r -> r.verdict() == ProbeResult.Verdict.UNKNOWN).count();
    for (ProbeResult r : results) {
      out.printf(
          "%-8s %-40s expected: %s | observed: %s (%d call%s)%n",
          r.verdict(), r.name(), r.expected(), r.observed(), r.calls(), r.calls() == 1 ? "" : "s");
    }
    out.printf(
        "%d probes: %d agree, %d differ, %d unknown, %d skipped; %d of %d calls spent%n",
        results.size(),
        results.size() - differs - skipped - unknown,
        differs,
        unknown,
        skipped,
        probes.calls(),
        budget);
    if (json != null) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("driverVersion", version());
      report.put("date", Instant.now().toString());
      report.put("host", host);
      report.put("calls", probes.calls());
      report.put("budget", budget);
      report.put("scratchTable", scratch);
      report.put("probes", results);
      try {
        Files.writeString(
            json,
            new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(report));
      } catch (IOException e) {
        err.println("check: cannot write " + json + ": " + e.getMessage());
        return 2;
      }
      out.println("report written to " + json);
    }
    return differs == 0 ? 0 : 1;
  }

  /**
   * The account's origin. The emulator and test servers on the loopback speak plain HTTP, as the
   * driver allows; the driver's one loopback rule decides, so 127.1.2.3 and [::1] are loopback here
   * too, and any other host gets https, since the secret travels in the token request.
   */
  static String base(String host, int port) {
    return (Loopback.isLoopback(host) ? "http://" : "https://")
        + host
        + (port > 0 ? ":" + port : "");
  }

  /** The driver's version from the jar manifest, {@code unknown} outside a jar. */
  public static String version() {
    String v = CheckCommand.class.getPackage().getImplementationVersion();
    return v == null ? "unknown" : v;
  }
}
