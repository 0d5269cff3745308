/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import io.github.caspiojdbc.emulator.store.ApiVersion;
import io.github.caspiojdbc.emulator.store.CaspioStore;
import io.github.caspiojdbc.emulator.store.ObjectKind;
import io.github.caspiojdbc.emulator.store.RecordQuery;
import io.github.caspiojdbc.emulator.store.Switches;

/**
 * REST v2 below {@value #PREFIX}: the shared resource tree, with v2's field definitions and without
 * what v3 added (view fields, pagination info). A v3-only parameter is unknown here, ignored or
 * refused as {@link Switches.UnknownQueryParam} says; whether {@code select *} rows carry {@code
 * PK_ID} is the {@link Switches.V2PkId} switch.
 */
final class V2Router extends ResourceRouter {
  static final String PREFIX = "/rest/v2";

  private final CaspioStore store;

  V2Router(CaspioStore store) {
    super(store, ApiVersion.V2);
    this.store = store;
  }

  /** Under {@link Switches.V2PkId#OMITTED}, a read without a select list (or with {@code *}). */
  @Override
  boolean omitsKey(RecordQuery q) {
    return store.switches().v2PkId() == Switches.V2PkId.OMITTED
        && (q.select() == null || q.select().isBlank() || q.select().trim().equals("*"));
  }

  @Override
  public String prefix() {
    return PREFIX;
  }

  @Override
  Reply fields(ApiCall call, ObjectKind kind, String name) {
    if (kind == ObjectKind.VIEW) {
      throw ApiException.notFound(); // view fields are new in v3 (notes 3.5)
    }
    return super.fields(call, kind, name);
  }
}
