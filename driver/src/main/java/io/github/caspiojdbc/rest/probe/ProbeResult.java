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
    /** The account answered as the driver and the emulator expect. */
    AGREES,
    /** The account answered otherwise: a finding to report. */
    DIFFERS,
    /** The probe ran but the account's data could not decide it (say, no row with a NULL). */
    UNKNOWN,
    /** The probe was not sent: nothing to send it to, or sending it would do harm. */
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

  static ProbeResult unknown(String name, String expected, String observed, int calls) {
    return new ProbeResult(name, expected, observed, Verdict.UNKNOWN, calls);
  }

  static ProbeResult skipped(String name, String expected, String reason, int calls) {
    return new ProbeResult(name, expected, reason, Verdict.SKIPPED, calls);
  }
}
