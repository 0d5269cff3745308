/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The account's schema: which tables and views exist, their definitions as the schema calls render
 * them, and the names fragments may use. Records never pass through here; reads and writes ask it
 * only for a {@link Target} and a {@link FragmentRewriter}, so the schema can grow (new object
 * kinds, schema endpoints of later API generations) without touching the record paths.
 */
final class Schema {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Database db;
  private final Object writeLock;
  private final Map<String, TableModel> tables = new ConcurrentHashMap<>();
  private final Map<String, ViewModel> views = new ConcurrentHashMap<>();
  private final List<TableModel> tableOrder = new CopyOnWriteArrayList<>();
  private final List<ViewModel> viewOrder = new CopyOnWriteArrayList<>();
  private volatile FragmentNames names = FragmentNames.EMPTY;

  /**
   * @param writeLock the lock that writes hold too: a schema change never interleaves with one
   */
  Schema(Database db, Object writeLock) {
    this.db = db;
    this.writeLock = writeLock;
  }

  List<String> tableNames() {
    return tableOrder.stream().map(TableModel::name).toList();
  }

  List<String> viewNames() {
    return viewOrder.stream().map(ViewModel::name).toList();
  }

  ObjectNode describe(ObjectKind kind, String name) {
    ObjectNode o = JSON.objectNode();
    if (kind == ObjectKind.TABLE) {
      TableModel t = table(name);
      o.put("Name", t.name());
      o.put("Note", t.def.note());
    } else {
      ViewModel v = view(name);
      o.put("Name", v.name());
      o.put("Note", v.def.note());
    }
    return o;
  }

  ArrayNode fields(ObjectKind kind, String name, ApiVersion version) {
    return kind == ObjectKind.TABLE
        ? FieldJson.table(table(name), version)
        : FieldJson.view(view(name), version);
  }

  List<String> passwordFields(String table) {
    List<String> out = new ArrayList<>();
    table(table).passwordFields().forEach(f -> out.add(f.name()));
    return out;
  }

  void createTable(TableDef def) {
    synchronized (writeLock) {
      String key = requireFreeName(def.name());
      TableModel t = new TableModel(def);
      Map<String, String> formulas = new HashMap<>();
      FragmentNames own = FragmentNames.ofFormula(def);
      for (FieldDef f : def.fields()) {
        if (f.formula() != null) {
          formulas.put(f.name(), own.rewriter().rewrite(f.formula(), Clause.DEFINITION, null));
        }
      }
      try {
        db.ddl(t.ddl(Database.SCHEMA, formulas));
      } catch (SQLException e) {
        throw new IllegalArgumentException("Cannot create table " + def.name(), e);
      }
      tables.put(key, t);
      tableOrder.add(t);
      names = FragmentNames.ofAccount(tableOrder, viewOrder);
    }
  }

  void createView(ViewDef def) {
    synchronized (writeLock) {
      String key = requireFreeName(def.name());
      List<TableModel> parts = new ArrayList<>();
      for (String tn : def.tables()) {
        parts.add(table(tn));
      }
      List<ViewModel.ViewField> fields = new ArrayList<>();
      for (ViewDef.Column col : def.fields()) {
        TableModel t = table(col.table());
        if (!parts.contains(t)) {
          throw new IllegalArgumentException(col.table() + " is not part of view " + def.name());
        }
        FieldDef f = t.field(col.field());
        if (f == null || f.type() == FieldType.PASSWORD) {
          throw new IllegalArgumentException("Cannot expose " + col.table() + "." + col.field());
        }
        fields.add(new ViewModel.ViewField(col.name(), t, f));
      }
      ViewModel v = new ViewModel(def, parts, fields);
      String filter =
          def.filter() == null
              ? null
              : FragmentNames.ofViewFilter(parts)
                  .rewriter()
                  .rewrite(def.filter(), Clause.DEFINITION, null);
      try {
        db.ddl(v.ddl(Database.SCHEMA, filter));
      } catch (SQLException e) {
        throw new IllegalArgumentException("Cannot create view " + def.name(), e);
      }
      views.put(key, v);
      viewOrder.add(v);
      names = FragmentNames.ofAccount(tableOrder, viewOrder);
    }
  }

  /** Tables and views share one namespace, as in SQL Server. */
  private String requireFreeName(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    if (tables.containsKey(key) || views.containsKey(key)) {
      throw new IllegalArgumentException("Object already exists: " + name);
    }
    return key;
  }

  /** A rewriter over the names of the account as it stands now. */
  FragmentRewriter rewriter() {
    return names.rewriter();
  }

  Target target(ObjectKind kind, String name) {
    return kind == ObjectKind.TABLE ? Target.of(table(name)) : Target.of(view(name));
  }

  /**
   * @throws StoreException 404 {@code ObjectNotFound} for an unknown name
   */
  TableModel table(String name) {
    TableModel t = name == null ? null : tables.get(name.toLowerCase(Locale.ROOT));
    if (t == null) {
      throw new StoreException(404, "ObjectNotFound", "Cannot find table '" + name + "'");
    }
    return t;
  }

  private ViewModel view(String name) {
    ViewModel v = name == null ? null : views.get(name.toLowerCase(Locale.ROOT));
    if (v == null) {
      throw new StoreException(404, "ObjectNotFound", "Cannot find view '" + name + "'");
    }
    return v;
  }
}
