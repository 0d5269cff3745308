/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import io.github.caspiojdbc.rest.CallMeter;
import io.github.caspiojdbc.rest.CallScope;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;

/**
 * The statement of a {@code CALL} of one of the driver's procedures ({@link CaspioProcedure}): what
 * {@code prepareCall}, {@code prepareStatement("CALL ...")} and a plain statement's {@code
 * execute("CALL ...")} run. The text never reaches Calcite; each execution sends the procedure's
 * one request, with the arguments bound now.
 *
 * <p>Parameters are IN only: text setters for VARCHAR arguments (converted as every parameter of
 * the driver is, exactly or not at all), {@code setBytes}, {@code setBinaryStream} and {@code
 * setBlob} for the content. A stream is read by the execution that uses it and then counts as not
 * set, so executing again without binding new content fails with 07001 instead of uploading an
 * empty file. OUT parameters, named parameters and batches are refused with 0A000.
 *
 * <p>A key-returning procedure's result is a one-row result set with the VARCHAR column {@code
 * EXTERNAL_KEY}, made by a constant Calcite query so that it behaves like every result set of the
 * driver; the others give an update count. The execution's Caspio calls are counted in a fresh
 * meter ({@link CaspioCallStats}). The statement's query timeout is kept but does not bound the
 * request: a write is never abandoned half way; the connection's network and socket timeouts bound
 * it.
 */
final class ProcedureStatement implements InvocationHandler {
  /** The constant query whose result set carries a new key. */
  private static final String KEY_QUERY =
      "SELECT CAST(? AS VARCHAR) AS \"EXTERNAL_KEY\" FROM (VALUES (0))";

  private final CaspioConnection owner;
  private final ProcedureCall call;
  private final ProcedureArguments arguments;

  /** The proxy its result sets report, set right after creation. */
  private Statement reported;

  private CallableStatement self;
  private volatile CallMeter meter = ConnectionCalls.idle();
  private volatile boolean closed;
  private ResultSet resultSet;
  private long updateCount = -1;
  private PreparedStatement keyQuery;
  private StatementHandler keyHandler;
  private int fetchSize;
  private long maxRows;
  private int queryTimeout;
  private int maxFieldSize;
  private boolean poolable;
  private boolean closeOnCompletion;

  private ProcedureStatement(CaspioConnection owner, ProcedureCall call) {
    this.owner = owner;
    this.call = call;
    this.arguments = new ProcedureArguments(call);
  }

  /**
   * A statement for the CALL in {@code sql}.
   *
   * @param reportedAs the statement its result sets report, or null for the new statement itself
   */
  static CallableStatement prepare(CaspioConnection owner, String sql, Statement reportedAs)
      throws SQLException {
    ProcedureStatement h = new ProcedureStatement(owner, ProcedureCall.parse(sql));
    CallableStatement proxy =
        (CallableStatement)
            Proxy.newProxyInstance(
                ProcedureStatement.class.getClassLoader(),
                new Class<?>[] {CallableStatement.class, CaspioCallStats.class},
                h);
    h.self = proxy;
    h.reported = reportedAs == null ? proxy : reportedAs;
    return proxy;
  }

  /** The handler of a statement made by {@link #prepare}. */
  static ProcedureStatement handler(Statement proxy) {
    return (ProcedureStatement) Proxy.getInvocationHandler(proxy);
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    Object[] a = args == null ? new Object[0] : args;
    String name = method.getName();
    if (method.getDeclaringClass() == Object.class) {
      return switch (name) {
        case "equals" -> proxy == a[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> "ProcedureStatement(" + call.procedure().sqlName() + ")";
      };
    }
    try {
      return handle(proxy, method, name, a);
    } catch (SQLException e) {
      throw e;
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e);
    }
  }

