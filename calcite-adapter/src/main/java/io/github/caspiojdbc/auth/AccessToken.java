/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token and when it expires. {@link #toString()} never shows the token.
 *
 * @param value the token as sent in {@code Authorization: Bearer}
 * @param expiresAt when it expires, or null when unknown (a pre-issued opaque token)
 */
record AccessToken(String value, Instant expiresAt) {

  AccessToken {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return "AccessToken[value=" + Redaction.MASK + ", expiresAt=" + expiresAt + "]";
  }
}
