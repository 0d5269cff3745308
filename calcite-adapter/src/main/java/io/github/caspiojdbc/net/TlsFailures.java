/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.net;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Says in words why a TLS connection failed, from the exception's cause chain: a certificate for
 * another host, an expired or not yet valid certificate, or one no trusted authority signed (the
 * usual sign of a TLS-inspecting corporate proxy). The JDK's own messages name none of this
 * plainly.
 */
public final class TlsFailures {
  private TlsFailures() {}

  /** The reason, with what to do about it, or null when the failure is none of these. */
  public static String explain(SSLException e) {
    if (e instanceof SSLPeerUnverifiedException) {
      return "the server's certificate is not for this host name (TLS host name check failed: "
          + e.getMessage()
          + ")";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateExpiredException) {
        return "the server's certificate has expired (" + t.getMessage() + ")";
      }
      if (t instanceof CertificateNotYetValidException) {
        return "the server's certificate is not valid yet (" + t.getMessage() + ")";
      }
      if (t instanceof CertPathBuilderException) {
        return "the server's certificate is not signed by a trusted authority; behind a"
            + " TLS-inspecting proxy, set trustStore to a trust store holding the proxy's CA"
            + " certificate";
      }
    }
    return null;
  }
}
