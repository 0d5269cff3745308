/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.jdbc.CaspioProperty.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Meta-tests over the property enum, and the documentation generated from it. */
class CaspioPropertyTest {
  private static final String START = "<!-- properties:start -->";
  private static final String END = "<!-- properties:end -->";

  @Test
  void values_keys_areSortedAlphabetically() {
    List<String> keys = Stream.of(CaspioProperty.values()).map(CaspioProperty::key).toList();
    List<String> sorted = new ArrayList<>(keys);
    sorted.sort(null);
    assertEquals(sorted, keys);
  }

  @ParameterizedTest
  @EnumSource(CaspioProperty.class)
  void key_isCamelCaseOfConstantName(CaspioProperty p) {
    String snake = p.key().replaceAll("([A-Z])", "_$1").toUpperCase(Locale.ROOT);
    assertEquals(p.name(), snake);
    assertTrue(p.key().matches("[a-z][A-Za-z]*"), p::key);
  }

  @Test
  void values_keysAndAliases_areUniqueAndFindable() {
    Set<String> seen = new HashSet<>();
    for (CaspioProperty p : CaspioProperty.values()) {
      assertTrue(seen.add(p.key()), p::key);
      assertEquals(Optional.of(p), CaspioProperty.forKey(p.key()));
      p.alias()
          .ifPresent(
              a -> {
                assertTrue(seen.add(a), a);
                assertEquals(Optional.of(p), CaspioProperty.forKey(a));
              });
    }
  }

  @Test
  void forKey_jdbcLoginNames_mapToClientCredentials() {
    assertEquals(Optional.of(CaspioProperty.CLIENT_ID), CaspioProperty.forKey("user"));
    assertEquals(Optional.of(CaspioProperty.CLIENT_SECRET), CaspioProperty.forKey("password"));
    assertEquals(Optional.empty(), CaspioProperty.forKey("PageSize"));
    assertEquals(Optional.empty(), CaspioProperty.forKey("model"));
  }

  static Stream<CaspioProperty> withDefault() {
    return Stream.of(CaspioProperty.values()).filter(p -> p.defaultValue() != null);
  }

  @ParameterizedTest
  @MethodSource("withDefault")
  void defaultValue_parsesWithItsTypedGetter(CaspioProperty p) throws SQLException {
    String def = p.defaultValue();
    assertEquals(def, p.parse(def), "default must already be canonical");
    switch (p.kind()) {
      case BOOLEAN -> assertDoesNotThrow(() -> p.booleanValue(def));
      case INTEGER -> assertDoesNotThrow(() -> p.intValue(def));
      case DURATION -> assertFalse(p.durationValue(def).isNegative());
      case CHOICE -> assertTrue(p.choices().contains(def));
      default -> throw new AssertionError(p + " has a default but no typed getter");
    }
  }

  @ParameterizedTest
  @EnumSource(CaspioProperty.class)
  void choices_onlyForEnumeratedKinds(CaspioProperty p) {
    boolean enumerated = p.kind() == Kind.CHOICE || p.kind() == Kind.BOOLEAN;
    assertEquals(enumerated, !p.choices().isEmpty(), p::key);
    if (enumerated) {
      assertTrue(p.choices().contains(p.defaultValue()), "default is one of the choices");
    }
  }

  @Test
  void isSecret_exactlyTheCredentialsAndPasswords() {
    Set<CaspioProperty> secrets =
        Stream.of(CaspioProperty.values())
            .filter(CaspioProperty::isSecret)
            .collect(Collectors.toSet());
    assertEquals(
        Set.of(
            CaspioProperty.ACCESS_TOKEN,
            CaspioProperty.CLIENT_SECRET,
            CaspioProperty.PROXY_PASSWORD,
            CaspioProperty.REFRESH_TOKEN,
            CaspioProperty.TRUST_STORE_PASSWORD),
        secrets);
  }

  @ParameterizedTest
  @EnumSource(CaspioProperty.class)
  void isSecret_setForEveryKeyThatNamesACredential(CaspioProperty p) {
    String key = p.key().toLowerCase(Locale.ROOT);
    boolean looksSecret =
        key.contains("secret") || key.endsWith("token") || key.contains("password");
    if (looksSecret) {
      assertTrue(p.isSecret(), p::key);
    }
  }

  @ParameterizedTest
  @EnumSource(CaspioProperty.class)
  void requiredAndSecret_haveNoDefault(CaspioProperty p) {
    if (p.isRequired() || p.isSecret()) {
      assertNull(p.defaultValue(), p::key);
    }
  }

  @ParameterizedTest
  @EnumSource(CaspioProperty.class)
  void description_isOneSentenceLine(CaspioProperty p) {
    String d = p.description();
    assertFalse(d.isBlank());
    assertTrue(d.endsWith("."), p::key);
    assertFalse(d.contains("\n"), p::key);
  }

  @ParameterizedTest
  @EnumSource(CaspioProperty.class)
  void key_isNotACalciteOrAvaticaKey(CaspioProperty p) {
    if (p == CaspioProperty.TRUST_STORE || p == CaspioProperty.TRUST_STORE_PASSWORD) {
      // Avatica's keys of these names mean the same (its remote client's trust store); Avatica's
      // are never passed on, and the driver reads these itself.
      assertTrue(CaspioUrl.isCalciteKey(p.key()), p::key);
      return;
    }
    assertFalse(CaspioUrl.isCalciteKey(p.key()), p::key);
    p.alias().ifPresent(a -> assertFalse(CaspioUrl.isCalciteKey(a), a));
  }

  @Test
  void isCalciteKey_knownKeysInAnySpelling_true() {
    for (String key :
        List.of("model", "schemaFactory", "SCHEMA_FACTORY", "fun", "lex", "typeSystem", "url")) {
      assertTrue(CaspioUrl.isCalciteKey(key), key);
    }
    assertTrue(CaspioUrl.isCalciteKey("httpClientImpl"), "Avatica spells it httpclient_impl");
    assertFalse(CaspioUrl.isCalciteKey("pageSize"));
  }

  @Test
  void markdownTable_hasOneRowPerPropertyAndNoSecretDefault() {
    String table = CaspioProperty.markdownTable();
    List<String> lines = table.lines().toList();
    assertEquals(CaspioProperty.values().length + 2, lines.size());
    for (CaspioProperty p : CaspioProperty.values()) {
      assertTrue(table.contains("| `" + p.key() + "`"), p::key);
    }
    assertTrue(table.contains("`clientId` (alias `user`)"));
    assertTrue(table.contains("`clientSecret` (alias `password`)"));
  }

  /**
   * The committed property documentation must match the enum. The generated table is also written
   * to {@code target/properties.md}, to copy over the block between the markers when it drifts.
   */
  @Test
  void markdownTable_matchesTheReadme() throws IOException {
    String table = CaspioProperty.markdownTable();
    // Surefire sets basedir to the module directory; fall back to the working directory.
    Path module = Path.of(System.getProperty("basedir", "."));
    Files.createDirectories(module.resolve("target"));
    Files.writeString(module.resolve("target/properties.md"), table, StandardCharsets.UTF_8);
    Path doc = module.resolve("../README.md").normalize();
    String text = Files.readString(doc, StandardCharsets.UTF_8).replace("\r\n", "\n");
    int start = text.indexOf(START);
    int end = text.indexOf(END);
    assertTrue(start >= 0 && end > start, "markers missing in " + doc);
    assertEquals(
        table,
        text.substring(start + START.length(), end).strip() + "\n",
        "README.md is stale: copy driver/target/properties.md between the markers");
  }
}
