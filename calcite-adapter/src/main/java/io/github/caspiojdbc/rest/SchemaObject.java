/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import java.util.List;
import java.util.Objects;

/**
 * One table or view with its fields, as {@link CaspioApi#schemas()} lists them.
 *
 * @param kind table or view
 * @param name the name as Caspio spells it
 * @param fields the fields in the server's order ({@code PK_ID} is not listed)
 */
public record SchemaObject(ObjectKind kind, String name, List<FieldInfo> fields) {
  /** Checks and freezes the parts. */
  public SchemaObject {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    fields = List.copyOf(fields);
  }
}
