/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import io.github.caspiojdbc.emulator.store.Switches;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Command line: runs a {@link CaspioEmulator} with sample data until Ctrl-C.
 *
 * <pre>
 * caspio-emulator [--port 8089] [--https-port N] [--seed 42] [--rows 1000]
 *                 [--client-id ID] [--client-secret SECRET] [--token-ttl SECONDS]
 *                 [--refresh-ttl SECONDS] [--latency-ms MS] [--request-log FILE] [--no-v4]
 *                 [--help]
 * </pre>
 */
public final class EmulatorMain {
  static final int DEFAULT_PORT = 8089;
  static final long DEFAULT_SEED = 42;
  static final int DEFAULT_ROWS = 1000;

  private static final java.util.Set<String> OPTIONS_WITH_VALUE =
      java.util.Set.of(
          "--port",
          "--https-port",
          "--seed",
          "--rows",
          "--client-id",
          "--client-secret",
          "--token-ttl",
          "--refresh-ttl",
          "--latency-ms",
          "--request-log",
          "--switch");

  static final String USAGE =
      String.join(
          System.lineSeparator(),
          "Usage: caspio-emulator [options]",
          "Runs a local Caspio REST API emulator (OAuth + REST v4 + v3 + v2) on 127.0.0.1.",
          "",
          "  --port N             HTTP port (default " + DEFAULT_PORT + "; 0 = any free port)",
          "  --https-port N       also serve HTTPS with a self-signed certificate (0 = free port)",
          "  --seed N             seed of the generated sample data (default " + DEFAULT_SEED + ")",
          "  --rows N             rows in the largest sample table (default " + DEFAULT_ROWS + ")",
          "  --client-id ID       OAuth client id (default "
              + CaspioEmulator.DEFAULT_CLIENT_ID
              + ")",
          "  --client-secret S    OAuth client secret (default: a built-in demo secret)",
          "  --token-ttl SECONDS  access token lifetime (default 86399)",
          "  --refresh-ttl SECONDS refresh token lifetime (default 31536000 = 365 days)",
          "  --latency-ms MS      delay added to every reply (default 0)",
          "  --request-log FILE   write one JSON line per request answered (method, path,",
          "                       decoded query, status, response bytes), flushed as it goes",
          "  --no-v4              serve no REST v4, as an account that has not opted in (v4",
          "                       paths answer 404 like any unknown path)",
          "  --switch NAME=VALUE  answer an uncertain fact otherwise (repeatable), e.g.",
          "                       nullText=AS_EMPTY_STRING; names: collation, nullText,",
          "                       limitWithPaging, dateInput, listWrite, badSelectField,",
          "                       unknownBodyField, writeErrorStatus, paginationBlock,",
          "                       tokenErrorBody, v2PkId, unknownQueryParam,",
          "                       legacyQueryJson, bodyKeyCase",
          "  --help               print this help and exit",
          "",
          "Stop with Ctrl-C.");

  /** Parsed command line; null fields mean "use the default". */
  record Options(
      int port,
      Integer httpsPort,
      long seed,
      int rows,
      String clientId,
      String clientSecret,
      long tokenTtlSeconds,
      long refreshTtlSeconds,
      long latencyMs,
      String requestLog,
      boolean noV4,
      boolean help,
      Switches switches) {}

