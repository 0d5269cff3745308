/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The prepared plans of one connection by SQL text, so that the same text again, on a {@code
 * Statement} or in a new {@code PreparedStatement}, skips parsing, validation, optimisation and
 * code generation. Owned by the connection's {@link CaspioSchema}; never shared between
 * connections.
 *
 * <p>A plan is what a {@code PreparedStatement} keeps and re-executes: Calcite's signature, whose
 * compiled code binds fresh cursors, parameters, cancel flag and call meter to every execution.
 *
 * <p>A plan is valid only for the metadata it was planned against: it carries the schema's metadata
 * generation ({@link CaspioSchema#metadataGeneration()}), which changes whenever the table list is
 * loaded again and is unknown once the list has expired, so a plan is used again only while the
 * table and field lists it saw are still the current ones. Everything else a plan depends on is in
 * its {@link Key}; the connection's settings that shape plans (pushdown, page size) are fixed for
 * its life. What an execution brings is not in the plan: parameters, the cancel flag, the timeout
 * and the call meter come with each execution's data context, and the row cap ({@link RowCap}) and
 * the read-only switch are read when it runs; system tables are scanned anew by each execution.
 *
 * <p>Never kept: DDL, which runs while it is prepared, and EXPLAIN, whose text is made while
 * preparing and shows call estimates that change as reads learn row totals; a plan made while the
 * table list expired or was loaded twice.
 *
 * <p>Bounded: the least recently used plan is dropped beyond {@code maxSize}; size 0 keeps none.
 */
final class PlanCache {
  private final int maxSize;
  private final Map<Key, Plan> plans;
  private long planned;
  private long hits;

  /**
   * The newest metadata generation seen; every kept plan was made with it. Generations only grow,
   * so a newer one makes all kept plans stale at once and they are dropped together, rather than
   * one by one when their text comes again (which may be never).
   */
  private long generation = CaspioSchema.NO_GENERATION;

  /**
   * What a plan depends on besides the metadata.
   *
   * @param sql the SQL text, exactly as given
   * @param defaultSchema the connection's default schema path when planned
   * @param elementType the row type asked for
   * @param maxRowCount the statement's row limit ({@code setMaxRows}), -1 or 0 for none
   */
  record Key(String sql, List<String> defaultSchema, Type elementType, long maxRowCount) {
    Key {
      defaultSchema = List.copyOf(defaultSchema);
    }
  }

  /**
   * A prepared statement's plan.
   *
   * @param signature what Calcite prepared; executed like a prepared statement's
   * @param localFilters the predicates the plan evaluates locally, announced again on every use
   *     ({@link LocalFilters#watch}), so that each execution is warned or refused as the first was
   * @param generation the metadata generation the plan was made with, or {@link
   *     CaspioSchema#NO_GENERATION} for a plan that must not be kept
   */
  record Plan(
      CalciteSignature<?> signature, List<LocalFilters.LocalFilter> localFilters, long generation) {
    Plan {
      localFilters = List.copyOf(localFilters);
    }
  }

  /** A cache of at most {@code maxSize} plans (0: none is kept). */
  PlanCache(int maxSize) {
    if (maxSize < 0) {
      throw new IllegalArgumentException("plan cache size must not be negative: " + maxSize);
    }
    this.maxSize = maxSize;
    this.plans = new LinkedHashMap<>(16, 0.75f, true);
  }

  /**
   * The plan for {@code key} if it was made with metadata generation {@code current}, the one now
   * current ({@link CaspioSchema#NO_GENERATION} when the table list has expired: no plan is then
   * valid). A newer generation than the kept plans' drops them all.
   */
  synchronized @Nullable Plan get(Key key, long current) {
    if (current == CaspioSchema.NO_GENERATION) {
      return null;
    }
    follow(current);
    Plan p = plans.get(key);
    if (p == null || p.generation() != current) {
      return null;
    }
    hits++;
    return p;
  }

  /** Drops every kept plan when {@code current} is newer than theirs. */
  private void follow(long current) {
    if (current > generation) {
      plans.clear();
      generation = current;
    }
  }

  /** Counts one plan made; keeps it when it may be used again (see {@link #cacheable}). */
  synchronized void put(Key key, Plan plan) {
    planned++;
    if (maxSize == 0
        || plan.generation() == CaspioSchema.NO_GENERATION
        || !cacheable(plan.signature())) {
      return;
    }
    follow(plan.generation());
    if (plan.generation() < generation) {
      return; // Planned on another thread against a table list replaced meanwhile.
    }
    plans.put(key, plan);
    while (plans.size() > maxSize) {
      Key eldest = plans.keySet().iterator().next();
      plans.remove(eldest);
    }
  }

  /** DDL runs while it is prepared, so preparing it again is its execution. */
  private static boolean cacheable(CalciteSignature<?> signature) {
    return signature.statementType != Meta.StatementType.OTHER_DDL
        && signature.statementType != Meta.StatementType.CREATE
        && signature.statementType != Meta.StatementType.DROP
        && signature.statementType != Meta.StatementType.ALTER;
  }

  /** Drops every plan; the next use of each text plans again. */
  synchronized void clear() {
    plans.clear();
  }

  /** Plans kept now. */
  synchronized int size() {
    return plans.size();
  }

  /** Plans made (cache misses that prepared) since this cache was created. */
  synchronized long planned() {
    return planned;
  }

  /** Plans used again since this cache was created. */
  synchronized long hits() {
    return hits;
  }
}
