/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

/**
 * Counts requests sent to the OAuth token endpoint by the current thread, so the REST layer can
 * charge a token renewal to the statement whose request needed it. A renewal runs on the thread of
 * the request that found the token stale (others wait for it), so the thread is the right key.
 */
public final class TokenRequests {
  private static final ThreadLocal<long[]> ON_THREAD = ThreadLocal.withInitial(() -> new long[1]);

  private TokenRequests() {}

  /** Token requests this thread has sent since it started; only differences mean anything. */
  public static long onThisThread() {
    return ON_THREAD.get()[0];
  }

  /** Called once per token request attempt actually sent. */
  static void sent() {
    ON_THREAD.get()[0]++;
  }
}
