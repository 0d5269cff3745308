/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import java.util.function.Function;

/**
 * What a connection does about the cost of its statements in Caspio calls: the budgets.
 *
 * @param maxCallsPerStatement most calls one execution may send, 0 for no limit
 * @param maxCallsPerConnection most calls the connection may send, 0 for no limit
 */
record CallSettings(int maxCallsPerStatement, int maxCallsPerConnection) {

  /** No budgets. */
  static final CallSettings NONE = new CallSettings(0, 0);

  /** The settings from property values ({@code text} gives each value or its default). */
  static CallSettings of(Function<CaspioProperty, String> text) {
    return new CallSettings(
        CaspioProperty.MAX_CALLS_PER_STATEMENT.intValue(
            text.apply(CaspioProperty.MAX_CALLS_PER_STATEMENT)),
        CaspioProperty.MAX_CALLS_PER_CONNECTION.intValue(
            text.apply(CaspioProperty.MAX_CALLS_PER_CONNECTION)));
  }
}
