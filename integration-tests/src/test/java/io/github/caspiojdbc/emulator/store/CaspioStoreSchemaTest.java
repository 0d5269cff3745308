/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Schema calls: describe, fields (v2/v3, tables/views) and password field lists. */
class CaspioStoreSchemaTest {

  private static List<String> keys(JsonNode o) {
    List<String> k = new ArrayList<>();
    o.fieldNames().forEachRemaining(k::add);
    return k;
  }

  private static JsonNode field(ArrayNode fields, String name) {
    for (JsonNode f : fields) {
      if (f.get("Name").textValue().equals(name)) {
        return f;
      }
    }
    throw new AssertionError("no field " + name);
  }

  @Test
  void fields_v3_everyBaseColumnResultKeyAndNoPkId() {
    try (CaspioStore s = Fixtures.itemsStore()) {
      ArrayNode fields = s.fields(ObjectKind.TABLE, "ITEMS", ApiVersion.V3);
      assertEquals(Fixtures.itemsTable().fields().size(), fields.size());
      fields.forEach(f -> assertFalse(f.get("Name").textValue().equals("PK_ID")));
      assertEquals(
          List.of(
              "Name",
              "Type",
              "Unique",
              "Editable",
              "Description",
              "DisplayOrder",
              "Label",
              "UniqueAllowNulls",
              "IsFormula",
              "OnInsert",
              "OnUpdate",
              "TimeZone",
              "Format",
              "Prefix",
              "Length",
              "ListField",
              "AttachmentPermittedFileTypes",
              "AttachmentMinFileSize",
              "AttachmentMaxFileSize",
              "AttachmentSmartResizer",
              "AttachmentSmartResizerForRetina",
              "AttachmentAltText",
              "AttachmentTitle"),
          keys(field(fields, "Title")));
      JsonNode total = field(fields, "Total");
      assertEquals("CURRENCY", total.get("Type").textValue());
      assertTrue(total.get("IsFormula").booleanValue());
      assertFalse(total.get("Editable").booleanValue());
      assertEquals(
          Fixtures.node("{`1`:`red`,`2`:`green`,`3`:`blue`}"),
          field(fields, "Tags").get("ListField"));
      assertEquals(1, field(fields, "Auto").get("DisplayOrder").intValue());
      assertTrue(field(fields, "Auto").get("Unique").booleanValue());
      assertTrue(field(fields, "Email").get("UniqueAllowNulls").booleanValue());
    }
  }

  /** Field | type token | keys v2 adds beyond the common ones. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Title | STRING              | ",
        "Rid   | RANDOM ID           | Format Prefix Length",
        "Code  | PREFIXED AUTONUMBER | Format Prefix Length",
        "Stamp | TIMESTAMP           | OnInsert OnUpdate TimeZone",
        "Tags  | LIST-STRING         | ListField",
        "Sizes | LIST-NUMBER         | ListField",
        "Days  | LIST-DATE/TIME      | ListField",
        "Due   | DATE/TIME           | ",
        "Flag  | YES/NO              | ",
        "Secret| PASSWORD            | ",
      })
  void fields_v2_onlyTypeSpecificKeysThatApply(String name, String token, String extra) {
    try (CaspioStore s = Fixtures.itemsStore()) {
      JsonNode f = field(s.fields(ObjectKind.TABLE, "Items", ApiVersion.V2), name);
      assertEquals(token, f.get("Type").textValue());
      List<String> expected =
          new ArrayList<>(
              List.of(
                  "Name",
                  "Type",
                  "Unique",
                  "Description",
                  "DisplayOrder",
                  "Label",
                  "UniqueAllowNulls",
                  "IsFormula"));
      if (extra != null) {
        expected.addAll(List.of(extra.trim().split(" ")));
      }
      assertEquals(expected, keys(f));
    }
  }

  @Test
  void fields_view_addTableFieldNameAndEditability() {
    try (CaspioStore s = CaspioStore.withSampleData(1, 100)) {
      ArrayNode joined = s.fields(ObjectKind.VIEW, "OrderDetails", ApiVersion.V3);
      JsonNode name = field(joined, "Customer_Name");
      assertEquals("Customers.Name", name.get("TableFieldName").textValue());
      assertEquals("STRING", name.get("Type").textValue());
      assertFalse(name.get("Editable").booleanValue());
      JsonNode status = field(s.fields(ObjectKind.VIEW, "OpenOrders", ApiVersion.V3), "Status");
      assertTrue(status.get("Editable").booleanValue());
      assertEquals("Orders.Status", status.get("TableFieldName").textValue());
    }
  }

  @Test
  void describe_tableAndView_nameInDeclaredCaseAndNote() {
    try (CaspioStore s = CaspioStore.withSampleData(1, 100)) {
      JsonNode t = s.describe(ObjectKind.TABLE, "customers");
      assertEquals(
          Fixtures.node(
              "{`Name`:`Customers`,`Note`:`People and companies that buy from the shop`}"),
          t);
      assertEquals(
          Fixtures.node("{`Name`:`OpenOrders`,`Note`:``}"),
          s.describe(ObjectKind.VIEW, "OPENORDERS"));
      assertEquals(List.of("Password"), s.passwordFields("CUSTOMERS"));
      assertEquals(List.of(), s.passwordFields("Orders"));
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"TABLE, Nope", "VIEW, Nope", "VIEW, Customers", "TABLE, OrderDetails"})
  void schemaCalls_unknownObject_objectNotFound(ObjectKind kind, String name) {
    try (CaspioStore s = CaspioStore.withSampleData(1, 100)) {
      StoreException d = assertThrows(StoreException.class, () -> s.describe(kind, name));
      assertEquals(404, d.status());
      assertEquals("ObjectNotFound", d.code());
      StoreException f =
          assertThrows(StoreException.class, () -> s.fields(kind, name, ApiVersion.V3));
      assertEquals("ObjectNotFound", f.code());
    }
  }

  @Test
  void createTable_duplicateNameInAnyCase_refused() {
    try (CaspioStore s = CaspioStore.inMemory()) {
      s.createTable(TableDef.of("A", FieldDef.of("X", FieldType.STRING)));
      assertThrows(
          IllegalArgumentException.class,
          () -> s.createTable(TableDef.of("a", FieldDef.of("X", FieldType.STRING))));
      assertThrows(
          IllegalArgumentException.class,
          () -> TableDef.of("B", FieldDef.of("pk_id", FieldType.STRING)));
      assertThrows(
          IllegalArgumentException.class,
          () ->
              TableDef.of(
                  "B", FieldDef.of("x", FieldType.STRING), FieldDef.of("X", FieldType.TEXT)));
    }
  }
}
