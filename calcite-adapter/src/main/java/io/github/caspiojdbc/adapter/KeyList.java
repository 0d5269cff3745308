/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Where a {@link CaspioKeyedScan} takes its keys from and how it writes them.
 *
 * @param link the {@link KeySpool} whose rows hold the keys
 * @param sourceIndex the key's position in those rows
 * @param field the target field, quoted for {@code q.where}
 * @param type the key's SQL type, which both sides share
 */
record KeyList(String link, int sourceIndex, String field, SqlTypeName type) {

  /** Whether the keys are text, which Caspio compares ignoring case and trailing blanks. */
  boolean text() {
    return type.getFamily() == org.apache.calcite.sql.type.SqlTypeFamily.CHARACTER;
  }

  /** The conjunct's text for one run of key literals, as EXPLAIN and the requests show it. */
  String in(String keys, boolean blank) {
    String in = field + " IN (" + keys + ")";
    // A blank key: SQL Server's '' equals any run of blanks, and an unset text may be NULL there
    // while Caspio shows "" (caspio-api.md 5.3), which joins locally.
    return blank ? "(" + in + " OR " + field + " IS NULL OR " + field + " = '')" : in;
  }
}
