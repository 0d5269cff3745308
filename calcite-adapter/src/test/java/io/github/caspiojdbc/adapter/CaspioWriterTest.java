/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.adapter.CaspioWriteException.Outcome;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import io.github.caspiojdbc.rest.ApiStats;
import io.github.caspiojdbc.rest.CaspioApi;
import io.github.caspiojdbc.rest.FieldInfo;
import io.github.caspiojdbc.rest.ObjectKind;
import io.github.caspiojdbc.rest.RecordCursor;
import io.github.caspiojdbc.rest.RecordQuery;
import io.github.caspiojdbc.rest.RecordsAffected;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How write statements become requests, against a scripted API. */
class CaspioWriterTest {

  /** Reads from {@link FakeCaspioApi}; writes are recorded and fail where a test says. */
  private static final class WriteApi implements CaspioApi {
    final FakeCaspioApi reads = new FakeCaspioApi();
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final List<Map<String, ?>> inserted = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    volatile Predicate<Map<String, ?>> insertFails = v -> false;
    volatile ErrorKind insertFailure = ErrorKind.INTEGRITY;
    volatile int failWriteNumber = -1;
    final AtomicInteger writes = new AtomicInteger();

    @Override
    public List<String> listTables() {
      return reads.listTables();
    }

    @Override
    public List<String> listViews() {
      return List.of();
    }

    @Override
    public List<FieldInfo> fields(ObjectKind kind, String name) {
      return reads.fields(kind, name);
    }

    @Override
    public RecordCursor query(RecordQuery query) {
      calls.add("GET " + query.where());
      return reads.query(query);
    }

    @Override
    public int uriLength(RecordQuery query) {
      return reads.uriLength(query);
    }

    @Override
    public String describe(RecordQuery query) {
      return reads.describe(query);
    }

    @Override
    public Map<String, Object> insert(ObjectKind kind, String name, Map<String, ?> values) {
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      try {
        calls.add("POST " + values);
        // Long enough for the statement to start others if nothing bounded it.
        Thread.sleep(5);
        if (insertFails.test(values)) {
          throw new CaspioException(insertFailure, "refused " + values, null);
        }
        inserted.add(values);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("PK_ID", (long) inserted.size());
        row.putAll(values);
        return row;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CaspioException(ErrorKind.CANCELLED, "interrupted", e);
      } finally {
        inFlight.decrementAndGet();
      }
    }

    private RecordsAffected write(String call, int count) {
      calls.add(call);
      if (writes.incrementAndGet() == failWriteNumber) {
        throw new CaspioException(ErrorKind.SYNTAX, "refused " + call, null);
      }
      return new RecordsAffected(count);
    }

    @Override
    public RecordsAffected update(ObjectKind kind, String name, String where, Map<String, ?> v) {
      return write("PUT " + where + " " + v, keys(where));
    }

    @Override
    public RecordsAffected delete(ObjectKind kind, String name, String where) {
      return write("DELETE " + where, keys(where));
    }

    private static int keys(String where) {
      return where.startsWith("PK_ID IN (")
          ? where.substring(0, where.indexOf(')')).split(",").length
          : 1;
    }

    @Override
    public RecordsAffected setPassword(String table, String field, String where, String value) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ApiStats stats() {
      return reads.stats();
    }

    @Override
    public void close() {}
  }

  private WriteApi api;
  private Connection conn;
  private CaspioSchema schema;

