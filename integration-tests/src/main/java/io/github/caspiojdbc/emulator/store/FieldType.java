/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import java.util.Locale;

/** Caspio field types with their v2/v3 {@code "Type"} tokens (caspio-api.md section 3.3). */
public enum FieldType {
  AUTONUMBER("AUTONUMBER", true),
  PREFIXED_AUTONUMBER("PREFIXED AUTONUMBER", true),
  GUID("GUID", true),
  RANDOM_ID("RANDOM ID", true),
  STRING("STRING", false),
  TEXT("TEXT", false),
  PASSWORD("PASSWORD", false),
  NUMBER("NUMBER", false),
  INTEGER("INTEGER", false),
  CURRENCY("CURRENCY", false),
  DATE_TIME("DATE/TIME", false),
  YES_NO("YES/NO", false),
  FILE("FILE", false),
  TIMESTAMP("TIMESTAMP", true),
  LIST_STRING("LIST-STRING", false),
  LIST_NUMBER("LIST-NUMBER", false),
  LIST_DATE_TIME("LIST-DATE/TIME", false),
  /**
   * A file attached to each record (v3 only, caspio-api.md 3.7), held by {@link AttachmentArea}.
   * Counted as {@link #generated} because a record body must never carry it: only the attachment
   * endpoints write it, so records calls refuse it as they refuse an autonumber. Strict choice:
   * record rows show it as {@code null} always, because what Caspio shows there is not documented
   * and a null gives a driver no shape to come to depend on.
   */
  ATTACHMENT("ATTACHMENT", true);

  private final String token;
  private final boolean generated;

  FieldType(String token, boolean generated) {
    this.token = token;
    this.generated = generated;
  }

  /** The token Caspio shows in field definitions, e.g. {@code "DATE/TIME"}. */
  public String token() {
    return token;
  }

  /**
   * Whether a record body must never carry the value: the server fills it, or (ATTACHMENT) only
   * other endpoints write it.
   */
  public boolean generated() {
    return generated;
  }

  /** Whether values are sets of list item ids. */
  public boolean isList() {
    return this == LIST_STRING || this == LIST_NUMBER || this == LIST_DATE_TIME;
  }

  /** Whether values are text (so unset values default to the empty string). */
  boolean isText() {
    return this == STRING || this == TEXT;
  }

  /**
   * Looks a type up by its token, ignoring case.
   *
   * @throws IllegalArgumentException for an unknown token
   */
  public static FieldType ofToken(String token) {
    String wanted = token.trim().toUpperCase(Locale.ROOT);
    for (FieldType t : values()) {
      if (t.token.equals(wanted)) {
        return t;
      }
    }
    throw new IllegalArgumentException("Unknown Caspio field type: " + token);
  }
}
