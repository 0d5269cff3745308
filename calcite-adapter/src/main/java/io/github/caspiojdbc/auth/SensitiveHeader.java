/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import java.util.Objects;
import org.apache.hc.core5.http.Header;

/**
 * A request header whose value is a credential. HttpClient writes it to the wire through {@link
 * #getValue()}, but its header logger ({@code org.apache.hc.client5.http.headers}) prints headers
 * through {@link #toString()}, which masks the value; {@link #isSensitive()} also tells HttpClient
 * 5.5+ not to carry it across a redirect to another host.
 */
final class SensitiveHeader implements Header {
  private final String name;
  private final String value;

  SensitiveHeader(String name, String value) {
    this.name = Objects.requireNonNull(name, "name");
    this.value = Objects.requireNonNull(value, "value");
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public String getValue() {
    return value;
  }

  @Override
  public boolean isSensitive() {
    return true;
  }

  @Override
  public String toString() {
    return name + ": " + Redaction.MASK;
  }
}
