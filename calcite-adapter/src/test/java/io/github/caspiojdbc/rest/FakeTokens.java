/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import io.github.caspiojdbc.auth.AccessTokenSource;
import java.util.concurrent.atomic.AtomicInteger;

/** A token source that hands out {@code tok-1}, {@code tok-2}, … and counts renewals. */
final class FakeTokens implements AccessTokenSource {
  private final AtomicInteger generation = new AtomicInteger(1);
  final AtomicInteger invalidations = new AtomicInteger();

  @Override
  public String accessToken() {
    return "tok-" + generation.get();
  }

  @Override
  public void invalidate(String rejectedToken) {
    invalidations.incrementAndGet();
    generation.compareAndSet(Integer.parseInt(rejectedToken.substring(4)), generation.get() + 1);
  }
}
