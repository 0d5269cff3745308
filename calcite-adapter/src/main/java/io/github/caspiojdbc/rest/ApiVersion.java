/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

/** Which generation of Caspio's REST API to call; both share the token endpoint and paths. */
public enum ApiVersion {
  /** REST v3, the default: note the extra {@code /integrations} segment. */
  V3("/integrations/rest/v3"),
  /** REST v2, deprecated by Caspio but still served by older accounts. */
  V2("/rest/v2");

  private final String basePath;

  ApiVersion(String basePath) {
    this.basePath = basePath;
  }

  /** The path prefix under the account host, without a trailing slash. */
  public String basePath() {
    return basePath;
  }
}
