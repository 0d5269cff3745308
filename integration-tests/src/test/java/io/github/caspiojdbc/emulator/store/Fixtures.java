/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

/** Shared fixtures: a table with one field of every Caspio type, and JSON helpers. */
final class Fixtures {
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** The instant every timestamp is stamped with: 2024-02-29T23:59:59Z. */
  static final Instant NOW = Instant.parse("2024-02-29T23:59:59Z");

  private Fixtures() {}

  /** Every type, plus a formula, a field named like an H2 keyword and a unique allowing nulls. */
  static TableDef itemsTable() {
    return new TableDef(
        "Items",
        "Every Caspio type",
        List.of(
            FieldDef.of("Auto", FieldType.AUTONUMBER),
            FieldDef.of("Code", FieldType.PREFIXED_AUTONUMBER).withGenerator("IT-", "001", 0),
            FieldDef.of("Guid", FieldType.GUID),
            FieldDef.of("Rid", FieldType.RANDOM_ID).withGenerator("R", "0", 8),
            FieldDef.of("Title", FieldType.STRING),
            FieldDef.of("Body", FieldType.TEXT),
            FieldDef.of("Secret", FieldType.PASSWORD),
            FieldDef.of("Amount", FieldType.NUMBER),
            FieldDef.of("Qty", FieldType.INTEGER),
            FieldDef.of("Price", FieldType.CURRENCY),
            FieldDef.of("Due", FieldType.DATE_TIME),
            FieldDef.of("Flag", FieldType.YES_NO),
            FieldDef.of("Doc", FieldType.FILE),
            FieldDef.of("Stamp", FieldType.TIMESTAMP).withStamp(true, true, "UTC"),
            FieldDef.list("Tags", FieldType.LIST_STRING, "red", "green", "blue"),
            FieldDef.list("Sizes", FieldType.LIST_NUMBER, "36", "38"),
            FieldDef.list("Days", FieldType.LIST_DATE_TIME, "2024-01-01T00:00:00"),
            FieldDef.formula("Total", FieldType.CURRENCY, "Qty * Price"),
            FieldDef.of("Email", FieldType.STRING).withUnique(true),
            FieldDef.of("Year", FieldType.INTEGER)));
  }

  /** An account with {@link #itemsTable()}, a fixed clock and a seeded random source. */
  static CaspioStore itemsStore() {
    CaspioStore store = new CaspioStore(Clock.fixed(NOW, ZoneOffset.UTC), new Random(1));
    store.createTable(itemsTable());
    return store;
  }

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) MAPPER.readTree(text.replace('`', '"'));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode node(String text) {
    try {
      return MAPPER.readTree(text.replace('`', '"'));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RecordQuery where(String where) {
    return new RecordQuery(null, where, null, null, null, null, null, false);
  }

  static RecordQuery select(String select, String where) {
    return new RecordQuery(select, where, null, null, null, null, null, false);
  }
}
