/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import java.util.List;

/**
 * One parsed page of records.
 *
 * @param columns keys in order of first appearance on this page
 * @param rows values aligned with {@code columns}; a row may be shorter than {@code columns} when
 *     later rows introduced keys, the missing tail meaning null
 * @param keys the integer key of each row when a key field was requested, else null
 * @param totalCount {@code Pagination.TotalCount} when the reply carried it, else -1
 */
record Page(List<String> columns, List<Object[]> rows, long[] keys, long totalCount) {

  boolean isEmpty() {
    return rows.isEmpty();
  }

  Object[] first() {
    return rows.get(0);
  }

  Object[] last() {
    return rows.get(rows.size() - 1);
  }
}
