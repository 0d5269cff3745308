/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.Test;

/** The proxy and trust settings: bypass patterns, secrets kept out of text, failure wording. */
class NetworkConfigTest {

  private static NetworkConfig proxied(String... bypass) {
    return NetworkConfig.builder()
        .proxy("proxy.corp", 3128)
        .proxyCredentials("alice", "proxy-secret-1")
        .nonProxyHosts(List.of(bypass))
        .trustStore(Path.of("/etc/corp.p12"), "PKCS12", "store-secret-2")
        .build();
  }

  @Test
  void bypasses_exactNamesAndLeadingOrTrailingWildcards_ignoringCase() {
    NetworkConfig n = proxied("localhost", "*.internal", "10.*", " ");
    assertTrue(n.bypasses("LOCALHOST"));
    assertTrue(n.bypasses("db.internal"));
    assertTrue(n.bypasses("10.1.2.3"));
    assertFalse(n.bypasses("c1abc.caspio.com"));
    assertFalse(n.bypasses("internal.example.com"));
    assertFalse(n.bypasses("localhost.evil.com"));
  }

  @Test
  void toString_masksBothPasswords_equalityHoldsThem() {
    NetworkConfig n = proxied();
    String text = n.toString();
    assertFalse(text.contains("proxy-secret-1"), text);
    assertFalse(text.contains("store-secret-2"), text);
    assertTrue(text.contains("proxy.corp:3128") && text.contains("alice"), text);
    NetworkConfig other =
        NetworkConfig.builder()
            .proxy("proxy.corp", 3128)
            .proxyCredentials("alice", "another")
            .trustStore(Path.of("/etc/corp.p12"), "PKCS12", "store-secret-2")
            .build();
    assertNotEquals(n, other);
    assertEquals(n, proxied());
    assertEquals(
        "NetworkConfig[proxy=JVM default, trustStore=JVM default]",
        NetworkConfig.SYSTEM.toString());
  }

  @Test
  void builder_refusesAPortOutOfRangeAndAUserWithoutProxy() {
    assertThrows(
        IllegalArgumentException.class, () -> NetworkConfig.builder().proxy("p", 0).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> NetworkConfig.builder().proxyCredentials("u", "p").build());
  }

  @Test
  void tlsFailures_nameTheCause() {
    assertTrue(
        TlsFailures.explain(new SSLPeerUnverifiedException("Certificate for <127.0.0.1>"))
            .contains("not for this host name"));
    SSLHandshakeException expired = new SSLHandshakeException("PKIX path validation failed");
    expired.initCause(new CertificateExpiredException("NotAfter: yesterday"));
    assertTrue(TlsFailures.explain(expired).contains("has expired"));
    SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed");
    untrusted.initCause(new CertPathBuilderException("unable to find valid certification path"));
    assertTrue(TlsFailures.explain(untrusted).contains("trustStore"));
    assertNull(TlsFailures.explain(new SSLHandshakeException("Remote host terminated")));
  }
}
