/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.adapter.LocalFilters.LocalFilter;
import io.github.caspiojdbc.adapter.RowCap;
import io.github.caspiojdbc.adapter.StatementCancel;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import io.github.caspiojdbc.rest.CallCounts;
import io.github.caspiojdbc.rest.CallMeter;
import io.github.caspiojdbc.rest.CallScope;
import java.lang.reflect.Method;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.NoSuchStatementException;
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
 *   <li>on a read-only connection, SQL that changes rows is refused before execution;
 *   <li>what cannot succeed is refused before any request is sent: empty SQL (42000), {@code
 *       executeQuery} of SQL that returns no rows (07005: the write would be applied and could not
 *       be undone), {@code executeUpdate} of a query (07003), a prepared execution with a parameter
 *       not set (07001);
 *   <li>{@code cancel()} aborts the requests in flight at once, through the adapter's {@link
 *       StatementCancel} hook (no thread polls the flag), and stops only the execution in flight,
 *       if any: Avatica's cancel flag would otherwise stay set and fail every later execution with
 *       57014;
 *   <li>the query timeout also bounds loading the metadata the statement needs ({@link
 *       MetadataPreload});
 *   <li>each execution counts its Caspio calls in a fresh meter with the connection's {@code
 *       maxCallsPerStatement} budget ({@link CaspioCallStats}, which the proxy implements and which
 *       stays readable after {@code close()}); {@code getWarnings} adds what the execution's calls
 *       deserve ({@link CallWarnings}), and the predicates left to Calcite are found when the SQL
 *       is planned ({@link PushdownCheck});
 *   <li>after {@code close()}, every method but {@code close} and {@code isClosed} fails with
 *       55000, or 08003 when the connection is closed.
 * </ul>
 */
final class StatementHandler extends Wrappers.Handler {
  private static final Logger LOG = Logger.getLogger(StatementHandler.class.getName());

  private final CaspioConnection owner;
  private final Statement statement;
  final StatementWrites writes;

  /** The calls of the execution in progress or the last one. */
  private volatile CallMeter meter = ConnectionCalls.idle();

  /** The predicates the current plan evaluates locally. */
  private volatile List<LocalFilter> localFilters = List.of();

  /** Whether clearWarnings was called since the execution started. */
  private volatile boolean warningsCleared;

  /** The proxy, set right after creation. */
  Statement self;

  private volatile int queryTimeoutSeconds = -1;
  private volatile boolean cancelRequested;

  /** The SQL of a prepared statement, or null for a plain one. */
  private String preparedSql;

  /** The SQL of the execution in progress or last run, for the SQLState of some failures. */
  private volatile String currentSql;

  /** The CALL the last execution ran, which answers for its results; null otherwise. */
  private volatile Statement procedure;

  StatementHandler(CaspioConnection owner, Statement delegate) {
    super(delegate);
    this.owner = owner;
    this.statement = delegate;
    this.writes = new StatementWrites(owner, delegate);
  }

  /** For a prepared statement: its SQL. */
  void prepared(String sql) {
    this.preparedSql = sql;
    this.currentSql = sql;
    if (writes != null) {
      writes.preparedText(sql);
    }
  }

