/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fields of one table as {@code GET …/fields} lists them, reduced to what the probes choose by:
 * a probe on an account with unknown data needs a field of the right type, and skips when the table
 * has none. Formulas and unique fields are left out of the writable ones, since a scratch row must
 * not depend on values it cannot choose.
 */
final class TableFields {
  /**
   * One field: its name, type token, whether a record body may set it, and for a list field the id
   * of its first item (null otherwise).
   */
  record Field(String name, String type, boolean writable, String firstListId) {}

  private final List<Field> fields;

  private TableFields(List<Field> fields) {
    this.fields = List.copyOf(fields);
  }

  /** An empty list, for a table whose fields could not be read. */
  static TableFields none() {
    return new TableFields(List.of());
  }

  /** Reads the {@code Result} array of a fields reply; anything else gives no fields. */
  static TableFields parse(JsonNode body) {
    List<Field> out = new ArrayList<>();
    JsonNode result = body == null ? null : body.path("Result");
    if (result != null && result.isArray()) {
      for (JsonNode f : result) {
        String name = f.path("Name").asText("");
        String type = f.path("Type").asText("").toUpperCase(Locale.ROOT);
        // Names are spliced into q.select and q.where, so only plain identifiers are used.
        if (name.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
          boolean writable =
              !f.path("IsFormula").asBoolean(false)
                  && !f.path("Unique").asBoolean(false)
                  && f.path("Editable").asBoolean(true);
          String listId = null;
          if (type.startsWith("LIST-") && f.path("ListField").isObject()) {
            java.util.Iterator<String> ids = f.path("ListField").fieldNames();
            String id = ids.hasNext() ? ids.next() : "";
            listId = id.matches("[0-9]{1,9}") ? id : null;
          }
          out.add(new Field(name, type, writable, listId));
        }
      }
    }
    return new TableFields(out);
  }

  /** Names of the fields of one of {@code types}, in display order. */
  List<String> ofType(String... types) {
    List<String> names = new ArrayList<>();
    for (Field f : fields) {
      if (List.of(types).contains(f.type())) {
        names.add(f.name());
      }
    }
    return names;
  }

  /** Names of the writable fields of one of {@code types}, in display order. */
  List<String> writableOfType(String... types) {
    List<String> names = new ArrayList<>();
    for (Field f : fields) {
      if (f.writable() && List.of(types).contains(f.type())) {
        names.add(f.name());
      }
    }
    return names;
  }

  /** The first writable list field whose items have ids, or null. */
  Field writableList() {
    for (Field f : fields) {
      if (f.writable() && f.firstListId() != null) {
        return f;
      }
    }
    return null;
  }

  /** The text types: Text (255) and Text (64000). */
  static final String[] TEXT = {"STRING", "TEXT"};

  /** Caspio's Date/Time type token. */
  static final String DATE = "DATE/TIME";

  /** Caspio's Yes/No type token. */
  static final String YES_NO = "YES/NO";
}
