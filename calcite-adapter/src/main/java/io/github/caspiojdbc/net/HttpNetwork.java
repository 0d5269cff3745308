/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.net;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Applies a {@link NetworkConfig} to an HTTP client being built: the route (the given proxy unless
 * the host bypasses it, else the JVM's proxy selector), the proxy's credentials, and the trusted
 * certificates. HttpClient's own proxy and TLS code does the work.
 */
public final class HttpNetwork {
  private HttpNetwork() {}

  /**
   * Configures {@code client} and its pool for {@code network}.
   *
   * @throws CaspioException kind CONNECTION_FAILED when the trust store cannot be read
   */
  public static void apply(
      NetworkConfig network,
      HttpClientBuilder client,
      PoolingHttpClientConnectionManagerBuilder pool) {
    if (network.proxyHost() != null) {
      HttpHost proxy = new HttpHost(network.proxyHost(), network.proxyPort());
      client.setRoutePlanner(
          new DefaultRoutePlanner(null) {
            @Override
            protected HttpHost determineProxy(HttpHost target, HttpContext context) {
              return network.bypasses(target.getHostName()) ? null : proxy;
            }
          });
      if (network.proxyUser() != null) {
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        String password = network.proxyPassword();
        credentials.setCredentials(
            new AuthScope(proxy),
            new UsernamePasswordCredentials(
                network.proxyUser(), password == null ? new char[0] : password.toCharArray()));
        client.setDefaultCredentialsProvider(credentials);
      }
    } else {
      // Read on every request, so the JVM's settings apply as they are when the call is made.
      client.setRoutePlanner(new SystemDefaultRoutePlanner(ProxySelector.getDefault()));
    }
    if (network.trustStore() != null) {
      pool.setTlsSocketStrategy(new DefaultClientTlsStrategy(trusting(network)));
    }
  }

  private static SSLContext trusting(NetworkConfig network) {
    String type =
        network.trustStoreType() == null ? KeyStore.getDefaultType() : network.trustStoreType();
    String password = network.trustStorePassword();
    try (InputStream in = Files.newInputStream(network.trustStore())) {
      KeyStore store = KeyStore.getInstance(type);
      store.load(in, password == null ? null : password.toCharArray());
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new CaspioException(
          ErrorKind.CONNECTION_FAILED,
          "Cannot read the trust store "
              + network.trustStore()
              + " as "
              + type
              + " (check trustStore, trustStoreType and trustStorePassword): "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          null);
    }
  }
}
