/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.adapter.CaspioPasswords;
import io.github.caspiojdbc.adapter.CaspioSchema;
import io.github.caspiojdbc.adapter.CaspioWrites;
import io.github.caspiojdbc.auth.AccessTokenSource;
import io.github.caspiojdbc.auth.TokenManagers;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import io.github.caspiojdbc.rest.CaspioApi;
import io.github.caspiojdbc.rest.HttpCaspioApi;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.ClientInfoStatus;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.lookup.LikePattern;

/**
 * A connection to one Caspio account: a Calcite connection whose only schema, {@value #SCHEMA}, is
 * the account's tables and views, plus the behaviour JDBC tools expect of a connection.
 *
 * <h2>Opening</h2>
 *
 * {@link #open} obtains a token and reads the table and view lists once (kept for {@code
 * metadataCacheTtl}), so wrong credentials fail at connect time with 28000 and an unreachable
 * account with 08001, as "Test connection" buttons expect. The token manager, the REST client and
 * the Calcite connection get their settings from {@link ClientSettings} only; Calcite's {@code
 * metadata} schema is removed.
 *
 * <h2>Transactions</h2>
 *
 * Caspio has none: every write is applied by its REST call. Auto-commit is on by default and may be
 * switched off, which changes nothing on the server. {@link #commit()} is therefore always a no-op.
 * {@link #rollback()} is a no-op while no write request was sent since auto-commit was switched off
 * or since the last commit; otherwise it throws SQLState 0A000, saying how many write requests were
 * already applied, rather than pretend to undo them. Savepoints are not supported; the isolation
 * level is always {@code TRANSACTION_NONE} and any requested level is accepted and ignored.
 *
 * <h2>Read-only</h2>
 *
 * The {@code readOnly=true} property and {@link #setReadOnly setReadOnly(true)} both make every
 * INSERT, UPDATE and DELETE fail with SQLState 25006 before any request is sent (enforced by the
 * adapter's {@link CaspioWrites}). JDBC calls {@code setReadOnly} a hint; enforcing it is the
 * honest choice. {@code setReadOnly(false)} never fails, as pools and tools call it freely, but on
 * a connection opened with {@code readOnly=true} it is ignored: the property always wins.
 *
 * <h2>Timeouts</h2>
 *
 * {@link #isValid} lists the account's tables, bounded by its timeout and the network timeout.
 * {@link #setNetworkTimeout} bounds {@code isValid} and every statement execution (the statement's
 * effective timeout is the smaller of its query timeout and the network timeout).
 */
final class CaspioConnection implements CaspioJdbcConnection {
  /** The name of the one schema; also the connection's default schema. */
  static final String SCHEMA = "caspio";

  private static final Logger LOG = Logger.getLogger(CaspioConnection.class.getName());

  private final CaspioConfig config;
  private final CaspioApi api;
  private final CalciteConnection calcite;
  private final CaspioSchema schema;
  private final WriteLedger ledger;
  private final Properties clientInfo = new Properties();
  private volatile boolean closed;
  private volatile boolean readOnly;
  private volatile int networkTimeoutMillis;
  private volatile DatabaseMetaData metaData;

  private CaspioConnection(
      CaspioConfig config, CaspioApi api, CalciteConnection calcite, CaspioSchema schema) {
    this.config = config;
    this.api = api;
    this.calcite = calcite;
    this.schema = schema;
    CaspioWrites writes = schema.writes();
    writes.setReadOnly(config.readOnly());
    this.ledger = new WriteLedger(writes::writeRequests);
  }

  /** Connects as described on the class. */
  static Connection open(CaspioConfig config) throws SQLException {
    CaspioApi api;
    try {
      AccessTokenSource tokens = TokenManagers.shared(ClientSettings.tokenManagerConfig(config));
      api = HttpCaspioApi.create(ClientSettings.apiConfig(config), tokens);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw CaspioErrors.badConnectionSpec("Invalid connection settings: " + e.getMessage());
    } catch (CaspioException e) {
      throw e.toSqlException();
    }
    try {
      CaspioSchema schema = CaspioSchema.create(api, config.metadataCacheTtl(), config.pageSize());
      checkAccount(schema, config);
      CalciteCharset.warnIfNotUnicode();
      CalciteConnection calcite = CalciteDrivers.bridge().open(ClientSettings.calciteProperties());
      SchemaPlus root = calcite.getRootSchema();
      CalciteSchema rootSchema = root.unwrap(CalciteSchema.class);
      if (rootSchema != null) {
        rootSchema.removeSubSchema("metadata");
      }
      root.add(SCHEMA, schema);
      calcite.setSchema(SCHEMA);
      calcite.setAutoCommit(true);
      LOG.fine(() -> "Connected to " + config.host() + " (" + config.apiVersion() + ")");
      return new CaspioConnection(config, api, calcite, schema);
    } catch (SQLException | RuntimeException e) {
      api.close();
      throw e instanceof SQLException s ? s : SqlErrors.translate(e);
    }
  }