  @Override
  Object intercept(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == CaspioCallStats.class) {
      return callStats(method.getName());
    }
    String name = method.getName();
    if (!name.startsWith("execute")) {
      return dispatch(method, args);
    }
    checkOpen();
    CallMeter m = owner.meters().started();
    meter = m;
    warningsCleared = false;
    boolean planned = args.length > 0 && args[0] instanceof String;
    PushdownCheck check =
        planned ? new PushdownCheck(owner.meters().settings().strictPushdown()) : null;
    CallScope scope = CallScope.enter(m);
    RowCap cap = RowCap.enter(maxRows());
    try {
      return dispatch(method, args);
    } finally {
      cap.close();
      scope.close();
      if (check != null) {
        check.close();
        localFilters = check.localFilters();
      }
    }
  }

  /**
   * The statement's {@code setMaxRows}, 0 for none. Avatica applies it to a plain statement's rows
   * but not to a prepared one's, so the result set applies it too ({@link ResultSetHandler}).
   */
  long maxRows() throws SQLException {
    return statement.getLargeMaxRows();
  }

  /** For a prepared statement: the predicates its plan evaluates locally. */
  void planned(List<LocalFilter> filters) {
    this.localFilters = List.copyOf(filters);
  }

  /** The driver's warnings about the current or last execution, or null. */
  SQLWarning callWarnings() {
    return warningsCleared ? null : CallWarnings.of(meter, localFilters, owner.meters().settings());
  }

  private Object callStats(String name) {
    return callStats(name, meter, owner);
  }

  /** A {@link CaspioCallStats} method of a statement whose execution counted in {@code meter}. */
  static Object callStats(String name, CallMeter meter, CaspioConnection owner) {
    return switch (name) {
      case "calls" -> meter.snapshot();
      case "callsByTable" -> Map.<String, CallCounts>of();
      case "jvmCalls" -> CallMeter.jvm().snapshot();
      case "accountLimits" -> owner.accountLimits();
      case "resetCalls" -> {
        meter.reset();
        yield null;
      }
      default -> throw new IllegalStateException(name);
    };
  }

  /** The meter of the execution in progress or the last one. */
  CallMeter meter() {
    return meter;
  }

  private Object dispatch(Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (!name.equals("close") && !name.equals("isClosed")) {
      checkOpen();
    }
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
        if (procedure != null) {
          return procedure.getResultSet();
        }
        return Wrappers.resultSet(this, (ResultSet) forward(method, args));
      case "getUpdateCount", "getLargeUpdateCount", "getMoreResults":
        return procedure != null ? forwardTo(procedure, method, args) : forward(method, args);
      case "close":
        closeProcedure();
        return forward(method, args);
      case "getMetaData":
        // PreparedStatement's description of its result, as its result sets describe it.
        return Wrappers.resultSetMetaData(
            (ResultSetMetaData) forward(method, args),
            statement.getConnection().unwrap(CalciteConnection.class),
            true);
      case "cancel":
        cancelRequested = true;
        forward(method, args);
        // Avatica only set the flag; the reads open under it abort their requests now.
        AtomicBoolean flag = cancelFlag();
        if (flag != null) {
          StatementCancel.cancel(flag);
        }
        return null;
      case "getWarnings":
        return CallWarnings.chain((SQLWarning) forward(method, args), callWarnings());
      case "clearWarnings":
        warningsCleared = true;
        return forward(method, args);
      case "addBatch":
        if (args.length == 1 && args[0] instanceof String sql) {
          checkNotEmpty(sql);
          owner.checkWritable(sql);
          if (ProcedureCall.isCall(sql)) {
            throw CaspioErrors.toSql(
                new CaspioException(
                    ErrorKind.UNSUPPORTED,
                    "The driver's procedures run one call per execute; a CALL cannot be batched",
                    null));
          }
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
    String sql = args.length > 0 && args[0] instanceof String text ? text : null;
    closeProcedure();
    if (sql != null) {
      checkNotEmpty(sql);
      owner.checkWritable(sql);
      currentSql = sql;
      if (ProcedureCall.isCall(sql)) {
        return procedure(name, sql);
      }
    }
    checkKind(name, sql != null ? sql : preparedSql);
    if (sql == null
        && preparedSql != null
        && !name.equals("executeBatch")
        && !name.equals("executeLargeBatch")) {
      checkParametersSet();
    }
    cancelRequested = false;
    resetCancelFlag();
    int timeout = applyTimeout();
    if (sql != null && timeout > 0) {
      long spent = MetadataPreload.load(owner.schema(), sql, timeout * 1000L, owner.background());
      if (spent > 0) {
        statement.setQueryTimeout((int) Math.max(1, timeout - spent / 1000));
      }
    }
    Object result = writes.execute(method, args);
    if (result instanceof ResultSet rs) {
      return Wrappers.resultSet(this, rs);
    }
    return result;
  }

  /**
   * Runs a CALL of one of the driver's procedures within this execution's meter; its results answer
   * {@code getResultSet} and {@code getUpdateCount} until the next execution.
   */
  private Object procedure(String method, String sql) throws Throwable {
    // Avatica's results of an earlier execution must not answer for this one.
    ResultSet earlier = statement.getResultSet();
    if (earlier != null) {
      earlier.close();
    }
    Statement p = ProcedureStatement.prepare(owner, sql, self);
    procedure = p;
    return ProcedureStatement.handler(p).execute(method, meter);
  }

  private void closeProcedure() throws SQLException {
    Statement p = procedure;
    procedure = null;
    if (p != null) {
      p.close();
    }
  }

  private static Object forwardTo(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /**
   * Clears Avatica's cancel flag, which {@code cancel()} sets and nothing ever clears: a cancel
   * concerns the execution then in flight, never the next one.
   */
  private void resetCancelFlag() {
    AtomicBoolean flag = cancelFlag();
    if (flag != null) {
      flag.set(false);
    }
  }

  /**
   * The statement's cancel flag, the one Calcite hands to the adapter's readers; null (and logged)
   * where Avatica does not give it.
   */
  private AtomicBoolean cancelFlag() {
    try {
      AvaticaStatement avatica = statement.unwrap(AvaticaStatement.class);
      return avatica.getConnection().getCancelFlag(avatica.handle);
    } catch (SQLException | NoSuchStatementException | RuntimeException e) {
      LOG.log(Level.FINE, "The statement's cancel flag is not reachable", e);
      return null;
    }
  }

  @Override
  SQLException translate(Throwable e) {
    return SqlErrors.translate(e, currentSql);
  }

  /** The SQL of the execution in progress or last run, or null. */
  String currentSql() {
    return currentSql;
  }

  /** Whether the connection of this statement is closed. */
  boolean connectionClosed() {
    return owner.isClosed();
  }

  /** 08003 when the connection is closed, 55000 when only this statement is. */
  void checkOpen() throws SQLException {
    if (owner.isClosed()) {
      throw CaspioConnection.closedError();
    }
    if (statement.isClosed()) {
      throw closedError("statement");
    }
  }

  static SQLException closedError(String what) {
    return CaspioErrors.toSql(
        new CaspioException(
            ErrorKind.OBJECT_CLOSED, "The " + what + " is closed; create a new one", null));
  }

  static void checkNotEmpty(String sql) throws SQLException {
    if (WriteDetector.isEmpty(sql)) {
      throw CaspioErrors.toSql(
          new CaspioException(
              ErrorKind.SYNTAX, "Empty SQL statement: there is nothing to execute", null));
    }
  }

  /**
   * Refuses, before anything is sent, an executeQuery of SQL that changes rows (Caspio cannot undo
   * it, and the method would then fail for want of a result set) and an executeUpdate of a query.
   */
  private static void checkKind(String method, String sql) throws SQLException {
    if (sql == null) {
      return;
    }
    if (method.equals("executeQuery") && WriteDetector.isWrite(sql)) {
      throw CaspioErrors.toSql(
          new CaspioException(
              ErrorKind.NOT_A_QUERY,
              "executeQuery needs a query; INSERT, UPDATE and DELETE return no rows, so nothing was"
                  + " sent. Use executeUpdate or execute",
              null));
    }
    if ((method.equals("executeUpdate") || method.equals("executeLargeUpdate"))
        && WriteDetector.isQuery(sql)) {
      throw CaspioErrors.toSql(
          new CaspioException(
              ErrorKind.QUERY_NOT_UPDATE,
              "executeUpdate cannot run a query, so nothing was sent. Use executeQuery or execute",
              null));
    }
  }

  private void checkParametersSet() throws SQLException {
    int count = ((PreparedStatement) statement).getParameterMetaData().getParameterCount();
    for (int i = 1; i <= count; i++) {
      if (!writes.isSet(i)) {
        throw CaspioErrors.toSql(
            new CaspioException(
                ErrorKind.PARAMETER_NOT_SET,
                "Parameter "
                    + i
                    + " of "
                    + count
                    + " is not set; set every parameter (setNull for NULL) before executing",
                null));
      }
    }
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
    return CaspioErrors.toSql(
        new CaspioException(ErrorKind.CANCELLED, "The statement was cancelled", e));
  }

  /** Sets Avatica's timeout for the coming execution and returns it (seconds, 0 for none). */
  private int applyTimeout() throws Exception {
    int network = owner.networkTimeoutMillis();
    int own = queryTimeoutSeconds >= 0 ? queryTimeoutSeconds : statement.getQueryTimeout();
    int effective = own;
    if (network > 0) {
      int networkSeconds = (int) Math.max(1, (network + 999L) / 1000);
      effective = own == 0 ? networkSeconds : Math.min(own, networkSeconds);
    }
    statement.setQueryTimeout(effective);
    if (queryTimeoutSeconds < 0) {
      queryTimeoutSeconds = own;
    }
    return effective;
  }
}
