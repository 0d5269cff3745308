/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

/**
 * Parameters of {@code GET …/records}, already URL-decoded; {@code null} means absent.
 *
 * @param select body of {@code q.select}
 * @param where body of {@code q.where}
 * @param groupBy body of {@code q.groupBy}
 * @param orderBy body of {@code q.orderBy}
 * @param limit {@code q.limit}
 * @param pageNumber {@code q.pageNumber}
 * @param pageSize {@code q.pageSize}
 * @param paginationInfo {@code q.getPaginationInfo}
 */
public record RecordQuery(
    String select,
    String where,
    String groupBy,
    String orderBy,
    Integer limit,
    Integer pageNumber,
    Integer pageSize,
    boolean paginationInfo) {

  /** A query with every parameter absent ({@code select *}, first 100 rows). */
  public static RecordQuery all() {
    return new RecordQuery(null, null, null, null, null, null, null, false);
  }
}
