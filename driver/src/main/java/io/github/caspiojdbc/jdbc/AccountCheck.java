/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.adapter.CaspioSchema;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import io.github.caspiojdbc.rest.CaspioApi;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.calcite.schema.lookup.LikePattern;

/**
 * The two times a connection asks Caspio whether the account answers, both by listing its tables
 * within a bound: once while connecting, where a failure must become the connect error tools show
 * (28000, 08001), and on {@code isValid}, where every failure is just "not valid". Kept together
 * because both run the listing on the connection's {@link Background} so that the bound holds even
 * when the HTTP call does not return.
 */
final class AccountCheck {
  /** The connection's logger, which is where these checks were always logged. */
  private static final Logger LOG = Logger.getLogger(CaspioConnection.class.getName());

  private AccountCheck() {}

  /**
   * Fails fast on wrong credentials or an unreachable account by obtaining a token and loading the
   * table list, which the schema then keeps.
   */
  static void atConnect(CaspioSchema schema, CaspioConfig config, Background background)
      throws SQLException {
    Runnable check = () -> schema.tables().getNames(LikePattern.any());
    try {
      if (config.loginTimeout().isZero()) {
        check.run();
      } else {
        Future<?> f = background.submit(check);
        try {
          f.get(config.loginTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          f.cancel(true);
          throw new CaspioException(
              ErrorKind.CONNECTION_FAILED,
              "Caspio did not answer within loginTimeout ("
                  + config.loginTimeout().toSeconds()
                  + " s) at "
                  + config.host(),
              e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CaspioException(ErrorKind.CONNECTION_FAILED, "Interrupted while connecting", e);
        } catch (ExecutionException e) {
          throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
      }
    } catch (CaspioException e) {
      if (e.kind() == ErrorKind.TRANSPORT || e.kind() == ErrorKind.TIMEOUT) {
        // Nothing is "mid-session" yet: for pools and tools this is a failed connect (08001).
        throw CaspioErrors.toSql(
            new CaspioException(
                ErrorKind.CONNECTION_FAILED,
                "Could not reach Caspio at " + config.host() + ": " + e.getMessage(),
                e));
      }
      throw CaspioErrors.toSql(e);
    }
  }

  /**
   * Whether the account lists its tables within {@code millis} (0: only the HTTP timeouts bound
   * it); the answer of {@code isValid}.
   */
  static boolean answers(CaspioApi api, long millis, Background background) {
    Future<?> f;
    try {
      f = background.submit(api::listTables);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return false; // the connection closed meanwhile
    }
    try {
      if (millis == 0) {
        f.get();
      } else {
        f.get(millis, TimeUnit.MILLISECONDS);
      }
      return true;
    } catch (TimeoutException e) {
      f.cancel(true);
      LOG.fine("isValid: no answer from Caspio in time");
      return false;
    } catch (ExecutionException e) {
      LOG.log(Level.FINE, "isValid: Caspio check failed", e.getCause());
      return false;
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