  /** A command line that cannot be run; the message says which option is wrong. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  private EmulatorMain() {}

  /** Entry point; exit status 2 for a bad command line, 1 when the emulator cannot start. */
  public static void main(String[] args) throws InterruptedException {
    Options options;
    try {
      options = parse(args);
    } catch (UsageException e) {
      System.err.println("caspio-emulator: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(USAGE);
      return;
    }
    CaspioEmulator emulator;
    try {
      emulator = build(options).start();
    } catch (RuntimeException e) {
      System.err.println("caspio-emulator: cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(emulator::stop, "caspio-emulator-stop"));
    printBanner(emulator, options, System.out);
    new CountDownLatch(1).await();
  }

  static Options parse(String[] args) throws UsageException {
    int port = DEFAULT_PORT;
    Integer httpsPort = null;
    long seed = DEFAULT_SEED;
    int rows = DEFAULT_ROWS;
    String clientId = CaspioEmulator.DEFAULT_CLIENT_ID;
    String clientSecret = null;
    long tokenTtl = CaspioEmulator.DEFAULT_ACCESS_TOKEN_LIFETIME.toSeconds();
    long refreshTtl = CaspioEmulator.DEFAULT_REFRESH_TOKEN_LIFETIME.toSeconds();
    long latencyMs = 0;
    String requestLog = null;
    boolean help = false;
    boolean noV4 = false;
    Switches switches = Switches.STRICT;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (name.equals("--help") || name.equals("-h")) {
        help = true;
        continue;
      }
      if (name.equals("--no-v4") && value == null) {
        noV4 = true;
        continue;
      }
      if (!OPTIONS_WITH_VALUE.contains(name)) {
        throw new UsageException("unknown option " + name);
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new UsageException("option " + name + " needs a value");
        }
        value = args[++i];
      }
      switch (name) {
        case "--port":
          port = (int) number(name, value, 0, 65_535);
          break;
        case "--https-port":
          httpsPort = (int) number(name, value, 0, 65_535);
          break;
        case "--seed":
          seed = number(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
          break;
        case "--rows":
          rows = (int) number(name, value, 1, Integer.MAX_VALUE);
          break;
        case "--client-id":
          clientId = text(name, value);
          break;
        case "--client-secret":
          clientSecret = text(name, value);
          break;
        case "--token-ttl":
          tokenTtl = number(name, value, 1, Long.MAX_VALUE / 1000);
          break;
        case "--refresh-ttl":
          refreshTtl = number(name, value, 1, Long.MAX_VALUE / 1000);
          break;
        case "--latency-ms":
          latencyMs = number(name, value, 0, Integer.MAX_VALUE);
          break;
        case "--request-log":
          requestLog = text(name, value);
          break;
        case "--switch":
          try {
            switches = switches.with(value);
          } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
          }
          break;
        default:
          throw new UsageException("unknown option " + name);
      }
    }
    if (httpsPort != null && httpsPort != 0 && httpsPort == port) {
      throw new UsageException("--https-port must differ from --port");
    }
    return new Options(
        port,
        httpsPort,
        seed,
        rows,
        clientId,
        clientSecret,
        tokenTtl,
        refreshTtl,
        latencyMs,
        requestLog,
        noV4,
        help,
        switches);
  }

  static CaspioEmulator build(Options o) {
    CaspioEmulator.Builder b =
        CaspioEmulator.builder()
            .port(o.port())
            .sampleData(o.seed(), o.rows())
            .clientId(o.clientId())
            .accessTokenLifetime(Duration.ofSeconds(o.tokenTtlSeconds()))
            .refreshTokenLifetime(Duration.ofSeconds(o.refreshTtlSeconds()))
            .latency(Duration.ofMillis(o.latencyMs()))
            .v4Enabled(!o.noV4())
            .switches(o.switches());
    if (o.clientSecret() != null) {
      b.clientSecret(o.clientSecret());
    }
    if (o.httpsPort() != null) {
      b.httpsPort(o.httpsPort());
    }
    if (o.requestLog() != null) {
      b.requestLogFile(java.nio.file.Path.of(o.requestLog()));
    }
    return b.build();
  }

  /**
   * Prints where to connect. The secret is shown only when it is the built-in demo secret; a secret
   * given on the command line is never echoed.
   */
  static void printBanner(CaspioEmulator emulator, Options o, PrintStream out) {
    out.println("Caspio emulator ready (stop with Ctrl-C)");
    out.println("  Token URL     : " + emulator.tokenUrl());
    if (!o.noV4()) {
      out.println("  REST v4 URL   : " + emulator.v4Url());
    }
    out.println("  REST v3 URL   : " + emulator.v3Url());
    out.println("  REST v2 URL   : " + emulator.v2Url());
    if (o.httpsPort() != null) {
      out.println("  HTTPS base    : " + emulator.httpsBaseUrl() + " (self-signed certificate)");
    }
    if (o.requestLog() != null) {
      out.println("  Request log   : " + o.requestLog() + " (one JSON line per request)");
    }
    out.println("  Client id     : " + emulator.clientId());
    out.println(
        "  Client secret : "
            + (o.clientSecret() == null ? CaspioEmulator.DEFAULT_CLIENT_SECRET : "<as given>"));
    out.flush();
  }

  private static long number(String name, String value, long min, long max) throws UsageException {
    long n;
    try {
      n = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new UsageException(name + " needs a whole number, got '" + value + "'");
    }
    if (n < min || n > max) {
      throw new UsageException(name + " must be between " + min + " and " + max);
    }
    return n;
  }

  private static String text(String name, String value) throws UsageException {
    if (value.isEmpty()) {
      throw new UsageException(name + " must not be empty");
    }
    return value;
  }
}
