/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.adapter.CaspioSchema;
import io.github.caspiojdbc.auth.TokenManagers;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.rest.CaspioApi;
import io.github.caspiojdbc.rest.HttpCaspioApi;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * Opens a {@link CaspioConnection} from settings already validated at the edge: takes a lease on
 * the shared token cache and makes the REST client from the configurations {@link ClientSettings}
 * translates, runs the connection's deadline-bound checks on its {@link Background} (the REST
 * client's threads), registers the account's schema with a new Calcite connection, and obtains a
 * token and the table and view lists once (kept for {@code metadataCacheTtl}), so wrong credentials
 * fail at connect time with 28000 and an unreachable account with 08001, as "Test connection"
 * buttons expect. What was made is closed again when a later step fails; on success the connection
 * owns all of it.
 */
final class ConnectionFactory {
  /** The connection's logger, where connecting was always logged. */
  private static final Logger LOG = Logger.getLogger(CaspioConnection.class.getName());

  private ConnectionFactory() {}

  /** Connects as described on the class. */
  static Connection open(CaspioConfig config) throws SQLException {
    TokenManagers.Lease tokens;
    CaspioApi api;
    ConnectionCalls calls = new ConnectionCalls(config.calls());
    try {
      tokens = TokenManagers.lease(ClientSettings.tokenManagerConfig(config));
    } catch (CaspioException e) {
      throw CaspioErrors.toSql(e);
    }
    try {
      api = HttpCaspioApi.create(ClientSettings.apiConfig(config, calls.connection()), tokens);
    } catch (IllegalArgumentException | IllegalStateException e) {
      tokens.close();
      throw CaspioErrors.badConnectionSpec("Invalid connection settings: " + e.getMessage());
    } catch (CaspioException e) {
      tokens.close();
      throw CaspioErrors.toSql(e);
    }
    Background background = new Background(api);
    try {
      CaspioSchema schema =
          CaspioSchema.create(
              api, config.metadataCacheTtl(), config.pageSize(), config.planCacheSize());
      AccountCheck.atConnect(schema, config, background);
      CalciteCharset.warnIfNotUnicode();
      CalciteConnection calcite = CalciteDrivers.bridge().openFor(CaspioConnection.SCHEMA, schema);
      SystemSchema.addTo(calcite, calls, api);
      LOG.fine(() -> "Connected to " + config.host() + " (" + config.apiVersion() + ")");
      return new CaspioConnection(config, api, calcite, schema, calls, background, tokens);
    } catch (SQLException | RuntimeException e) {
      api.close(); // ends the threads of the background too
      tokens.close();
      throw e instanceof SQLException s ? s : SqlErrors.translate(e);
    }
  }
}
