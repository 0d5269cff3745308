/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** One emulated Caspio account (contract skeleton; implementation follows). */
public final class CaspioStore implements AutoCloseable {

  private CaspioStore() {}

  /** An empty account. */
  public static CaspioStore inMemory() {
    throw new UnsupportedOperationException("in progress");
  }

  /** An account filled with the deterministic sample data. */
  public static CaspioStore withSampleData(long seed, int largestTableRows) {
    throw new UnsupportedOperationException("in progress");
  }

  /** Table names in creation order. */
  public List<String> tableNames() {
    throw new UnsupportedOperationException("in progress");
  }

  /** View names in creation order. */
  public List<String> viewNames() {
    throw new UnsupportedOperationException("in progress");
  }

  /** {@code {"Name":…,"Note":…}}. */
  public ObjectNode describe(ObjectKind kind, String name) {
    throw new UnsupportedOperationException("in progress");
  }

  /** Field definitions. */
  public ArrayNode fields(ObjectKind kind, String name, ApiVersion version) {
    throw new UnsupportedOperationException("in progress");
  }

  /** Password field names. */
  public List<String> passwordFields(String table) {
    throw new UnsupportedOperationException("in progress");
  }

  /** GET records. */
  public RecordPage query(ObjectKind kind, String name, RecordQuery q) {
    throw new UnsupportedOperationException("in progress");
  }

  /** POST records. */
  public ArrayNode insert(ObjectKind kind, String name, ObjectNode body) {
    throw new UnsupportedOperationException("in progress");
  }

  /** PUT records. */
  public WriteResult update(
      ObjectKind kind, String name, String where, ObjectNode body, boolean returnRows) {
    throw new UnsupportedOperationException("in progress");
  }

  /** DELETE records. */
  public int delete(ObjectKind kind, String name, String where) {
    throw new UnsupportedOperationException("in progress");
  }

  /** PUT passwordFields. */
  public int setPassword(String table, String field, String where, String value) {
    throw new UnsupportedOperationException("in progress");
  }

  /** DELETE passwordFields. */
  public int resetPassword(String table, String field, String where) {
    throw new UnsupportedOperationException("in progress");
  }

  /** Creates a table. */
  public void createTable(TableDef def) {
    throw new UnsupportedOperationException("in progress");
  }

  /** Creates a view. */
  public void createView(ViewDef def) {
    throw new UnsupportedOperationException("in progress");
  }

  /** Row count of a table. */
  public long rowCount(String table) {
    throw new UnsupportedOperationException("in progress");
  }

  @Override
  public void close() {}
}
