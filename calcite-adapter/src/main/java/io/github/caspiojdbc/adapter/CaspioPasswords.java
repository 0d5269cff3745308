/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import io.github.caspiojdbc.rest.FieldInfo;
import io.github.caspiojdbc.rest.ObjectKind;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.Named;

/**
 * Sets Caspio password fields of records given by their keys, for a driver's vendor method (SQL
 * reaches the same endpoint through UPDATE of the write-only password column, see {@link
 * CaspioWriter}). Goes through Caspio's password endpoint ({@code PUT
 * .../passwordFields/{field}?q.where=PK_ID IN (...)}), one request per key list that fits the URI
 * limit.
 */
public final class CaspioPasswords {

  private CaspioPasswords() {}

  /**
   * Sets {@code field} of {@code table} to {@code value} on the records with the given PK_IDs.
   *
   * @return the records Caspio reports as changed
   * @throws CaspioException READ_ONLY when the connection is read-only, TABLE_NOT_FOUND or
   *     COLUMN_NOT_FOUND when there is no such table or password field (checked before any write)
   */
  public static long set(
      CaspioSchema schema, String table, String field, List<Long> keys, String value) {
    Objects.requireNonNull(value, "value");
    Named<Table> named = schema.tables().getIgnoreCase(table);
    if (named == null
        || !(named.entity() instanceof CaspioTable t)
        || t.kind() != ObjectKind.TABLE) {
      throw new CaspioException(ErrorKind.TABLE_NOT_FOUND, "No Caspio table " + table, null);
    }
    String fieldName = passwordField(t, field);
    t.writes().checkWritable("setting password " + fieldName + " of " + t.caspioName());
    if (keys.isEmpty()) {
      return 0;
    }
    long count = 0;
    for (String where : KeyLists.of(t, keys, null)) {
      count +=
          t.writes()
              .send(() -> t.api().setPassword(t.caspioName(), fieldName, where, value))
              .count();
    }
    return count;
  }

  private static String passwordField(CaspioTable t, String field) {
    for (FieldInfo f : t.api().fields(ObjectKind.TABLE, t.caspioName())) {
      if (f.name().equalsIgnoreCase(field)
          && f.type().toUpperCase(Locale.ROOT).equals("PASSWORD")) {
        return f.name();
      }
    }
    throw new CaspioException(
        ErrorKind.COLUMN_NOT_FOUND,
        "Table " + t.caspioName() + " has no password field " + field,
        null);
  }
}
