/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import java.util.function.Function;

/**
 * What a records call addresses: a table, or a view together with the base table its writes land
 * in. Reads and writes both need to know how to name, order and render the object, and a view
 * answers those differently from a table; this record is where the difference is settled once.
 *
 * @param sqlName the H2 object to select from
 * @param star the column list of {@code select *}
 * @param keyColumn the column holding the base table's PK_ID
 * @param defaultOrder ORDER BY text that keeps paging stable when the client gives none
 * @param table the table written to (a view's base table)
 * @param view the view, or {@code null} for a table
 * @param fieldByLabel the field definition that renders a result column, or {@code null}
 */
record Target(
    String sqlName,
    String star,
    String keyColumn,
    String defaultOrder,
    TableModel table,
    ViewModel view,
    Function<String, FieldDef> fieldByLabel) {

  static Target of(TableModel t) {
    return new Target(
        t.name(), t.starColumns(), "PK_ID", "\"PK_ID\"", t, null, label -> t.field(label));
  }

  static Target of(ViewModel v) {
    return new Target(
        v.name(),
        v.starColumns(),
        ViewModel.ORDER_COLUMN,
        // The base table's PK_ID alone keeps H2 on the base table's primary-key order.
        "\"" + ViewModel.ORDER_COLUMN + "\"",
        v.baseTable(),
        v,
        label -> {
          ViewModel.ViewField f = v.field(label);
          return f == null ? null : f.asViewField();
        });
  }

  /** This target, when records may be written through it. */
  Target requireWritable() {
    if (view != null && !view.writable()) {
      // Strict choice: Caspio refuses writes through multi-table views unless a table was made
      // editable in the view designer, which this emulator does not model.
      throw new StoreException(
          400,
          "AlterReadOnlyData",
          "View '" + view.name() + "' joins several tables and is read-only");
    }
    return this;
  }
}
