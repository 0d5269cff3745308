/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

/**
 * The OAuth token endpoint as the token manager sees it: two grants, each either a token or a
 * {@link io.github.caspiojdbc.error.CaspioException}. Retries, if any, happen inside.
 */
interface TokenEndpoint {

  /**
   * A token for {@code grant_type=client_credentials}.
   *
   * @param retry whether transient failures are retried; a proactive renewal, made while the
   *     current token is still valid, tries once so that its caller is not held up by backoff
   */
  TokenResponse clientCredentials(boolean retry);

  /**
   * A token for {@code grant_type=refresh_token}.
   *
   * @param retry as for {@link #clientCredentials(boolean)}
   */
  TokenResponse refresh(String refreshToken, boolean retry);
}
