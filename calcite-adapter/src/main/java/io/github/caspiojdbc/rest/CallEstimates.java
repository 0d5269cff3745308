/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

/**
 * The number of calls a {@link QueryPlan} will send, from the plan alone and a row count if one is
 * known. The lower bound is sound whatever the paging: {@code n} rows in pages of at most {@code
 * pageSize} need at least {@code ceil(n / pageSize)} requests, which is what lets a budget refuse a
 * read before its first call.
 */
final class CallEstimates {
  private CallEstimates() {}

  /**
   * The estimate for {@code plan}.
   *
   * @param knownRows rows the plan's filter matches, or -1 when unknown
   * @param ranged whether a full scan may be cut into parallel key ranges, whose count depends on
   *     how dense the keys are (then only the lower bound is sure)
   */
  static CallEstimate of(QueryPlan plan, long knownRows, boolean ranged) {
    long maxRows = plan.query.maxRows();
    long pageSize = plan.pageSize;
    return switch (plan.mode) {
      case EMPTY -> new CallEstimate(0, 0);
      case SINGLE -> new CallEstimate(1, 1);
      case KEYSET, PAGE_NUMBER -> {
        if (knownRows < 0) {
          long bound = plan.maxPages();
          // Without a total count (v2) the end shows only as a short or empty page: one more.
          if (bound != Long.MAX_VALUE && !plan.paginationInfo) {
            bound++;
          }
          yield new CallEstimate(1, bound);
        }
        long rows = Math.min(knownRows, maxRows);
        long pages = Math.max(1, (rows + pageSize - 1) / pageSize);
        long max = pages;
        if (!plan.paginationInfo && rows < maxRows && rows % pageSize == 0 && rows > 0) {
          max++;
        }
        if (ranged && rows == knownRows) {
          // Key ranges are cut from the density of the first page; sparse keys can need more.
          yield new CallEstimate(pages, Long.MAX_VALUE);
        }
        yield new CallEstimate(pages, max);
      }
    };
  }
}
