/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import io.github.caspiojdbc.emulator.store.ApiVersion;
import io.github.caspiojdbc.emulator.store.CaspioStore;
import io.github.caspiojdbc.emulator.store.ObjectKind;

/**
 * REST v2 below {@value #PREFIX}: the shared resource tree, with v2's field definitions and without
 * what v3 added (view fields, pagination info). A v3-only parameter is ignored here like any
 * unknown one.
 */
final class V2Router extends ResourceRouter {
  static final String PREFIX = "/rest/v2";

  V2Router(CaspioStore store) {
    super(store, ApiVersion.V2);
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
