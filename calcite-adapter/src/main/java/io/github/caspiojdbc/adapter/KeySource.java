/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The rows of one join input, read once per execution and shared between the join and the key-list
 * read of the other input ({@link KeyListReader}), which needs that input's keys before it sends
 * its own requests. Called by generated code only.
 *
 * <p>Generated code builds every input's enumerable before it enumerates any, so the spool has
 * registered its input by the time either consumer asks for rows, whichever the join reads first.
 * Registrations are kept per execution (the statement's data context, held weakly) and per link; a
 * spool built again for the same execution (inside a correlated loop) replaces the earlier one, so
 * rows never come from another iteration.
 */
public final class KeySource {

  /**
   * The sources of each execution. Both levels are weak: a source's input holds the data context,
   * so a strong reference here would keep every execution alive; the spool's enumerable, which the
   * running statement holds, is what keeps a source.
   */
  private static final Map<DataContext, Map<String, WeakReference<KeySource>>> EXECUTIONS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private @Nullable Enumerable<Object> input;
  private final boolean scalar;
  private @Nullable List<Object> rows;

  private KeySource(Enumerable<Object> input, boolean scalar) {
    this.input = input;
    this.scalar = scalar;
  }

  /**
   * Registers {@code input} as the rows of {@code link} for this execution and returns them, read
   * at most once whoever asks first. Called by generated code only.
   *
   * @param scalar whether each row is a single value rather than an array
   */
  public static Enumerable<Object> spool(
      DataContext root, String link, Enumerable<Object> input, boolean scalar) {
    KeySource source = new KeySource(input, scalar);
    EXECUTIONS
        .computeIfAbsent(root, r -> Collections.synchronizedMap(new HashMap<>()))
        .put(link, new WeakReference<>(source));
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object> enumerator() {
        return Linq4j.enumerator(source.rows());
      }
    };
  }

  /** The source registered for {@code link} in this execution, or null when none was built. */
  static @Nullable KeySource of(DataContext root, String link) {
    Map<String, WeakReference<KeySource>> links = EXECUTIONS.get(root);
    WeakReference<KeySource> source = links == null ? null : links.get(link);
    return source == null ? null : source.get();
  }

  boolean scalar() {
    return scalar;
  }

  /** The input's rows, read on the first call. */
  synchronized List<Object> rows() {
    if (rows == null) {
      List<Object> all = new ArrayList<>();
      try (Enumerator<Object> e = input.enumerator()) {
        while (e.moveNext()) {
          all.add(e.current());
        }
      }
      rows = Collections.unmodifiableList(all);
      input = null; // Read: the plan below may go.
    }
    return rows;
  }
}
