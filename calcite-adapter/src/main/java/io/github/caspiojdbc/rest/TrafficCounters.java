/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link ApiStats}. */
final class TrafficCounters {
  final LongAdder calls = new LongAdder();
  final LongAdder bytes = new LongAdder();
  final LongAdder wireBytes = new LongAdder();
  final LongAdder retries = new LongAdder();
  final LongAdder throttles = new LongAdder();
  final LongAdder unauthorized = new LongAdder();

  ApiStats snapshot(int parallelism) {
    return new ApiStats(
        calls.sum(),
        bytes.sum(),
        wireBytes.sum(),
        retries.sum(),
        throttles.sum(),
        unauthorized.sum(),
        parallelism);
  }
}
