/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import static io.github.caspiojdbc.jdbc.CaspioUrlTest.HOST;
import static io.github.caspiojdbc.jdbc.CaspioUrlTest.SECRET;
import static io.github.caspiojdbc.jdbc.CaspioUrlTest.TOKEN;
import static io.github.caspiojdbc.jdbc.CaspioUrlTest.login;
import static io.github.caspiojdbc.jdbc.CaspioUrlTest.props;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.DriverPropertyInfo;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code CaspioUrl.propertyInfo}, the body of {@code Driver.getPropertyInfo}. */
class PropertyInfoTest {

  private static Map<String, DriverPropertyInfo> byName(String url, Properties info) {
    return Arrays.stream(CaspioUrl.propertyInfo(url, info))
        .collect(Collectors.toMap(i -> i.name, Function.identity()));
  }

  @Test
  void propertyInfo_listsEveryPropertyInEnumOrderAndNothingElse() {
    DriverPropertyInfo[] infos = CaspioUrl.propertyInfo(HOST, new Properties());
    assertArrayEquals(
        Stream.of(CaspioProperty.values()).map(CaspioProperty::key).toArray(),
        Stream.of(infos).map(i -> i.name).toArray());
  }

  @Test
  void propertyInfo_nothingGiven_showsDefaultsChoicesAndDescriptions() {
    Map<String, DriverPropertyInfo> infos = byName(HOST, null);
    assertEquals("1000", infos.get("pageSize").value);
    assertNull(infos.get("pageSize").choices);
    assertArrayEquals(new String[] {"auto", "v4", "v3", "v2"}, infos.get("apiVersion").choices);
    assertEquals("auto", infos.get("apiVersion").value);
    assertNull(infos.get("tokenUrl").value);
    assertTrue(infos.get("clientId").required);
    assertTrue(infos.get("clientSecret").required);
    assertFalse(infos.get("pageSize").required);
    assertTrue(infos.get("clientId").description.endsWith("Alias: user."));
    assertTrue(infos.get("clientSecret").description.endsWith("Alias: password."));
  }

  @Test
  void propertyInfo_valuesFromUrlAndProperties_areShown() {
    Map<String, DriverPropertyInfo> infos =
        byName(HOST + "?pageSize=200&user=me&scope=a%20b", props("readOnly", "true"));
    assertEquals("200", infos.get("pageSize").value);
    assertEquals("me", infos.get("clientId").value);
    assertEquals("a b", infos.get("scope").value);
    assertEquals("true", infos.get("readOnly").value);
  }

  @Test
  void propertyInfo_accessTokenGiven_clientCredentialsNotRequired() {
    Map<String, DriverPropertyInfo> infos = byName(HOST, props("accessToken", TOKEN));
    assertFalse(infos.get("clientId").required);
    assertFalse(infos.get("clientSecret").required);
    assertNull(infos.get("accessToken").value);
  }

  @Test
  void propertyInfo_secretsGiven_valuesNeverShown() {
    Properties info = login("accessToken", TOKEN, "refreshToken", TOKEN, "clientSecret", SECRET);
    for (DriverPropertyInfo i : CaspioUrl.propertyInfo(HOST, info)) {
      if (i.value != null) {
        CaspioUrlTest.assertSecretsAbsent(i.value);
      }
      CaspioUrlTest.assertSecretsAbsent(i.description);
    }
    assertNull(byName(HOST, info).get("clientSecret").value);
  }

  static Stream<Arguments> awkwardInputs() {
    Properties nonString = new Properties();
    nonString.put("pageSize", 5);
    nonString.put(7, "x");
    return Stream.of(
        Arguments.of(null, null),
        Arguments.of("", new Properties()),
        Arguments.of("jdbc:mysql://h?pageSize=7", login()),
        Arguments.of("jdbc:caspio:", login()),
        Arguments.of("jdbc:caspio://", null),
        Arguments.of("jdbc:caspio://h?%ZZ=1&pageSize=%ZZ&=&&x", login()),
        Arguments.of("jdbc:caspio://id:" + SECRET + "@h?pageSize=9", null),
        Arguments.of("jdbc:caspio://h?pageSize=9#frag", nonString));
  }

  @ParameterizedTest
  @MethodSource("awkwardInputs")
  void propertyInfo_awkwardInput_neverThrowsAndListsAll(String url, Properties info) {
    DriverPropertyInfo[] infos = CaspioUrl.propertyInfo(url, info);
    assertEquals(CaspioProperty.values().length, infos.length);
    for (DriverPropertyInfo i : infos) {
      if (i.value != null) {
        CaspioUrlTest.assertSecretsAbsent(i.value);
      }
    }
  }

  @Test
  void propertyInfo_foreignUrl_ignoresItsParameters() {
    assertEquals("1000", byName("jdbc:mysql://h?pageSize=7", null).get("pageSize").value);
  }

  @Test
  void propertyInfo_urlWithFragment_readsParametersBeforeIt() {
    assertEquals("9", byName("jdbc:caspio://h?pageSize=9#frag", null).get("pageSize").value);
  }
}
