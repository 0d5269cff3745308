/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.network;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Key stores for TLS tests, made with the JDK's {@code keytool}: a server certificate for {@code
 * localhost} only (valid, or expired since yesterday) signed by a test CA, and a trust store
 * holding that CA.
 */
final class TestCertificates {
  static final String PASSWORD = "changeit-test";

  private TestCertificates() {}

  /**
   * A PKCS12 key store with a certificate for {@code localhost} signed by a test CA made alongside
   * ({@code <name>-ca.p12}); an expired one ended yesterday. Signed, not self-signed: Java checks
   * the validity of a chain's certificates, not of the trust anchor itself.
   */
  static Path server(Path dir, String name, boolean expired) throws IOException {
    Path ca = dir.resolve(name + "-ca.p12");
    Path store = dir.resolve(name + ".p12");
    Path csr = dir.resolve(name + ".csr");
    Path signed = dir.resolve(name + "-signed.cer");
    Path caCert = dir.resolve(name + "-ca.cer");
    keytool(genkeypair(ca, "ca", "CN=caspio-jdbc test CA", "bc:c", List.of("-validity", "30")));
    keytool(genkeypair(store, "server", "CN=localhost", "SAN=dns:localhost", List.of()));
    keytool(
        List.of(
            "-certreq",
            "-alias",
            "server",
            "-keystore",
            store.toString(),
            "-storepass",
            PASSWORD,
            "-file",
            csr.toString()));
    List<String> gencert =
        new ArrayList<>(
            List.of(
                "-gencert",
                "-alias",
                "ca",
                "-keystore",
                ca.toString(),
                "-storepass",
                PASSWORD,
                "-infile",
                csr.toString(),
                "-outfile",
                signed.toString(),
                "-ext",
                "SAN=dns:localhost"));
    gencert.addAll(
        expired ? List.of("-startdate", "-3d", "-validity", "1") : List.of("-validity", "30"));
    keytool(gencert);
    keytool(
        List.of(
            "-exportcert",
            "-alias",
            "ca",
            "-keystore",
            ca.toString(),
            "-storepass",
            PASSWORD,
            "-file",
            caCert.toString()));
    keytool(
        List.of(
            "-importcert",
            "-noprompt",
            "-alias",
            "ca",
            "-file",
            caCert.toString(),
            "-keystore",
            store.toString(),
            "-storepass",
            PASSWORD));
    keytool(
        List.of(
            "-importcert",
            "-noprompt",
            "-alias",
            "server",
            "-file",
            signed.toString(),
            "-keystore",
            store.toString(),
            "-storepass",
            PASSWORD));
    return store;
  }

  /** A PKCS12 trust store holding the test CA that signed {@code server}'s certificate. */
  static Path trusting(Path dir, Path server) throws IOException {
    String name = server.getFileName().toString().replace(".p12", "");
    Path trust = dir.resolve("trust-" + name + ".p12");
    keytool(
        List.of(
            "-importcert",
            "-noprompt",
            "-alias",
            "ca",
            "-file",
            dir.resolve(name + "-ca.cer").toString(),
            "-storetype",
            "PKCS12",
            "-keystore",
            trust.toString(),
            "-storepass",
            PASSWORD));
    return trust;
  }

  private static List<String> genkeypair(
      Path store, String alias, String dname, String ext, List<String> more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                dname,
                "-ext",
                ext,
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD));
    args.addAll(more);
    return args;
  }

  private static void keytool(List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    try {
      if (p.waitFor() != 0) {
        throw new IOException("keytool " + args.get(0) + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
