/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.sql.Array;
import java.sql.Blob;
import java.sql.ClientInfoStatus;
import java.sql.Clob;
import java.sql.NClob;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * The part of {@link CaspioConnection} that needs nothing from Caspio: whether the connection is
 * closed, the client info kept for the application, and the {@link java.sql.Connection} methods
 * whose answers are fixed by what Caspio does not have (catalogs, isolation levels, savepoints,
 * warnings, type maps, LOBs, arrays and structs). Kept apart so that {@link CaspioConnection} holds
 * only the methods that use the connection's parts; the answers themselves are described there.
 */
abstract class CaspioConnectionBase implements CaspioJdbcConnection {
  private final Properties clientInfo = new Properties();
  private volatile boolean closed;

  /** Only {@link CaspioConnection} extends this. */
  CaspioConnectionBase() {}

  /** Throws the closed-connection error (08003) once {@link #close} has run. */
  final void checkOpen() throws SQLException {
    if (closed) {
      throw closedError();
    }
  }

  /** The error of every call on a closed connection or its statements and result sets. */
  static SQLException closedError() {
    return CaspioErrors.toSql(
        new CaspioException(
            ErrorKind.CONNECTION_CLOSED, "The connection is closed; open a new one", null));
  }

  @Override
  public String nativeSQL(String sql) throws SQLException {
    checkOpen();
    return sql;
  }

  @Override
  public final boolean isClosed() {
    return closed;
  }

  /** Closes the connection; Caspio has no session to kill, so abort is close. */
  @Override
  public void abort(Executor executor) throws SQLException {
    if (isClosed()) {
      return; // JDBC: abort on a closed connection is a no-op.
    }
    if (executor == null) {
      throw CaspioErrors.invalidValue("abort needs an executor");
    }
    close();
  }

  /**
   * Marks the connection closed; true only for the call that closed it, so that the subclass
   * releases its parts once.
   */
  final boolean markClosed() {
    if (closed) {
      return false;
    }
    closed = true;
    return true;
  }

  /** There are no catalogs; any name is ignored. */
  @Override
  public void setCatalog(String catalog) throws SQLException {
    checkOpen();
  }

  @Override
  public String getCatalog() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    checkOpen();
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    checkOpen();
    return TRANSACTION_NONE;
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    checkOpen();
    return new java.util.HashMap<>();
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
    checkOpen();
    if (map != null && !map.isEmpty()) {
      throw unsupported("User-defined type maps are not supported");
    }
  }

  /** Both holdabilities are accepted: commit is a no-op, so cursors always survive it. */
  @Override
  public void setHoldability(int holdability) throws SQLException {
    checkOpen();
  }

  @Override
  public int getHoldability() throws SQLException {
    checkOpen();
    return ResultSet.HOLD_CURSORS_OVER_COMMIT;
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    checkOpen();
    throw unsupported("Caspio has no transactions, so no savepoints");
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    checkOpen();
    throw unsupported("Caspio has no transactions, so no savepoints");
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    checkOpen();
    throw unsupported("Caspio has no transactions, so no savepoints");
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    checkOpen();
    throw unsupported("Caspio has no transactions, so no savepoints");
  }

  @Override
  public Clob createClob() throws SQLException {
    checkOpen();
    throw unsupported("LOB objects are not supported");
  }

  @Override
  public Blob createBlob() throws SQLException {
    checkOpen();
    throw unsupported("LOB objects are not supported");
  }

  @Override
  public NClob createNClob() throws SQLException {
    checkOpen();
    throw unsupported("LOB objects are not supported");
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    checkOpen();
    throw unsupported("SQLXML is not supported");
  }

  @Override
  public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
    checkOpen();
    throw unsupported("Arrays are not supported");
  }

  @Override
  public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
    checkOpen();
    throw unsupported("Structs are not supported");
  }

  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    checkOpenForClientInfo(name);
    if (value == null) {
      clientInfo.remove(name);
    } else {
      clientInfo.setProperty(name, value);
    }
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    checkOpenForClientInfo(null);
    clientInfo.clear();
    if (properties != null) {
      clientInfo.putAll(properties);
    }
  }

  /** setClientInfo may only throw SQLClientInfoException, which names the refused properties. */
  private void checkOpenForClientInfo(String name) throws SQLClientInfoException {
    if (closed) {
      SQLException e = closedError();
      Map<String, ClientInfoStatus> refused =
          name == null ? Map.of() : Map.of(name, ClientInfoStatus.REASON_UNKNOWN);
      throw new SQLClientInfoException(e.getMessage(), e.getSQLState(), 0, refused, e);
    }
  }

  @Override
  public String getClientInfo(String name) throws SQLException {
    checkOpen();
    return clientInfo.getProperty(name);
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    checkOpen();
    Properties copy = new Properties();
    copy.putAll(clientInfo);
    return copy;
  }

  /** The error of a JDBC feature Caspio has no counterpart for (0A000). */
  static SQLException unsupported(String message) {
    return CaspioErrors.toSql(new CaspioException(ErrorKind.UNSUPPORTED, message, null));
  }
}