  private Object handle(Object proxy, Method method, String name, Object[] a) throws Throwable {
    switch (name) {
      case "close":
        close();
        return null;
      case "isClosed":
        return closed;
      case "unwrap":
        if (a[0] instanceof Class<?> c && c.isInstance(proxy)) {
          return proxy;
        }
        throw CaspioErrors.invalidValue("Not a wrapper for " + a[0]);
      case "isWrapperFor":
        return a[0] instanceof Class<?> c && c.isInstance(proxy);
      default:
        break;
    }
    checkOpen();
    if (method.getDeclaringClass() == CaspioCallStats.class) {
      return StatementHandler.callStats(name, meter, owner);
    }
    if (ProcedureArguments.isSetter(method)) {
      arguments.bind(method, a);
      return null;
    }
    switch (name) {
      case "execute", "executeQuery", "executeUpdate", "executeLargeUpdate":
        if (a.length > 0) {
          throw unsupported(
              "A prepared CALL runs its own text; call " + name + "() without arguments");
        }
        return execute(name, null);
      case "clearParameters":
        arguments.clear();
        return null;
      case "getConnection":
        return owner;
      case "getResultSet":
        return resultSet;
      case "getUpdateCount":
        return (int) Math.min(Integer.MAX_VALUE, updateCount);
      case "getLargeUpdateCount":
        return updateCount;
      case "getMoreResults":
        // One result per execution: after it there are no more, and the current one is closed.
        closeResult();
        return false;
      case "getMetaData":
        return call.procedure().returnsKey()
            ? Wrappers.resultSetMetaData(keyQuery().getMetaData(), owner.calcite(), true)
            : null;
      case "getParameterMetaData":
        return arguments.description();
      case "getWarnings":
        return CallWarnings.of(meter, List.of(), owner.meters().settings());
      case "clearWarnings", "cancel", "setEscapeProcessing", "setFetchDirection":
        // cancel: the one request of a write is never abandoned half way (its outcome would be
        // unknown); it ends within the connection's timeouts.
        return null;
      case "getFetchDirection":
        return ResultSet.FETCH_FORWARD;
      case "getGeneratedKeys":
        throw unsupported("A CALL has no generated keys; an upload's key is its result set");
      case "setFetchSize":
        fetchSize = nonNegative((Integer) a[0], "fetch size");
        return null;
      case "getFetchSize":
        return fetchSize;
      case "setMaxRows", "setLargeMaxRows":
        maxRows = nonNegative(((Number) a[0]).longValue(), "max rows");
        return null;
      case "getMaxRows":
        return (int) Math.min(Integer.MAX_VALUE, maxRows);
      case "getLargeMaxRows":
        return maxRows;
      case "setQueryTimeout":
        queryTimeout = nonNegative((Integer) a[0], "query timeout");
        return null;
      case "getQueryTimeout":
        return queryTimeout;
      case "setMaxFieldSize":
        maxFieldSize = nonNegative((Integer) a[0], "max field size");
        return null;
      case "getMaxFieldSize":
        return maxFieldSize;
      case "setPoolable":
        poolable = (Boolean) a[0];
        return null;
      case "isPoolable":
        return poolable;
      case "closeOnCompletion":
        closeOnCompletion = true;
        return null;
      case "isCloseOnCompletion":
        return closeOnCompletion;
      case "getResultSetType":
        return ResultSet.TYPE_FORWARD_ONLY;
      case "getResultSetConcurrency":
        return ResultSet.CONCUR_READ_ONLY;
      case "getResultSetHoldability":
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
      case "addBatch", "executeBatch", "executeLargeBatch", "clearBatch":
        throw unsupported("The driver's procedures run one call per execute; they take no batch");
      case "registerOutParameter", "wasNull":
        throw unsupported(
            "The driver's procedures have IN parameters only; an upload's key comes back as its"
                + " result set (column EXTERNAL_KEY)");
      default:
        break;
    }
    if (method.isDefault()) {
      return InvocationHandler.invokeDefault(proxy, method, a);
    }
    if (method.getDeclaringClass() == CallableStatement.class) {
      throw unsupported(
          name
              + ": the driver's procedures have IN parameters only, set by position; an upload's"
              + " key comes back as its result set");
    }
    throw unsupported(name + " is not supported on a CALL statement");
  }

  /**
   * Runs the call once.
   *
   * @param method the JDBC method, which decides the return value
   * @param within the meter of an enclosing statement's execution, or null to start one
   */
  Object execute(String method, CallMeter within) throws SQLException {
    CaspioProcedure p = call.procedure();
    if (method.equals("executeQuery") && !p.returnsKey()) {
      throw kind(
          ErrorKind.NOT_A_QUERY,
          p.sqlName()
              + " returns an update count, not rows, so nothing was sent; use execute or"
              + " executeUpdate");
    }
    if (method.startsWith("executeUpdate") || method.equals("executeLargeUpdate")) {
      if (p.returnsKey()) {
        throw kind(
            ErrorKind.QUERY_NOT_UPDATE,
            p.sqlName()
                + " returns the file's key as a result set, so nothing was sent; use"
                + " execute or executeQuery");
      }
    }
    Object[] args = arguments.resolve();
    p.checkArguments(args);
    closeResult();
    CallMeter m = within != null ? within : owner.meters().started();
    meter = m;
    Object result;
    CallScope scope = within != null ? null : CallScope.enter(m);
    try {
      result = p.run(owner, args);
    } finally {
      arguments.consumeStreams();
      if (scope != null) {
        scope.close();
      }
    }
    if (p.returnsKey()) {
      PreparedStatement q = keyQuery();
      q.setString(1, (String) result);
      resultSet = Wrappers.resultSet(keyHandler, q.executeQuery());
      updateCount = -1;
    } else {
      updateCount = (Long) result;
    }
    return switch (method) {
      case "executeQuery" -> resultSet;
      case "executeUpdate" -> (int) Math.min(Integer.MAX_VALUE, updateCount);
      case "executeLargeUpdate" -> updateCount;
      default -> p.returnsKey();
    };
  }

  /** The constant query of the key result, prepared once per statement. */
  private PreparedStatement keyQuery() throws SQLException {
    if (keyQuery == null) {
      try {
        keyQuery = owner.calcite().prepareStatement(KEY_QUERY);
      } catch (RuntimeException e) {
        throw SqlErrors.translate(e);
      }
      keyHandler = new StatementHandler(owner, keyQuery);
      keyHandler.self = reported;
    }
    return keyQuery;
  }

  private void closeResult() throws SQLException {
    ResultSet rs = resultSet;
    resultSet = null;
    updateCount = -1;
    if (rs != null) {
      rs.close();
    }
  }

  void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      closeResult();
    } finally {
      if (keyQuery != null) {
        keyQuery.close();
      }
    }
  }

  private void checkOpen() throws SQLException {
    if (owner.isClosed()) {
      throw CaspioConnection.closedError();
    }
    if (closed) {
      throw StatementHandler.closedError("statement");
    }
  }

  private static <N extends Number & Comparable<N>> N nonNegative(N n, String what)
      throws SQLException {
    if (n.longValue() < 0) {
      throw CaspioErrors.invalidValue("The " + what + " cannot be negative: " + n);
    }
    return n;
  }

  private static SQLException kind(ErrorKind kind, String message) {
    return CaspioErrors.toSql(new CaspioException(kind, message, null));
  }

  private static SQLException unsupported(String message) {
    return new SQLFeatureNotSupportedException(message, ErrorKind.UNSUPPORTED.sqlState());
  }
}
