/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import io.github.caspiojdbc.rest.CallScope;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * What a result set of ours adds to Avatica's: {@code getObject(column, Class)} for the usual
 * classes, java.time included (Avatica refuses them all), and {@code getStatement()} returning our
 * statement.
 *
 * <p>Caspio date-times are wall-clock values without a zone, and no JVM default time zone shifts
 * them here: {@code LocalDateTime}, {@code LocalDate} and {@code LocalTime} are exactly the stored
 * value, even inside a daylight-saving gap of the default zone; {@code OffsetDateTime}, {@code
 * OffsetTime} and {@code Instant} attach offset UTC to it (a documented convention, since Caspio
 * keeps no offset).
 *
 * <p>Getters fail with 22018 when the value cannot be read as the type asked for (a text column
 * read with {@code getInt} or {@code getDate}) and with 22003 when a number does not fit (Avatica
 * would narrow it silently, {@code getByte} of 300 giving 44); the message names the column and its
 * type, never Avatica's accessor classes. After {@code close()} every method but {@code close} and
 * {@code isClosed} fails with 55000, or 08003 when the connection is closed.
 */
final class ResultSetHandler extends Wrappers.Handler {
  private final StatementHandler statement;
  private final ResultSet resultSet;

  /** The statement's {@code setMaxRows} when this result set was made, 0 for none. */
  private final long maxRows;

  /** Rows moved onto so far, counted only under a row cap. */
  private long rows;

  ResultSetHandler(StatementHandler statement, ResultSet delegate, long maxRows) {
    super(delegate);
    this.statement = statement;
    this.resultSet = delegate;
    this.maxRows = maxRows;
  }

  /** Getters whose failures are conversion failures, with the Java type each one reads. */
  private static final Map<String, String> CONVERTING =
      Map.ofEntries(
          Map.entry("getBoolean", "boolean"),
          Map.entry("getByte", "byte"),
          Map.entry("getShort", "short"),
          Map.entry("getInt", "int"),
          Map.entry("getLong", "long"),
          Map.entry("getFloat", "float"),
          Map.entry("getDouble", "double"),
          Map.entry("getBigDecimal", "BigDecimal"),
          Map.entry("getBytes", "byte[]"),
          Map.entry("getDate", "java.sql.Date"),
          Map.entry("getTime", "java.sql.Time"),
          Map.entry("getTimestamp", "java.sql.Timestamp"),
          Map.entry("getURL", "URL"),
          Map.entry("getObject", "Object"));

  @Override
  Object intercept(Object proxy, Method method, Object[] args) throws Throwable {
    // Moving through the rows may open further cursors (the inner side of a join) and fetch
    // pages: they cost the statement that made this result set. Getters send nothing.
    if (statement == null || method.getName().startsWith("get")) {
      return handle(method, args);
    }
    CallScope scope = CallScope.enter(statement.meter());
    try {
      return handle(method, args);
    } finally {
      scope.close();
    }
  }

  private Object handle(Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (!name.equals("close") && !name.equals("isClosed")) {
      // Closing the connection stops the result set's reads without Avatica marking it closed.
      if (statement != null && statement.connectionClosed()) {
        throw CaspioConnection.closedError();
      }
      if (resultSet.isClosed()) {
        throw StatementHandler.closedError("result set");
      }
    }
    if (args.length >= 1
        && CONVERTING.containsKey(name)
        && (args[0] instanceof Integer || args[0] instanceof String)) {
      int column =
          args[0] instanceof String label ? resultSet.findColumn(label) : (Integer) args[0];
      String target =
          args.length == 2 && args[1] instanceof Class<?> c ? c.getName() : CONVERTING.get(name);
      try {
        Object value = get(method, args, column);
        checkRange(name, args, column);
        return value;
      } catch (SQLException | RuntimeException e) {
        if (isConversionFailure(e)) {
          throw cannotConvert(column, target);
        }
        throw e;
      }
    }
    if (name.equals("getBinaryStream") && args.length == 1) {
      // Avatica reads VARBINARY only as bytes; JDBC also promises a stream over them.
      byte[] bytes =
          args[0] instanceof String label
              ? resultSet.getBytes(label)
              : resultSet.getBytes((Integer) args[0]);
      return bytes == null ? null : new java.io.ByteArrayInputStream(bytes);
    }
    if (name.equals("next") && maxRows > 0) {
      // JDBC drops the rows beyond the cap silently; Avatica does so for plain statements only.
      if (rows >= maxRows) {
        return false;
      }
      boolean more = (Boolean) forward(method, args);
      if (more) {
        rows++;
      }
      return more;
    }
    if (name.equals("getWarnings") && statement != null) {
      // A scan's warnings arise while its rows are read: the result set reports them too.
      return CallWarnings.chain((SQLWarning) forward(method, args), statement.callWarnings());
    }
    if (name.equals("getStatement")) {
      return statement == null ? null : statement.proxy();
    }
    if (name.equals("getMetaData")) {
      return Wrappers.resultSetMetaData(
          resultSet.getMetaData(), calciteOf(resultSet), statement != null);
    }
    return forward(method, args);
  }

