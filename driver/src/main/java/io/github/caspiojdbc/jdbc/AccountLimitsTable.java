/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.rest.AccountLimits;
import io.github.caspiojdbc.rest.CaspioApi;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code caspio_system.account_limits}: one row with what Caspio reports about the connection's
 * account, the same values as {@link CaspioCallStats#accountLimits()}. Reading it may cost one call
 * ({@code GET /v4/me}, at most once a minute, never on v3); a failed reading gives nulls.
 */
final class AccountLimitsTable extends AbstractTable implements ScannableTable {
  /** The table's name in {@link SystemSchema}. */
  static final String NAME = "account_limits";

  /** The columns, in order. */
  static final List<CallsTable.Column> COLUMNS =
      List.of(
          new CallsTable.Column(
              "API_VERSION", SqlTypeName.VARCHAR, Types.VARCHAR, false, "REST API generation"),
          new CallsTable.Column(
              "RATE_LIMIT_PER_SECOND",
              SqlTypeName.BIGINT,
              Types.BIGINT,
              true,
              "calls per second Caspio reports (v4 /me); null when not reported"),
          new CallsTable.Column(
              "TOKEN_EXPIRES_AT",
              SqlTypeName.TIMESTAMP,
              Types.TIMESTAMP,
              true,
              "access token expiry Caspio reports (UTC); null when not reported"),
          new CallsTable.Column(
              "LIMITS_READ_AT",
              SqlTypeName.TIMESTAMP,
              Types.TIMESTAMP,
              false,
              "when Caspio's reading was taken (UTC)"),
          new CallsTable.Column(
              "DRIVER_PACE_PER_SECOND",
              SqlTypeName.DOUBLE,
              Types.DOUBLE,
              false,
              "account-wide pace the driver keeps now (maxCallsPerSecond); 0 when unpaced"),
          new CallsTable.Column(
              "THROTTLED_REPLIES",
              SqlTypeName.BIGINT,
              Types.BIGINT,
              false,
              "429s and rate-limit 400s the account's open connections in this JVM got"),
          new CallsTable.Column(
              "LAST_THROTTLED_AT",
              SqlTypeName.TIMESTAMP,
              Types.TIMESTAMP,
              true,
              "when the last rate-limit reply arrived (UTC); null when none"),
          new CallsTable.Column(
              "LAST_THROTTLE_STATUS",
              SqlTypeName.INTEGER,
              Types.INTEGER,
              true,
              "HTTP status of the last rate-limit reply (429 or 400); null when none"),
          new CallsTable.Column(
              "LAST_RETRY_AFTER_SECONDS",
              SqlTypeName.DOUBLE,
              Types.DOUBLE,
              true,
              "Retry-After of the last rate-limit reply; null when it sent none"));

  private final CaspioApi api;

  AccountLimitsTable(CaspioApi api) {
    this.api = api;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory types) {
    return CallsTable.rowType(types, COLUMNS);
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    AccountLimits l = api.accountLimits();
    Integer rate = l.rateLimitPerSecond();
    Object[] row = {
      api.version().name(),
      rate == null ? null : rate.longValue(),
      millis(l.tokenExpiresAt()),
      millis(l.readAt()),
      l.pacePerSecond(),
      l.throttledReplies(),
      millis(l.lastThrottledAt()),
      l.lastThrottleStatus(),
      l.lastRetryAfterSeconds()
    };
    return Linq4j.asEnumerable(List.<Object[]>of(row));
  }

  // Calcite's internal form of a TIMESTAMP: milliseconds of the wall-clock value, here UTC.
  private static Long millis(Instant t) {
    return t == null ? null : t.toEpochMilli();
  }
}
