/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Definition of a Caspio table: name, note and fields in display order. {@code PK_ID} is implicit
 * and must not be declared.
 *
 * @param name table name
 * @param note the table's note ({@code ""} if none)
 * @param fields fields in display order
 */
public record TableDef(String name, String note, List<FieldDef> fields) {

  /** Validates names and copies the field list. */
  public TableDef {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
      throw new IllegalArgumentException("Invalid Caspio table name: " + name);
    }
    note = note == null ? "" : note;
    fields = List.copyOf(fields);
    Set<String> seen = new HashSet<>();
    seen.add("pk_id");
    for (FieldDef f : fields) {
      if (!seen.add(f.name().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("Duplicate or reserved field name: " + f.name());
      }
    }
  }

  /** A table without a note. */
  public static TableDef of(String name, FieldDef... fields) {
    return new TableDef(name, "", List.of(fields));
  }
}
