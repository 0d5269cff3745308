/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

/** Whether a named Caspio object is a table or a view; they live under different paths. */
public enum ObjectKind {
  /** A table: {@code /tables/{name}}. */
  TABLE("tables"),
  /** A view: {@code /views/{name}}; its {@code PK_ID} is a comma-separated string. */
  VIEW("views");

  private final String segment;

  ObjectKind(String segment) {
    this.segment = segment;
  }

  /**
   * The collection path segment ({@code tables}, {@code views}), as requests and EXPLAIN name it.
   */
  public String segment() {
    return segment;
  }
}