  /**
   * Fails fast on wrong credentials or an unreachable account by obtaining a token and loading the
   * table list, which the schema then keeps.
   */
  private static void checkAccount(CaspioSchema schema, CaspioConfig config) throws SQLException {
    Runnable check = () -> schema.tables().getNames(LikePattern.any());
    try {
      if (config.loginTimeout().isZero()) {
        check.run();
      } else {
        Future<?> f = Background.submit(check);
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
        throw new CaspioException(
                ErrorKind.CONNECTION_FAILED,
                "Could not reach Caspio at " + config.host() + ": " + e.getMessage(),
                e)
            .toSqlException();
      }
      throw e.toSqlException();
    }
  }

  // ---- what statements and metadata need ----

  CaspioConfig config() {
    return config;
  }

  CaspioApi api() {
    return api;
  }

  /** Network timeout in milliseconds, 0 for none. */
  int networkTimeoutMillis() {
    return networkTimeoutMillis;
  }

  /** The account's schema: its tables and the connection's write state. */
  CaspioSchema schema() {
    return schema;
  }

  private void checkOpen() throws SQLException {
    if (closed) {
      throw closedError();
    }
  }

  static SQLException closedError() {
    return new CaspioException(
            ErrorKind.CONNECTION_CLOSED, "The connection is closed; open a new one", null)
        .toSqlException();
  }

