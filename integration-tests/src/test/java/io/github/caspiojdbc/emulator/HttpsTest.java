/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/** The optional HTTPS listener. */
class HttpsTest {

  @Test
  void httpsPort_servesTheTokenEndpointWithTheSelfSignedCertificate() throws Exception {
    try (CaspioEmulator emulator = CaspioEmulator.builder().httpsPort(0).build().start()) {
      HttpsURLConnection c =
          (HttpsURLConnection)
              URI.create(emulator.httpsBaseUrl() + "/oauth/token").toURL().openConnection();
      c.setSSLSocketFactory(trustAll().getSocketFactory());
      // The certificate names no IP address; this test only checks that TLS is served.
      c.setHostnameVerifier((host, session) -> host.equals("127.0.0.1"));
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty(
          "Authorization",
          TestHttp.basic(CaspioEmulator.DEFAULT_CLIENT_ID, CaspioEmulator.DEFAULT_CLIENT_SECRET));
      c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
      try (OutputStream out = c.getOutputStream()) {
        out.write("grant_type=client_credentials".getBytes(StandardCharsets.UTF_8));
      }

      assertEquals(200, c.getResponseCode());
      try (InputStream in = c.getInputStream()) {
        assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("access_token"));
      }
      assertTrue(emulator.httpsBaseUrl().startsWith("https://127.0.0.1:"));
    }
  }

  private static SSLContext trustAll() throws Exception {
    TrustManager trustEverything =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {trustEverything}, null);
    return context;
  }
}
