/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest.probe;

import java.util.Arrays;
import java.util.List;

/**
 * Main-Class of the shaded jar: {@code version} or {@code check <url> [--scratch-table name]
 * [--json file]}, so that a user with only the jar can check an account.
 */
public final class Main {
  private Main() {}

  /** Entry point; exits with the command's code. */
  public static void main(String[] args) {
    List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
    int code;
    if (args.length == 1 && args[0].equals("version")) {
      System.out.println("caspio-jdbc " + CheckCommand.version());
      code = 0;
    } else if (args.length > 0 && args[0].equals("check")) {
      code =
          CheckCommand.run(
              rest,
              System.getenv("CASPIO_CLIENT_ID"),
              System.getenv("CASPIO_CLIENT_SECRET"),
              System.out,
              System.err);
    } else {
      System.err.println(
          "Usage: java -jar caspio-jdbc-all.jar version | check <url> [--scratch-table t] [--json f]");
      code = 2;
    }
    System.exit(code);
  }
}
