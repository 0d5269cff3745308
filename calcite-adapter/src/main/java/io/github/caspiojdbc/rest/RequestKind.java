/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

/** What a REST request is, as the call counters tell requests apart. */
enum RequestKind {
  /** A GET of records. */
  READ,
  /** A POST, PUT or DELETE. */
  WRITE,
  /** Any other GET: table, view and field lists. */
  METADATA;

  static RequestKind of(ApiRequest request) {
    if (!request.idempotentRead()) {
      return WRITE;
    }
    return request.path().endsWith("/records") ? READ : METADATA;
  }
}
