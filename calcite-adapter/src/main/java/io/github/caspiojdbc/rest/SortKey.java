/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import java.util.Objects;

/**
 * One item of {@code q.orderBy}.
 *
 * @param expression a field name, alias or expression, rendered verbatim
 * @param descending whether to sort descending
 */
public record SortKey(String expression, boolean descending) {
  /** Checks the expression. */
  public SortKey {
    Objects.requireNonNull(expression, "expression");
    if (expression.isBlank()) {
      throw new IllegalArgumentException("blank sort expression");
    }
  }

  /** An ascending key. */
  public static SortKey asc(String expression) {
    return new SortKey(expression, false);
  }

  /** A descending key. */
  public static SortKey desc(String expression) {
    return new SortKey(expression, true);
  }

  /** The form Caspio expects, for example {@code Name DESC}. */
  String render() {
    return expression + (descending ? " DESC" : " ASC");
  }
}
