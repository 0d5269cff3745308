/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.bench;

import java.util.List;

/**
 * One query of the fixed suite: what the driver sent and what the minimal hand-written requests
 * cost.
 *
 * @param sql the statement (with {@code ?} for prepared ones)
 * @param rows rows the driver returned
 * @param calls REST calls the driver made (emulator log)
 * @param minCalls the API minimum
 * @param bytes response body bytes the driver received (emulator log)
 * @param minBytes response body bytes of the minimal requests (emulator log)
 * @param requests the first few requests the driver sent, for the record
 */
record QueryResult(
    String sql,
    long rows,
    long calls,
    long minCalls,
    long bytes,
    long minBytes,
    List<String> requests) {

  double callRatio() {
    return minCalls == 0
        ? (calls == 0 ? 1.0 : Double.POSITIVE_INFINITY)
        : (double) calls / minCalls;
  }

  double byteRatio() {
    return minBytes == 0
        ? (bytes == 0 ? 1.0 : Double.POSITIVE_INFINITY)
        : (double) bytes / minBytes;
  }
}
