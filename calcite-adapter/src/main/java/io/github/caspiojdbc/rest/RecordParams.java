/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

/**
 * What one {@link ApiGeneration} calls the query parameters of {@code …/records}: v2 and v3 prefix
 * them with {@code q.}, v4 does not.
 *
 * @param select the select list
 * @param where the where clause, also the filter of set-based writes
 * @param groupBy the GROUP BY body
 * @param orderBy the ORDER BY body
 * @param pageNumber the 1-based page number
 * @param pageSize the rows per page
 * @param limit the row cap of an unpaged read
 * @param paginationInfo the switch that adds the total row count to a page, or null when there is
 *     none (the generation never reports it, or always does)
 * @param alwaysCounts whether every page reports the total row count without being asked
 */
record RecordParams(
    String select,
    String where,
    String groupBy,
    String orderBy,
    String pageNumber,
    String pageSize,
    String limit,
    String paginationInfo,
    boolean alwaysCounts) {

  /** The {@code q.}-prefixed names of v2 and v3; only v3 reports the total count. */
  static RecordParams dotted(boolean paginationInfo) {
    return new RecordParams(
        "q.select",
        "q.where",
        "q.groupBy",
        "q.orderBy",
        "q.pageNumber",
        "q.pageSize",
        "q.limit",
        paginationInfo ? "q.getPaginationInfo" : null,
        false);
  }

  /** v4's plain camelCase names; every page carries the total count unasked. */
  static RecordParams camelCase() {
    return new RecordParams(
        "select", "where", "groupBy", "orderBy", "pageNumber", "pageSize", "limit", null, true);
  }

  /** Whether a page can carry the total row count, so no request goes past the last page. */
  boolean reportsTotalCount() {
    return paginationInfo != null || alwaysCounts;
  }
}
