/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON body of an insert or update, checked against the target and converted to column values
 * before any SQL runs. Kept apart from the writer because it is Caspio's write contract (which keys
 * a body may hold, which fields are read-only, what a value may look like), independent of how the
 * row then reaches the engine.
 */
final class RecordBody {
  private RecordBody() {}

  /**
   * Every key resolved to its field, then every value converted: a bad key is reported before a bad
   * value, and the whole body is rejected on the first one of either.
   *
   * @param insert whether the body is an insert's (password fields may be set only then)
   * @param switches the accepted date and list forms, and how keys must match field names
   */
  static Map<FieldDef, Object> values(
      Target t, ObjectNode body, boolean insert, Switches switches) {
    Map<FieldDef, Object> out = new LinkedHashMap<>();
    resolve(t, body, insert, switches.bodyKeyCase())
        .forEach((f, v) -> out.put(f, Values.fromJson(f, v, switches)));
    return out;
  }

  private static Map<FieldDef, JsonNode> resolve(
      Target t, ObjectNode body, boolean insert, Switches.BodyKeyCase keyCase) {
    Map<FieldDef, JsonNode> out = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      String key = e.getKey();
      String lower = key.toLowerCase(Locale.ROOT);
      if (!seen.add(lower)) {
        throw new StoreException(
            400, "IncorrectBodyParameter", "Field '" + key + "' appears more than once");
      }
      if (lower.equals("pk_id") || lower.startsWith("_pk_id_")) {
        throw readOnly(key);
      }
      FieldDef f;
      String defined;
      if (t.view() != null) {
        ViewModel.ViewField vf = t.view().field(key);
        f = vf == null ? null : vf.field();
        defined = vf == null ? null : vf.name();
      } else {
        f = t.table().field(key);
        defined = f == null ? null : f.name();
      }
      if (f != null && keyCase == Switches.BodyKeyCase.EXACT && !defined.equals(key)) {
        f = null; // another case is another name on an account that binds keys exactly
      }
      if (f == null) {
        throw new StoreException(
            404, "FieldNotFound", "Field '" + key + "' does not exist in " + t.sqlName());
      }
      if (f.readOnly()) {
        throw readOnly(key);
      }
      if (f.type() == FieldType.PASSWORD && !insert) {
        throw new StoreException(
            400,
            "IncorrectBodyParameter",
            "Password field '" + key + "' can only be changed through passwordFields");
      }
      out.put(f, e.getValue());
    }
    return out;
  }

  private static StoreException readOnly(String key) {
    return new StoreException(
        400, "AlterReadOnlyData", "Field '" + key + "' is read-only and cannot be written");
  }
}
