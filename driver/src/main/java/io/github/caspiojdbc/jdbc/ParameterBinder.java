/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Calendar;

/**
 * Intercepts a {@link PreparedStatement}'s parameter setters and binds each value converted exactly
 * to the parameter's type by {@link ParameterValues}, through the one Avatica setter that carries
 * that type unchanged. Nulls, and parameters whose type Calcite left open, pass through as given.
 */
final class ParameterBinder {
  private final PreparedStatement delegate;
  private ParameterMetaData parameters;

  ParameterBinder(PreparedStatement delegate) {
    this.delegate = delegate;
  }

  /** Whether {@code method} sets a parameter value. */
  static boolean handles(Method method) {
    return method.getDeclaringClass() == PreparedStatement.class
        && method.getName().startsWith("set")
        && method.getParameterCount() >= 2
        && method.getParameterTypes()[0] == int.class;
  }

  /**
   * One parameter as bound: the converted value, or the original call when it is passed through.
   * Streams are already read into it, so a batch entry can bind it again.
   */
  record Bound(int index, Object value, Method method, Object[] args) {}

  /** Converts and binds the value of one setter call. */
  Bound bind(Method method, Object[] args) throws Throwable {
    Bound b = convert(method, args);
    apply(b);
    return b;
  }

  private Bound convert(Method method, Object[] args) throws Throwable {
    String name = method.getName();
    int index = (Integer) args[0];
    Object value = args[1];
    if (name.equals("setNull") || value == null) {
      return new Bound(index, null, method, args.clone());
    }
    ParameterMetaData meta = parameters();
    if (index < 1 || index > meta.getParameterCount()) {
      return new Bound(index, null, method, args.clone()); // Avatica names the bad index.
    }
    Calendar calendar = args.length > 2 && args[2] instanceof Calendar c ? c : null;
    Object v =
        ParameterValues.convert(
            meta.getParameterType(index),
            meta.getPrecision(index),
            meta.getScale(index),
            streamValue(name, value, args),
            calendar,
            index);
    return narrowed(v)
        ? new Bound(index, v, null, null)
        : new Bound(index, null, method, args.clone());
  }

  private static boolean narrowed(Object v) {
    return v instanceof Number
        || v instanceof Boolean
        || v instanceof String
        || v instanceof LocalDateTime
        || v instanceof LocalDate
        || v instanceof LocalTime;
  }

  /** Sets a bound value on the statement, through the setter that carries its type unchanged. */
  void apply(Bound b) throws Throwable {
    int index = b.index();
    Object v = b.value();
    if (b.method() != null) {
      forward(b.method(), b.args());
    } else if (v instanceof Integer i) {
      delegate.setInt(index, i);
    } else if (v instanceof Long l) {
      delegate.setLong(index, l);
    } else if (v instanceof Short s) {
      delegate.setShort(index, s);
    } else if (v instanceof Byte by) {
      delegate.setByte(index, by);
    } else if (v instanceof BigDecimal d) {
      delegate.setBigDecimal(index, d);
    } else if (v instanceof Double d) {
      delegate.setDouble(index, d);
    } else if (v instanceof Float f) {
      delegate.setFloat(index, f);
    } else if (v instanceof Boolean bo) {
      delegate.setBoolean(index, bo);
    } else if (v instanceof String s) {
      delegate.setString(index, s);
    } else if (v instanceof LocalDateTime t) {
      delegate.setTimestamp(index, Timestamp.valueOf(t));
    } else if (v instanceof LocalDate d) {
      delegate.setDate(index, java.sql.Date.valueOf(d));
    } else if (v instanceof LocalTime t) {
      delegate.setTime(index, Time.valueOf(t));
    }
  }

  /** Character and ASCII streams are read now (up to the given length); other values as given. */
  private static Object streamValue(String name, Object value, Object[] args) throws SQLException {
    long length = args.length > 2 && args[2] instanceof Number n ? n.longValue() : -1;
    if (value instanceof Reader r) {
      StringBuilder b = new StringBuilder();
      char[] buf = new char[8192];
      long left = length >= 0 ? length : Long.MAX_VALUE;
      try {
        for (int k; left > 0 && (k = r.read(buf, 0, (int) Math.min(buf.length, left))) >= 0; ) {
          b.append(buf, 0, k);
          left -= k;
        }
      } catch (java.io.IOException e) {
        throw CaspioErrors.toSql(
            new CaspioException(
                ErrorKind.DATA, "The character stream could not be read: " + e.getMessage(), e));
      }
      return b.toString();
    }
    if (name.equals("setAsciiStream") && value instanceof InputStream in) {
      return ParameterValues.ascii(in, length);
    }
    return value;
  }

  private ParameterMetaData parameters() throws SQLException {
    if (parameters == null) {
      parameters = delegate.getParameterMetaData();
    }
    return parameters;
  }

  private Object forward(Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(delegate, args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
