/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Masking of server text, URL descriptions and secret digests. */
class RedactionTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Invalid client_id | Invalid client_id",
        "invalid_client_credentials_given | invalid_client_credentials_given",
        "token 0123456789abcdef0123456789abcdef expired | token **** expired",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln rejected | **** rejected",
        "bad secret k3y9 | bad secret ****",
        "  two   spaces  | two spaces",
      })
  void sanitize_serverText_masksSecretsAndTokenLikeRuns(String in, String expected) {
    assertEquals(expected, Redaction.sanitize(in, List.of("k3y9")));
  }

  @Test
  void sanitize_secretsShorterThanFour_notMasked() {
    assertEquals("a bc", Redaction.sanitize("a bc", List.of("bc")));
  }

  @Test
  void sanitize_null_null() {
    assertEquals(null, Redaction.sanitize(null, List.of()));
  }

  @Test
  void describe_urlWithUserInfoQueryAndFragment_keepsOnlySchemeHostPortPath() {
    String d =
        Redaction.describe(URI.create("https://u:pw@c1.caspio.com:8443/oauth/token?secret=x#f"));
    assertEquals("https://c1.caspio.com:8443/oauth/token", d);
  }

  @Test
  void digest_equalInputsEqual_differentInputsDiffer_noPlainText() {
    String a = Redaction.digest("secret-value", null);
    assertEquals(a, Redaction.digest("secret-value", null));
    assertNotEquals(a, Redaction.digest("secret-valuf", null));
    assertNotEquals(a, Redaction.digest(null, "secret-value"));
    assertNotEquals(Redaction.digest("ab", "c"), Redaction.digest("a", "bc"));
    assertFalse(a.contains("secret"));
    assertEquals(64, a.length());
  }

  @Test
  void sameSecret_comparesValues() {
    assertTrue(Redaction.sameSecret("abc", new String("abc")));
    assertFalse(Redaction.sameSecret("abc", "abd"));
    assertFalse(Redaction.sameSecret(null, "abc"));
  }
}
