/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.arch.bad.adapter;

import io.github.caspiojdbc.arch.bad.jdbc.KnowsGenerations;

/** Fixture: the adapter calling up into the driver, which closes a cycle. */
public final class CallsTheDriver {
  private CallsTheDriver() {}

  /** Reaches up. */
  public static String up() {
    return KnowsGenerations.label(null);
  }
}