  private Object get(Method method, Object[] args, int column) throws Throwable {
    if (method.getName().equals("getObject") && args.length == 2 && args[1] instanceof Class<?> c) {
      return getObject(column, c);
    }
    return forward(method, args);
  }

  /** Avatica's "cannot convert to long (...Accessor@1a2b)" and the parsers' failures. */
  private static boolean isConversionFailure(Throwable e) {
    if (e instanceof SQLException s
        && s.getSQLState() == null
        && s.getMessage() != null
        && s.getMessage().startsWith("cannot convert")) {
      return true;
    }
    return SqlErrors.find(e, NumberFormatException.class) != null
        || SqlErrors.find(e, DateTimeParseException.class) != null;
  }

  /**
   * 22003 when an integral getter (or getObject to Integer, Long, Short or Byte) reads a number
   * outside its type's range; Avatica casts it without a word.
   */
  /** JDBC types of the columns, read once; the range check runs for every value of a scan. */
  private int[] columnTypes;

  /** Whether every value of {@code column} fits {@code min..max} by the column's type alone. */
  private boolean fits(int column, long min, long max) throws SQLException {
    if (columnTypes == null) {
      java.sql.ResultSetMetaData m = resultSet.getMetaData();
      int[] t = new int[m.getColumnCount() + 1];
      for (int i = 1; i < t.length; i++) {
        t[i] = m.getColumnType(i);
      }
      columnTypes = t;
    }
    if (column < 1 || column >= columnTypes.length) {
      return false;
    }
    long widest =
        switch (columnTypes[column]) {
          case java.sql.Types.TINYINT -> Byte.MAX_VALUE;
          case java.sql.Types.SMALLINT -> Short.MAX_VALUE;
          case java.sql.Types.INTEGER -> Integer.MAX_VALUE;
          case java.sql.Types.BIGINT -> Long.MAX_VALUE;
          default -> -1;
        };
    return widest > 0 && widest <= max && -widest - 1 >= min;
  }

  private void checkRange(String name, Object[] args, int column) throws SQLException {
    String target = name;
    if (name.equals("getObject") && args.length == 2 && args[1] instanceof Class<?> c) {
      target =
          c == Integer.class
              ? "getInt"
              : c == Long.class
                  ? "getLong"
                  : c == Short.class ? "getShort" : c == Byte.class ? "getByte" : name;
    }
    long min;
    long max;
    switch (target) {
      case "getByte" -> {
        min = Byte.MIN_VALUE;
        max = Byte.MAX_VALUE;
      }
      case "getShort" -> {
        min = Short.MIN_VALUE;
        max = Short.MAX_VALUE;
      }
      case "getInt" -> {
        min = Integer.MIN_VALUE;
        max = Integer.MAX_VALUE;
      }
      case "getLong" -> {
        min = Long.MIN_VALUE;
        max = Long.MAX_VALUE;
      }
      default -> {
        return;
      }
    }
    if (fits(column, min, max)) {
      return; // The column's type cannot hold a value out of range: no second read per value.
    }
    Object raw = resultSet.getObject(column);
    if (!(raw instanceof Number n)) {
      return;
    }
    BigDecimal v =
        n instanceof BigDecimal d
            ? d
            : n instanceof Double || n instanceof Float
                ? (Double.isFinite(n.doubleValue()) ? new BigDecimal(n.doubleValue()) : null)
                : n instanceof java.math.BigInteger b
                    ? new BigDecimal(b)
                    : BigDecimal.valueOf(n.longValue());
    if (v == null
        || v.compareTo(BigDecimal.valueOf(min).subtract(BigDecimal.ONE)) <= 0
        || v.compareTo(BigDecimal.valueOf(max).add(BigDecimal.ONE)) >= 0) {
      String label = resultSet.getMetaData().getColumnLabel(column);
      throw CaspioErrors.toSql(
          new CaspioException(
              ErrorKind.OUT_OF_RANGE,
              "Column "
                  + column
                  + " ("
                  + label
                  + ") holds "
                  + n
                  + ", out of range for "
                  + target
                  + " ("
                  + min
                  + " to "
                  + max
                  + "); read it with getLong or getBigDecimal",
              null));
    }
  }

