/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.adapter.CaspioWriteException;
import io.github.caspiojdbc.adapter.CaspioWrites;
import io.github.caspiojdbc.adapter.InsertBatch;
import io.github.caspiojdbc.error.ErrorKind;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.BatchUpdateException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The write side of one statement: batches and generated keys, which Avatica does not provide in a
 * form fit for Caspio.
 *
 * <h2>Batches</h2>
 *
 * Avatica's {@code executeBatch} stops at the first failure and loses the counts, so the entries
 * ({@code addBatch(sql)}, or the parameter sets of {@code PreparedStatement.addBatch()}) are run
 * here one after the other, each as an ordinary update. On the first failure the batch stops (the
 * adapter never sends more after a failure, and an entry whose outcome is unknown must not be
 * followed by more writes as if nothing happened) and a {@link BatchUpdateException} is thrown
 * whose counts hold one element per entry processed: the exact counts of the entries written, then
 * {@link Statement#EXECUTE_FAILED} for the failed entry. Entries after it were not sent and have no
 * element, as JDBC specifies for drivers that stop. Its SQLState is the failure's (08007 when the
 * outcome is unknown: that entry may have been applied and is never retried); its cause is the
 * failure's {@code SQLException}, whose cause chain holds the adapter's {@link
 * CaspioWriteException} with per-row outcomes when the failed entry itself wrote several rows. The
 * batch is emptied when {@code executeBatch} returns or throws.
 *
 * <h2>Generated keys</h2>
 *
 * A statement notes the connection's INSERT sequence before each execution; if exactly one INSERT
 * ran during it, {@code getGeneratedKeys} returns that INSERT's rows as {@link GeneratedKeys}
 * shapes them (also after a partial failure: the rows that were written). After a {@code
 * PreparedStatement} batch it returns the rows of every entry's INSERT in entry order, up to the
 * failure if any. Otherwise, or when no keys were requested, it returns an empty result set.
 */
final class StatementWrites {
  private final Statement statement;
  private final CaspioWrites writes;
  private final io.github.caspiojdbc.adapter.CaspioSchema schema;
  private final ParameterBinder binder;

  /** Keys requested when the statement was prepared; execute overloads replace it per call. */
  private GeneratedKeys.Request preparedRequest = GeneratedKeys.Request.NONE;

  private String preparedSql;
  private GeneratedKeys.Request lastRequest = GeneratedKeys.Request.NONE;
  private String lastSql;
  private CaspioWrites.InsertResult lastKeys;

  private final List<String> sqlBatch = new ArrayList<>();
  private final List<Map<Integer, ParameterBinder.Bound>> parameterBatch = new ArrayList<>();
  private final Map<Integer, ParameterBinder.Bound> parameters = new LinkedHashMap<>();

  StatementWrites(CaspioConnection owner, Statement statement) {
    this.statement = statement;
    this.schema = owner.schema();
    this.writes = schema.writes();
    this.binder = statement instanceof PreparedStatement ps ? new ParameterBinder(ps) : null;
  }

  /** The text of a prepared statement, which a batch of it runs with each parameter set. */
  void preparedText(String sql) {
    this.preparedSql = sql;
  }

  /** For a statement prepared with a generated-keys argument. */
  void prepared(String sql, GeneratedKeys.Request request) {
    this.preparedSql = sql;
    this.preparedRequest = request;
  }

  /** Whether parameter {@code index} (from 1) has been given a value since the last clear. */
  boolean isSet(int index) {
    return parameters.containsKey(index);
  }

  /** Whether this class handles a call that is not an execution. */
  static boolean handles(Method method) {
    String name = method.getName();
    return switch (name) {
      case "addBatch", "clearBatch", "getGeneratedKeys", "clearParameters" -> true;
      default -> ParameterBinder.handles(method);
    };
  }

