/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import io.github.caspiojdbc.rest.CaspioApi;
import io.github.caspiojdbc.rest.RecordQuery;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a list of keys into {@code PK_ID IN (...)} filters, each ANDed with an optional guard and
 * each short enough for Caspio's URI limit as the connection's API would encode it: the requests of
 * UPDATE and DELETE by keys, and of password changes.
 */
final class KeyLists {
  private KeyLists() {}

  /**
   * {@code PK_ID IN (...)} fragments covering all keys, each short enough for the URI limit, each
   * ANDed with the guard.
   */
  static List<String> of(CaspioTable table, List<Long> keys, String guard) {
    List<String> out = new ArrayList<>();
    CaspioApi api = table.api();
    int base = api.uriLength(query(table, fragment(List.of("0"), guard)));
    // Each further key adds its digits and an encoded comma (at most three characters).
    int room = CaspioApi.MAX_URI_LENGTH - base;
    if (room < 0) {
      throw new CaspioException(
          ErrorKind.UNSUPPORTED,
          "The WHERE clause is too long for a Caspio request (over "
              + CaspioApi.MAX_URI_LENGTH
              + " characters)",
          null);
    }
    List<String> chunk = new ArrayList<>();
    int used = 0;
    for (Long key : keys) {
      String k = Long.toString(key);
      int cost = k.length() + 3;
      if (!chunk.isEmpty() && used + cost > room) {
        out.add(fitted(table, chunk, guard));
        chunk = new ArrayList<>();
        used = 0;
      }
      chunk.add(k);
      used += cost;
    }
    if (!chunk.isEmpty()) {
      out.add(fitted(table, chunk, guard));
    }
    return out;
  }

  /** The fragment for a chunk, checked against the real encoded length. */
  private static String fitted(CaspioTable table, List<String> chunk, String guard) {
    String f = fragment(chunk, guard);
    if (!table.api().fits(query(table, f))) {
      throw new IllegalStateException("key list estimate exceeded the URI limit: " + f.length());
    }
    return f;
  }

  private static String fragment(List<String> keys, String guard) {
    String in = "PK_ID IN (" + String.join(",", keys) + ")";
    return guard == null ? in : in + " AND (" + guard + ")";
  }

  private static RecordQuery query(CaspioTable table, String where) {
    return RecordQuery.table(table.caspioName()).where(where).build();
  }
}
