/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the retry delays instead of waiting, so retry tests run instantly. */
final class RecordingSleeper implements Sleeper {
  final List<Duration> delays = new CopyOnWriteArrayList<>();

  @Override
  public boolean sleep(Duration delay, CallControl control) {
    delays.add(delay);
    return true;
  }
}
