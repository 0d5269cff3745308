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
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;

/**
 * What a result set of ours adds to Avatica's: {@code getObject(column, Class)} for the usual
 * classes, java.time included (Avatica refuses them all), and {@code getStatement()} returning our
 * statement.
 *
 * <p>Caspio date-times are wall-clock values without a zone. They are read through a UTC calendar
 * so that no JVM default time zone shifts them: {@code LocalDateTime}, {@code LocalDate} and {@code
 * LocalTime} are exactly the stored value; {@code OffsetDateTime}, {@code OffsetTime} and {@code
 * Instant} attach offset UTC to it (a documented convention, since Caspio keeps no offset).
 */
final class ResultSetHandler extends Wrappers.Handler {
  private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

  private final Statement statement;
  private final ResultSet resultSet;

  ResultSetHandler(Statement statement, ResultSet delegate) {
    super(delegate);
    this.statement = statement;
    this.resultSet = delegate;
  }

  @Override
  Object intercept(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "getStatement":
        return statement;
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
    Calendar utc = new GregorianCalendar(UTC);
    LocalDateTime local;
    switch (resultSet.getMetaData().getColumnType(column)) {
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
        java.sql.Timestamp t = resultSet.getTimestamp(column, utc);
        if (t == null) {
          return null;
        }
        local =
            LocalDateTime.ofEpochSecond(
                Math.floorDiv(t.getTime(), 1000L), t.getNanos(), ZoneOffset.UTC);
      }
      case Types.DATE -> {
        java.sql.Date d = resultSet.getDate(column, utc);
        if (d == null) {
          return null;
        }
        local = Instant.ofEpochMilli(d.getTime()).atOffset(ZoneOffset.UTC).toLocalDateTime();
      }
      case Types.TIME, Types.TIME_WITH_TIMEZONE -> {
        java.sql.Time t = resultSet.getTime(column, utc);
        if (t == null) {
          return null;
        }
        local = Instant.ofEpochMilli(t.getTime()).atOffset(ZoneOffset.UTC).toLocalDateTime();
        if (type == LocalDate.class) {
          throw cannotConvert(column, type);
        }
      }
      default -> throw cannotConvert(column, type);
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
