/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.check;

import io.github.caspiojdbc.shell.CaspioShell;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Exit code and both streams of one in-process {@code --check} run. Its own class rather than a
 * helper of {@link AccountCheckIT}, so that {@link LiveAccountCheckIT} does not start that suite's
 * emulator by loading it.
 *
 * @param code the exit code
 * @param out what the run printed to standard output
 * @param err what the run printed to standard error
 */
record CheckRun(int code, String out, String err) {

  /** Runs {@code --check args} with {@code env} as the environment and no standard input. */
  static CheckRun of(Map<String, String> env, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "--check";
    System.arraycopy(args, 0, all, 1, args.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        CaspioShell.run(
            all,
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env);
    return new CheckRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