  /** Handles a call for which {@link #handles} is true. */
  Object handle(Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "addBatch":
        if (args.length == 1) {
          if (statement instanceof PreparedStatement) {
            // JDBC forbids it; mixing SQL texts into a parameter batch would be ambiguous.
            throw CaspioConnection.unsupported(
                "PreparedStatement.addBatch(String) is not allowed; use addBatch()");
          }
          sqlBatch.add((String) args[0]);
        } else {
          parameterBatch.add(new LinkedHashMap<>(parameters));
        }
        return null;
      case "clearBatch":
        sqlBatch.clear();
        parameterBatch.clear();
        return null;
      case "getGeneratedKeys":
        return generatedKeys();
      case "clearParameters":
        parameters.clear();
        return invoke(method, args);
      default:
        parameters.put((Integer) args[0], binder.bind(method, args));
        return null;
    }
  }

  /**
   * Runs an {@code execute*} call: batches here, the generated-keys overloads as their plain forms,
   * everything else forwarded; notes which INSERT the statement ran.
   */
  Object execute(Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
      long[] counts = runBatch();
      if (name.equals("executeLargeBatch")) {
        return counts;
      }
      int[] small = new int[counts.length];
      for (int i = 0; i < counts.length; i++) {
        small[i] = (int) Math.min(Integer.MAX_VALUE, counts[i]);
      }
      return small;
    }
    boolean keyed = args.length == 2 && args[0] instanceof String;
    GeneratedKeys.Request request = keyed ? GeneratedKeys.Request.of(args[1]) : plainRequest(args);
    String sql = args.length >= 1 && args[0] instanceof String s ? s : preparedSql;
    long before = writes.lastInsert().sequence();
    try {
      if (!keyed) {
        return invoke(method, args);
      }
      return switch (name) {
        case "execute" -> statement.execute(sql);
        case "executeUpdate" -> statement.executeUpdate(sql);
        case "executeLargeUpdate" -> statement.executeLargeUpdate(sql);
        default -> invoke(method, args);
      };
    } finally {
      note(before, sql, request);
    }
  }

  private GeneratedKeys.Request plainRequest(Object[] args) {
    // A SQL string passed to a plain execute runs without keys; a prepared execution uses the
    // request made when it was prepared.
    return args.length >= 1 && args[0] instanceof String
        ? GeneratedKeys.Request.NONE
        : preparedRequest;
  }

  private void note(long before, String sql, GeneratedKeys.Request request) {
    CaspioWrites.InsertResult after = writes.lastInsert();
    lastSql = sql;
    lastRequest = request;
    // Exactly one INSERT since the start: it is this statement's (statements of one connection are
    // not meant to run concurrently; if they did, the keys are withheld rather than mixed up).
    lastKeys = after.sequence() == before + 1 ? after : null;
  }

  private ResultSet generatedKeys() throws SQLException {
    if (lastKeys == null || !lastRequest.wanted()) {
      return GeneratedKeys.empty();
    }
    return GeneratedKeys.of(schema, lastSql, lastRequest, lastKeys.rows());
  }

  private long[] runBatch() throws Throwable {
    List<String> sqls = new ArrayList<>(sqlBatch);
    List<Map<Integer, ParameterBinder.Bound>> sets = new ArrayList<>(parameterBatch);
    sqlBatch.clear();
    parameterBatch.clear();
    int n = sqls.size() + sets.size();
    long[] counts = new long[n];
    // Keys of a prepared INSERT batch: the rows of each entry's INSERT, in entry order.
    List<Map<String, Object>> keys = new ArrayList<>();
    lastSql = preparedSql;
    lastRequest = sets.isEmpty() ? GeneratedKeys.Request.NONE : preparedRequest;
    lastKeys = new CaspioWrites.InsertResult(0, keys);
    if (sqls.isEmpty()
        && n > 1
        && WriteDetector.shape(preparedSql).insertValues()
        && schema.api().insertBatchLimit() > 1) {
      return runInsertBatch(sets, keys);
    }
    for (int i = 0; i < n; i++) {
      long before = writes.lastInsert().sequence();
      try {
        if (i < sqls.size()) {
          counts[i] = statement.executeLargeUpdate(sqls.get(i));
        } else {
          counts[i] = runEntry(sets.get(i - sqls.size()));
        }
      } catch (SQLException | RuntimeException | ExceptionInInitializerError | AssertionError e) {
        // Errors too: Calcite evaluates constants (1/0) in generated code while planning an entry.
        throw batchFailure(i, n, counts, SqlErrors.translate(e));
      } finally {
        CaspioWrites.InsertResult after = writes.lastInsert();
        if (after.sequence() == before + 1) {
          keys.addAll(after.rows());
        }
        lastKeys = new CaspioWrites.InsertResult(0, keys);
      }
    }
    return counts;
  }

  /** Binds one parameter set and executes the prepared statement with it. */
  private long runEntry(Map<Integer, ParameterBinder.Bound> set) throws Throwable {
    PreparedStatement ps = (PreparedStatement) statement;
    ps.clearParameters();
    for (ParameterBinder.Bound b : set.values()) {
      binder.apply(b);
    }
    return ps.executeLargeUpdate();
  }

  /**
   * A prepared {@code INSERT ... VALUES} batch on an API with bulk inserts: each entry is converted
   * and checked as it executes, its rows are gathered ({@link InsertBatch}), and they travel {@code
   * insertBatchLimit} rows per request (ceil(n/1000) calls on v4). An entry that fails its own
   * checks stops the batch after the entries before it are sent; a request with refused records
   * stops it after that request. The counts then cover every entry whose rows were sent: the rows
   * written, or {@link Statement#EXECUTE_FAILED} for an entry with a refused or unknown row;
   * entries never sent have no element.
   */
  private long[] runInsertBatch(
      List<Map<Integer, ParameterBinder.Bound>> sets, List<Map<String, Object>> keys)
      throws Throwable {
    int n = sets.size();
    InsertBatch batch = writes.beginInsertBatch();
    SQLException entryFailure = null;
    int failedEntry = -1;
    try {
      for (int i = 0; i < n; i++) {
        batch.entry(i);
        try {
          runEntry(sets.get(i));
        } catch (SQLException | RuntimeException | ExceptionInInitializerError | AssertionError e) {
          entryFailure = SqlErrors.translate(e);
          failedEntry = i;
          break;
        }
        if (!batch.sendFull()) {
          break;
        }
      }
      if (entryFailure != null
          && ErrorKind.CANCELLED.sqlState().equals(entryFailure.getSQLState())) {
        batch.stop(); // A cancelled statement sends nothing more.
      } else {
        batch.sendAll();
      }
    } finally {
      writes.endInsertBatch();
      keys.addAll(batch.writtenRows());
      lastKeys = new CaspioWrites.InsertResult(0, keys);
    }
    List<InsertBatch.Entry> entries = batch.entries(n);
    if (batch.error() == null && entryFailure == null) {
      long[] counts = new long[n];
      for (int i = 0; i < n; i++) {
        counts[i] = entries.get(i).written();
      }
      return counts;
    }
    throw InsertBatchFailure.of(batch, entries, failedEntry, entryFailure);
  }

  private static BatchUpdateException batchFailure(
      int failed, int total, long[] counts, SQLException cause) {
    long[] processed = Arrays.copyOf(counts, failed + 1);
    processed[failed] = Statement.EXECUTE_FAILED;
    long written = 0;
    for (int i = 0; i < failed; i++) {
      written += counts[i];
    }
    CaspioWriteException partial = SqlErrors.find(cause, CaspioWriteException.class);
    boolean unknown =
        ErrorKind.UNKNOWN_OUTCOME.sqlState().equals(cause.getSQLState())
            || (partial != null && partial.hasUnknownOutcome());
    StringBuilder m = new StringBuilder();
    m.append("Batch entry ")
        .append(failed + 1)
        .append(" of ")
        .append(total)
        .append(
            unknown
                ? " has an unknown outcome (it may have been applied; it was not retried): "
                : " failed: ")
        .append(cause.getMessage());
    if (failed > 0) {
      m.append(". Entries 1-").append(failed).append(" were written (").append(written);
      m.append(" row(s))");
    } else {
      m.append(". No earlier entry was run");
    }
    if (partial != null) {
      m.append("; the failed entry itself wrote ").append(partial.writtenCount()).append(" row(s)");
    }
    if (failed + 1 < total) {
      m.append("; entries ").append(failed + 2).append('-').append(total).append(" were not sent");
    }
    String state = unknown ? ErrorKind.UNKNOWN_OUTCOME.sqlState() : cause.getSQLState();
    return new BatchUpdateException(m.toString(), state, cause.getErrorCode(), processed, cause);
  }

  private Object invoke(Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(statement, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
