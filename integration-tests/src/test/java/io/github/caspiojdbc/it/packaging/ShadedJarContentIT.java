/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the shaded jar holds: our classes, relocated dependencies and merged metadata only. */
class ShadedJarContentIT {

  private static final String OURS = "io/github/caspiojdbc/";
  private static final String SHADED = OURS + "shaded/";

  /**
   * Data files that stay at their original path because the relocated code still loads them from
   * there (string constants that are not class or package names are not rewritten by shading).
   */
  private static final List<String> UNRELOCATED_RESOURCES =
      List.of(
          // HttpClient's public suffix list (cookie and host-name checks).
          "org/publicsuffix/list/",
          // Commons Math data, loaded as "/assets/org/apache/commons/math3/...".
          "assets/org/apache/commons/math3/");

  private static JarFile jar;
  private static List<String> names;

  @BeforeAll
  static void open() throws IOException {
    jar = new JarFile(ShadedJar.path().toFile());
    names = jar.stream().map(JarEntry::getName).collect(Collectors.toList());
  }

  @AfterAll
  static void close() throws IOException {
    jar.close();
  }

  @Test
  void classes_allUnderOurPackage() {
    List<String> foreign =
        names.stream()
            .filter(n -> n.endsWith(".class") && !n.startsWith(OURS))
            .collect(Collectors.toList());
    assertEquals(List.of(), foreign, "classes outside io/github/caspiojdbc/");
  }

  @Test
  void ourPackages_driverAndAdapterButNoTestCode() {
    Set<String> packages = new TreeSet<>();
    for (String n : names) {
      if (n.endsWith(".class") && n.startsWith(OURS) && !n.startsWith(SHADED)) {
        packages.add(n.substring(OURS.length(), n.indexOf('/', OURS.length())));
      }
    }
    assertTrue(packages.contains("jdbc"), "driver classes missing: " + packages);
    assertTrue(packages.containsAll(Set.of("auth", "rest", "error")), packages.toString());
    assertFalse(packages.contains("emulator"), "the emulator is test code: " + packages);
    assertFalse(packages.contains("shell"), "the shell belongs to integration-tests: " + packages);
  }

  @Test
  void dependencies_relocatedUnderShaded() {
    for (String dependency :
        List.of(
            "org/apache/calcite/jdbc/",
            "org/apache/calcite/avatica/",
            "org/apache/calcite/linq4j/",
            "org/apache/hc/client5/",
            "com/fasterxml/jackson/databind/",
            "com/google/common/collect/",
            "org/codehaus/janino/",
            "org/slf4j/impl/")) {
      assertTrue(
          names.stream().anyMatch(n -> n.startsWith(SHADED + dependency)),
          "missing relocated " + dependency);
    }
  }

  @Test
  void resources_onlyMetaInfOursOrAllowed() {
    List<String> foreign = new ArrayList<>();
    for (String n : names) {
      boolean allowed =
          n.endsWith("/")
              || n.startsWith(OURS)
              || n.startsWith("META-INF/")
              || UNRELOCATED_RESOURCES.stream().anyMatch(n::startsWith);
      if (!allowed) {
        foreign.add(n);
      }
    }
    assertEquals(List.of(), foreign, "files outside our package, META-INF and the allow-list");
  }

  @Test
  void calciteResources_movedWithTheirPackage() {
    assertTrue(
        names.contains(SHADED + "org/apache/calcite/runtime/CalciteResource.properties"),
        "Calcite's messages must sit next to the relocated CalciteResource interface");
  }

  @Test
  void metaInf_noSignaturesNoMultiReleaseLeftovers() {
    for (String n : names) {
      assertFalse(n.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)"), "signature left: " + n);
      assertFalse(n.startsWith("META-INF/versions/"), "unrelocated multi-release class: " + n);
      assertFalse(n.endsWith("module-info.class"), "module descriptor left: " + n);
    }
    assertTrue(names.contains("META-INF/LICENSE"), "licence texts");
    assertTrue(names.contains("META-INF/NOTICE"), "merged notices");
  }

  @Test
  void driverService_listsExactlyOurDriver() throws IOException {
    assertEquals(List.of(ShadedJar.DRIVER_CLASS), serviceEntries("java.sql.Driver"));
  }

  @Test
  void services_relocatedAndImplementationsPresent() throws IOException {
    List<String> services =
        names.stream()
            .filter(n -> n.startsWith("META-INF/services/") && !n.endsWith("/"))
            .map(n -> n.substring("META-INF/services/".length()))
            .collect(Collectors.toList());
    assertTrue(
        services.contains(
            "io.github.caspiojdbc.shaded.org.codehaus.commons.compiler.ICompilerFactory"),
        "Janino's compiler factory is found through a relocated service file: " + services);
    for (String service : services) {
      assertTrue(
          service.equals("java.sql.Driver") || service.startsWith("io.github.caspiojdbc."),
          "service not relocated: " + service);
      for (String impl : serviceEntries(service)) {
        assertTrue(
            names.contains(impl.replace('.', '/') + ".class"),
            service + " names a class that is not in the jar: " + impl);
      }
    }
  }

  private static List<String> serviceEntries(String service) throws IOException {
    JarEntry entry = jar.getJarEntry("META-INF/services/" + service);
    assertNotNull(entry, "no service file for " + service);
    List<String> entries = new ArrayList<>();
    try (InputStream in = jar.getInputStream(entry)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String s = line.replaceAll("#.*", "").strip();
        if (!s.isEmpty()) {
          entries.add(s);
        }
      }
    }
    return entries;
  }
}
