/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The names a fragment may use, derived from the schema. Three scopes need them: a client's query
 * sees the whole account, a formula sees only its own table, and a view's filter sees only the
 * view's tables. Keeping their derivation here, apart from the schema's bookkeeping, lets each
 * scope be built the same way and handed to a fresh {@link FragmentRewriter}.
 *
 * @param fields every usable field name, lower-cased, to its declared casing
 * @param objects every table name, and {@code _v_<view>} for views, lower-cased, to the H2 name
 * @param passwords lower-cased names of password fields, which may never be named
 * @param textFields lower-cased names that denote a text field wherever they occur
 * @param yesNoFields lower-cased names that denote a Yes/No field wherever they occur
 */
record FragmentNames(
    Map<String, String> fields,
    Map<String, String> objects,
    Set<String> passwords,
    Set<String> textFields,
    Set<String> yesNoFields) {

  /** No schema yet. */
  static final FragmentNames EMPTY =
      new FragmentNames(Map.of(), Map.of(), Set.of(), Set.of(), Set.of());

  /** A rewriter for one fragment set (it collects that query's aliases, so it is not shared). */
  FragmentRewriter rewriter() {
    return new FragmentRewriter(fields, objects, passwords, textFields, yesNoFields);
  }

  /** What a client's fragments may name: every table, view and field of the account. */
  static FragmentNames ofAccount(List<TableModel> tables, List<ViewModel> views) {
    Map<String, String> fields = new HashMap<>();
    Map<String, String> objects = new HashMap<>();
    Set<String> passwords = new HashSet<>();
    fields.put("pk_id", "PK_ID");
    for (TableModel t : tables) {
      objects.put(t.name().toLowerCase(Locale.ROOT), t.name());
      for (FieldDef f : t.def.fields()) {
        String lower = f.name().toLowerCase(Locale.ROOT);
        if (f.type() == FieldType.PASSWORD) {
          passwords.add(lower);
        } else {
          fields.putIfAbsent(lower, f.name());
        }
      }
    }
    for (ViewModel v : views) {
      objects.put("_v_" + v.name().toLowerCase(Locale.ROOT), v.name());
      v.fields.forEach(f -> fields.putIfAbsent(f.name().toLowerCase(Locale.ROOT), f.name()));
      v.tableKeyColumns().forEach(k -> fields.putIfAbsent(k.toLowerCase(Locale.ROOT), k));
    }
    return new FragmentNames(
        Map.copyOf(fields),
        Map.copyOf(objects),
        Set.copyOf(passwords),
        Set.copyOf(namesOf(tables, views, FragmentNames::isText)),
        Set.copyOf(namesOf(tables, views, FragmentNames::isYesNo)));
  }

  /** What a formula may name: the fields of its own table, nothing else. */
  static FragmentNames ofFormula(TableDef def) {
    Map<String, String> own = new HashMap<>();
    own.put("pk_id", "PK_ID");
    def.fields().forEach(f -> own.put(f.name().toLowerCase(Locale.ROOT), f.name()));
    return new FragmentNames(
        own, Map.of(), Set.of(), Set.of(), namesOf(List.of(def), FragmentNames::isYesNo));
  }

  /** What a view's filter may name: the view's tables and every field of them. */
  static FragmentNames ofViewFilter(List<TableModel> parts) {
    Map<String, String> objects = new HashMap<>();
    Map<String, String> fields = new HashMap<>();
    fields.put("pk_id", "PK_ID");
    for (TableModel t : parts) {
      objects.put(t.name().toLowerCase(Locale.ROOT), t.name());
      t.def.fields().forEach(f -> fields.put(f.name().toLowerCase(Locale.ROOT), f.name()));
    }
    return new FragmentNames(
        fields,
        objects,
        Set.of(),
        namesOf(parts, List.of(), FragmentNames::isText),
        namesOf(parts, List.of(), FragmentNames::isYesNo));
  }

  /**
   * Names that denote a field of one kind in every table and view declaring them: a name that is
   * text (or Yes/No) in one place and not in another must not be rewritten as such anywhere.
   */
  private static Set<String> namesOf(
      List<TableModel> tables, List<ViewModel> views, Predicate<FieldDef> kind) {
    Set<String> named = new HashSet<>();
    Set<String> other = new HashSet<>();
    for (TableModel t : tables) {
      for (FieldDef f : t.def.fields()) {
        (kind.test(f) ? named : other).add(f.name().toLowerCase(Locale.ROOT));
      }
    }
    for (ViewModel v : views) {
      for (ViewModel.ViewField f : v.fields) {
        (kind.test(f.field()) ? named : other).add(f.name().toLowerCase(Locale.ROOT));
      }
    }
    named.removeAll(other);
    return named;
  }

  /** The formula's own table only: a one-table form of {@link #namesOf(List, List, Predicate)}. */
  private static Set<String> namesOf(List<TableDef> defs, Predicate<FieldDef> kind) {
    Set<String> named = new HashSet<>();
    for (TableDef d : defs) {
      d.fields().stream().filter(kind).forEach(f -> named.add(f.name().toLowerCase(Locale.ROOT)));
    }
    return Set.copyOf(named);
  }

  private static boolean isYesNo(FieldDef f) {
    return f.formula() == null && f.type() == FieldType.YES_NO;
  }

  private static boolean isText(FieldDef f) {
    return f.formula() == null
        && (f.type().isText()
            || f.type() == FieldType.FILE
            || f.type() == FieldType.RANDOM_ID
            || f.type() == FieldType.PREFIXED_AUTONUMBER
            || f.type() == FieldType.GUID);
  }
}
