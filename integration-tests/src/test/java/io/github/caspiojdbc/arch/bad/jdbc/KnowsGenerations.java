/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.arch.bad.jdbc;

import io.github.caspiojdbc.arch.bad.adapter.CallsTheDriver;
import io.github.caspiojdbc.arch.bad.rest.ApiVersion;
import io.github.caspiojdbc.arch.bad.rest.RestV9;

/** Fixture: a driver class that branches on the generation and names one. */
public final class KnowsGenerations {
  private KnowsGenerations() {}

  /** Branches on a constant and names an implementation. */
  public static String label(ApiVersion v) {
    if (v == ApiVersion.V9) {
      return new RestV9().basePath();
    }
    return CallsTheDriver.class.getSimpleName();
  }
}
