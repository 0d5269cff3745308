/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * Thin dynamic-proxy wrappers around Avatica's statements, result sets and metadata. Calcite's JDBC
 * classes cannot be subclassed outside their package, and each interface has well over a hundred
 * methods of which we change a handful, so a proxy forwards everything and a {@link Handler}
 * intercepts by method name. Every wrapper turns any failure into the right {@link SQLException}
 * through {@link SqlErrors}, including the raw {@code RuntimeException}s that Avatica lets escape
 * from {@code ResultSet.next()} and some metadata getters, and the {@code Error}s of Calcite's
 * generated code.
 */
final class Wrappers {
  private Wrappers() {}

  static Statement statement(CaspioConnection owner, Statement delegate) {
    Class<?> iface =
        delegate instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
    StatementHandler h = new StatementHandler(owner, delegate);
    Statement proxy =
        (Statement)
            Proxy.newProxyInstance(
                Wrappers.class.getClassLoader(), new Class<?>[] {iface, CaspioCallStats.class}, h);
    h.self = proxy;
    return proxy;
  }

  /** The handler of a statement made by {@link #statement}. */
  static StatementHandler handler(Statement proxy) {
    return (StatementHandler) Proxy.getInvocationHandler(proxy);
  }

  /**
   * Wraps a result set.
   *
   * @param statement the statement that made it (its proxy and handler), or null for metadata
   */
  static ResultSet resultSet(StatementHandler statement, ResultSet delegate) throws SQLException {
    if (delegate == null || Proxy.isProxyClass(delegate.getClass())) {
      return delegate;
    }
    long maxRows = statement == null ? 0 : statement.maxRows();
    return (ResultSet) proxy(ResultSet.class, new ResultSetHandler(statement, delegate, maxRows));
  }

  /**
   * Wraps a result set's metadata.
   *
   * @param connection the Calcite connection that ran the query, or null when unknown
   * @param query whether it describes a query's result (not a {@code DatabaseMetaData} one)
   */
  static ResultSetMetaData resultSetMetaData(
      ResultSetMetaData delegate, CalciteConnection connection, boolean query) {
    if (delegate == null || Proxy.isProxyClass(delegate.getClass())) {
      return delegate;
    }
    return (ResultSetMetaData)
        proxy(ResultSetMetaData.class, new ResultSetMetaDataHandler(delegate, connection, query));
  }

  static DatabaseMetaData metaData(CaspioConnection owner, DatabaseMetaData delegate) {
    return (DatabaseMetaData) proxy(DatabaseMetaData.class, new MetaDataHandler(owner, delegate));
  }

  private static Object proxy(Class<?> iface, InvocationHandler h) {
    return Proxy.newProxyInstance(Wrappers.class.getClassLoader(), new Class<?>[] {iface}, h);
  }

  /**
   * Forwards to the delegate, answering {@code unwrap}/{@code isWrapperFor} and {@link Object}
   * methods itself and translating failures.
   */
  abstract static class Handler implements InvocationHandler {
    final Object delegate;

    Handler(Object delegate) {
      this.delegate = delegate;
    }

    @Override
    public final Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      Object[] a = args == null ? new Object[0] : args;
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> proxy == a[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> getClass().getSimpleName() + "(" + delegate + ")";
        };
      }
      switch (method.getName()) {
        case "unwrap":
          if (a.length == 1 && a[0] instanceof Class<?> c && c.isInstance(proxy)) {
            return proxy;
          }
          break;
        case "isWrapperFor":
          if (a.length == 1 && a[0] instanceof Class<?> c && c.isInstance(proxy)) {
            return true;
          }
          break;
        default:
          break;
      }
      try {
        return intercept(proxy, method, a);
      } catch (SQLException | RuntimeException | ExceptionInInitializerError | AssertionError e) {
        // Calcite runs generated code while planning; a failure in it (1/0, a bad CAST of a
        // constant) arrives as an ExceptionInInitializerError, and its own bugs as AssertionError.
        throw adjust(translate(e));
      }
    }

    /** The JDBC form of a failure; the default knows nothing about the SQL that failed. */
    SQLException translate(Throwable e) {
      return SqlErrors.translate(e);
    }

    /** A last look at a translated failure; the default keeps it. */
    SQLException adjust(SQLException e) {
      return e;
    }

    /** Handles one call; the default forwards it. */
    Object intercept(Object proxy, Method method, Object[] args) throws Throwable {
      return forward(method, args);
    }

    final Object forward(Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(delegate, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
