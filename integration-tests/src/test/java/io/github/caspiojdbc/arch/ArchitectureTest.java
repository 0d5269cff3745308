/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.arch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the house plan of {@code docs/architecture.md} true: the production classes of every module
 * (calcite-adapter and driver from the class path, the emulator from this module) obey {@link
 * HouseRules}, and each rule does fail on the deliberately bad fixture under {@code arch.bad}.
 */
class ArchitectureTest {
  private static final String ROOT = "io.github.caspiojdbc";
  private static final String BAD = ROOT + ".arch.bad";

  private static JavaClasses product;
  private static JavaClasses bad;

  @BeforeAll
  static void importClasses() {
    product =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/shaded/"))
            .importPackages(ROOT);
    bad = new ClassFileImporter().importPackages(BAD);
  }

  @Test
  void product_seesEveryModule() {
    // A rule over classes that were never imported would pass for nothing.
    for (String pkg : new String[] {"auth", "rest", "error", "retry", "adapter", "jdbc"}) {
      assertTrue(product.containPackage(ROOT + "." + pkg), pkg);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void product_keepsTheRule(String name, Function<String, ArchRule> rule, String culprit) {
    rule.apply(ROOT).check(product);
  }

  /** Each rule, with a fixture class that breaks it. */
  static Stream<Arguments> rules() {
    return Stream.of(
        rule("lowerLayersIgnoreCalcite", HouseRules::lowerLayersIgnoreCalcite, "RetryPlans"),
        rule("lowerLayersIgnoreJdbc", HouseRules::lowerLayersIgnoreJdbc, "NotTheException"),
        rule("adapterIgnoresDriver", HouseRules::adapterIgnoresDriver, "CallsTheDriver"),
        rule("packagesFormNoCycle", HouseRules::packagesFormNoCycle, "CallsTheDriver"),
        rule("generationsStayInRest", HouseRules::generationsStayInRest, "KnowsGenerations"),
        rule(
            "nobodyAboveRestComparesVersions",
            HouseRules::nobodyAboveRestComparesVersions,
            "KnowsGenerations"));
  }

  private static Arguments rule(String name, Function<String, ArchRule> rule, String culprit) {
    return Arguments.of(name, rule, culprit);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void rule_failsOnTheBadFixture(String name, Function<String, ArchRule> rule, String culprit) {
    EvaluationResult result = rule.apply(BAD).evaluate(bad);
    assertTrue(result.hasViolation(), name + " let the fixture pass");
    String report = String.join("\n", result.getFailureReport().getDetails());
    assertTrue(report.contains(culprit), report);
  }

  @Test
  void jdbcBelowTheAdapter_hasNoException() {
    // The exception once recorded for CaspioException is gone: its fixture namesake now fails too.
    String report =
        String.join(
            "\n",
            HouseRules.lowerLayersIgnoreJdbc(BAD).evaluate(bad).getFailureReport().getDetails());
    assertTrue(report.contains("bad.error.CaspioException"), report);
  }
}
