/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Everything that differs between generations of Caspio's REST API, in one place per generation:
 * where the API lives, what its query parameters are called, how replies and error bodies are
 * shaped, and what it can do that another generation cannot. The rest of this package asks its
 * generation instead of comparing versions, so a new generation is one more implementation (and one
 * more {@link ApiVersion} constant to select it); nothing outside this package ever sees one.
 *
 * <p>Implementations are stateless and thread-safe.
 */
interface ApiGeneration {

  /** The path prefix under the account host, without a trailing slash. */
  String basePath();

  /** How {@code DatabaseMetaData} names the server product version, e.g. {@code REST API v3}. */
  String productVersion();

  /** The generation's number, for {@code DatabaseMetaData.getDatabaseMajorVersion()}. */
  int majorVersion();

  /** The names of the query parameters of record reads and set-based writes. */
  RecordParams params();

  /** The member names of successful replies. */
  ReplyShape replies();

  /**
   * What an error body says. Generations differ in what they add to the common {@code Code}, {@code
   * Message} and {@code RequestId}; anything unreadable is {@link ErrorReplies.Envelope#EMPTY}.
   */
  ErrorReplies.Envelope errorEnvelope(byte[] body, ObjectMapper mapper);
}
