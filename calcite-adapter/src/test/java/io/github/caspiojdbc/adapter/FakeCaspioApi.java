/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.rest.ApiStats;
import io.github.caspiojdbc.rest.CaspioApi;
import io.github.caspiojdbc.rest.FieldInfo;
import io.github.caspiojdbc.rest.ObjectKind;
import io.github.caspiojdbc.rest.RecordCursor;
import io.github.caspiojdbc.rest.RecordQuery;
import io.github.caspiojdbc.rest.RecordsAffected;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory stand-in for Caspio that records every query and answers with fixed rows, for tests
 * of what the planner sends. It does not evaluate fragments: row-level correctness is tested
 * against the emulator.
 */
final class FakeCaspioApi implements CaspioApi {
  final Map<String, List<FieldInfo>> tables = new LinkedHashMap<>();
  final Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
  final List<RecordQuery> queries = new ArrayList<>();

  /** Rows for the next query instead of the table's, for replies shaped by the select list. */
  List<Map<String, Object>> nextRows;

  int fieldCalls;
  int listCalls;

  static FieldInfo field(String name, String type) {
    return new FieldInfo(
        name, type, false, false, true, "", "", 0, false, false, false, "", "", "", 0, Map.of(),
        null);
  }

  void table(String name, List<FieldInfo> fields, List<Map<String, Object>> data) {
    tables.put(name, fields);
    rows.put(name, data);
  }

  @Override
  public List<String> listTables() {
    listCalls++;
    return List.copyOf(tables.keySet());
  }

  @Override
  public List<String> listViews() {
    return List.of();
  }

  @Override
  public List<FieldInfo> fields(ObjectKind kind, String name) {
    fieldCalls++;
    return tables.get(name);
  }

  @Override
  public RecordCursor query(RecordQuery query) {
    queries.add(query);
    List<Map<String, Object>> data = nextRows != null ? nextRows : rows.get(query.name());
    nextRows = null;
    long max = Math.min(query.maxRows(), data.size());
    List<String> cols = data.isEmpty() ? List.of() : List.copyOf(data.get(0).keySet());
    return new RecordCursor() {
      int i = -1;

      @Override
      public boolean next() {
        return ++i < max;
      }

      @Override
      public Object[] current() {
        Map<String, Object> r = data.get(i);
        return cols.stream().map(r::get).toArray();
      }

      @Override
      public List<String> columns() {
        return cols;
      }

      @Override
      public void cancel() {}

      @Override
      public void close() {}
    };
  }

  @Override
  public String describe(RecordQuery q) {
    return "GET "
        + q.name()
        + " select="
        + q.select()
        + " where="
        + q.where()
        + " order="
        + q.orderBy()
        + " max="
        + q.maxRows();
  }

  @Override
  public int uriLength(RecordQuery query) {
    return 100 + String.valueOf(query.where()).length();
  }

  @Override
  public Map<String, Object> insert(ObjectKind kind, String name, Map<String, ?> values) {
    throw new UnsupportedOperationException();
  }

  @Override
  public RecordsAffected update(ObjectKind kind, String name, String where, Map<String, ?> values) {
    throw new UnsupportedOperationException();
  }

  @Override
  public RecordsAffected delete(ObjectKind kind, String name, String where) {
    throw new UnsupportedOperationException();
  }

  @Override
  public RecordsAffected setPassword(String table, String field, String where, String value) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ApiStats stats() {
    return new ApiStats(queries.size(), 0, 0, 0, 0, 0, 1);
  }

  @Override
  public void close() {}
}
