/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.rest.CaspioApi;
import io.github.caspiojdbc.rest.ObjectKind;
import io.github.caspiojdbc.rest.RecordQuery;
import io.github.caspiojdbc.rest.SchemaObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The tables and views of one Caspio account. The list is fetched when first needed and kept for a
 * time-to-live; each table's fields come with the list where the API lists both in one call (v4's
 * {@code /schemas}), else they are fetched when a query first uses the table.
 */
public final class CaspioSchema extends AbstractSchema {
  /** Plans kept per connection unless told otherwise. */
  public static final int DEFAULT_PLAN_CACHE_SIZE = 100;

  /** Largest plan cache a connection may ask for. */
  public static final int MAX_PLAN_CACHE_SIZE = 10_000;

  /** The metadata generation while the table list is not loaded or has expired. */
  static final long NO_GENERATION = -1;

  private final CaspioApi api;
  private final Duration ttl;
  private final Clock clock;
  private final boolean pushdown;
  private final int pageSize;
  private final CaspioWrites writes = new CaspioWrites();
  private final Object lock = new Object();
  private final RawWhere rawWhere = new RawWhere(this);
  private final CaspioFiles files = new CaspioFiles(this);
  private final CaspioAttachments attachments = new CaspioAttachments(this);
  private final PlanCache plans;
  private Map<String, Table> tables;
  private Instant loadedAt;

  /** Incremented at every load of the table list (fresh tables, fresh field lists). */
  private long generation;

