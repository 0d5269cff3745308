/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.rest.CaspioApi;
import io.github.caspiojdbc.rest.RecordQuery;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Executes a {@link CaspioKeyedScan}: takes the other join input's keys from its {@link KeySource},
 * writes them as {@code Key IN (...)} lists that each fit one request, and reads the lists one
 * after the other, or reads the plain request when that costs no more calls. The only public entry
 * point is {@link #read}.
 *
 * <p>The choice is made on counts, not guesses: one list is never more calls than the plain read
 * (which takes at least one); for several lists the plain read's pages are counted from the rows
 * the connection already knows it matches, or else from one {@code COUNT(*)} request, and the lists
 * win only when there are fewer of them than pages. Each list is assumed to bring back at most a
 * page of rows, the common case of a narrowing join; a list matching more rows takes more pages.
 */
public final class KeyListReader {

  private KeyListReader() {}

  /**
   * The rows of a keyed read. Called by generated code only.
   *
   * @param root the statement's data context
   * @param spec the read's {@link ScanSpec}, without the keys
   * @param keys the {@link KeyList}
   * @param scalar whether each row is a single value rather than an array
   */
  public static Enumerable<Object> read(
      DataContext root, Object spec, Object keys, boolean scalar) {
    ScanSpec s = (ScanSpec) spec;
    KeyList k = (KeyList) keys;
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object> enumerator() {
        List<ScanSpec> reads = plan(root, s, k);
        return reads.size() == 1 && reads.get(0) == s
            ? CaspioReader.enumerator(root, s, scalar)
            : new Concatenated(root, reads, scalar);
      }
    };
  }

  /**
   * The reads to run: the key lists, none when no row has a key, or {@code spec} alone for the
   * plain read.
   */
  static List<ScanSpec> plan(DataContext root, ScanSpec spec, KeyList keys) {
    KeySource source = KeySource.of(root, keys.link());
    if (source == null) {
      return List.of(spec); // The other input was not built in this execution: nothing to go by.
    }
    Set<String> literals = new LinkedHashSet<>();
    boolean blank = false;
    for (Object row : source.rows()) {
      Object v = source.scalar() ? row : ((Object[]) row)[keys.sourceIndex()];
      if (v == null) {
        continue; // A NULL key joins nothing.
      }
      if (keys.text() && ((String) v).stripTrailing().isEmpty()) {
        blank = true;
        continue;
      }
      String literal = WhereTemplate.literal(keys.type(), v);
      if (literal == null) {
        return List.of(spec); // A key that cannot be written safely: no list can stand for it.
      }
      literals.add(literal);
    }
    if (literals.isEmpty() && !blank) {
      return List.of();
    }
    IntFunction<Object> params = i -> root.get("?" + i);
    List<List<String>> runs = runs(spec, keys, new ArrayList<>(literals), blank, params);
    if (runs == null) {
      return List.of(spec);
    }
    if (runs.size() > 1) {
      if (keys.text()) {
        // Caspio matches text ignoring case, so two lists could both match one row: one list only.
        return List.of(spec);
      }
      if (runs.size() >= plainCalls(root, spec, params)) {
        return List.of(spec);
      }
    }
    List<ScanSpec> reads = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      // The blank disjunct goes with the first list only, so that no row is read twice.
      reads.add(narrowed(spec, keys, runs.get(i), blank && i == 0));
    }
    return reads;
  }

  private static ScanSpec narrowed(ScanSpec spec, KeyList keys, List<String> run, boolean blank) {
    String text = keys.in(run.isEmpty() ? "NULL" : String.join(",", run), blank);
    // Not droppable: left out, a list would read every row, and the lists would repeat them.
    return spec.withWhere(
        new WhereTemplate(List.of(new WhereTemplate.Conjunct(List.of(text), false, true))));
  }

  /** The literals split into runs that each fit one request, or null when one alone is too long. */
  private static @Nullable List<List<String>> runs(
      ScanSpec spec,
      KeyList keys,
      List<String> literals,
      boolean blank,
      IntFunction<Object> params) {
    CaspioApi api = spec.table().api();
    if (literals.isEmpty()) {
      return api.fits(CaspioReader.toQuery(narrowed(spec, keys, List.of(), true), params, null))
          ? List.of(List.of())
          : null;
    }
    int base =
        api.uriLength(CaspioReader.toQuery(narrowed(spec, keys, List.of(), blank), params, null));
    return KeyLists.split(
        literals,
        CaspioApi.MAX_URI_LENGTH - base,
        // Each literal is sent URL-encoded after an encoded comma.
        l -> URLEncoder.encode(l, StandardCharsets.UTF_8).length() + 3,
        run -> api.fits(CaspioReader.toQuery(narrowed(spec, keys, run, blank), params, null)));
  }

  /**
   * The calls the plain read takes, at least: its pages for the rows the connection knows it
   * matches, else for the rows one {@code COUNT(*)} request with the same conditions finds (which
   * the connection then knows, so that the next execution decides without it).
   */
  private static long plainCalls(DataContext root, ScanSpec spec, IntFunction<Object> params) {
    CaspioApi api = spec.table().api();
    RecordQuery plain = CaspioReader.toQuery(spec, params, null);
    long rows = api.knownRows(plain);
    if (rows < 0) {
      ScanSpec count =
          spec.withSort(List.of(), 0, -1)
              .withAggregate(
                  List.of(
                      new ScanSpec.Output(
                          "COUNT(*) AS n", "n", ColumnKind.BIGINT, false, false, false, false)),
                  null);
      try (Enumerator<Object> e = CaspioReader.enumerator(root, count, true)) {
        rows = e.moveNext() && e.current() instanceof Number n ? n.longValue() : -1;
      }
      if (rows < 0) {
        return 0; // No count came back: today's plan, the plain read.
      }
      api.learnedRows(plain, rows);
    }
    long page = spec.table().pageSize();
    return Math.max(1, (rows + page - 1) / page);
  }

  /** The rows of several reads, one after the other. */
  private static final class Concatenated implements Enumerator<Object> {
    private final DataContext root;
    private final List<ScanSpec> reads;
    private final boolean scalar;
    private int next;
    private @Nullable Enumerator<Object> current;

    Concatenated(DataContext root, List<ScanSpec> reads, boolean scalar) {
      this.root = root;
      this.reads = reads;
      this.scalar = scalar;
    }

    @Override
    public Object current() {
      if (current == null) {
        throw new java.util.NoSuchElementException();
      }
      return current.current();
    }

    @Override
    public boolean moveNext() {
      while (true) {
        if (current != null && current.moveNext()) {
          return true;
        }
        if (next >= reads.size()) {
          return false;
        }
        if (current != null) {
          current.close();
        }
        current = CaspioReader.enumerator(root, reads.get(next++), scalar);
      }
    }

    @Override
    public void reset() {
      close();
      next = 0;
    }

    @Override
    public void close() {
      if (current != null) {
        current.close();
        current = null;
      }
    }
  }
}
