/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.shell;

import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.rest.probe.CheckCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import sqlline.SqlLine;

/**
 * {@code caspio-sql}: sqlline connected through the Caspio driver, to a real account when a URL is
 * given and otherwise to the bundled emulator, started in this JVM with sample data.
 *
 * <p>Exit codes: 0 success, 1 an SQL statement or the connection failed, 2 bad arguments.
 */
public final class CaspioShell {

  static final String ENV_CLIENT_ID = "CASPIO_CLIENT_ID";
  static final String ENV_CLIENT_SECRET = "CASPIO_CLIENT_SECRET";

  /** Sample data of the bundled emulator: same seed and size as {@code ./caspio-emulator}. */
  static final long SAMPLE_SEED = 42;

  static final int SAMPLE_ROWS = 1000;

  private CaspioShell() {}

  /** Runs the shell and exits the JVM with its exit code. */
  public static void main(String[] args) {
    int code = run(args, System.in, System.out, System.err, System.getenv());
    System.exit(code);
  }

  /**
   * Runs the shell to completion: parses {@code args}, starts the emulator when no URL is given,
   * runs sqlline and stops the emulator again. Public so that end-to-end tests can run the shell
   * in-process with their own streams and environment.
   *
   * @param env the environment to take {@code CASPIO_CLIENT_ID} and {@code CASPIO_CLIENT_SECRET}
   *     from
   * @return the process exit code
   */
  public static int run(
      String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
    if (args.length > 0 && args[0].equals("--check")) {
      // The account check is its own command: no sqlline, no prompt, one report.
      return CheckCommand.run(
          java.util.Arrays.asList(args).subList(1, args.length),
          nonBlank(env.get(ENV_CLIENT_ID)),
          nonBlank(env.get(ENV_CLIENT_SECRET)),
          out,
          err);
    }
    ShellArgs parsed;
    try {
      parsed = ShellArgs.parse(args);
    } catch (ShellArgs.UsageException e) {
      err.println("caspio-sql: " + e.getMessage());
      err.println(ShellArgs.USAGE);
      return 2;
    }
    if (parsed.help()) {
      out.println(ShellArgs.USAGE);
      return 0;
    }
    if (parsed.url().isPresent()) {
      String url = parsed.url().get();
      String clientId = nonBlank(env.get(ENV_CLIENT_ID));
      String secret = nonBlank(env.get(ENV_CLIENT_SECRET));
      try {
        if (clientId == null) {
          clientId = Credentials.ask("Client id for " + url + ": ", false, in, err);
        }
        if (secret == null) {
          secret = Credentials.ask("Client secret for " + url + ": ", true, in, err);
        }
      } catch (IOException e) {
        err.println("caspio-sql: cannot read credentials: " + e.getMessage());
        return 1;
      }
      return sqlline(parsed, url, clientId, secret, in, out, err);
    }
    CaspioEmulator started;
    try {
      started = CaspioEmulator.builder().sampleData(SAMPLE_SEED, SAMPLE_ROWS).build().start();
    } catch (RuntimeException e) {
      err.println("caspio-sql: cannot start the bundled emulator: " + e.getMessage());
      return 1;
    }
    try (CaspioEmulator emulator = started) {
      err.println(
          "No URL given: started the bundled Caspio emulator with sample data at "
              + emulator.baseUrl()
              + " (tables Customers, Products, Orders, OrderItems; views OrderDetails,"
              + " OpenOrders).");
      return sqlline(
          parsed,
          emulatorUrl(emulator),
          CaspioEmulator.DEFAULT_CLIENT_ID,
          CaspioEmulator.DEFAULT_CLIENT_SECRET,
          in,
          out,
          err);
    }
  }

  /** The driver URL of a running emulator (plain HTTP is allowed for loopback hosts only). */
  static String emulatorUrl(CaspioEmulator emulator) {
    return "jdbc:caspio://127.0.0.1:" + emulator.port() + "?useHttps=false";
  }

  private static int sqlline(
      ShellArgs args,
      String url,
      String user,
      String password,
      InputStream in,
      PrintStream out,
      PrintStream err) {
    // Given to sqlline in-process, never on a command line. sqlline's own prompt is not used: on
    // a dumb terminal (input piped in) it echoes what it reads, secret included.
    List<String> sqllineArgs = new ArrayList<>(List.of("-u", url, "-n", user, "-p", password));
    // Caspio has no transactions; the driver reports TRANSACTION_NONE, and sqlline's default
    // REPEATABLE_READ would print a "not supported" error on every connect.
    sqllineArgs.add("--isolation=TRANSACTION_NONE");
    try {
      if (args.statements().isEmpty()) {
        sqllineArgs.addAll(args.sqllineOptions());
        return exitCode(newSqlLine(out, err).begin(sqllineArgs.toArray(String[]::new), in, true));
      }
      return runScript(sqllineArgs, args, in, out, err);
    } catch (IOException e) {
      err.println("caspio-sql: " + e.getMessage());
      return 1;
    }
  }

  /**
   * The {@code -e} mode: the statements go to sqlline as a script, so that the first failure aborts
   * the rest and gives a non-zero status.
   */
  private static int runScript(
      List<String> sqllineArgs, ShellArgs args, InputStream in, PrintStream out, PrintStream err)
      throws IOException {
    Path script = Files.createTempFile("caspio-sql", ".sql");
    PrintStream systemErr = System.err;
    String dumb = System.getProperty(DUMB_TERMINAL);
    try {
      Files.writeString(script, script(args.statements()), StandardCharsets.UTF_8);
      sqllineArgs.addAll(
          List.of("--silent=true", "--color=false", "--force=false", "--maxWidth=" + SCRIPT_WIDTH));
      sqllineArgs.addAll(args.sqllineOptions());
      sqllineArgs.addAll(List.of("-f", script.toString()));
      // No line editing without a user: a dumb terminal, and no jline warning about it.
      System.setProperty(DUMB_TERMINAL, "true");
      // java.util.logging's console handler binds to System.err when first configured: do that
      // now, so that log records keep going to the real stderr.
      Logger.getLogger("").getHandlers();
      // While running a script, sqlline prints the stack trace of every SQLException to
      // System.err, after its own one-line "Error: ... (state=...)" message on its error stream.
      System.setErr(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
      return exitCode(newSqlLine(out, err).begin(sqllineArgs.toArray(String[]::new), in, false));
    } finally {
      System.setErr(systemErr);
      if (dumb == null) {
        System.clearProperty(DUMB_TERMINAL);
      } else {
        System.setProperty(DUMB_TERMINAL, dumb);
      }
      Files.deleteIfExists(script);
    }
  }

  private static final String DUMB_TERMINAL = "org.jline.terminal.dumb";

  /** Table width in {@code -e} mode, where there is no terminal to measure. */
  private static final int SCRIPT_WIDTH = 1000;

  /** One statement per {@code -e}; each ends with a semicolon unless it is a sqlline command. */
  static String script(List<String> statements) {
    StringBuilder sb = new StringBuilder();
    for (String statement : statements) {
      String s = statement.strip();
      sb.append(s);
      if (!s.startsWith("!") && !s.endsWith(";")) {
        sb.append(';');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static SqlLine newSqlLine(PrintStream out, PrintStream err) {
    SqlLine sqlLine = new SqlLine();
    sqlLine.setOutputStream(out);
    sqlLine.setErrorStream(err);
    return sqlLine;
  }

  private static int exitCode(SqlLine.Status status) {
    return status == SqlLine.Status.OK ? 0 : status == SqlLine.Status.ARGS ? 2 : 1;
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
