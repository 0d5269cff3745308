/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest.probe;

/**
 * One behaviour probed: what the driver and emulator expect, what the account answered, the verdict
 * and the HTTP calls spent on it.
 */
public record ProbeResult(
    String name, String expected, String observed, Verdict verdict, int calls) {

  /** Whether the account behaved as the driver assumes. */
  public enum Verdict {
    AGREES,
    DIFFERS,
    SKIPPED
  }

  static ProbeResult compare(String name, String expected, String observed, int calls) {
    return new ProbeResult(
        name,
        expected,
        observed,
        expected.equals(observed) ? Verdict.AGREES : Verdict.DIFFERS,
        calls);
  }

  static ProbeResult skipped(String name, String expected, String reason, int calls) {
    return new ProbeResult(name, expected, reason, Verdict.SKIPPED, calls);
  }
}
