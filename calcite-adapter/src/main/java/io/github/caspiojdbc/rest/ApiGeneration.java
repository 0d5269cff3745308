/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

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

  /** The query parameters of a one-record POST that make the reply carry the new record. */
  Map<String, String> insertEcho();

  /** How set-based writes (every record a where clause matches) are sent. */
  SetWrites setWrites();

  /**
   * The most records one insert request carries: 1 where the generation has no bulk insert, so each
   * record is its own POST.
   */
  default int insertBatchLimit() {
    return 1;
  }

  /** Whether the rows of a {@code q.select=*} read carry {@code PK_ID} (v3 and v4 do). */
  default boolean starRowsCarryKey() {
    return true;
  }

  /** Whether {@code GET /schemas} answers every table and view with its fields in one call. */
  default boolean listsSchemas() {
    return false;
  }

  /**
   * The generation that serves what this one lacks: password fields, and writes meant for every
   * record, which v4's guard against always-true filters refuses. The same token works on both.
   */
  default ApiGeneration companion() {
    return this;
  }

  /**
   * How one generation sends an update or delete of every record matching a where clause.
   *
   * @param update the method of an update
   * @param delete the method of a delete
   * @param suffix the path after the object's path, e.g. {@code /records}
   * @param whereInBody whether the where clause travels in the JSON body ({@code {"where": …,
   *     "recordValues": {…}}}) instead of the query string
   */
  record SetWrites(String update, String delete, String suffix, boolean whereInBody) {
    /** v2's and v3's {@code PUT}/{@code DELETE …/records?q.where=…}. */
    static final SetWrites QUERY = new SetWrites("PUT", "DELETE", "/records", false);

    /** v4's {@code PATCH}/{@code DELETE …/records/bulk} with the filter in the body. */
    static final SetWrites BULK = new SetWrites("PATCH", "DELETE", "/records/bulk", true);
  }
}
