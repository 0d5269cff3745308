/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import java.util.Locale;

/**
 * Selects the generation of Caspio's REST API that {@link CaspioApiConfig} talks to: one fixed
 * generation, or {@link #AUTO}, which uses v4 where the account serves it and v3 otherwise. Callers
 * choose one by name ({@link #named}); what a generation means lives in its package-private {@code
 * ApiGeneration}, and which one a connection settled on is {@link CaspioApi#version()}. Nothing
 * outside this package needs to compare constants.
 */
public enum ApiVersion {
  /**
   * v4 where the account has it, otherwise v3; decided by the account's first schema read (see
   * {@link HttpCaspioApi}) and remembered per account.
   */
  AUTO(new RestV4(new RestV3()), new RestV3()),
  /** REST v4 only: an account without it fails with a clear message. */
  V4(new RestV4(new RestV3()), null),
  /** REST v3. */
  V3(new RestV3(), null),
  /** REST v2, deprecated by Caspio but still served by older accounts. */
  V2(new RestV2(), null);

  private final ApiGeneration first;
  private final ApiGeneration fallback;

  ApiVersion(ApiGeneration first, ApiGeneration fallback) {
    this.first = first;
    this.fallback = fallback;
  }

  /**
   * The selection with this name, ignoring case ({@code auto}, {@code v3}, {@code V2}).
   *
   * @throws IllegalArgumentException for a name no constant has
   */
  public static ApiVersion named(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /**
   * The server product version as {@code DatabaseMetaData} reports it, e.g. {@code REST API v3};
   * for {@link #AUTO}, the name of the choice itself.
   */
  public String productVersion() {
    return fallback == null ? first.productVersion() : "REST API v4 or v3 (auto)";
  }

  /** The generation's number, as {@code DatabaseMetaData} reports it; 0 for {@link #AUTO}. */
  public int majorVersion() {
    return fallback == null ? first.majorVersion() : 0;
  }

  /** The generation tried first, the only one unless {@link #fallback()} is set. */
  ApiGeneration generation() {
    return first;
  }

  /** The generation used when the account answers 404 to the first one's schema read, or null. */
  ApiGeneration fallback() {
    return fallback;
  }

  /** The fixed selection whose generation is {@code g}. */
  static ApiVersion of(ApiGeneration g) {
    return switch (g.majorVersion()) {
      case 4 -> V4;
      case 3 -> V3;
      default -> V2;
    };
  }
}
