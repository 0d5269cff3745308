/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

/**
 * How many REST calls a read will send: exact when the plan knows how many rows there are (one
 * request, or a row count cached from an earlier read of the same filter), a bound otherwise.
 * Retries and throttled replies come on top.
 *
 * @param min the fewest calls the read can take (pages needed for the known rows, or 1)
 * @param max the most, or {@link Long#MAX_VALUE} when nothing bounds it
 */
public record CallEstimate(long min, long max) {

  /** What is known of a read about which nothing is known: at least one call. */
  public static final CallEstimate UNKNOWN = new CallEstimate(1, Long.MAX_VALUE);

  /** Checks the bounds. */
  public CallEstimate {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException("bad estimate " + min + ".." + max);
    }
  }

  /** Whether the number is known exactly. */
  public boolean exact() {
    return min == max;
  }

  /** As EXPLAIN shows it: "2", "at least 1", "1 to 10". */
  public String describe() {
    if (exact()) {
      return Long.toString(min);
    }
    if (max == Long.MAX_VALUE) {
      return "at least " + min;
    }
    return min + " to " + max;
  }
}
