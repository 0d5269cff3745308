/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Method;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;

/**
 * The arguments of one {@link ProcedureCall} as a statement holds them: the values bound to its
 * {@code ?} (converted when set, exactly or not at all, as every parameter of the driver is), the
 * literals of its text, and what {@code getParameterMetaData} says of them. A stream is read by the
 * execution that sends it and then counts as not set.
 */
final class ProcedureArguments {
  private final ProcedureCall call;
  private final Object[] values;
  private final boolean[] set;

  ProcedureArguments(ProcedureCall call) {
    this.call = call;
    this.values = new Object[call.parameterCount()];
    this.set = new boolean[values.length];
  }

  void clear() {
    Arrays.fill(values, null);
    Arrays.fill(set, false);
  }

  ParameterMetaData description() {
    return new Description(call);
  }

  /** The argument values in order: literals as written, parameters as bound and converted. */
  Object[] resolve() throws SQLException {
    List<CaspioProcedure.Param> params = call.procedure().parameters();
    Object[] out = new Object[params.size()];
    for (int i = 0; i < out.length; i++) {
      int index = call.parameters()[i];
      Object v;
      if (index >= 0) {
        if (!set[index]) {
          throw kind(
              ErrorKind.PARAMETER_NOT_SET,
              "Parameter "
                  + (index + 1)
                  + " of "
                  + values.length
                  + " is not set (a stream is read by one execution); set every parameter"
                  + " (setNull for NULL) before executing");
        }
        v = values[index];
      } else {
        v = convert(params.get(i), call.literals().get(i), null, i + 1);
      }
      out[i] = v instanceof byte[] b ? new ByteArrayInputStream(b) : v;
    }
    return out;
  }

  /** A stream is read by one execution only; a byte array can be sent again. */
  void consumeStreams() {
    for (int i = 0; i < values.length; i++) {
      if (values[i] instanceof InputStream) {
        values[i] = null;
        set[i] = false;
      }
    }
  }

  static boolean isSetter(Method method) {
    Class<?>[] types = method.getParameterTypes();
    return method.getName().startsWith("set")
        && types.length >= 2
        && (method.getDeclaringClass() == PreparedStatement.class
            || method.getDeclaringClass() == CallableStatement.class);
  }

  void bind(Method method, Object[] a) throws SQLException {
    if (!(a[0] instanceof Integer position)) {
      throw unsupported(
          "The driver's procedures take parameters by position (setString(1, ...)), not by name");
    }
    if (position < 1 || position > values.length) {
      throw CaspioErrors.invalidValue(
          "Parameter " + position + " does not exist: this CALL has " + values.length);
    }
    int argument = argumentOf(position - 1);
    CaspioProcedure.Param param = call.procedure().parameters().get(argument);
    Object value = method.getName().equals("setNull") ? null : a[1];
    long length = a.length > 2 && a[2] instanceof Number n ? n.longValue() : -1;
    values[position - 1] = convert(param, value, length, position);
    set[position - 1] = true;
  }

  private int argumentOf(int parameter) {
    int[] p = call.parameters();
    for (int i = 0; i < p.length; i++) {
      if (p[i] == parameter) {
        return i;
      }
    }
    throw new IllegalStateException("parameter " + parameter);
  }

  /**
   * One argument in the form {@link CaspioProcedure#run} takes: String, Long, or bytes (an array or
   * a stream).
   */
  private static Object convert(CaspioProcedure.Param param, Object value, Long length, int index)
      throws SQLException {
    if (value == null) {
      return null;
    }
    if (param.jdbcType() != Types.VARBINARY) {
      Object v = value;
      if (value instanceof Reader r && length != null && length >= 0) {
        v = readChars(r, length);
      }
      return ParameterValues.convert(param.jdbcType(), 0, 0, v, null, index);
    }
    if (value instanceof byte[] b) {
      return b.clone();
    }
    if (value instanceof InputStream in) {
      if (length != null && length >= 0) {
        return new BoundedStream(in, length);
      }
      return in;
    }
    if (value instanceof Blob blob) {
      return blob.getBinaryStream();
    }
    throw CaspioErrors.toSql(
        new CaspioException(
            ErrorKind.INVALID_CAST,
            "Parameter "
                + index
                + " ("
                + param.name()
                + ") is the file's bytes: pass a byte[], an InputStream or a Blob (an X'..'"
                + " literal in SQL), not "
                + value.getClass().getSimpleName()
                + "; text is not encoded for you, since the charset would be a guess",
            null));
  }

  private static String readChars(Reader r, long length) throws SQLException {
    StringBuilder b = new StringBuilder();
    char[] buf = new char[8192];
    long left = length;
    try {
      for (int k; left > 0 && (k = r.read(buf, 0, (int) Math.min(buf.length, left))) >= 0; ) {
        b.append(buf, 0, k);
        left -= k;
      }
    } catch (IOException e) {
      throw kind(ErrorKind.DATA, "The character stream could not be read: " + e.getMessage());
    }
    return b.toString();
  }

  /** The first {@code length} bytes of a stream, as {@code setBinaryStream(i, in, length)} says. */
  private static final class BoundedStream extends InputStream {
    private final InputStream in;
    private long left;

    BoundedStream(InputStream in, long length) {
      this.in = in;
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int k = in.read(buf, off, (int) Math.min(len, left));
      if (k > 0) {
        left -= k;
      }
      return k;
    }
  }

  private static SQLException kind(ErrorKind kind, String message) {
    return CaspioErrors.toSql(new CaspioException(kind, message, null));
  }

  private static SQLException unsupported(String message) {
    return new SQLFeatureNotSupportedException(message, ErrorKind.UNSUPPORTED.sqlState());
  }

  /** What {@code getParameterMetaData} says about the {@code ?} of a CALL. */
  private static final class Description implements ParameterMetaData {
    private final ProcedureCall call;

    Description(ProcedureCall call) {
      this.call = call;
    }

    private CaspioProcedure.Param param(int position) throws SQLException {
      int[] p = call.parameters();
      for (int i = 0; i < p.length; i++) {
        if (p[i] == position - 1) {
          return call.procedure().parameters().get(i);
        }
      }
      throw CaspioErrors.invalidValue(
          "Parameter " + position + " does not exist: this CALL has " + call.parameterCount());
    }

    @Override
    public int getParameterCount() {
      return call.parameterCount();
    }

    @Override
    public int isNullable(int param) throws SQLException {
      return param(param).nullable() ? parameterNullable : parameterNoNulls;
    }

    @Override
    public boolean isSigned(int param) throws SQLException {
      return param(param).jdbcType() == Types.BIGINT;
    }

    @Override
    public int getPrecision(int param) throws SQLException {
      return param(param).jdbcType() == Types.BIGINT ? 19 : 0;
    }

    @Override
    public int getScale(int param) throws SQLException {
      param(param);
      return 0;
    }

    @Override
    public int getParameterType(int param) throws SQLException {
      return param(param).jdbcType();
    }

    @Override
    public String getParameterTypeName(int param) throws SQLException {
      return param(param).typeName();
    }

    @Override
    public String getParameterClassName(int param) throws SQLException {
      return switch (param(param).jdbcType()) {
        case Types.VARCHAR -> String.class.getName();
        case Types.BIGINT -> Long.class.getName();
        default -> byte[].class.getName();
      };
    }

    @Override
    public int getParameterMode(int param) throws SQLException {
      param(param);
      return parameterModeIn;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      if (iface.isInstance(this)) {
        return iface.cast(this);
      }
      throw CaspioErrors.invalidValue("Not a wrapper for " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return iface.isInstance(this);
    }
  }
}
