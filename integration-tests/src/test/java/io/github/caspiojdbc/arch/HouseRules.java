/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.arch;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The house's layering as ArchUnit rules over the packages below one root: {@code
 * io.github.caspiojdbc} for the product, a fixture root for the tests that prove each rule can
 * fail. Arrows run down only: driver ({@code jdbc}) above {@code adapter} above {@code rest},
 * {@code auth}, {@code retry} and {@code error}; the API generation is {@code rest}'s secret.
 */
final class HouseRules {
  private HouseRules() {}

  private static String[] lower(String root) {
    return new String[] {
      root + ".auth..", root + ".rest..", root + ".error..", root + ".retry..", root + ".net.."
    };
  }

  /** The REST client, tokens, errors and backoff know nothing of the SQL engine. */
  static ArchRule lowerLayersIgnoreCalcite(String root) {
    return noClasses()
        .that()
        .resideInAnyPackage(lower(root))
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.calcite..")
        .because("auth, rest, error and retry sit below the Calcite adapter");
  }

  /**
   * ... nor of JDBC, without exception: a failure's {@code SQLException} is made in the driver
   * ({@code jdbc.CaspioErrors.toSql}).
   */
  static ArchRule lowerLayersIgnoreJdbc(String root) {
    return noClasses()
        .that()
        .resideInAnyPackage(lower(root))
        .should()
        .dependOnClassesThat()
        .resideInAPackage("java.sql..")
        .because("auth, rest, error and retry sit below the JDBC driver");
  }

  /** The adapter serves the driver and never calls back into it. */
  static ArchRule adapterIgnoresDriver(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + ".adapter..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(root + ".jdbc..")
        .because("the driver wraps the adapter, not the other way round");
  }

  /** No two packages (at any depth) need each other. */
  static ArchRule packagesFormNoCycle(String root) {
    return slices().matching(root + ".(**)").should().beFreeOfCycles();
  }

  /** Only rest knows what a generation of the API means. */
  static ArchRule generationsStayInRest(String root) {
    return noClasses()
        .that()
        .resideOutsideOfPackage(root + ".rest..")
        .should()
        .dependOnClassesThat(assignableTo(root + ".rest.ApiGeneration"))
        .because("the differences between REST generations live in rest alone");
  }

  /**
   * Above rest a generation is chosen by name and only asked what it reports; reading the constants
   * of rest's {@code ApiVersion} (a comparison or a switch does) would branch on it.
   */
  static ArchRule nobodyAboveRestComparesVersions(String root) {
    String version = root + ".rest.ApiVersion";
    return noClasses()
        .that()
        .resideOutsideOfPackage(root + ".rest..")
        .should()
        .accessFieldWhere(
            describe(
                "a constant of " + version,
                (JavaFieldAccess a) -> a.getTargetOwner().getName().equals(version)))
        .because("nothing above rest may branch on the API generation");
  }
}
