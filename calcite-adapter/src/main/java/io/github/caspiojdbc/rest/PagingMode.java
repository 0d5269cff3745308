/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

/** How a {@link RecordQuery} is split into requests. */
public enum PagingMode {
  /**
   * Keyset paging when the order allows it (a table ordered by nothing or by {@code PK_ID} only, no
   * grouping), otherwise page numbers with a unique tie-breaker.
   */
  AUTO,
  /**
   * {@code PK_ID > last} AND-ed onto the where clause, page number always 1. Exact under concurrent
   * inserts and deletes, but each page waits for the previous one. Only for tables ordered by
   * {@code PK_ID} (or unordered) and without grouping.
   */
  KEYSET,
  /**
   * {@code q.pageNumber}/{@code q.pageSize} with a unique order; pages can be fetched in parallel,
   * but a row deleted on an already-read page shifts later pages by one.
   */
  PAGE_NUMBER,
  /**
   * Exactly one request with {@code q.limit} and no paging: for aggregates without grouping and
   * other results known to be small. Fails rather than truncate if the reply holds 1000 rows while
   * more were allowed.
   */
  SINGLE
}
