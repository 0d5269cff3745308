/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it;

import io.github.caspiojdbc.adapter.CaspioPrepare;
import io.github.caspiojdbc.adapter.CaspioSchema;
import io.github.caspiojdbc.auth.AccessTokenSource;
import io.github.caspiojdbc.auth.TokenManagerConfig;
import io.github.caspiojdbc.auth.TokenManagers;
import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.rest.CaspioApi;
import io.github.caspiojdbc.rest.CaspioApiConfig;
import io.github.caspiojdbc.rest.HttpCaspioApi;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * Opens a Calcite connection whose default schema is a {@link CaspioSchema} over a running
 * emulator, wired the way the driver wires it. Lets adapter-level suites run end to end before and
 * independently of the JDBC driver's own connection handling.
 */
public final class EmulatorCalcite {

  private EmulatorCalcite() {}

  /** The REST client for an emulator, authenticated with its default credentials. */
  public static CaspioApi api(CaspioEmulator emulator) {
    AccessTokenSource tokens =
        TokenManagers.shared(
            TokenManagerConfig.builder()
                .tokenUrl(emulator.tokenUrl())
                .clientCredentials(
                    CaspioEmulator.DEFAULT_CLIENT_ID, CaspioEmulator.DEFAULT_CLIENT_SECRET)
                .build());
    return HttpCaspioApi.create(
        CaspioApiConfig.builder(URI.create(emulator.baseUrl())).build(), tokens);
  }

  /**
   * A Calcite connection over {@code api}: identifiers match regardless of case and keep their
   * case, double quotes quote them, and NULLs sort first ascending, as in SQL Server.
   */
  public static Connection connect(CaspioApi api, boolean pushdown) throws SQLException {
    Properties p = new Properties();
    p.setProperty("quoting", "DOUBLE_QUOTE");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("quotedCasing", "UNCHANGED");
    p.setProperty("caseSensitive", "false");
    p.setProperty("defaultNullCollation", "LOW");
    // The driver's preparation, so that these suites check written values as the driver does.
    Connection conn =
        new org.apache.calcite.jdbc.Driver()
            .withPrepareFactory(CaspioPrepare::new)
            .connect("jdbc:calcite:", p);
    CalciteConnection cc = conn.unwrap(CalciteConnection.class);
    cc.getRootSchema()
        .add(
            "caspio",
            pushdown
                ? CaspioSchema.create(api, Duration.ofMinutes(5))
                : CaspioSchema.withoutPushdown(api, Duration.ofMinutes(5)));
    cc.setSchema("caspio");
    return conn;
  }
}
