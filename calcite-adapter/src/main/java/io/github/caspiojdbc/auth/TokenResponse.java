/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import java.util.Objects;

/**
 * What a successful token request returned. {@link #toString()} never shows the tokens.
 *
 * @param accessToken the new access token
 * @param refreshToken the refresh token the server returned, or null when it returned none
 */
record TokenResponse(AccessToken accessToken, String refreshToken) {

  TokenResponse {
    Objects.requireNonNull(accessToken, "accessToken");
  }

  @Override
  public String toString() {
    return "TokenResponse[accessToken="
        + accessToken
        + ", refreshToken="
        + Redaction.mask(refreshToken)
        + "]";
  }
}
