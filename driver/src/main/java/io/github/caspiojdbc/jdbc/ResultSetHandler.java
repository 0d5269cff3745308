/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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
 */
final class ResultSetHandler extends Wrappers.Handler {
  private final StatementHandler statement;
  private final ResultSet resultSet;

  ResultSetHandler(StatementHandler statement, ResultSet delegate) {
    super(delegate);
    this.statement = statement;
    this.resultSet = delegate;
  }

  @Override
  Object intercept(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "getStatement":
        return statement == null ? null : statement.proxy();
      case "getMetaData":
        return Wrappers.resultSetMetaData(
            resultSet.getMetaData(), calciteOf(resultSet), statement != null);
      case "getObject":
        if (args.length == 2 && args[1] instanceof Class<?> type) {
          int column =
              args[0] instanceof String label ? resultSet.findColumn(label) : (Integer) args[0];
          return getObject(column, type);
        }
        return forward(method, args);
      default:
        return forward(method, args);
    }
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
    String label = resultSet.getMetaData().getColumnLabel(column);
    String sqlType = resultSet.getMetaData().getColumnTypeName(column);
    return new CaspioException(
            ErrorKind.DATA,
            "Column "
                + column
                + " ("
                + label
                + ", "
                + sqlType
                + ") cannot be read as "
                + type.getName(),
            null)
        .toSqlException();
  }
}