  @Override
  SQLException translate(Throwable e) {
    return SqlErrors.translate(e, statement == null ? null : statement.currentSql());
  }

  /** The Calcite connection behind a result set of Avatica's, or null. */
  static CalciteConnection calciteOf(ResultSet rs) throws SQLException {
    java.sql.Statement s = rs.getStatement();
    if (s == null || !s.getConnection().isWrapperFor(CalciteConnection.class)) {
      return null;
    }
    return s.getConnection().unwrap(CalciteConnection.class);
  }

  @Override
  SQLException adjust(SQLException e) {
    return statement == null ? e : statement.cancelled(e);
  }

  private Object getObject(int column, Class<?> type) throws SQLException {
    Object value;
    if (type == String.class) {
      value = resultSet.getString(column);
    } else if (type == BigDecimal.class) {
      value = resultSet.getBigDecimal(column);
    } else if (type == Integer.class) {
      value = resultSet.getInt(column);
    } else if (type == Long.class) {
      value = resultSet.getLong(column);
    } else if (type == Short.class) {
      value = resultSet.getShort(column);
    } else if (type == Double.class) {
      value = resultSet.getDouble(column);
    } else if (type == Float.class) {
      value = resultSet.getFloat(column);
    } else if (type == Boolean.class) {
      value = resultSet.getBoolean(column);
    } else if (type == LocalDateTime.class
        || type == LocalDate.class
        || type == LocalTime.class
        || type == OffsetDateTime.class
        || type == OffsetTime.class
        || type == Instant.class) {
      return temporal(column, type);
    } else {
      value = resultSet.getObject(column);
      if (value != null && !type.isInstance(value)) {
        throw cannotConvert(column, type);
      }
    }
    return resultSet.wasNull() ? null : type.cast(value);
  }

  private Object temporal(int column, Class<?> type) throws SQLException {
    int sqlType = resultSet.getMetaData().getColumnType(column);
    if (sqlType != Types.TIMESTAMP && sqlType != Types.DATE && sqlType != Types.TIME) {
      throw cannotConvert(column, type);
    }
    // Avatica prints the stored wall-clock value exactly, while its java.sql.Timestamp goes
    // through the default zone (and moves times inside a DST gap), so the text is the source.
    String text = resultSet.getString(column);
    if (text == null) {
      return null;
    }
    LocalDateTime local;
    try {
      local =
          switch (sqlType) {
            case Types.DATE -> LocalDate.parse(text).atStartOfDay();
            case Types.TIME -> LocalDate.EPOCH.atTime(LocalTime.parse(text));
            default -> LocalDateTime.parse(text.replace(' ', 'T'));
          };
    } catch (DateTimeParseException e) {
      throw cannotConvert(column, type);
    }
    if (sqlType == Types.TIME && type != LocalTime.class && type != OffsetTime.class) {
      throw cannotConvert(column, type);
    }
    if (type == LocalDateTime.class) {
      return local;
    }
    if (type == LocalDate.class) {
      return local.toLocalDate();
    }
    if (type == LocalTime.class) {
      return local.toLocalTime();
    }
    if (type == OffsetDateTime.class) {
      return local.atOffset(ZoneOffset.UTC);
    }
    if (type == OffsetTime.class) {
      return local.toLocalTime().atOffset(ZoneOffset.UTC);
    }
    return local.toInstant(ZoneOffset.UTC);
  }

  private SQLException cannotConvert(int column, Class<?> type) throws SQLException {
    return cannotConvert(column, type.getName());
  }

  private SQLException cannotConvert(int column, String type) throws SQLException {
    String label = resultSet.getMetaData().getColumnLabel(column);
    String sqlType = resultSet.getMetaData().getColumnTypeName(column);
    return CaspioErrors.toSql(
        new CaspioException(
            ErrorKind.INVALID_CAST,
            "Column " + column + " (" + label + ", " + sqlType + ") cannot be read as " + type,
            null));
  }
}
