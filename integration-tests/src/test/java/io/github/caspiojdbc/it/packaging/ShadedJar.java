/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.packaging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shaded driver jar under test ({@code caspio-jdbc-<version>-all.jar}), located by the {@code
 * caspio.shadedJar} system property that the failsafe configuration sets.
 */
final class ShadedJar {

  static final String DRIVER_CLASS = "io.github.caspiojdbc.jdbc.CaspioDriver";

  private ShadedJar() {}

  static Path path() {
    String property = System.getProperty("caspio.shadedJar");
    assertTrue(property != null, "caspio.shadedJar is not set: run through failsafe (mvn verify)");
    Path jar = Path.of(property);
    assertTrue(
        Files.isRegularFile(jar),
        jar + " is missing: package the driver module first (mvn verify)");
    return jar;
  }

  /**
   * A class loader that sees the shaded jar and the JDK's platform modules only, like DBeaver's
   * driver class loader: nothing from the test classpath can stand in for a missing class.
   */
  static URLClassLoader isolatedLoader() throws MalformedURLException {
    return new URLClassLoader(
        "caspio-shaded-jar",
        new URL[] {path().toUri().toURL()},
        ClassLoader.getPlatformClassLoader());
  }
}
