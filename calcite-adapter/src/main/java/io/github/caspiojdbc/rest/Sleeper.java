/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import java.time.Duration;

/** How the retry loop waits between attempts; tests substitute one that records the delays. */
@FunctionalInterface
interface Sleeper {
  /** The production sleeper: waits on the statement's control so that a cancel wakes it. */
  Sleeper REAL = (delay, control) -> control.await(delay);

  /**
   * Waits for {@code delay}.
   *
   * @return false when the statement was stopped during the wait
   */
  boolean sleep(Duration delay, CallControl control);
}
