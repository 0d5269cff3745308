/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import java.time.Instant;
import java.util.List;

/**
 * One authenticated API call as a router receives it, the transport already taken off: the method,
 * the decoded path segments after the generation's prefix, the query parameters and the raw body.
 *
 * @param method upper-cased HTTP method
 * @param segments decoded path segments after the prefix
 * @param query the query string's parameters
 * @param body the request body, empty when none was sent
 * @param tokenExpiresAt when the bearer token of the call expires (v4's {@code /me} shows it)
 */
record ApiCall(
    String method, List<String> segments, Params query, byte[] body, Instant tokenExpiresAt) {
  /** Without the body, which may carry a password value. */
  @Override
  public String toString() {
    return "ApiCall[" + method + " " + segments + "]";
  }
}
