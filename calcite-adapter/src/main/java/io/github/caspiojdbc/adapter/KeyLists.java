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
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Splits a list of keys into {@code PK_ID IN (...)} filters, each ANDed with an optional guard and
 * each short enough for Caspio's URI limit as the connection's API would encode it: the requests of
 * UPDATE and DELETE by keys, and of password changes. {@link #split} also cuts the key lists of
 * join reads ({@link KeyListReader}).
 */
final class KeyLists {
  private KeyLists() {}

  /**
   * {@code PK_ID IN (...)} fragments covering all keys, each short enough for the URI limit, each
   * ANDed with the guard. A table's keys are numbers; a view's are strings (its PK_ID joins the
   * source rows' keys with commas), written as quoted literals so that Caspio compares them as the
   * strings they are.
   */
  static List<String> of(CaspioTable table, List<?> keys, String guard) {
    CaspioApi api = table.api();
    int base = api.uriLength(query(table, fragment(List.of("0"), guard)));
    int room = CaspioApi.MAX_URI_LENGTH - base;
    if (room < 0) {
      throw new CaspioException(
          ErrorKind.UNSUPPORTED,
          "The WHERE clause is too long for a Caspio request (over "
              + CaspioApi.MAX_URI_LENGTH
              + " characters)",
          null);
    }
    List<String> items = new ArrayList<>();
    for (Object key : keys) {
      items.add(literal(key));
    }
    // Each further key adds its characters and an encoded comma (at most three characters); a
    // view key's quotes and commas encode longer, which the check of each run below corrects.
    List<List<String>> runs =
        split(
            items,
            room,
            k -> k.length() + 3,
            run -> table.api().fits(query(table, fragment(run, guard))));
    if (runs == null) {
      throw new IllegalStateException("a single key exceeds the URI limit");
    }
    List<String> out = new ArrayList<>();
    for (List<String> run : runs) {
      out.add(fragment(run, guard));
    }
    return out;
  }

  /**
   * Splits items, in order, into runs whose costs add up to at most {@code room}, then checks each
   * run with {@code fits} and halves those the estimate got wrong; null when an item alone does not
   * fit.
   */
  static @Nullable List<List<String>> split(
      List<String> items, int room, ToIntFunction<String> cost, Predicate<List<String>> fits) {
    List<List<String>> estimated = new ArrayList<>();
    List<String> run = new ArrayList<>();
    int used = 0;
    for (String item : items) {
      int c = cost.applyAsInt(item);
      if (!run.isEmpty() && used + c > room) {
        estimated.add(run);
        run = new ArrayList<>();
        used = 0;
      }
      run.add(item);
      used += c;
    }
    if (!run.isEmpty()) {
      estimated.add(run);
    }
    List<List<String>> out = new ArrayList<>();
    for (List<String> r : estimated) {
      if (!checked(r, fits, out)) {
        return null;
      }
    }
    return out;
  }

  private static boolean checked(
      List<String> run, Predicate<List<String>> fits, List<List<String>> out) {
    if (fits.test(run)) {
      out.add(run);
      return true;
    }
    if (run.size() == 1) {
      return false;
    }
    int half = run.size() / 2;
    return checked(run.subList(0, half), fits, out)
        && checked(run.subList(half, run.size()), fits, out);
  }

  /** A key as a {@code q.where} literal: a number as is, a view's string key quoted. */
  private static String literal(Object key) {
    if (key instanceof Number n) {
      return Long.toString(n.longValue());
    }
    return "'" + String.valueOf(key).replace("'", "''") + "'";
  }

  private static String fragment(List<String> keys, String guard) {
    String in = "PK_ID IN (" + String.join(",", keys) + ")";
    return guard == null ? in : in + " AND (" + guard + ")";
  }

  private static RecordQuery query(CaspioTable table, String where) {
    return RecordQuery.of(table.kind(), table.caspioName()).where(where).build();
  }
}
