/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.adapter.CaspioAttachments;
import io.github.caspiojdbc.adapter.CaspioFiles;
import io.github.caspiojdbc.adapter.CaspioPasswords;
import io.github.caspiojdbc.adapter.CaspioSchema;
import io.github.caspiojdbc.adapter.CaspioWrites;
import io.github.caspiojdbc.auth.TokenManagers;
import io.github.caspiojdbc.rest.AccountLimits;
import io.github.caspiojdbc.rest.CallCounts;
import io.github.caspiojdbc.rest.CallMeter;
import io.github.caspiojdbc.rest.CaspioApi;
import java.sql.CallableStatement;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * A connection to one Caspio account: a Calcite connection whose only schema, {@value #SCHEMA}, is
 * the account's tables and views, plus the behaviour JDBC tools expect of a connection.
 *
 * <h2>Opening</h2>
 *
 * {@link ConnectionFactory#open} assembles the parts (a lease on the shared token cache, the REST
 * client, whose threads also run the connection's {@link Background} checks, the schema and the
 * Calcite connection) and checks the account; this class owns them from then on and closes every
 * one in {@link #close()}, so a dropped connection keeps no thread or socket.
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
 *
 * <p>Size: just over the house's 400 lines, on purpose. What is left is one short method per call
 * of {@code java.sql.Connection} that a tool makes; assembling the parts is {@link
 * ConnectionFactory}'s and translating settings is the config types'.
 */
final class CaspioConnection extends CaspioConnectionBase implements CaspioCallStats {
  /** The name of the one schema; also the connection's default schema. */
  static final String SCHEMA = "caspio";

  private static final Logger LOG = Logger.getLogger(CaspioConnection.class.getName());

  private final CaspioConfig config;
  private final CaspioApi api;
  private final CalciteConnection calcite;
  private final CaspioSchema schema;
  private final WriteLedger ledger;
  private final ReadOnlyGuard readOnly;
  private final ConnectionCalls calls;
  private final Background background;
  private final TokenManagers.Lease tokens;
  private volatile int networkTimeoutMillis;
  private volatile DatabaseMetaData metaData;

  /** Takes over the parts {@link ConnectionFactory} assembled; closing closes them all. */
  CaspioConnection(
      CaspioConfig config,
      CaspioApi api,
      CalciteConnection calcite,
      CaspioSchema schema,
      ConnectionCalls calls,
      Background background,
      TokenManagers.Lease tokens) {
    this.config = config;
    this.calls = calls;
    this.background = background;
    this.tokens = tokens;
    this.api = api;
    this.calcite = calcite;
    this.schema = schema;
    CaspioWrites writes = schema.writes();
    this.readOnly = new ReadOnlyGuard(config.readOnly(), writes);
    this.ledger = new WriteLedger(writes::writeRequests);
  }

  // ---- what statements and metadata need ----

  CaspioConfig config() {
    return config;
  }

  CaspioApi api() {
    return api;
  }

  /** The call meters of this connection and its statements. */
  ConnectionCalls meters() {
    return calls;
  }

  /** Network timeout in milliseconds, 0 for none. */
  int networkTimeoutMillis() {
    return networkTimeoutMillis;
  }

  /** The connection's threads for checks bounded by a deadline. */
  Background background() {
    return background;
  }

  /** The Calcite connection below, for statements the driver makes itself. */
  CalciteConnection calcite() {
    return calcite;
  }

  /** The account's schema: its tables and the connection's write state. */
  CaspioSchema schema() {
    return schema;
  }

  private Statement statement(Statement s) throws SQLException {
    if (!config.queryTimeout().isZero()) {
      s.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, config.queryTimeout().toSeconds()));
    }
    return Wrappers.statement(this, s);
  }

  /** One of Calcite's statement-making calls; all of them fail alike. */
  @FunctionalInterface
  private interface Make<T extends Statement> {
    T on(CalciteConnection calcite) throws SQLException;
  }

  /** A statement from {@code make}, with the connection's query timeout, wrapped. */
  private Statement created(Make<Statement> make) throws SQLException {
    checkOpen();
    try {
      return statement(make.on(calcite));
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  /**
   * A prepared statement for {@code sql} from {@code make}: refused early when empty or a write on
   * a read-only connection, its metadata loaded within the timeouts known now, then wrapped.
   */
  private PreparedStatement prepared(String sql, Make<PreparedStatement> make) throws SQLException {
    checkOpen();
    if (ProcedureCall.isCall(sql)) {
      return ProcedureStatement.prepare(this, sql, null);
    }
    StatementHandler.checkNotEmpty(sql);
    checkWritable(sql);
    preload(sql);
    try (PushdownCheck check = new PushdownCheck(config.calls().strictPushdown())) {
      PreparedStatement p = (PreparedStatement) statement(make.on(calcite));
      Wrappers.handler(p).prepared(sql);
      Wrappers.handler(p).planned(check.localFilters());
      return p;
    } catch (SQLException | RuntimeException | ExceptionInInitializerError | AssertionError e) {
      throw SqlErrors.translate(e, sql);
    }
  }

  /** Refuses {@code sql} with SQLState 25006 when it changes rows and writes are refused. */
  void checkWritable(String sql) throws SQLException {
    readOnly.check(sql);
  }

  // ---- Connection ----

  @Override
  public Statement createStatement() throws SQLException {
    return created(c -> c.createStatement());
  }

  @Override
  public Statement createStatement(int type, int concurrency) throws SQLException {
    return created(c -> c.createStatement(type, concurrency));
  }

  @Override
  public Statement createStatement(int type, int concurrency, int holdability) throws SQLException {
    return created(c -> c.createStatement(type, concurrency, holdability));
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    return prepared(sql, c -> c.prepareStatement(sql));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int type, int concurrency)
      throws SQLException {
    return prepared(sql, c -> c.prepareStatement(sql, type, concurrency));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability)
      throws SQLException {
    return prepared(sql, c -> c.prepareStatement(sql, type, concurrency, holdability));
  }

  /**
   * Preparing plans the statement, which loads the field lists it needs; the {@code queryTimeout}
   * property and the network timeout, known at this point, bound that loading (a timeout the
   * application sets on the statement later cannot).
   */
  private void preload(String sql) throws SQLException {
    long millis = withNetworkTimeout(config.queryTimeout().toMillis());
    if (millis > 0) {
      MetadataPreload.load(schema, sql, millis, background);
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
    if (ProcedureCall.isCall(sql)) {
      return p; // JDBC: the request is ignored where a statement makes no rows
    }
    Wrappers.handler(p).writes.prepared(sql, request);
    return p;
  }

  /**
   * A {@code CALL} of one of the driver's procedures ({@link CaspioProcedure}), in either form:
   * {@code {call caspio_delete_file(?)}} or {@code CALL caspio_delete_file(?)}. Caspio has no
   * stored procedures, so any other text is refused.
   */
  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    checkOpen();
    if (!ProcedureCall.isCall(sql)) {
      throw unsupported(
          "Caspio has no stored procedures; prepareCall takes a CALL of one of the driver's: "
              + CaspioProcedure.list());
    }
    return ProcedureStatement.prepare(this, sql, null);
  }

  /** As {@link #prepareCall(String)}; the result is one row or a count, whatever the type. */
  @Override
  public CallableStatement prepareCall(String sql, int type, int concurrency) throws SQLException {
    return prepareCall(sql);
  }

  /** As {@link #prepareCall(String)}. */
  @Override
  public CallableStatement prepareCall(String sql, int type, int concurrency, int holdability)
      throws SQLException {
    return prepareCall(sql);
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
    if (!markClosed()) {
      return;
    }
    try {
      calcite.close();
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.FINE, "Closing the Calcite connection failed", e);
    } finally {
      // Ends every thread of the connection, its background checks' included.
      api.close();
      tokens.close();
    }
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
    this.readOnly.set(readOnly);
  }

  /** The last value set, or true for a connection opened with {@code readOnly=true}. */
  @Override
  public boolean isReadOnly() throws SQLException {
    checkOpen();
    return readOnly.refusesWrites();
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
    if (isClosed()) {
      return false;
    }
    return AccountCheck.answers(api, withNetworkTimeout(timeout * 1000L), background);
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

  /** The smaller of {@code millis} and the network timeout, where 0 means "none" for both. */
  private long withNetworkTimeout(long millis) {
    int network = networkTimeoutMillis;
    return network <= 0 ? millis : millis == 0 ? network : Math.min(millis, network);
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
  public void deleteFile(String fileKey) throws SQLException {
    checkOpen();
    try {
      CaspioFiles.delete(schema, fileKey);
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public String uploadFile(
      String folderKey, String name, String contentType, java.io.InputStream content)
      throws SQLException {
    return upload(folderKey, name, contentType, content, false);
  }

  @Override
  public String replaceFile(
      String folderKey, String name, String contentType, java.io.InputStream content)
      throws SQLException {
    return upload(folderKey, name, contentType, content, true);
  }

  private String upload(
      String folderKey,
      String name,
      String contentType,
      java.io.InputStream content,
      boolean replace)
      throws SQLException {
    checkOpen();
    try {
      return CaspioFiles.upload(schema, folderKey, name, contentType, content, replace);
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public void putAttachment(
      String table,
      String field,
      long pkId,
      String fileName,
      String contentType,
      java.io.InputStream content)
      throws SQLException {
    checkOpen();
    try {
      CaspioAttachments.put(schema, table, field, pkId, fileName, contentType, content);
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  @Override
  public long deleteAttachment(String table, String field, long pkId) throws SQLException {
    checkOpen();
    try {
      return CaspioAttachments.delete(schema, table, field, pkId);
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  // ---- CaspioCallStats ----

  @Override
  public CallCounts calls() {
    return calls.connection().snapshot();
  }

  @Override
  public Map<String, CallCounts> callsByTable() {
    return calls.connection().byTable();
  }

  @Override
  public CallCounts jvmCalls() {
    return CallMeter.jvm().snapshot();
  }

  @Override
  public AccountLimits accountLimits() {
    return api.accountLimits();
  }

  @Override
  public void resetCalls() {
    calls.connection().reset();
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

  @Override
  public String toString() {
    return "CaspioConnection[" + config.host() + (isClosed() ? ", closed]" : "]");
  }
}
