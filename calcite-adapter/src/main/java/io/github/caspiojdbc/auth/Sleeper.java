/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import java.time.Duration;

/** Sleeps between token request attempts; tests substitute one that records instead of waiting. */
interface Sleeper {
  /** The real one. */
  Sleeper THREAD = d -> Thread.sleep(d.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
