/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

/** Coarse classes of request paths, used by the request log's counters. */
public enum PathKind {
  /** {@code /oauth/token}. */
  TOKEN,
  /** Table schema calls: {@code /tables}, {@code /tables/{t}}, {@code /tables/{t}/fields}. */
  TABLE_SCHEMA,
  /** View schema calls: {@code /views}, {@code /views/{v}}, {@code /views/{v}/fields}. */
  VIEW_SCHEMA,
  /** {@code /tables/{t}/records} and {@code /views/{v}/records}. */
  RECORDS,
  /** {@code /tables/{t}/passwordFields} and below. */
  PASSWORD_FIELDS,
  /** Anything else, including unknown paths. */
  OTHER;

  /** Classifies a request path (without query) as sent by the client. */
  static PathKind of(String path) {
    String p = path.toLowerCase(java.util.Locale.ROOT);
    if (p.equals("/oauth/token") || p.equals("/oauth/token/")) {
      return TOKEN;
    }
    String rest;
    if (p.startsWith(Routes.V3_PREFIX.toLowerCase(java.util.Locale.ROOT) + "/")) {
      rest = p.substring(Routes.V3_PREFIX.length());
    } else if (p.startsWith(Routes.V2_PREFIX + "/")) {
      rest = p.substring(Routes.V2_PREFIX.length());
    } else {
      return OTHER;
    }
    String[] s = rest.substring(1).split("/", -1);
    boolean table = s[0].equals("tables");
    if (!table && !s[0].equals("views")) {
      return OTHER;
    }
    if (s.length >= 3 && s[2].equals("records")) {
      return RECORDS;
    }
    if (table && s.length >= 3 && s[2].equals("passwordfields")) {
      return PASSWORD_FIELDS;
    }
    return table ? TABLE_SCHEMA : VIEW_SCHEMA;
  }
}
