/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of {@code caspio-sql}: {@code [jdbc-url] [-e SQL]... [--sqlline-option=value]...
 * [-h]}.
 *
 * <p>Credentials are deliberately not accepted as arguments: a command line is visible to every
 * user of the machine ({@code ps}) and lands in shell history. They come from the environment or
 * from a prompt instead.
 */
record ShellArgs(
    Optional<String> url, List<String> statements, List<String> sqllineOptions, boolean help) {

  static final String USAGE =
      String.join(
          System.lineSeparator(),
          "Usage: caspio-sql [jdbc-url] [-e \"SQL\"]... [--sqlline-option=value]...",
          "",
          "  jdbc-url   jdbc:caspio://<account-host>[:port][?key=value&...]; without it the",
          "             bundled Caspio emulator starts with sample data and the shell uses it",
          "  -e SQL     run the statement(s), print the results and exit; repeatable; stops at",
          "             the first failing statement with a non-zero exit code",
          "  --x=y      passed to sqlline, e.g. --outputformat=csv or --maxWidth=200",
          "  -h         this help",
          "",
          "       caspio-sql --check jdbc-url [--json report.json]",
          "  runs the read-only account check (issue 17) and prints one line per behaviour",
          "",
          "Credentials for a real account: environment variables CASPIO_CLIENT_ID and",
          "CASPIO_CLIENT_SECRET (the Web services profile's client id and secret); when they are",
          "not set, caspio-sql asks for them (the secret without echo).");

  ShellArgs {
    statements = List.copyOf(statements);
    sqllineOptions = List.copyOf(sqllineOptions);
  }

  /** Parses {@code args}; a message naming the offending argument on any mistake. */
  static ShellArgs parse(String... args) throws UsageException {
    String url = null;
    List<String> statements = new ArrayList<>();
    List<String> options = new ArrayList<>();
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help")) {
        help = true;
      } else if (arg.equals("-e")) {
        if (i + 1 == args.length || args[i + 1].isBlank()) {
          throw new UsageException("-e needs an SQL statement");
        }
        statements.add(args[++i]);
      } else if (arg.equals("-n") || arg.equals("-p")) {
        throw new UsageException(
            arg
                + " is not accepted: a command line is visible to other users; set"
                + " CASPIO_CLIENT_ID and CASPIO_CLIENT_SECRET or answer the prompt");
      } else if (arg.startsWith("--") && arg.indexOf('=') > 2) {
        options.add(arg);
      } else if (arg.startsWith("jdbc:")) {
        if (url != null) {
          throw new UsageException("more than one URL: " + url + " and " + arg);
        }
        url = arg;
      } else {
        throw new UsageException("unexpected argument: " + arg);
      }
    }
    return new ShellArgs(Optional.ofNullable(url), statements, options, help);
  }

  /** A mistake on the command line, reported with the usage text and exit code 2. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