  private Statement statement(Statement s) throws SQLException {
    if (!config.queryTimeout().isZero()) {
      s.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, config.queryTimeout().toSeconds()));
    }
    return Wrappers.statement(this, s);
  }

  private PreparedStatement prepared(PreparedStatement s, String sql) throws SQLException {
    PreparedStatement p = (PreparedStatement) statement(s);
    Wrappers.handler(p).prepared(sql);
    return p;
  }

  /** Whether writes are refused: the {@code readOnly} property, or {@code setReadOnly(true)}. */
  boolean refusesWrites() {
    return config.readOnly() || readOnly;
  }

  /**
   * Refuses {@code sql} with SQLState 25006 when it changes rows and this connection refuses
   * writes.
   */
  void checkWritable(String sql) throws SQLException {
    if (refusesWrites() && WriteDetector.isWrite(sql)) {
      throw new CaspioException(
              ErrorKind.READ_ONLY,
              "The connection is read-only"
                  + (config.readOnly() ? " (readOnly=true)" : " (setReadOnly(true))")
                  + ", so INSERT, UPDATE and DELETE are refused",
              null)
          .toSqlException();
    }
  }

  // ---- Connection ----

  @Override
  public Statement createStatement() throws SQLException {
    checkOpen();
    try {
      return statement(calcite.createStatement());
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Statement createStatement(int type, int concurrency) throws SQLException {
    checkOpen();
    try {
      return statement(calcite.createStatement(type, concurrency));
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public Statement createStatement(int type, int concurrency, int holdability) throws SQLException {
    checkOpen();
    try {
      return statement(calcite.createStatement(type, concurrency, holdability));
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    checkOpen();
    StatementHandler.checkNotEmpty(sql);
    checkWritable(sql);
    preload(sql);
    try {
      return prepared(calcite.prepareStatement(sql), sql);
    } catch (SQLException | RuntimeException | ExceptionInInitializerError | AssertionError e) {
      throw SqlErrors.translate(e, sql);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int type, int concurrency)
      throws SQLException {
    checkOpen();
    StatementHandler.checkNotEmpty(sql);
    checkWritable(sql);
    preload(sql);
    try {
      return prepared(calcite.prepareStatement(sql, type, concurrency), sql);
    } catch (SQLException | RuntimeException | ExceptionInInitializerError | AssertionError e) {
      throw SqlErrors.translate(e, sql);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability)
      throws SQLException {
    checkOpen();
    StatementHandler.checkNotEmpty(sql);
    checkWritable(sql);
    preload(sql);
    try {
      return prepared(calcite.prepareStatement(sql, type, concurrency, holdability), sql);
    } catch (SQLException | RuntimeException | ExceptionInInitializerError | AssertionError e) {
      throw SqlErrors.translate(e, sql);
    }
  }

  /**
   * Preparing plans the statement, which loads the field lists it needs; the {@code queryTimeout}
   * property and the network timeout, known at this point, bound that loading (a timeout the
   * application sets on the statement later cannot).
   */
  private void preload(String sql) throws SQLException {
    long millis = config.queryTimeout().toMillis();
    int network = networkTimeoutMillis;
    if (network > 0) {
      millis = millis == 0 ? network : Math.min(millis, network);
    }
    if (millis > 0) {
      MetadataPreload.load(schema, sql, millis);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    return keyed(sql, GeneratedKeys.Request.of(autoGeneratedKeys));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    return keyed(sql, GeneratedKeys.Request.of(columnIndexes));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    return keyed(sql, GeneratedKeys.Request.of(columnNames));
  }

  private PreparedStatement keyed(String sql, GeneratedKeys.Request request) throws SQLException {
    PreparedStatement p = prepareStatement(sql);
    Wrappers.handler(p).writes.prepared(sql, request);
    return p;
  }

  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    checkOpen();
    throw unsupported("Caspio has no stored procedures");
  }

  @Override
  public CallableStatement prepareCall(String sql, int type, int concurrency) throws SQLException {
    checkOpen();
    throw unsupported("Caspio has no stored procedures");
  }

  @Override
  public CallableStatement prepareCall(String sql, int type, int concurrency, int holdability)
      throws SQLException {
    checkOpen();
    throw unsupported("Caspio has no stored procedures");
  }

  @Override
  public String nativeSQL(String sql) throws SQLException {
    checkOpen();
    return sql;
  }

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    checkOpen();
    ledger.setAutoCommit(autoCommit);
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    checkOpen();
    return ledger.autoCommit();
  }

  @Override
  public void commit() throws SQLException {
    checkOpen();
    ledger.commit();
  }

  @Override
  public void rollback() throws SQLException {
    checkOpen();
    ledger.rollback();
  }

  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      calcite.close();
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.FINE, "Closing the Calcite connection failed", e);
    } finally {
      api.close();
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    checkOpen();
    DatabaseMetaData m = metaData;
    if (m == null) {
      try {
        m = Wrappers.metaData(this, calcite.getMetaData());
      } catch (SQLException | RuntimeException e) {
        throw SqlErrors.translate(e);
      }
      metaData = m;
    }
    return m;
  }

  /**
   * Makes the connection refuse INSERT, UPDATE and DELETE (SQLState 25006) until set back to false.
   * With the {@code readOnly=true} connection property, writes stay refused whatever is set here.
   * Enforced twice: SQL text is checked when prepared or executed, and the adapter refuses any
   * write before its first request (which also covers statements prepared earlier).
   */
  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    checkOpen();
    this.readOnly = readOnly;
    schema.writes().setReadOnly(refusesWrites());
  }

  /** The last value set, or true for a connection opened with {@code readOnly=true}. */
  @Override
  public boolean isReadOnly() throws SQLException {
    checkOpen();
    return refusesWrites();
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

  /**
   * Lists the account's tables within {@code timeout} seconds (0: only the network timeout and the
   * HTTP timeouts bound it).
   *
   * @throws SQLException 22023 when {@code timeout} is negative
   */
  @Override
  public boolean isValid(int timeout) throws SQLException {
    if (timeout < 0) {
      throw CaspioErrors.invalidValue("isValid timeout must not be negative: " + timeout);
    }
    if (closed) {
      return false;
    }
    long millis = timeout * 1000L;
    int network = networkTimeoutMillis;
    if (network > 0) {
      millis = millis == 0 ? network : Math.min(millis, network);
    }
    Future<?> f = Background.submit(api::listTables);
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

  @Override
  public void setSchema(String schema) throws SQLException {
    checkOpen();
    try {
      calcite.setSchema(schema);
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public String getSchema() throws SQLException {
    checkOpen();
    try {
      return calcite.getSchema();
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void abort(Executor executor) throws SQLException {
    if (closed) {
      return; // JDBC: abort on a closed connection is a no-op.
    }
    if (executor == null) {
      throw CaspioErrors.invalidValue("abort needs an executor");
    }
    close();
  }

  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
    checkOpen();
    if (milliseconds < 0) {
      throw CaspioErrors.invalidValue("Network timeout must not be negative: " + milliseconds);
    }
    networkTimeoutMillis = milliseconds;
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    checkOpen();
    return networkTimeoutMillis;
  }

  @Override
  public long setPassword(String table, String passwordField, List<Long> pkIds, String newValue)
      throws SQLException {
    checkOpen();
    if (table == null || passwordField == null || pkIds == null || newValue == null) {
      throw CaspioErrors.invalidValue("setPassword needs a table, a field, keys and a value");
    }
    try {
      return CaspioPasswords.set(schema, table, passwordField, List.copyOf(pkIds), newValue);
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    if (iface.isInstance(calcite)) {
      return iface.cast(calcite);
    }
    throw CaspioErrors.invalidValue("Not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this) || iface.isInstance(calcite);
  }

  static SQLException unsupported(String message) {
    return new CaspioException(ErrorKind.UNSUPPORTED, message, null).toSqlException();
  }

  @Override
  public String toString() {
    return "CaspioConnection[" + config.host() + (closed ? ", closed]" : "]");
  }
}
