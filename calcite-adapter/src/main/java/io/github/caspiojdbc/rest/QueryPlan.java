/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How one {@link RecordQuery} becomes requests. Rules, all from Caspio's observed behaviour:
 *
 * <ul>
 *   <li>Unordered paging skips and repeats rows, so every multi-page read orders on a unique key:
 *       {@code PK_ID} appended to the user's order (or the GROUP BY items for grouped reads).
 *   <li>{@code q.limit} is never sent together with {@code q.pageNumber}/{@code q.pageSize}
 *       (combining them produced overlapping pages on v3).
 *   <li>A read of at most 1000 rows under {@link PagingMode#AUTO} is one request with {@code
 *       q.limit}: page sizes start at 5, so {@code LIMIT 3} cannot be a page.
 *   <li>Keyset paging ANDs {@code PK_ID > last} onto the where clause (parenthesised, so an OR in
 *       the user's clause keeps its meaning) and always asks for page 1.
 * </ul>
 */
final class QueryPlan {
  /** How the rows are fetched. */
  enum Mode {
    EMPTY,
    SINGLE,
    KEYSET,
    PAGE_NUMBER
  }

  static final String KEY = "PK_ID";

  final RecordQuery query;
  final Mode mode;
  final int pageSize;
  final boolean paginationInfo;
  final boolean descending;

  /** {@code PK_ID} when the plan added it to an explicit select list (dropped from rows). */
  final String hiddenKey;

  private final ApiGeneration generation;
  private final RecordParams names;
  private final String path;
  private final String select;
  private final String order;
  private final boolean userOrderOnlyForSingle;

  private QueryPlan(RecordQuery q, ApiGeneration generation) {
    this.query = q;
    this.generation = generation;
    this.names = generation.params();
    this.path = "/" + q.kind().segment() + "/" + ApiRequest.segment(q.name()) + "/records";
    List<SortKey> userOrder = q.orderBy();
    boolean keysetOrder =
        userOrder.isEmpty() || (userOrder.size() == 1 && isKey(userOrder.get(0).expression()));
    boolean keysetEligible = q.kind() == ObjectKind.TABLE && q.groupBy() == null && keysetOrder;
    Mode m =
        switch (q.paging()) {
          case SINGLE -> Mode.SINGLE;
          case KEYSET -> {
            if (!keysetEligible) {
              throw new CaspioException(
                  ErrorKind.INVALID_PARAMETER,
                  "KEYSET paging needs a table read without GROUP BY, ordered by nothing or by "
                      + KEY
                      + " only: "
                      + q.name(),
                  null);
            }
            yield Mode.KEYSET;
          }
          case PAGE_NUMBER -> Mode.PAGE_NUMBER;
          case AUTO -> {
            if (q.maxRows() <= RecordQuery.MAX_PAGE_SIZE) {
              yield Mode.SINGLE;
            }
            yield keysetEligible ? Mode.KEYSET : Mode.PAGE_NUMBER;
          }
        };
    this.mode = q.maxRows() == 0 ? Mode.EMPTY : m;
    this.userOrderOnlyForSingle = q.paging() == PagingMode.SINGLE;
    this.descending = mode == Mode.KEYSET && !userOrder.isEmpty() && userOrder.get(0).descending();
    this.pageSize = (int) Math.max(RecordQuery.MIN_PAGE_SIZE, Math.min(q.pageSize(), q.maxRows()));
    // Keyset reads ask for the count too: it lets a scan stop after its last full page instead of
    // spending one more request to learn that the next page is empty.
    this.paginationInfo =
        (mode == Mode.PAGE_NUMBER || mode == Mode.KEYSET) && names.reportsTotalCount();

    List<String> items = new ArrayList<>(q.select());
    String hidden = null;
    if (mode == Mode.KEYSET
        && !items.isEmpty()
        && items.stream().noneMatch(s -> isKey(s) || s.trim().equals("*"))) {
      items.add(KEY);
      hidden = KEY;
    }
    this.hiddenKey = hidden;
    this.select = items.isEmpty() ? null : String.join(",", items);
    this.order = renderOrder(q, mode, userOrderOnlyForSingle, descending);
  }

  /** Plans a query for the generation that {@code version} selects. */
  static QueryPlan of(RecordQuery q, ApiVersion version) {
    return of(q, version.generation());
  }

  /** Plans a query in the terms of one generation. */
  static QueryPlan of(RecordQuery q, ApiGeneration generation) {
    return new QueryPlan(q, generation);
  }

  private static String renderOrder(
      RecordQuery q, Mode mode, boolean userOrderOnly, boolean descending) {
    if (mode == Mode.KEYSET) {
      return KEY + (descending ? " DESC" : " ASC");
    }
    List<SortKey> keys = new ArrayList<>(q.orderBy());
    boolean tieBreak = mode == Mode.PAGE_NUMBER || (!userOrderOnly && !keys.isEmpty());
    if (tieBreak) {
      if (q.groupBy() != null) {
        for (String g : splitTopLevel(q.groupBy())) {
          if (keys.stream().noneMatch(k -> sameExpression(k.expression(), g))) {
            keys.add(SortKey.asc(g));
          }
        }
      } else if (keys.stream().noneMatch(k -> isKey(k.expression()))) {
        keys.add(SortKey.asc(KEY));
      }
    }
    if (keys.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (SortKey k : keys) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(k.render());
    }
    return sb.toString();
  }

  static boolean isKey(String expression) {
    return expression.trim().equalsIgnoreCase(KEY);
  }

  private static boolean sameExpression(String a, String b) {
    return a.trim().equalsIgnoreCase(b.trim());
  }

  /** Splits at commas outside parentheses and quotes. */
  static List<String> splitTopLevel(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      } else if (!quoted && depth == 0 && c == ',') {
        out.add(s.substring(start, i).trim());
        start = i + 1;
      }
    }
    out.add(s.substring(start).trim());
    out.removeIf(String::isEmpty);
    return out;
  }

  /** The one request of {@link Mode#SINGLE}. */
  ApiRequest single() {
    Map<String, String> p = base(query.where());
    if (query.groupBy() != null) {
      p.put(names.groupBy(), query.groupBy());
    }
    if (order != null) {
      p.put(names.orderBy(), order);
    }
    p.put(names.limit(), Long.toString(Math.min(query.maxRows(), RecordQuery.MAX_PAGE_SIZE)));
    return new ApiRequest(generation, "GET", path, p, null);
  }

  /**
   * A keyset page.
   *
   * @param after the last key of the previous page, or null for the first page
   */
  ApiRequest keysetPage(Long after, int size) {
    String where = query.where();
    if (after != null) {
      String predicate = KEY + (descending ? "<" : ">") + after;
      where = where == null ? predicate : "(" + where + ") AND " + predicate;
    }
    Map<String, String> p = base(where);
    p.put(names.orderBy(), order);
    p.put(names.pageNumber(), "1");
    p.put(names.pageSize(), Integer.toString(size));
    if (paginationInfo && after == null && names.paginationInfo() != null) {
      p.put(names.paginationInfo(), "true");
    }
    return new ApiRequest(generation, "GET", path, p, null);
  }

  /**
   * A page of one key range of a parallel keyset scan: keys after {@code after} and, unless {@code
   * upTo} is null, at most {@code upTo}.
   */
  ApiRequest keysetRange(long after, Long upTo, int size) {
    String predicate = KEY + ">" + after + (upTo == null ? "" : " AND " + KEY + "<=" + upTo);
    String where = query.where();
    where = where == null ? predicate : "(" + where + ") AND " + predicate;
    Map<String, String> p = base(where);
    p.put(names.orderBy(), order);
    p.put(names.pageNumber(), "1");
    p.put(names.pageSize(), Integer.toString(size));
    return new ApiRequest(generation, "GET", path, p, null);
  }

  /** Page {@code n} (1-based) of {@link Mode#PAGE_NUMBER}. */
  ApiRequest numberedPage(long n) {
    Map<String, String> p = base(query.where());
    if (query.groupBy() != null) {
      p.put(names.groupBy(), query.groupBy());
    }
    p.put(names.orderBy(), order);
    p.put(names.pageNumber(), Long.toString(n));
    p.put(names.pageSize(), Integer.toString(pageSize));
    if (paginationInfo && n == 1 && names.paginationInfo() != null) {
      p.put(names.paginationInfo(), "true");
    }
    return new ApiRequest(generation, "GET", path, p, null);
  }

  /** The longest request this plan can produce, for the URI-length check. */
  List<ApiRequest> longestRequests() {
    return switch (mode) {
      case EMPTY -> List.of();
      case SINGLE -> List.of(single());
      // Keys are positive longs; the minimum long has the most characters.
      case KEYSET ->
          List.of(
              keysetPage(Long.MIN_VALUE, RecordQuery.MAX_PAGE_SIZE),
              keysetRange(Long.MIN_VALUE, Long.MIN_VALUE, RecordQuery.MAX_PAGE_SIZE));
      case PAGE_NUMBER -> List.of(numberedPage(1), numberedPage(Integer.MAX_VALUE));
    };
  }

  /** The greatest number of pages {@code maxRows} allows. */
  long maxPages() {
    if (query.maxRows() == Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    return (query.maxRows() + pageSize - 1) / pageSize;
  }

  private Map<String, String> base(String where) {
    Map<String, String> p = new LinkedHashMap<>();
    if (select != null) {
      p.put(names.select(), select);
    }
    if (where != null) {
      p.put(names.where(), where);
    }
    return p;
  }

  /**
   * The requests this plan sends, for EXPLAIN: the first request in full, and how later pages
   * follow.
   */
  String describe(int prefetchDepth) {
    boolean ranged =
        prefetchDepth > 1
            && query.where() == null
            && !descending
            && paginationInfo
            && query.maxRows() == Long.MAX_VALUE;
    return switch (mode) {
      case EMPTY -> "no request";
      case SINGLE -> single().describe();
      case KEYSET ->
          keysetPage(null, pageSize).describe()
              + ", then while pages are full: "
              + (ranged
                  ? "key ranges " + KEY + ">a AND " + KEY + "<=b, " + prefetchDepth + " at a time"
                  : KEY + (descending ? "<" : ">") + "last " + KEY);
      case PAGE_NUMBER ->
          numberedPage(1).describe()
              + (maxPages() > 1 ? ", then " + names.pageNumber() + "=2.." : "");
    };
  }

  @Override
  public String toString() {
    return mode.name().toLowerCase(Locale.ROOT) + " plan for " + query.name();
  }
}
