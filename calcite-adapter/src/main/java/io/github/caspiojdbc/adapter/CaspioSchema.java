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

  private final CaspioApi api;
  private final Duration ttl;
  private final Clock clock;
  private final boolean pushdown;
  private final int pageSize;
  private final CaspioWrites writes = new CaspioWrites();
  private final Object lock = new Object();
  private Map<String, Table> tables;
  private Instant loadedAt;

  private CaspioSchema(CaspioApi api, Duration ttl, Clock clock, boolean pushdown, int pageSize) {
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
    return new CaspioSchema(api, metadataTtl, Clock.systemUTC(), true, pageSize);
  }

  /**
   * A schema that pushes nothing down: every query reads whole tables and Calcite does all the
   * work. For differential tests, which compare its results with the pushed-down ones.
   */
  public static CaspioSchema withoutPushdown(CaspioApi api, Duration metadataTtl) {
    return new CaspioSchema(api, metadataTtl, Clock.systemUTC(), false, RecordQuery.MAX_PAGE_SIZE);
  }

  static CaspioSchema create(CaspioApi api, Duration metadataTtl, Clock clock) {
    return new CaspioSchema(api, metadataTtl, clock, true, RecordQuery.MAX_PAGE_SIZE);
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

  @Override
  protected Map<String, Table> getTableMap() {
    synchronized (lock) {
      Instant now = clock.instant();
      if (tables == null || !now.isBefore(loadedAt.plus(ttl))) {
        tables = load();
        loadedAt = now;
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
