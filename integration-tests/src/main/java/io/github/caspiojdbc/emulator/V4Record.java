/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.caspiojdbc.emulator.store.CaspioStore;
import io.github.caspiojdbc.emulator.store.ObjectKind;
import io.github.caspiojdbc.emulator.store.RecordQuery;
import io.github.caspiojdbc.emulator.store.WriteResult;
import java.util.Set;

/**
 * REST v4's {@code GET/PUT/PATCH/DELETE …/tables/{t}/records/{pkId}} (research notes 8.3), as v3
 * calls with {@code PK_ID = pkId} as the where, so values and errors are v3's. A record that does
 * not exist is 404 {@code ObjectNotFound} (v3's set-based calls would answer 0 rows instead). PUT
 * and PATCH are the same partial update; see {@link V4Records} for why.
 */
final class V4Record {
  private V4Record() {}

  static Reply route(CaspioStore store, ApiCall call, String table, long pk) {
    String where = "PK_ID = " + pk;
    switch (call.method()) {
      case "GET":
        {
          V4Params.of(call.query(), Set.of());
          RecordQuery q = new RecordQuery(null, where, null, null, 1, null, null, false);
          ArrayNode rows = store.query(ObjectKind.TABLE, table, q).rows();
          if (rows.isEmpty()) {
            throw missing(table, pk);
          }
          return V4Router.data(rows.get(0));
        }
      case "PUT":
      case "PATCH":
        {
          boolean echo = V4Params.of(call.query(), V4Params.WRITE).flag("echo");
          WriteResult written =
              store.update(
                  ObjectKind.TABLE,
                  table,
                  where,
                  V4Records.object(V4Records.body(call.body())),
                  echo);
          if (written.recordsAffected() == 0) {
            throw missing(table, pk);
          }
          return V4Records.affected(written.recordsAffected(), echo ? written.rows() : null, 200);
        }
      case "DELETE":
        {
          V4Params.of(call.query(), Set.of());
          int n = store.delete(ObjectKind.TABLE, table, where);
          if (n == 0) {
            throw missing(table, pk);
          }
          return V4Records.affected(n, null, 200);
        }
      default:
        throw ApiException.methodNotAllowed("GET, PUT, PATCH, DELETE");
    }
  }

  private static ApiException missing(String table, long pk) {
    return new ApiException(
        404, "ObjectNotFound", "Record with PK_ID " + pk + " not found in " + table + ".");
  }
}
