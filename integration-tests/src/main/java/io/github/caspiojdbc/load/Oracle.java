/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.caspiojdbc.emulator.store.ApiVersion;
import io.github.caspiojdbc.emulator.store.CaspioStore;
import io.github.caspiojdbc.emulator.store.ObjectKind;
import io.github.caspiojdbc.emulator.store.RecordQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers the workload's reads must give, read from the emulator's store directly (never
 * through the driver), once, before any load: the data the reads touch does not change during a
 * run. Writes go to a table of their own, checked after each phase.
 */
final class Oracle {
  /** Customers' names by PK_ID. */
  final Map<Long, String> customerNames = new HashMap<>();

  /** OrderItems rows with Quantity above 0..4. */
  final long[] itemsAbove = new long[5];

  /** Products: row count and the sum of their PK_IDs. */
  final long products;

  final long productKeySum;

  /** Columns the driver lists for Orders: PK_ID and every field. */
  final int orderColumns;

  Oracle(CaspioStore store) {
    for (JsonNode r : all(store, "Customers", "PK_ID,Name")) {
      customerNames.put(
          r.get("PK_ID").asLong(), r.path("Name").isNull() ? null : r.get("Name").asText());
    }
    for (JsonNode r : all(store, "OrderItems", "PK_ID,Quantity")) {
      if (!r.path("Quantity").isNull()) {
        long q = r.get("Quantity").asLong();
        for (int i = 0; i < itemsAbove.length; i++) {
          if (q > i) {
            itemsAbove[i]++;
          }
        }
      }
    }
    long n = 0;
    long sum = 0;
    for (JsonNode r : all(store, "Products", "PK_ID")) {
      n++;
      sum += r.get("PK_ID").asLong();
    }
    products = n;
    productKeySum = sum;
    orderColumns = 1 + store.fields(ObjectKind.TABLE, "Orders", ApiVersion.V3).size();
  }

  private static List<JsonNode> all(CaspioStore store, String table, String select) {
    List<JsonNode> out = new ArrayList<>();
    for (int page = 1; ; page++) {
      var rows =
          store
              .query(
                  ObjectKind.TABLE,
                  table,
                  new RecordQuery(select, null, null, "PK_ID", null, page, 1000, false))
              .rows();
      rows.forEach(out::add);
      if (rows.size() < 1000) {
        return out;
      }
    }
  }
}
