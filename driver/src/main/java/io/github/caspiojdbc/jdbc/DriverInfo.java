/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

/**
 * Name and version of the driver. The version comes from the jar manifest's {@code
 * Implementation-Version}; classes run from a build directory report {@code unknown} and 0.0.
 */
final class DriverInfo {
  static final String NAME = "Caspio JDBC Driver";
  static final String VERSION = version();
  static final int MAJOR = part(VERSION, 0);
  static final int MINOR = part(VERSION, 1);

  private DriverInfo() {}

  private static String version() {
    String v = DriverInfo.class.getPackage().getImplementationVersion();
    return v == null || v.isBlank() ? "unknown" : v;
  }

  /** The {@code index}-th dot-separated number of {@code version}, or 0 when there is none. */
  static int part(String version, int index) {
    String[] parts = version.split("[.-]");
    if (index >= parts.length) {
      return 0;
    }
    try {
      return Integer.parseInt(parts[index]);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