  private CaspioSchema(
      CaspioApi api, Duration ttl, Clock clock, boolean pushdown, int pageSize, int planCacheSize) {
    if (planCacheSize < 0 || planCacheSize > MAX_PLAN_CACHE_SIZE) {
      throw new IllegalArgumentException(
          "planCacheSize must be between 0 and " + MAX_PLAN_CACHE_SIZE + ": " + planCacheSize);
    }
    this.plans = new PlanCache(planCacheSize);
    if (pageSize < RecordQuery.MIN_PAGE_SIZE || pageSize > RecordQuery.MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("pageSize must be between 5 and 1000: " + pageSize);
    }
    this.pageSize = pageSize;
    this.pushdown = pushdown;
    this.api = Objects.requireNonNull(api, "api");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A schema over an account.
   *
   * @param metadataTtl how long the table list and fields are kept before being fetched again
   */
  public static CaspioSchema create(CaspioApi api, Duration metadataTtl) {
    return create(api, metadataTtl, RecordQuery.MAX_PAGE_SIZE);
  }

  /**
   * A schema over an account whose multi-page reads ask for {@code pageSize} rows per request (5 to
   * 1000; fewer rows per call means more calls, each answered sooner).
   */
  public static CaspioSchema create(CaspioApi api, Duration metadataTtl, int pageSize) {
    return create(api, metadataTtl, pageSize, DEFAULT_PLAN_CACHE_SIZE);
  }

  /**
   * As {@link #create(CaspioApi, Duration, int)}, keeping the plans of up to {@code planCacheSize}
   * SQL texts (0 to {@value #MAX_PLAN_CACHE_SIZE}; 0 plans every statement anew).
   */
  public static CaspioSchema create(
      CaspioApi api, Duration metadataTtl, int pageSize, int planCacheSize) {
    return new CaspioSchema(api, metadataTtl, Clock.systemUTC(), true, pageSize, planCacheSize);
  }

  /**
   * A schema that pushes nothing down: every query reads whole tables and Calcite does all the
   * work. For differential tests, which compare its results with the pushed-down ones.
   */
  public static CaspioSchema withoutPushdown(CaspioApi api, Duration metadataTtl) {
    return new CaspioSchema(
        api,
        metadataTtl,
        Clock.systemUTC(),
        false,
        RecordQuery.MAX_PAGE_SIZE,
        DEFAULT_PLAN_CACHE_SIZE);
  }

  static CaspioSchema create(CaspioApi api, Duration metadataTtl, Clock clock) {
    return create(api, metadataTtl, clock, DEFAULT_PLAN_CACHE_SIZE);
  }

  static CaspioSchema create(CaspioApi api, Duration metadataTtl, Clock clock, int planCacheSize) {
    return new CaspioSchema(
        api, metadataTtl, clock, true, RecordQuery.MAX_PAGE_SIZE, planCacheSize);
  }

  /** The connection's prepared plans by SQL text. */
  PlanCache plans() {
    return plans;
  }

  /**
   * Which load of the table list is current, or {@link #NO_GENERATION} when none is loaded or the
   * loaded one has expired (the next statement loads it again). A plan made with one generation is
   * valid for as long as that generation is current. Sends no request.
   */
  long metadataGeneration() {
    synchronized (lock) {
      if (tables == null || !clock.instant().isBefore(loadedAt.plus(ttl))) {
        return NO_GENERATION;
      }
      return generation;
    }
  }

  /**
   * How many times the table list was loaded: the generation of the list loaded last, current or
   * expired. Unlike {@link #metadataGeneration()} it ignores expiry, so comparing two readings
   * tells whether a load happened between them.
   */
  long metadataLoads() {
    synchronized (lock) {
      return generation;
    }
  }

  /**
   * The connection's write state: the read-only switch, the write counter and the last INSERT's
   * returned rows (see {@link CaspioWrites}).
   */
  public CaspioWrites writes() {
    return writes;
  }

  /** The REST client this schema reads through. */
  public CaspioApi api() {
    return api;
  }

  /**
   * Whether the table list is cached and each named object that is a table or view already has its
   * field list, so that planning a statement using {@code names} sends no metadata request. Sends
   * no request itself.
   */
  public boolean metadataCached(Iterable<String> names) {
    Map<String, Table> t;
    synchronized (lock) {
      if (tables == null || !clock.instant().isBefore(loadedAt.plus(ttl))) {
        return false;
      }
      t = tables;
    }
    for (String name : names) {
      for (Map.Entry<String, Table> e : t.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)
            && e.getValue() instanceof CaspioTable table
            && !table.fieldsLoaded()) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The schema's functions: {@link RawWhere}, the Files area's ({@link CaspioFiles}) and
   * attachments' ({@link CaspioAttachments}).
   */
  @Override
  protected com.google.common.collect.Multimap<String, org.apache.calcite.schema.Function>
      getFunctionMultimap() {
    com.google.common.collect.ImmutableMultimap.Builder<String, org.apache.calcite.schema.Function>
        b = com.google.common.collect.ImmutableMultimap.builder();
    b.put(RawWhere.NAME, rawWhere);
    files.functions().forEach(e -> b.put(e.getKey(), e.getValue()));
    b.put(CaspioAttachments.CONTENT, attachments.function());
    return b.build();
  }

  /** The Files area's functions. */
  CaspioFiles files() {
    return files;
  }

  @Override
  protected Map<String, Table> getTableMap() {
    synchronized (lock) {
      Instant now = clock.instant();
      if (tables == null || !now.isBefore(loadedAt.plus(ttl))) {
        tables = load();
        loadedAt = now;
        generation++;
      }
      return tables;
    }
  }

  private Map<String, Table> load() {
    Map<String, Table> map = new LinkedHashMap<>();
    Map<String, String> seen = new LinkedHashMap<>();
    Optional<List<SchemaObject>> all = api.schemas();
    if (all.isPresent()) {
      // One call gave every object with its fields (v4): nothing more to fetch per table.
      for (ObjectKind kind : List.of(ObjectKind.TABLE, ObjectKind.VIEW)) {
        for (SchemaObject o : all.get()) {
          if (o.kind() == kind && add(map, seen, kind, o.name())) {
            ((CaspioTable) map.get(o.name())).withFields(o.fields());
          }
        }
      }
      return Map.copyOf(map);
    }
    for (String name : api.listTables()) {
      add(map, seen, ObjectKind.TABLE, name);
    }
    for (String name : api.listViews()) {
      add(map, seen, ObjectKind.VIEW, name);
    }
    return Map.copyOf(map);
  }

  /**
   * Adds an object unless one of the same name regardless of case is there: Caspio names are unique
   * that way across tables and views; if a view shadowed a table, the table (listed first) wins so
   * that writes keep a target.
   */
  private boolean add(
      Map<String, Table> map, Map<String, String> seen, ObjectKind kind, String name) {
    if (seen.putIfAbsent(name.toUpperCase(Locale.ROOT), name) != null) {
      return false;
    }
    map.put(name, new CaspioTable(api, kind, name, pushdown, writes, pageSize));
    return true;
  }

  @Override
  public boolean isMutable() {
    return false;
  }
}
