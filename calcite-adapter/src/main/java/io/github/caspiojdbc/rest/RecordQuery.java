/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable description of a record read: what to select from which table or view, and how many
 * rows the caller can use. {@link CaspioApi#query} turns it into one or more requests; the
 * fragments ({@code select}, {@code where}, {@code groupBy}, sort expressions) are Caspio's T-SQL
 * text, rendered verbatim, so the caller is responsible for quoting literals.
 *
 * @param kind table or view
 * @param name the table or view name
 * @param select select items ({@code Name}, {@code COUNT(*) AS n}); empty means all fields
 * @param where the WHERE body without the keyword, or null
 * @param groupBy the GROUP BY body, or null
 * @param orderBy sort keys, or empty; a unique tie-breaker is appended when paging
 * @param paging how to split the read into requests
 * @param pageSize rows per request when paging, 5 to 1000
 * @param maxRows at most this many rows are fetched and returned; {@link Long#MAX_VALUE} for all
 * @param timeout the whole-statement deadline, or null for the connection's default
 */
public record RecordQuery(
    ObjectKind kind,
    String name,
    List<String> select,
    String where,
    String groupBy,
    List<SortKey> orderBy,
    PagingMode paging,
    int pageSize,
    long maxRows,
    Duration timeout) {

  /** The largest page Caspio serves. */
  public static final int MAX_PAGE_SIZE = 1000;

  /** The smallest {@code q.pageSize} Caspio accepts. */
  public static final int MIN_PAGE_SIZE = 5;

  /** Checks and freezes the parts. */
  public RecordQuery {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(paging, "paging");
    select = List.copyOf(select);
    orderBy = List.copyOf(orderBy);
    where = blankToNull(where);
    groupBy = blankToNull(groupBy);
    if (name.isBlank()) {
      throw new IllegalArgumentException("blank object name");
    }
    if (pageSize < MIN_PAGE_SIZE || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "pageSize must be between " + MIN_PAGE_SIZE + " and " + MAX_PAGE_SIZE + ": " + pageSize);
    }
    if (maxRows < 0) {
      throw new IllegalArgumentException("negative maxRows: " + maxRows);
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  /** Starts a query of all records of a table. */
  public static Builder table(String name) {
    return new Builder(ObjectKind.TABLE, name);
  }

  /** Starts a query of all records of a view. */
  public static Builder view(String name) {
    return new Builder(ObjectKind.VIEW, name);
  }

  /** Starts a query of all records of a table or a view, as {@code kind} says. */
  public static Builder of(ObjectKind kind, String name) {
    return new Builder(kind, name);
  }

  /** A builder initialised with this query's parts. */
  public Builder toBuilder() {
    Builder b = new Builder(kind, name);
    b.select.addAll(select);
    b.where = where;
    b.groupBy = groupBy;
    b.orderBy.addAll(orderBy);
    b.paging = paging;
    b.pageSize = pageSize;
    b.maxRows = maxRows;
    b.timeout = timeout;
    return b;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** Builds a {@link RecordQuery}; every setter replaces the previous value. */
  public static final class Builder {
    private final ObjectKind kind;
    private final String name;
    private final List<String> select = new ArrayList<>();
    private String where;
    private String groupBy;
    private final List<SortKey> orderBy = new ArrayList<>();
    private PagingMode paging = PagingMode.AUTO;
    private int pageSize = MAX_PAGE_SIZE;
    private long maxRows = Long.MAX_VALUE;
    private Duration timeout;

    private Builder(ObjectKind kind, String name) {
      this.kind = kind;
      this.name = name;
    }

    /** The select items; none means all fields. */
    public Builder select(String... items) {
      return select(List.of(items));
    }

    /** The select items; empty means all fields. */
    public Builder select(List<String> items) {
      select.clear();
      select.addAll(items);
      return this;
    }

    /** The WHERE body, or null. */
    public Builder where(String where) {
      this.where = where;
      return this;
    }

    /** The GROUP BY body, or null. */
    public Builder groupBy(String groupBy) {
      this.groupBy = groupBy;
      return this;
    }

    /** The sort keys. */
    public Builder orderBy(SortKey... keys) {
      return orderBy(List.of(keys));
    }

    /** The sort keys. */
    public Builder orderBy(List<SortKey> keys) {
      orderBy.clear();
      orderBy.addAll(keys);
      return this;
    }

    /** The paging mode; {@link PagingMode#AUTO} by default. */
    public Builder paging(PagingMode paging) {
      this.paging = paging;
      return this;
    }

    /** Rows per page, 5 to 1000; 1000 by default. */
    public Builder pageSize(int pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    /** The most rows to fetch; all by default. */
    public Builder maxRows(long maxRows) {
      this.maxRows = maxRows;
      return this;
    }

    /** The statement deadline, or null for the connection default. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** The query. */
    public RecordQuery build() {
      return new RecordQuery(
          kind, name, select, where, groupBy, orderBy, paging, pageSize, maxRows, timeout);
    }
  }
}
