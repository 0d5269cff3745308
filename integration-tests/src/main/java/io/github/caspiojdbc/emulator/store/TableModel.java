/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A created table: its definition, case-insensitive field lookup and the server-side counters
 * (PK_ID and autonumbers are never reused, like SQL Server identities).
 */
final class TableModel {
  final TableDef def;
  final AtomicLong nextPkId = new AtomicLong(1);
  private final Map<String, FieldDef> byLowerName = new HashMap<>();
  private final Map<String, AtomicLong> counters = new HashMap<>();

  TableModel(TableDef def) {
    this.def = def;
    for (FieldDef f : def.fields()) {
      byLowerName.put(f.name().toLowerCase(Locale.ROOT), f);
      if (f.type() == FieldType.AUTONUMBER || f.type() == FieldType.PREFIXED_AUTONUMBER) {
        counters.put(f.name(), new AtomicLong(1));
      }
    }
  }

  String name() {
    return def.name();
  }

  /** The field named {@code name} in any casing, or {@code null}. */
  FieldDef field(String name) {
    return byLowerName.get(name.toLowerCase(Locale.ROOT));
  }

  /** The counter of an AUTONUMBER or PREFIXED AUTONUMBER field. */
  AtomicLong counter(FieldDef f) {
    return counters.get(f.name());
  }

  List<FieldDef> passwordFields() {
    List<FieldDef> out = new ArrayList<>();
    for (FieldDef f : def.fields()) {
      if (f.type() == FieldType.PASSWORD) {
        out.add(f);
      }
    }
    return out;
  }

  /** Column list of {@code select *}: PK_ID first, then every non-password field in order. */
  String starColumns() {
    StringBuilder b = new StringBuilder("\"PK_ID\"");
    for (FieldDef f : def.fields()) {
      if (f.type() != FieldType.PASSWORD) {
        b.append(", \"").append(f.name()).append('"');
      }
    }
    return b.toString();
  }

  /** The CREATE TABLE statement; {@code formulas} holds each formula's rewritten expression. */
  String ddl(String schema, Map<String, String> formulas) {
    StringBuilder b = new StringBuilder("CREATE TABLE \"").append(schema).append("\".\"");
    b.append(name()).append("\" (\"PK_ID\" BIGINT NOT NULL PRIMARY KEY");
    for (FieldDef f : def.fields()) {
      b.append(", \"").append(f.name()).append("\" ").append(sqlType(f.type()));
      if (f.formula() != null) {
        b.append(" GENERATED ALWAYS AS (").append(formulas.get(f.name())).append(')');
      } else if (f.type() == FieldType.YES_NO) {
        b.append(" DEFAULT FALSE NOT NULL");
      }
    }
    for (FieldDef f : def.fields()) {
      if (f.unique()) {
        // MSSQLServer mode allows one NULL per unique index, as SQL Server does; Caspio's
        // UniqueAllowNulls maps to NULLS DISTINCT.
        b.append(", CONSTRAINT \"").append(uniqueConstraint(f)).append("\" UNIQUE ");
        b.append(f.uniqueAllowNulls() ? "NULLS DISTINCT " : "").append("(\"");
        b.append(f.name()).append("\")");
      }
    }
    return b.append(')').toString();
  }

  String uniqueConstraint(FieldDef f) {
    return "UQ_" + name() + "_" + f.name();
  }

  static String sqlType(FieldType t) {
    switch (t) {
      case AUTONUMBER:
      case INTEGER:
        return "INT";
      case NUMBER:
        return "DOUBLE PRECISION";
      case CURRENCY:
        return "DECIMAL(19,4)";
      case DATE_TIME:
      case TIMESTAMP:
        return "TIMESTAMP(0)";
      case YES_NO:
        return "BOOLEAN";
      case GUID:
        return "VARCHAR(36)";
      case RANDOM_ID:
        return "VARCHAR(64)";
      case TEXT:
        return "VARCHAR(64000)";
      case FILE:
        return "VARCHAR(1024)";
      case LIST_STRING:
      case LIST_NUMBER:
      case LIST_DATE_TIME:
        return "VARCHAR(4000)";
      case ATTACHMENT:
        // Always NULL: the files live in AttachmentArea, and records show the field as null.
        return "VARCHAR(1)";
      case PREFIXED_AUTONUMBER:
      case STRING:
      case PASSWORD:
      default:
        return "VARCHAR(255)";
    }
  }
}
