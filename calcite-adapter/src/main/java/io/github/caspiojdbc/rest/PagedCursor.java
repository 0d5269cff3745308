/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link RecordCursor} of {@link HttpCaspioApi}: schedules page requests on the connection's
 * fetch pool, hands out rows of whole parsed pages, and checks every page.
 *
 * <p>Prefetch. In page-number mode up to {@code prefetchDepth} pages are in flight; the first
 * request asks for {@code Pagination.TotalCount} (v3) so that no request goes past the last page,
 * which matters because Caspio bills every call. Without a total (v2) later pages are requested
 * speculatively, wasting at most depth - 1 calls at the end. Keyset mode is serial by nature (the
 * next key is known only from the previous page), so its next page is requested as soon as the
 * consumer takes the current one, which overlaps the download with the consumer's work on 1000
 * rows. An ascending keyset scan with a total count (v3) then goes parallel: the keys spanned by
 * the first full page estimate how wide a range of keys holds one page, and the rest of the scan is
 * cut into such ranges ({@code PK_ID > a AND PK_ID <= b}) followed by one open-ended range. Each
 * range is read by keyset on its own and up to {@code prefetchDepth} range pages are in flight;
 * rows are handed out in key order. Every range stays exact under concurrent inserts and deletes,
 * and the open-ended last range catches whatever lies beyond the estimate, so no row is skipped
 * whatever the key density. All requests also pass the connection's {@link ConcurrencyLimiter},
 * which shrinks after throttling.
 *
 * <p>Scheduling (and the request listener) runs on the consumer's thread; only the HTTP exchange
 * and parsing run on pool threads.
 *
 * <p>Size: over the house's 400 lines on purpose. Numbered pages, serial keyset pages and parallel
 * key ranges are three schedules of one cursor: they share the queue of requests in flight, the row
 * limit, the column mapping, the deadline and cancellation, and one scan switches from serial
 * keyset to key ranges mid-way. Split into classes they would have to share that mutable state, and
 * a cancel would have to reach into each; kept whole, every request in flight is in one place that
 * {@link #cancel()} and {@link #close()} can stop.
 */
final class PagedCursor implements RecordCursor {

  /** A page request in flight: its number (1 for keyset pages), its size, and its result. */
  private record Pending(long pageNo, int requested, Future<Page> future) {}

  /** One key range of a parallel keyset scan. */
  private static final class KeyRange {
    /** Keys above this one remain to be read. */
    long after;

    /** The last key of the range, or null for the open-ended last range. */
    final Long upTo;

    Pending inFlight;
    boolean complete;

    KeyRange(long after, Long upTo) {
      this.after = after;
      this.upTo = upTo;
    }
  }

  /** The ranges of a parallel keyset scan, in key order; null while the scan is serial. */
  private java.util.Deque<KeyRange> ranges;

  private final HttpCaspioApi api;
  private final QueryPlan plan;
  private final CallControl control;
  private final ScheduledFuture<?> expiry;
  private final int depth;
  private final Deque<Pending> pending = new ArrayDeque<>();
  private final long maxRows;

  private List<String> columns;
  private int[] mapping;
  private Page page;
  private int pos;
  private Object[] current;
  private long delivered;
  private long fetchedRows;
  private boolean exhausted;
  private boolean closed;
  private CaspioException failure;
  private boolean finished;
  private volatile boolean userCancelled;

  private Long lastKey;

  /** TotalCount from the first keyset page (v3), or -1 when unknown. */
  private long keysetTotal = -1;

  private long nextPageNo = 1;
  private long pageLimit = 1;
  private Page previousPage;

  PagedCursor(HttpCaspioApi api, QueryPlan plan, CallControl control, ScheduledFuture<?> expiry) {
    this.api = api;
    this.plan = plan;
    this.control = control;
    this.expiry = expiry;
    this.depth = api.config().prefetchDepth();
    this.maxRows = plan.query.maxRows();
    switch (plan.mode) {
      case EMPTY -> {
        exhausted = true;
        columns = List.of();
      }
      case SINGLE -> {
        submit(plan.single(), 1, RecordQuery.MAX_PAGE_SIZE, null);
        exhausted = true;
      }
      case KEYSET -> submitKeyset();
      case PAGE_NUMBER -> fill();
    }
  }

  @Override
  public boolean next() {
    if (closed || finished) {
      return false;
    }
    if (failure != null) {
      throw failure;
    }
    if (userCancelled) {
      throw fail(CallControl.stopped(ErrorKind.CANCELLED));
    }
    while (true) {
      if (page != null && pos < page.rows().size()) {
        if (delivered >= maxRows) {
          return finish();
        }
        current = deliver(page.rows().get(pos++));
        delivered++;
        return true;
      }
      if (!advance()) {
        return finish();
      }
    }
  }

  @Override
  public Object[] current() {
    if (current == null) {
      throw new NoSuchElementException("no current row; call next() first");
    }
    return current;
  }

  @Override
  public List<String> columns() {
    if (columns == null && !closed) {
      if (failure != null) {
        throw failure;
      }
      advance();
    }
    return columns == null ? List.of() : columns;
  }

  @Override
  public void cancel() {
    userCancelled = true;
    control.cancel();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    current = null;
    page = null;
    stopPending();
    if (expiry != null) {
      expiry.cancel(false);
    }
    api.forget(this);
  }

  /** Aborts everything still in flight; the cursor sends nothing more. */
  private void stopPending() {
    exhausted = true;
    if (ranges != null) {
      boolean any = false;
      for (KeyRange r : ranges) {
        if (r.inFlight != null) {
          r.inFlight.future().cancel(true);
          r.inFlight = null;
          any = true;
        }
      }
      ranges.clear();
      if (any) {
        control.cancel();
      }
    }
    if (!pending.isEmpty()) {
      control.cancel();
      for (Pending p : pending) {
        p.future().cancel(true);
      }
      pending.clear();
    }
  }

  private boolean finish() {
    finished = true;
    current = null;
    page = null;
    previousPage = null;
    stopPending();
    if (expiry != null) {
      expiry.cancel(false);
    }
    api.forget(this);
    return false;
  }

  private CaspioException fail(CaspioException e) {
    failure = e;
    current = null;
    page = null;
    stopPending();
    return e;
  }

  /** Takes the next page into {@link #page}; false when there is none. */
  private boolean advance() {
    if (delivered >= maxRows) {
      return false;
    }
    if (ranges != null) {
      return advanceRanges();
    }
    Pending head = pending.poll();
    if (head == null) {
      return false;
    }
    Page next;
    try {
      next = await(head);
      accept(head, next);
    } catch (CaspioException e) {
      throw fail(e);
    }
    page = next;
    pos = 0;
    if (plan.mode == QueryPlan.Mode.PAGE_NUMBER) {
      fill();
    }
    return true;
  }

  /** {@link #advance()} for a parallel keyset scan: the next page of the first open range. */
  private boolean advanceRanges() {
    while (true) {
      KeyRange head = ranges.peekFirst();
      if (head == null) {
        return false;
      }
      if (head.complete) {
        ranges.pollFirst();
        continue;
      }
      if (head.inFlight == null) {
        sendRange(head);
      }
      Pending p = head.inFlight;
      Page next;
      try {
        next = await(p);
        head.inFlight = null;
        fetchedRows += next.rows().size();
        mapping = mappingFor(next);
        acceptRange(head, p, next);
      } catch (CaspioException e) {
        throw fail(e);
      }
      fillRanges();
      if (next.rows().isEmpty()) {
        continue;
      }
      page = next;
      pos = 0;
      return true;
    }
  }

  /** Cuts the rest of a keyset scan into key ranges after its first full page. */
  private boolean startRanges(long[] keys) {
    // A LIMIT below the table's size stays serial, so that no page asks for more than is needed.
    // A filter's matches can cluster anywhere in the key space, so the first page says little
    // about where later pages lie: filtered scans stay serial rather than spend calls on ranges
    // that come back empty.
    long wanted = keysetTotal - fetchedRows;
    if (depth < 2
        || plan.query.where() != null
        || plan.descending
        || keysetTotal < 0
        || maxRows < keysetTotal
        || keys.length < 2
        || wanted <= 0) {
      return false;
    }
    long first = keys[0];
    long last = keys[keys.length - 1];
    long width = Math.max(1, last - first + 1);
    long count = (wanted + plan.pageSize - 1) / plan.pageSize;
    ranges = new ArrayDeque<>();
    long lo = last;
    for (long i = 1; i < count && lo <= Long.MAX_VALUE - width; i++) {
      ranges.add(new KeyRange(lo, lo + width));
      lo += width;
    }
    ranges.add(new KeyRange(lo, null));
    fillRanges();
    return true;
  }

  /** Keeps up to {@code depth} range pages in flight, earliest ranges first. */
  private void fillRanges() {
    if (exhausted || ranges == null) {
      return;
    }
    int inFlight = 0;
    for (KeyRange r : ranges) {
      if (r.inFlight != null) {
        inFlight++;
      }
    }
    for (KeyRange r : ranges) {
      if (inFlight >= depth) {
        return;
      }
      if (!r.complete && r.inFlight == null) {
        sendRange(r);
        inFlight++;
      }
    }
  }

  private void sendRange(KeyRange r) {
    r.inFlight = send(plan.keysetRange(r.after, r.upTo, plan.pageSize), 1, plan.pageSize);
  }

  /** Checks a range page: keys inside the range and increasing; notes where the range stands. */
  private void acceptRange(KeyRange r, Pending head, Page p) {
    long prev = r.after;
    for (long k : p.keys()) {
      if (k <= prev || (r.upTo != null && k > r.upTo)) {
        throw new CaspioException(
            ErrorKind.REMOTE,
            "A page of "
                + plan.query.name()
                + " returned "
                + QueryPlan.KEY
                + " "
                + k
                + " outside the requested key range after "
                + prev
                + "; the server ignored the key predicate or the order, so the read stops",
            null);
      }
      prev = k;
    }
    r.after = prev;
    boolean last = ranges.size() == 1 || ranges.peekLast() == r;
    if (p.rows().size() < head.requested()
        || (r.upTo != null && prev >= r.upTo)
        || (last && fetchedRows >= keysetTotal)) {
      r.complete = true;
    }
    if (fetchedRows >= maxRows) {
      // Enough rows: nothing more is needed from any range.
      for (KeyRange other : ranges) {
        if (other.inFlight != null) {
          other.inFlight.future().cancel(true);
          other.inFlight = null;
        }
        other.complete = true;
      }
    }
  }

  private Page await(Pending head) {
    try {
      long left = control.remainingNanos();
      return left == Long.MAX_VALUE
          ? head.future().get()
          : head.future().get(left, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      control.expire();
      throw CallControl.stopped(ErrorKind.TIMEOUT);
    } catch (ExecutionException e) {
      if (userCancelled) {
        throw CallControl.stopped(ErrorKind.CANCELLED);
      }
      // The exchange already reports an aborted request as CANCELLED or TIMEOUT.
      if (e.getCause() instanceof CaspioException c) {
        throw c;
      }
      throw new CaspioException(
          ErrorKind.REMOTE, "Unexpected failure reading a Caspio page", e.getCause());
    } catch (CancellationException e) {
      ErrorKind stop = control.stopReason();
      throw CallControl.stopped(stop == null ? ErrorKind.CANCELLED : stop);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      control.cancel();
      throw CallControl.stopped(ErrorKind.CANCELLED);
    }
  }

  /** Checks a page, records what it tells about later pages, and schedules the next ones. */
  private void accept(Pending head, Page p) {
    fetchedRows += p.rows().size();
    if (columns == null) {
      List<String> cols = new ArrayList<>(p.columns());
      if (plan.hiddenKey != null) {
        cols.remove(plan.hiddenKey);
      }
      columns = List.copyOf(cols);
    }
    mapping = mappingFor(p);
    switch (plan.mode) {
      case SINGLE -> {
        if (plan.query.paging() == PagingMode.SINGLE
            && p.rows().size() >= RecordQuery.MAX_PAGE_SIZE
            && maxRows > RecordQuery.MAX_PAGE_SIZE) {
          throw new CaspioException(
              ErrorKind.UNSUPPORTED,
              "A SINGLE-request read of "
                  + plan.query.name()
                  + " returned "
                  + RecordQuery.MAX_PAGE_SIZE
                  + " rows, so more may exist; page the query instead of truncating it",
              null);
        }
      }
      case KEYSET -> acceptKeyset(head, p);
      case PAGE_NUMBER -> acceptNumbered(head, p);
      default -> {}
    }
  }

  private void acceptKeyset(Pending head, Page p) {
    if (lastKey == null && p.totalCount() >= 0) {
      // The rows that existed when the scan started; rows inserted later may be missed, as in
      // any scan that is not a snapshot, but none that existed and stayed is ever skipped.
      keysetTotal = p.totalCount();
      api.exchange().metering().learnedTotal(plan.query, keysetTotal, control);
    }
    long[] keys = p.keys();
    long prev = lastKey != null ? lastKey : (plan.descending ? Long.MAX_VALUE : Long.MIN_VALUE);
    for (long k : keys) {
      boolean advances = plan.descending ? k < prev : k > prev;
      if (!advances) {
        throw new CaspioException(
            ErrorKind.REMOTE,
            "A page of "
                + plan.query.name()
                + " did not advance: "
                + QueryPlan.KEY
                + " "
                + k
                + " came after "
                + prev
                + "; the server ignored the key predicate or the order, so the read stops"
                + " instead of looping",
            null);
      }
      prev = k;
    }
    if (p.rows().size() < head.requested()
        || fetchedRows >= maxRows
        || (keysetTotal >= 0 && fetchedRows >= keysetTotal)) {
      exhausted = true;
      return;
    }
    boolean firstPage = lastKey == null;
    lastKey = prev;
    if (firstPage && startRanges(keys)) {
      return;
    }
    submitKeyset();
  }

  private void submitKeyset() {
    long remaining = maxRows - fetchedRows;
    int size = (int) Math.max(RecordQuery.MIN_PAGE_SIZE, Math.min(plan.pageSize, remaining));
    submit(plan.keysetPage(lastKey, size), 1, size, QueryPlan.KEY);
  }

  private void acceptNumbered(Pending head, Page p) {
    if (previousPage != null
        && !p.isEmpty()
        && !previousPage.isEmpty()
        && Arrays.deepEquals(p.first(), previousPage.first())
        && Arrays.deepEquals(p.last(), previousPage.last())) {
      throw new CaspioException(
          ErrorKind.REMOTE,
          "Page "
              + head.pageNo()
              + " of "
              + plan.query.name()
              + " repeated page "
              + (head.pageNo() - 1)
              + "; the server ignored q.pageNumber, so the read stops instead of looping",
          null);
    }
    previousPage = p;
    if (head.pageNo() == 1) {
      if (p.totalCount() >= 0) {
        api.exchange().metering().learnedTotal(plan.query, p.totalCount(), control);
        long pages = (p.totalCount() + plan.pageSize - 1) / plan.pageSize;
        pageLimit = Math.min(pages, plan.maxPages());
      } else {
        pageLimit = plan.maxPages();
      }
    }
    if (p.rows().size() < plan.pageSize || head.pageNo() >= pageLimit) {
      // A short page ends the read; so does the last page the total count promised.
      // Pages requested beyond the end are not needed: abort them.
      stopPending();
    }
  }

  /** Keeps up to {@code depth} numbered pages in flight. */
  private void fill() {
    while (!exhausted && pending.size() < depth && nextPageNo <= pageLimit) {
      long n = nextPageNo++;
      submit(plan.numberedPage(n), n, plan.pageSize, null);
      if (n == 1) {
        // The total count on page 1 says how far later pages may go.
        break;
      }
    }
  }

  private void submit(ApiRequest request, long pageNo, int requested, String keyField) {
    pending.add(send(request, pageNo, requested, keyField));
  }

  private Pending send(ApiRequest request, long pageNo, int requested) {
    return send(request, pageNo, requested, QueryPlan.KEY);
  }

  private Pending send(ApiRequest request, long pageNo, int requested, String keyField) {
    api.announce(request);
    Future<Page> f =
        api.fetchPool()
            .submit(
                () ->
                    api.exchange().execute(request, control, in -> api.json().page(in, keyField)));
    return new Pending(pageNo, requested, f);
  }

  private int[] mappingFor(Page p) {
    List<String> pc = p.columns();
    if (pc.equals(columns)) {
      return null;
    }
    int[] m = new int[pc.size()];
    for (int i = 0; i < m.length; i++) {
      String name = pc.get(i);
      int at = columns.indexOf(name);
      if (at < 0 && !name.equals(plan.hiddenKey)) {
        throw new CaspioException(
            ErrorKind.REMOTE,
            "Field "
                + name
                + " appeared in "
                + plan.query.name()
                + " in the middle of a read; the table changed, run the query again",
            null);
      }
      m[i] = at;
    }
    return m;
  }

  private Object[] deliver(Object[] row) {
    int n = columns.size();
    if (mapping == null) {
      return row.length == n ? row : Arrays.copyOf(row, n);
    }
    Object[] out = new Object[n];
    for (int i = 0; i < row.length; i++) {
      int at = mapping[i];
      if (at >= 0) {
        out[at] = row[i];
      }
    }
    return out;
  }
}
