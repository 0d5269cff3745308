/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.arch.bad.retry;

import org.apache.calcite.rel.RelNode;

/** Fixture: a lower layer that reaches up into Calcite. */
public final class RetryPlans {
  private RetryPlans() {}

  /** Names a Calcite type. */
  public static boolean retryable(RelNode plan) {
    return plan != null;
  }
}
