/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.bench;

import java.nio.file.Path;

/**
 * Command line of the benchmark harness ({@code ./caspio-bench}): runs {@link Bench}, prints the
 * table and writes the JSON results file. Exit status 0 whether or not targets are met (this is a
 * measurement, not a test), 2 for a bad command line, 1 if the run failed.
 */
public final class BenchMain {
  /** System property with the default results file (set by the launcher script). */
  static final String DEFAULT_OUT_PROPERTY = "caspio.bench.out";

  private BenchMain() {}

  /**
   * Runs the benchmark.
   *
   * @param args see {@link BenchOptions#USAGE}
   * @throws Exception when the run fails; the stack trace says where
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println(BenchOptions.USAGE);
      return;
    }
    BenchOptions options;
    try {
      Path defaultOut =
          Path.of(System.getProperty(DEFAULT_OUT_PROPERTY, "target/bench/results.json"));
      options = BenchOptions.parse(args, defaultOut);
    } catch (IllegalArgumentException e) {
      System.err.println("caspio-bench: " + e.getMessage());
      System.err.println(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    BenchReport report = Bench.run(options, System.err);
    System.out.print(ReportWriter.table(report));
    ReportWriter.writeJson(report, options.out());
    System.out.println();
    System.out.println("Results written to " + options.out().toAbsolutePath());
  }
}
