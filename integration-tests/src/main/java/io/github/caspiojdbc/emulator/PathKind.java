/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

/**
 * Coarse classes of request paths, used by the request log's counters. The classes are shared by
 * every API generation; which path falls in which is told by the generation's {@code ApiRouter}.
 */
public enum PathKind {
  /** {@code /oauth/token}. */
  TOKEN,
  /**
   * Table schema calls: {@code /tables}, {@code /tables/{t}}, {@code /tables/{t}/fields}, and v4's
   * {@code /schemas} (every table and view at once) and below.
   */
  TABLE_SCHEMA,
  /** View schema calls: {@code /views}, {@code /views/{v}}, {@code /views/{v}/fields}. */
  VIEW_SCHEMA,
  /**
   * {@code /tables/{t}/records} and {@code /views/{v}/records}, and below them v4's {@code /bulk}
   * and {@code /{pkId}}.
   */
  RECORDS,
  /** {@code /tables/{t}/passwordFields} and below. */
  PASSWORD_FIELDS,
  /** v3's Files area: {@code /files} and below (folders, contents, file info). */
  FILES,
  /**
   * v3's attachment-field calls: {@code /tables/{t}/attachments} and {@code /views/{v}/attachments}
   * and below (download, upload, delete, file info, rename).
   */
  ATTACHMENTS,
  /** Anything else, including v4's {@code /me} and unknown paths. */
  OTHER
}
