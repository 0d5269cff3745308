/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

/**
 * The member names of one {@link ApiGeneration}'s successful replies: v2 and v3 wrap lists in
 * {@code {"Result":[…], "Pagination":{"TotalCount":n}}}, v4 in {@code {"data":[…],
 * "pagination":{"totalCount":n}}}.
 *
 * @param rows the array of records, names or fields
 * @param pagination the object that carries the total count
 * @param totalCount the total row count inside {@code pagination}
 * @param recordsAffected the count of a set-based write
 */
record ReplyShape(String rows, String pagination, String totalCount, String recordsAffected) {

  /** The capitalised envelope of v2 and v3. */
  static final ReplyShape RESULT =
      new ReplyShape("Result", "Pagination", "TotalCount", "RecordsAffected");

  /** The lower-case envelope of v4. */
  static final ReplyShape DATA =
      new ReplyShape("data", "pagination", "totalCount", "recordsAffected");
}
