/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Field definitions as {@code GET …/fields} renders them (caspio-api.md 3.2): v3 gives every {@code
 * BaseColumnResult} key for every field; v2 gives the common keys plus only the type-specific ones
 * that apply, and no {@code Editable}. View fields add {@code TableFieldName}.
 */
final class FieldJson {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private FieldJson() {}

  static ArrayNode table(TableModel t, ApiVersion version) {
    ArrayNode out = JSON.arrayNode();
    int order = 1;
    for (FieldDef f : t.def.fields()) {
      // An ATTACHMENT field says Editable false: records calls cannot write it (strict choice; the
      // notes do not say what Caspio shows).
      out.add(field(f, order++, version, !f.readOnly(), null));
    }
    return out;
  }

  static ArrayNode view(ViewModel v, ApiVersion version) {
    ArrayNode out = JSON.arrayNode();
    int order = 1;
    for (ViewModel.ViewField f : v.fields) {
      FieldDef d = f.asViewField();
      String base = f.table().name() + "." + f.field().name();
      out.add(field(d, order++, version, v.writable() && !d.readOnly(), base));
    }
    return out;
  }

  private static ObjectNode field(
      FieldDef f, int order, ApiVersion version, boolean editable, String tableField) {
    ObjectNode o = JSON.objectNode();
    o.put("Name", f.name());
    o.put("Type", f.type().token());
    o.put("Unique", f.unique());
    if (version == ApiVersion.V3) {
      o.put("Editable", editable);
    }
    o.put("Description", f.description());
    o.put("DisplayOrder", order);
    o.put("Label", f.label());
    o.put("UniqueAllowNulls", f.uniqueAllowNulls());
    o.put("IsFormula", f.formula() != null);
    boolean v3 = version == ApiVersion.V3;
    boolean stamp = f.type() == FieldType.TIMESTAMP;
    if (v3 || stamp) {
      o.put("OnInsert", f.onInsert());
      o.put("OnUpdate", f.onUpdate());
      o.put("TimeZone", f.timeZone());
    }
    boolean generator =
        f.type() == FieldType.RANDOM_ID || f.type() == FieldType.PREFIXED_AUTONUMBER;
    if (v3 || generator) {
      o.put("Format", f.format());
      o.put("Prefix", f.prefix());
      o.put("Length", f.type() == FieldType.RANDOM_ID && f.length() <= 0 ? 12 : f.length());
    }
    if (f.type().isList()) {
      ObjectNode items = o.putObject("ListField");
      List<String> values = f.listItems();
      for (int i = 0; i < values.size(); i++) {
        items.put(Integer.toString(i + 1), values.get(i));
      }
    } else if (v3) {
      o.putNull("ListField");
    }
    if (v3) {
      o.putArray("AttachmentPermittedFileTypes");
      o.put("AttachmentMinFileSize", 0);
      o.put("AttachmentMaxFileSize", 0);
      o.put("AttachmentSmartResizer", false);
      o.put("AttachmentSmartResizerForRetina", false);
      o.put("AttachmentAltText", "");
      o.put("AttachmentTitle", "");
    }
    if (tableField != null) {
      o.put("TableFieldName", tableField);
    }
    return o;
  }
}
