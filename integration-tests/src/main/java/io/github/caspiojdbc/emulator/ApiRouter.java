/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import java.util.List;

/**
 * One REST API generation served over the one store: its path prefix, and below it its resources,
 * parameter names and envelopes. {@link RequestHandler} knows generations only through this face:
 * it picks the router whose prefix the path is below, checks the bearer token, and hands over the
 * call; its error envelope, request id, fault plan and log serve every generation alike. A new
 * generation is a new implementation, listed where {@link CaspioEmulator} builds the handler.
 */
interface ApiRouter {
  /** The path prefix, as Caspio spells it, that every resource of this generation is below. */
  String prefix();

  /**
   * The request log's class of a path below the prefix.
   *
   * @param segments the lower-cased, still encoded segments after {@code prefix/}, empty ones kept
   */
  PathKind kind(List<String> segments);

  /**
   * Serves one authenticated call.
   *
   * @throws ApiException or {@link io.github.caspiojdbc.emulator.store.StoreException} for a
   *     refused call; the handler turns either into Caspio's error envelope
   */
  Reply route(ApiCall call);

  /**
   * The error reply of this generation. v2 and v3 share Caspio's envelope (research notes 6.2); a
   * generation with another body (v4) overrides this.
   *
   * @param resource the path as requested
   */
  default Reply error(int status, String code, String message, String resource, String requestId) {
    return Reply.caspioError(status, code, message, resource, requestId);
  }
}