  @BeforeEach
  void setUp() throws Exception {
    api = new WriteApi();
    List<Map<String, Object>> data = new ArrayList<>();
    for (long i = 1; i <= 300; i++) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("PK_ID", i * 1000);
      r.put("Name", i <= 2 ? "N" + i : "bulk");
      r.put("Qty", i);
      r.put("Code", i);
      data.add(r);
    }
    api.reads.table(
        "T",
        List.of(
            FakeCaspioApi.field("Name", "STRING"),
            FakeCaspioApi.field("Qty", "INTEGER"),
            FakeCaspioApi.field("Code", "AUTONUMBER")),
        data);
    Properties p = new Properties();
    p.setProperty("caseSensitive", "false");
    p.setProperty("unquotedCasing", "UNCHANGED");
    conn = DriverManager.getConnection("jdbc:calcite:", p);
    CalciteConnection cc = conn.unwrap(CalciteConnection.class);
    schema = CaspioSchema.create(api, Duration.ofMinutes(5));
    cc.getRootSchema().add("caspio", schema);
    cc.setSchema("caspio");
  }

  @AfterEach
  void tearDown() throws Exception {
    conn.close();
  }

  private long update(String sql) throws SQLException {
    try (Statement s = conn.createStatement()) {
      return s.executeLargeUpdate(sql);
    }
  }

  private String explain(String sql) throws SQLException {
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static CaspioWriteException writeFailure(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CaspioWriteException w) {
        return w;
      }
    }
    throw new AssertionError("no CaspioWriteException", e);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "UPDATE T SET Qty = 1 WHERE Qty < 3 | PUT tables/T/records?q.where=Qty < 3",
        "UPDATE T SET Qty = ? WHERE Qty = ? | PUT tables/T/records?q.where=Qty = ?",
        "UPDATE T SET Name = UPPER('ab') | PUT tables/T/records?q.where=PK_ID IS NOT NULL",
        "DELETE FROM T WHERE Qty BETWEEN 2 AND 5 | DELETE tables/T/records?q.where=",
        "DELETE FROM T | DELETE tables/T/records?q.where=PK_ID IS NOT NULL",
        "DELETE FROM T WHERE Name = 'x' | DELETE tables/T/records?q.where=PK_ID IN (<keys read>)"
            + " AND Name = N'x'",
        "DELETE FROM T WHERE UPPER(Name) = 'X' | DELETE tables/T/records?q.where=PK_ID IN (<keys"
            + " read>)",
        "UPDATE T SET Qty = 2 WHERE Name LIKE 'a%' | PUT tables/T/records?q.where=PK_ID IN (<keys"
            + " read>) AND Name LIKE N'a%'",
        "UPDATE T SET Qty = CAST(RAND() * 0 AS INTEGER) WHERE Qty = 1 | PUT"
            + " tables/T/records?q.where=PK_ID IN (<keys read>) AND Qty = 1",
        "INSERT INTO T (Name) VALUES ('a') | POST tables/T/records per row"
      })
  void explain_statement_showsTheRequests(String sql, String request) throws Exception {
    String plan = explain(sql);
    assertTrue(plan.contains(request), plan);
  }

  @Test
  void insert_manyRows_neverMoreThanTheBoundInFlight() throws Exception {
    StringBuilder sql = new StringBuilder("INSERT INTO T (Name, Qty) VALUES ");
    for (int i = 0; i < 40; i++) {
      sql.append(i == 0 ? "" : ", ").append("('r").append(i).append("', ").append(i).append(')');
    }
    assertEquals(40, update(sql.toString()));
    assertEquals(40, api.inserted.size());
    assertTrue(api.maxInFlight.get() <= RowInserts.MAX_IN_FLIGHT, "" + api.maxInFlight);
    assertEquals(40, schema.writes().writeRequests());
    List<Map<String, Object>> rows = schema.writes().lastInsert().rows();
    for (int i = 0; i < 40; i++) {
      assertEquals("r" + i, rows.get(i).get("Name"), "rows are kept in statement order");
    }
  }

  @Test
  void insert_failureMidway_outcomesMatchWhatTheServerSaw() throws Exception {
    api.insertFails = v -> "bad".equals(v.get("Name"));
    StringBuilder sql = new StringBuilder("INSERT INTO T (Name) VALUES ");
    for (int i = 0; i < 30; i++) {
      sql.append(i == 0 ? "" : ", ").append(i == 5 ? "('bad')" : "('r" + i + "')");
    }
    CaspioWriteException w =
        writeFailure(assertThrows(SQLException.class, () -> update(sql.toString())));
    List<Outcome> o = w.outcomes();
    assertEquals(Outcome.FAILED, o.get(5));
    Set<Object> written = new HashSet<>();
    for (Map<String, ?> v : api.inserted) {
      written.add(v.get("Name"));
    }
    for (int i = 0; i < o.size(); i++) {
      boolean seen = written.contains("r" + i);
      assertEquals(o.get(i) == Outcome.WRITTEN, seen, "row " + (i + 1) + ": " + o);
    }
    // Rows after the failed one were sent only while its failure was not yet known.
    assertTrue(o.subList(0, 5).stream().allMatch(x -> x == Outcome.WRITTEN), o.toString());
    assertEquals(api.inserted.size(), w.writtenCount());
    assertEquals(ErrorKind.INTEGRITY, w.kind());
    assertTrue(w.getMessage().contains("failed: row 6"), w.getMessage());
  }

  @Test
  void insert_unknownOutcome_kindUnknownAndCountedAsPossibleWrite() throws Exception {
    api.insertFails = v -> true;
    api.insertFailure = ErrorKind.UNKNOWN_OUTCOME;
    CaspioWriteException w =
        writeFailure(
            assertThrows(SQLException.class, () -> update("INSERT INTO T (Name) VALUES ('x')")));
    assertEquals(ErrorKind.UNKNOWN_OUTCOME, w.kind());
    assertEquals(List.of(Outcome.UNKNOWN), w.outcomes());
    assertEquals(1, schema.writes().writeRequests());
    assertTrue(w.getMessage().contains("outcome unknown (not retried): row 1"), w.getMessage());
  }

  @Test
  void deleteByKeys_manyKeys_splitIntoListsThatFit() throws Exception {
    assertEquals(298, update("DELETE FROM T WHERE Name = 'bulk'"));
    List<String> deletes = api.calls.stream().filter(c -> c.startsWith("DELETE")).toList();
    assertTrue(deletes.size() >= 2, deletes.toString());
    int keys = 0;
    for (String d : deletes) {
      String where = d.substring("DELETE ".length());
      assertTrue(api.uriLength(RecordQuery.table("T").where(where).build()) <= 2047);
      assertTrue(where.endsWith(" AND (Name = N'bulk')"), where);
      keys += WriteApi.keys(where);
    }
    assertEquals(298, keys);
  }

  @Test
  void deleteByKeys_secondListRefused_exceptionCountsTheFirst() throws Exception {
    api.failWriteNumber = 2;
    CaspioWriteException w =
        writeFailure(
            assertThrows(SQLException.class, () -> update("DELETE FROM T WHERE Name = 'bulk'")));
    assertEquals(Outcome.WRITTEN, w.outcomes().get(0));
    assertEquals(Outcome.FAILED, w.outcomes().get(1));
    assertTrue(w.outcomes().stream().skip(2).allMatch(o -> o == Outcome.NOT_SENT));
    String first = api.calls.stream().filter(c -> c.startsWith("DELETE")).findFirst().get();
    assertEquals(WriteApi.keys(first.substring(7)), w.writtenCount());
    assertEquals(2, api.calls.stream().filter(c -> c.startsWith("DELETE")).count());
  }

  @Test
  void updateByKeys_constantSet_oneGroupOneRequest() throws Exception {
    assertEquals(1, update("UPDATE T SET Qty = 9 WHERE Name = 'N1'"));
    List<String> puts = api.calls.stream().filter(c -> c.startsWith("PUT")).toList();
    assertEquals(List.of("PUT PK_ID IN (1000) AND (Name = N'N1') {Qty=9}"), puts);
  }

  @Test
  void update_setFromOtherColumn_refusedBeforeAnyRequest() {
    SQLException e =
        assertThrows(SQLException.class, () -> update("UPDATE T SET Name = Name || 'x'"));
    assertTrue(e.getCause() != null);
    assertEquals(List.of(), api.calls);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"WWFWWNN | 1-2,4-5 | 3 | 6-7", "FFFF | '' | 1-4 | ''", "W | 1 | '' | ''"})
  void ranges_outcomes_oneBasedRanges(String codes, String w, String f, String n) {
    List<Outcome> o = new ArrayList<>();
    for (char c : codes.toCharArray()) {
      o.add(
          switch (c) {
            case 'W' -> Outcome.WRITTEN;
            case 'F' -> Outcome.FAILED;
            default -> Outcome.NOT_SENT;
          });
    }
    assertEquals(w, CaspioWriter.ranges(o, Outcome.WRITTEN));
    assertEquals(f, CaspioWriter.ranges(o, Outcome.FAILED));
    assertEquals(n, CaspioWriter.ranges(o, Outcome.NOT_SENT));
  }

  @Test
  void lastInsert_sequencePerInsertStatement_updatesAndDeletesLeaveItAlone() throws Exception {
    assertEquals(0, schema.writes().lastInsert().sequence());
    update("INSERT INTO T (Name) VALUES ('a'), ('b')");
    CaspioWrites.InsertResult first = schema.writes().lastInsert();
    assertEquals(1, first.sequence());
    assertEquals(2, first.rows().size());
    update("DELETE FROM T WHERE Qty = 1");
    assertEquals(first, schema.writes().lastInsert());
    update("INSERT INTO T (Name) VALUES ('c')");
    assertEquals(2, schema.writes().lastInsert().sequence());
    assertEquals("c", schema.writes().lastInsert().rows().get(0).get("Name"));
    assertEquals(4, schema.writes().writeRequests());
  }
}
