/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.lang.reflect.Method;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * What a {@link Statement} or {@code PreparedStatement} of ours adds to Avatica's:
 *
 * <ul>
 *   <li>the effective query timeout is the smaller of the statement's own and the connection's
 *       network timeout, applied just before each execution; {@code getQueryTimeout} still reports
 *       what the application set;
 *   <li>result sets are wrapped (java.time getters, translated errors) and report this statement;
 *   <li>{@code getConnection} returns our connection;
 *   <li>batches and generated keys are handled by {@link StatementWrites};
 *   <li>on a read-only connection, SQL that changes rows is refused before execution.
 * </ul>
 */
final class StatementHandler extends Wrappers.Handler {
  private final CaspioConnection owner;
  private final Statement statement;
  final StatementWrites writes;

  /** The proxy, set right after creation. */
  Statement self;

  private volatile int queryTimeoutSeconds = -1;
  private volatile boolean cancelRequested;

  StatementHandler(CaspioConnection owner, Statement delegate) {
    super(delegate);
    this.owner = owner;
    this.statement = delegate;
    this.writes = new StatementWrites(owner, delegate);
  }

  @Override
  Object intercept(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    switch (name) {
      case "getConnection":
        return owner;
      case "setQueryTimeout":
        forward(method, args);
        queryTimeoutSeconds = (Integer) args[0];
        return null;
      case "getQueryTimeout":
        return queryTimeoutSeconds >= 0 ? queryTimeoutSeconds : forward(method, args);
      case "getResultSet":
        return Wrappers.resultSet(this, (ResultSet) forward(method, args));
      case "getMetaData":
        // PreparedStatement's description of its result, as its result sets describe it.
        return Wrappers.resultSetMetaData(
            (ResultSetMetaData) forward(method, args),
            statement.getConnection().unwrap(CalciteConnection.class),
            true);
      case "cancel":
        cancelRequested = true;
        return forward(method, args);
      case "addBatch":
        if (args.length == 1 && args[0] instanceof String sql) {
          owner.checkWritable(sql);
        }
        return writes.handle(method, args);
      default:
        break;
    }
    if (StatementWrites.handles(method)) {
      return writes.handle(method, args);
    }
    if (!name.startsWith("execute")) {
      return forward(method, args);
    }
    if (args.length > 0 && args[0] instanceof String sql) {
      owner.checkWritable(sql);
    }
    cancelRequested = false;
    applyTimeout();
    Object result = writes.execute(method, args);
    if (result instanceof ResultSet rs) {
      return Wrappers.resultSet(this, rs);
    }
    return result;
  }

  /** Our statement proxy, which its result sets report as their statement. */
  Statement proxy() {
    return self;
  }

  /**
   * Avatica reports a cancelled statement as a plain "Statement canceled" SQLException without
   * SQLState; after {@code cancel()} any such failure is the cancellation (57014).
   */
  @Override
  SQLException adjust(SQLException e) {
    return cancelled(e);
  }

  SQLException cancelled(SQLException e) {
    if (!cancelRequested || !ErrorKind.REMOTE.sqlState().equals(e.getSQLState())) {
      return e;
    }
    return new CaspioException(ErrorKind.CANCELLED, "The statement was cancelled", e)
        .toSqlException();
  }

  private void applyTimeout() throws Exception {
    int network = owner.networkTimeoutMillis();
    int own = queryTimeoutSeconds >= 0 ? queryTimeoutSeconds : statement.getQueryTimeout();
    if (network > 0) {
      int networkSeconds = (int) Math.max(1, (network + 999L) / 1000);
      int effective = own == 0 ? networkSeconds : Math.min(own, networkSeconds);
      statement.setQueryTimeout(effective);
    } else {
      statement.setQueryTimeout(own);
    }
    if (queryTimeoutSeconds < 0) {
      queryTimeoutSeconds = own;
    }
  }
}
