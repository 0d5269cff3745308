/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import java.util.Locale;

/**
 * Selects the generation of Caspio's REST API that {@link CaspioApiConfig} talks to. Callers choose
 * one by name ({@link #named}) and may show what it reports, but what a generation means lives in
 * its package-private {@code ApiGeneration}; nothing outside this package needs to compare
 * constants.
 */
public enum ApiVersion {
  /** REST v3, the default. */
  V3(new RestV3()),
  /** REST v2, deprecated by Caspio but still served by older accounts. */
  V2(new RestV2());

  private final ApiGeneration generation;

  ApiVersion(ApiGeneration generation) {
    this.generation = generation;
  }

  /**
   * The generation with this name, ignoring case ({@code v3}, {@code V2}).
   *
   * @throws IllegalArgumentException for a name no constant has
   */
  public static ApiVersion named(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** The path prefix under the account host, without a trailing slash. */
  public String basePath() {
    return generation.basePath();
  }

  /**
   * The server product version as {@code DatabaseMetaData} reports it, e.g. {@code REST API v3}.
   */
  public String productVersion() {
    return generation.productVersion();
  }

  /** The generation's number, as {@code DatabaseMetaData} reports it. */
  public int majorVersion() {
    return generation.majorVersion();
  }

  ApiGeneration generation() {
    return generation;
  }
}
