/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request the emulator answered, as tests want to inspect it. Secrets never get here: the
 * {@code Authorization} header keeps only its scheme, and {@code client_secret}, {@code
 * refresh_token}, {@code access_token} and {@code password} values in the query or form are
 * replaced by {@value RequestLog#REDACTED}.
 *
 * @param requestId the {@code X-Caspio-Request-ID} sent back
 * @param method HTTP method, upper case
 * @param path request path as sent (still percent-encoded), without the query
 * @param query decoded query parameters, names as sent, values in order
 * @param form decoded form body of a token request (empty for other requests)
 * @param authorization {@code "Basic <redacted>"}, {@code "Bearer <redacted>"} or null
 * @param body request body as text for API calls (null for token requests, {@value
 *     RequestLog#REDACTED} for password-field calls)
 * @param kind path class used by the counters
 * @param status status sent, or 0 when the connection was broken instead
 * @param responseBytes size of the response body sent
 */
public record LoggedCall(
    String requestId,
    String method,
    String path,
    Map<String, List<String>> query,
    Map<String, List<String>> form,
    String authorization,
    String body,
    PathKind kind,
    int status,
    int responseBytes) {

  /** Copies the maps (keeping their order) so an entry never changes after it is logged. */
  public LoggedCall {
    query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    form = Collections.unmodifiableMap(new LinkedHashMap<>(form));
  }

  /** The first value of a query parameter (name compared ignoring case), or null. */
  public String queryParam(String name) {
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }
}
