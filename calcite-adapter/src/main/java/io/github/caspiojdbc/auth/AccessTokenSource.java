/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

/**
 * Where the REST client gets the bearer token for each request. The seam between {@code auth} and
 * {@code rest}.
 */
public interface AccessTokenSource {

  /**
   * A currently valid access token, obtaining or refreshing one when needed. Blocks only while no
   * valid token exists.
   *
   * @throws io.github.caspiojdbc.error.CaspioException with kind AUTHENTICATION when the
   *     credentials are rejected, CONNECTION_FAILED when the token endpoint cannot be reached
   */
  String accessToken();

  /**
   * Tells the source that the API answered 401 to {@code rejectedToken}, so the next {@link
   * #accessToken()} obtains a new one. A token other than the current one is ignored, so that many
   * callers reporting the same stale token cause one renewal.
   */
  void invalidate(String rejectedToken);

  /**
   * What stands for the credentials behind this source: two sources with the same identity hand out
   * the same tokens, so what one may see (cached replies) the other may see too. A lease on a
   * shared token manager answers the manager, so every connection with the same credentials has one
   * identity, and it goes away when the last of them closes.
   */
  default Object identity() {
    return this;
  }
}
