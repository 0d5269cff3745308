/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.values;

import static io.github.caspiojdbc.emulator.store.FieldType.CURRENCY;
import static io.github.caspiojdbc.emulator.store.FieldType.DATE_TIME;
import static io.github.caspiojdbc.emulator.store.FieldType.INTEGER;
import static io.github.caspiojdbc.emulator.store.FieldType.LIST_STRING;
import static io.github.caspiojdbc.emulator.store.FieldType.NUMBER;
import static io.github.caspiojdbc.emulator.store.FieldType.STRING;
import static io.github.caspiojdbc.emulator.store.FieldType.YES_NO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.emulator.store.FieldDef;
import io.github.caspiojdbc.emulator.store.TableDef;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a value reaches a Caspio field (each common setter, and SQL literals) crossed with
 * every writable Caspio field type, through INSERT, UPDATE and WHERE. Each cell either round-trips
 * exactly (the value read back is the value given, by the documented rule where one applies) or
 * fails with its named SQLState before any record request, as the emulator's own request log
 * counts.
 */
class ConversionSuiteIT {
  private static final String TABLE = "Conv";

  /** The fields under test, in the order of each cell row's expectations. */
  private static final List<String> FIELDS = List.of("I", "N", "C", "T", "B", "D", "L");

  private static final LocalDateTime WHEN = LocalDateTime.of(2024, 5, 6, 7, 8, 9);
  private static final AtomicInteger KEYS = new AtomicInteger();

  @RegisterExtension
  static final EmulatorFixture fixture =
      EmulatorFixture.of(
          () ->
              EmulatorFixture.builder()
                  .empty()
                  .table(
                      TableDef.of(
                          TABLE,
                          FieldDef.of("Name", STRING).withUnique(false),
                          FieldDef.of("I", INTEGER),
                          FieldDef.of("N", NUMBER),
                          FieldDef.of("C", CURRENCY),
                          FieldDef.of("T", STRING),
                          FieldDef.of("B", YES_NO),
                          FieldDef.of("D", DATE_TIME),
                          FieldDef.list("L", LIST_STRING, "Red", "Green", "Blue")))
                  .start());

  private static Connection connection;

  @BeforeAll
  static void start() throws SQLException {
    connection = fixture.connect();
  }

  @AfterAll
  static void stop() throws SQLException {
    connection.close();
  }

  /** Binds one parameter. */
  @FunctionalInterface
  interface Setter {
    void set(PreparedStatement ps, int index) throws SQLException;
  }

  /** A way to pass a value, with the outcome expected for each field of {@link #FIELDS}. */
  record Way(String name, Setter setter, Object... outcomes) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** An expected failure: the SQLState. */
  record Fails(String sqlState) {}

  private static final Fails OUT_OF_RANGE = new Fails("22003");
  private static final Fails BAD_CAST = new Fails("22018");
  private static final Fails BAD_DATE = new Fails("22007");
  private static final Fails BAD_VALUE = new Fails("22000");
  private static final Fails TOO_LONG = new Fails("22001");
  private static final Fails UNSUPPORTED = new Fails("0A000");

  private static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }

  private static final String LONG_TEXT = "x".repeat(256);

  //                 I               N        C                T            B          D
  //         L
  static List<Way> setters() {
    return List.of(
        new Way(
            "setInt(5)",
            (p, i) -> p.setInt(i, 5),
            5,
            5.0,
            dec("5"),
            "5",
            BAD_CAST,
            BAD_CAST,
            BAD_VALUE),
        new Way(
            "setInt(1)",
            (p, i) -> p.setInt(i, 1),
            1,
            1.0,
            dec("1"),
            "1",
            true,
            BAD_CAST,
            BAD_VALUE),
        new Way(
            "setLong(5e9)",
            (p, i) -> p.setLong(i, 5_000_000_000L),
            OUT_OF_RANGE,
            5.0e9,
            dec("5000000000"),
            "5000000000",
            BAD_CAST,
            BAD_CAST,
            BAD_VALUE),
        new Way(
            "setLong(2^53+1)",
            (p, i) -> p.setLong(i, (1L << 53) + 1),
            OUT_OF_RANGE,
            OUT_OF_RANGE,
            OUT_OF_RANGE,
            "9007199254740993",
            BAD_CAST,
            BAD_CAST,
            BAD_VALUE),
        new Way(
            "setShort(3)",
            (p, i) -> p.setShort(i, (short) 3),
            3,
            3.0,
            dec("3"),
            "3",
            BAD_CAST,
            BAD_CAST,
            BAD_VALUE),
        new Way(
            "setDouble(2.7)",
            (p, i) -> p.setDouble(i, 2.7),
            OUT_OF_RANGE,
            2.7,
            dec("2.7"),
            "2.7",
            BAD_CAST,
            BAD_CAST,
            BAD_VALUE),
        new Way(
            "setDouble(9.99)",
            (p, i) -> p.setDouble(i, 9.99),
            OUT_OF_RANGE,
            9.99,
            dec("9.99"),
            "9.99",
            BAD_CAST,
            BAD_CAST,
            BAD_VALUE),
        new Way(
            "setDouble(3.0)",
            (p, i) -> p.setDouble(i, 3.0),
            3,
            3.0,
            dec("3"),
            "3.0",
            BAD_CAST,
            BAD_CAST,
            BAD_VALUE),
        new Way(
            "setDouble(NaN)",
            (p, i) -> p.setDouble(i, Double.NaN),
            OUT_OF_RANGE,
            OUT_OF_RANGE,
            OUT_OF_RANGE,
            "NaN",
            OUT_OF_RANGE,
            BAD_CAST,
            BAD_VALUE),
        new Way(
            "setFloat(1.1f)",
            (p, i) -> p.setFloat(i, 1.1f),
            OUT_OF_RANGE,
            1.1,
            dec("1.1"),
            "1.1",
            BAD_CAST,
            BAD_CAST,
            BAD_VALUE),
        new Way(
            "setBigDecimal(1.23456)",
            (p, i) -> p.setBigDecimal(i, dec("1.23456")),
            OUT_OF_RANGE,
            1.23456,
            OUT_OF_RANGE,
            "1.23456",
            BAD_CAST,
            BAD_CAST,
            BAD_VALUE),
        new Way(
            "setBigDecimal(12.3400)",
            (p, i) -> p.setBigDecimal(i, dec("12.3400")),
            OUT_OF_RANGE,
            12.34,
            dec("12.34"),
            "12.3400",
            BAD_CAST,
            BAD_CAST,
            BAD_VALUE),
        new Way(
            "setBigDecimal(1e16)",
            (p, i) -> p.setBigDecimal(i, dec("1E16")),
            OUT_OF_RANGE,
            1e16,
            OUT_OF_RANGE,
            "10000000000000000",
            BAD_CAST,
            BAD_CAST,
            BAD_VALUE),
        new Way(
            "setString(75)",
            (p, i) -> p.setString(i, "75"),
            75,
            75.0,
            dec("75"),
            "75",
            BAD_CAST,
            BAD_DATE,
            BAD_VALUE),
        new Way(
            "setString(abc)",
            (p, i) -> p.setString(i, "abc"),
            BAD_CAST,
            BAD_CAST,
            BAD_CAST,
            "abc",
            BAD_CAST,
            BAD_DATE,
            BAD_VALUE),
        new Way(
            "setString(true)",
            (p, i) -> p.setString(i, "true"),
            BAD_CAST,
            BAD_CAST,
            BAD_CAST,
            "true",
            true,
            BAD_DATE,
            BAD_VALUE),
        new Way(
            "setString(date-time)",
            (p, i) -> p.setString(i, "2024-05-06 07:08:09"),
            BAD_CAST,
            BAD_CAST,
            BAD_CAST,
            "2024-05-06 07:08:09",
            BAD_CAST,
            WHEN,
            BAD_VALUE),
        new Way(
            "setString(256 chars)",
            (p, i) -> p.setString(i, LONG_TEXT),
            BAD_CAST,
            BAD_CAST,
            BAD_CAST,
            TOO_LONG,
            BAD_CAST,
            BAD_DATE,
            BAD_VALUE),
        new Way(
            "setString([2])",
            (p, i) -> p.setString(i, "[2]"),
            BAD_CAST,
            BAD_CAST,
            BAD_CAST,
            "[2]",
            BAD_CAST,
            BAD_DATE,
            "{\"2\":\"Green\"}"),
        new Way(
            "setString({1:Green})",
            (p, i) -> p.setString(i, "{\"1\":\"Green\"}"),
            BAD_CAST,
            BAD_CAST,
            BAD_CAST,
            "{\"1\":\"Green\"}",
            BAD_CAST,
            BAD_DATE,
            BAD_VALUE),
        new Way(
            "setString([9])",
            (p, i) -> p.setString(i, "[9]"),
            BAD_CAST,
            BAD_CAST,
            BAD_CAST,
            "[9]",
            BAD_CAST,
            BAD_DATE,
            BAD_VALUE),
        new Way(
            "setBoolean(true)",
            (p, i) -> p.setBoolean(i, true),
            1,
            1.0,
            dec("1"),
            "true",
            true,
            BAD_CAST,
            BAD_VALUE),
        new Way(
            "setDate",
            (p, i) -> p.setDate(i, java.sql.Date.valueOf("2024-05-06")),
            BAD_CAST,
            BAD_CAST,
            BAD_CAST,
            "2024-05-06",
            BAD_CAST,
            WHEN.toLocalDate().atStartOfDay(),
            BAD_VALUE),
        new Way(
            "setTimestamp(.5 s)",
            (p, i) -> p.setTimestamp(i, Timestamp.valueOf("2024-05-06 07:08:09.5")),
            BAD_CAST,
            BAD_CAST,
            BAD_CAST,
            "2024-05-06 07:08:09.5",
            BAD_CAST,
            WHEN,
            BAD_VALUE),
        new Way(
            "setObject(LocalDateTime)",
            (p, i) -> p.setObject(i, WHEN.withNano(250_000_000)),
            BAD_CAST,
            BAD_CAST,
            BAD_CAST,
            "2024-05-06T07:08:09.250",
            BAD_CAST,
            WHEN,
            BAD_VALUE),
        new Way(
            "setObject(LocalDateTime, TIMESTAMP)",
            (p, i) -> p.setObject(i, WHEN, Types.TIMESTAMP),
            BAD_CAST,
            BAD_CAST,
            BAD_CAST,
            "2024-05-06T07:08:09",
            BAD_CAST,
            WHEN,
            BAD_VALUE),
        new Way(
            "setObject(LocalDate)",
            (p, i) -> p.setObject(i, WHEN.toLocalDate()),
            BAD_CAST,
            BAD_CAST,
            BAD_CAST,
            "2024-05-06",
            BAD_CAST,
            WHEN.toLocalDate().atStartOfDay(),
            BAD_VALUE),
        new Way(
            "setObject(OffsetDateTime)",
            (p, i) -> p.setObject(i, OffsetDateTime.of(WHEN, ZoneOffset.ofHours(2))),
            BAD_CAST,
            BAD_CAST,
            BAD_CAST,
            UNSUPPORTED,
            BAD_CAST,
            UNSUPPORTED,
            UNSUPPORTED),
        new Way(
            "setObject(Integer)",
            (p, i) -> p.setObject(i, 7),
            7,
            7.0,
            dec("7"),
            "7",
            BAD_CAST,
            BAD_CAST,
            BAD_VALUE),
        new Way(
            "setObject(String, INTEGER)",
            (p, i) -> p.setObject(i, "8", Types.INTEGER),
            8,
            8.0,
            dec("8"),
            "8",
            BAD_CAST,
            BAD_DATE,
            BAD_VALUE),
        new Way(
            "setBytes",
            (p, i) -> p.setBytes(i, new byte[] {65, 66}),
            BAD_CAST,
            BAD_CAST,
            BAD_CAST,
            BAD_CAST,
            BAD_CAST,
            BAD_CAST,
            BAD_CAST));
  }

  static Stream<Arguments> parameterCells() {
    List<Arguments> cells = new ArrayList<>();
    for (Way w : setters()) {
      for (int f = 0; f < FIELDS.size(); f++) {
        cells.add(Arguments.of(w, FIELDS.get(f), w.outcomes()[f]));
      }
    }
    return cells.stream();
  }

  /** A SQL literal with the outcome expected for each field of {@link #FIELDS}. */
  static List<Way> literals() {
    List<Way> out = new ArrayList<>();
    Object[][] rows = {
      // literal, then I, N, C, T, B, D, L
      {"5", 5, 5.0, dec("5"), "5", BAD_CAST, BAD_CAST, BAD_VALUE},
      {"1.5", OUT_OF_RANGE, 1.5, dec("1.5"), "1.5", BAD_CAST, BAD_CAST, BAD_VALUE},
      {"2.0", 2, 2.0, dec("2"), "2.0", BAD_CAST, BAD_CAST, BAD_VALUE},
      {"-7", -7, -7.0, dec("-7"), "-7", BAD_CAST, BAD_CAST, BAD_VALUE},
      {
        "5000000000",
        OUT_OF_RANGE,
        5e9,
        dec("5000000000"),
        "5000000000",
        BAD_CAST,
        BAD_CAST,
        BAD_VALUE
      },
      {"1.23456", OUT_OF_RANGE, 1.23456, OUT_OF_RANGE, "1.23456", BAD_CAST, BAD_CAST, BAD_VALUE},
      {"9.99", OUT_OF_RANGE, 9.99, dec("9.99"), "9.99", BAD_CAST, BAD_CAST, BAD_VALUE},
      {"2.7 * 1", OUT_OF_RANGE, 2.7, dec("2.7"), "2.7", BAD_CAST, BAD_CAST, BAD_VALUE},
      {"1.5E3", 1500, 1500.0, dec("1500"), "1500.0", BAD_CAST, BAD_CAST, BAD_VALUE},
      {"'75'", 75, 75.0, dec("75"), "75", BAD_CAST, BAD_DATE, BAD_VALUE},
      {"'abc'", BAD_CAST, BAD_CAST, BAD_CAST, "abc", BAD_CAST, BAD_DATE, BAD_VALUE},
      {
        "'" + LONG_TEXT + "'", BAD_CAST, BAD_CAST, BAD_CAST, TOO_LONG, BAD_CAST, BAD_DATE, BAD_VALUE
      },
      {"TRUE", BAD_CAST, BAD_CAST, BAD_CAST, "TRUE", true, BAD_CAST, BAD_VALUE},
      {"'false'", BAD_CAST, BAD_CAST, BAD_CAST, "false", false, BAD_DATE, BAD_VALUE},
      {
        "TIMESTAMP '2024-05-06 07:08:09'",
        BAD_CAST,
        BAD_CAST,
        BAD_CAST,
        "2024-05-06 07:08:09",
        BAD_CAST,
        WHEN,
        BAD_VALUE
      },
      {
        "'2024-05-06 07:08:09.9'",
        BAD_CAST,
        BAD_CAST,
        BAD_CAST,
        "2024-05-06 07:08:09.9",
        BAD_CAST,
        WHEN,
        BAD_VALUE
      },
      {
        "'2024-05-06'",
        BAD_CAST,
        BAD_CAST,
        BAD_CAST,
        "2024-05-06",
        BAD_CAST,
        WHEN.toLocalDate().atStartOfDay(),
        BAD_VALUE
      },
      {
        "'2024-05-06T07:08:09'",
        BAD_CAST,
        BAD_CAST,
        BAD_CAST,
        "2024-05-06T07:08:09",
        BAD_CAST,
        BAD_DATE,
        BAD_VALUE
      },
      {"'not a date'", BAD_CAST, BAD_CAST, BAD_CAST, "not a date", BAD_CAST, BAD_DATE, BAD_VALUE},
      {
        "'[1, 3]'",
        BAD_CAST,
        BAD_CAST,
        BAD_CAST,
        "[1, 3]",
        BAD_CAST,
        BAD_DATE,
        "{\"1\":\"Red\",\"3\":\"Blue\"}"
      },
      {
        "'{\"3\":\"Blue\"}'",
        BAD_CAST,
        BAD_CAST,
        BAD_CAST,
        "{\"3\":\"Blue\"}",
        BAD_CAST,
        BAD_DATE,
        "{\"3\":\"Blue\"}"
      },
      {
        "'{\"1\":\"44\"}'",
        BAD_CAST,
        BAD_CAST,
        BAD_CAST,
        "{\"1\":\"44\"}",
        BAD_CAST,
        BAD_DATE,
        BAD_VALUE
      },
      {"'[99]'", BAD_CAST, BAD_CAST, BAD_CAST, "[99]", BAD_CAST, BAD_DATE, BAD_VALUE},
    };
    for (Object[] r : rows) {
      Object[] outcomes = new Object[r.length - 1];
      System.arraycopy(r, 1, outcomes, 0, outcomes.length);
      out.add(new Way((String) r[0], null, outcomes));
    }
    return out;
  }

  static Stream<Arguments> literalCells() {
    List<Arguments> cells = new ArrayList<>();
    for (Way w : literals()) {
      for (int f = 0; f < FIELDS.size(); f++) {
        cells.add(Arguments.of(w, FIELDS.get(f), w.outcomes()[f]));
      }
    }
    return cells.stream();
  }

  // ------------------------------------------------------------------ parameters

  @ParameterizedTest(name = "{0} into {1}")
  @MethodSource("parameterCells")
  void parameter_insert(Way way, String field, Object expected) throws SQLException {
    String key = key();
    String sql = "INSERT INTO " + TABLE + " (Name, " + field + ") VALUES (?, ?)";
    Outcome o =
        run(
            () -> {
              try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setString(1, key);
                way.setter().set(ps, 2);
                ps.executeUpdate();
              }
            });
    check(expected, o, field, key);
  }

  @ParameterizedTest(name = "{0} into {1}")
  @MethodSource("parameterCells")
  void parameter_update(Way way, String field, Object expected) throws SQLException {
    String key = key();
    long pk = insertEmpty(key);
    String sql = "UPDATE " + TABLE + " SET " + field + " = ? WHERE PK_ID = ?";
    Outcome o =
        run(
            () -> {
              try (PreparedStatement ps = connection.prepareStatement(sql)) {
                way.setter().set(ps, 1);
                ps.setLong(2, pk);
                assertEquals(1, ps.executeUpdate());
              }
            });
    check(expected, o, field, key);
  }

  @ParameterizedTest(name = "{0} compared with {1}")
  @MethodSource("parameterCells")
  void parameter_where(Way way, String field, Object expected) throws SQLException {
    if (field.equals("L") || expected == null || expected == TOO_LONG || expected == BAD_VALUE) {
      // Only conversions to the parameter's type apply to a comparison; a field's own limits
      // (length, list items) do not: T = <257 characters> is simply false. List values are read
      // as JSON objects and written as ids, so they are not compared.
      return;
    }
    String key = key();
    if (!(expected instanceof Fails)) {
      insertValue(key, field, expected);
    }
    String sql = "SELECT count(*) FROM " + TABLE + " WHERE Name = ? AND " + field + " = ?";
    long[] count = {-1};
    Outcome o =
        run(
            () -> {
              try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setString(1, key);
                way.setter().set(ps, 2);
                try (ResultSet rs = ps.executeQuery()) {
                  rs.next();
                  count[0] = rs.getLong(1);
                }
              }
            });
    if (expected instanceof Fails f) {
      assertFailedBeforeAnyRequest(f, o);
    } else {
      assertEquals(null, o.error, () -> "unexpected failure " + describe(o.error));
      assertEquals(1, count[0], "the row written with this value is found by it");
    }
  }

  // ------------------------------------------------------------------ literals

  @ParameterizedTest(name = "{0} into {1}")
  @MethodSource("literalCells")
  void literal_insert(Way way, String field, Object expected) throws SQLException {
    String key = key();
    String sql =
        "INSERT INTO "
            + TABLE
            + " (Name, "
            + field
            + ") VALUES ('"
            + key
            + "', "
            + way.name()
            + ")";
    check(expected, run(() -> update(sql)), field, key);
  }

  @ParameterizedTest(name = "{0} into {1}")
  @MethodSource("literalCells")
  void literal_update(Way way, String field, Object expected) throws SQLException {
    String key = key();
    long pk = insertEmpty(key);
    String sql = "UPDATE " + TABLE + " SET " + field + " = " + way.name() + " WHERE PK_ID = " + pk;
    check(expected, run(() -> update(sql)), field, key);
  }

  @ParameterizedTest(name = "{0} compared with {1}")
  @MethodSource("literalCells")
  void literal_where(Way way, String field, Object expected) throws SQLException {
    if (expected instanceof Fails || expected == null || field.equals("L")) {
      // A comparison is not an assignment: '1.5' = I is simply false, never an error to check.
      return;
    }
    String key = key();
    insertValue(key, field, expected);
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM "
                    + TABLE
                    + " WHERE Name = '"
                    + key
                    + "' AND "
                    + field
                    + " = "
                    + way.name())) {
      rs.next();
      assertEquals(1, rs.getLong(1), "the row written with this literal is found by it");
    }
  }

  // ------------------------------------------------------------------ computed values

  @Test
  void insertSelect_fractionIntoInteger_refusedBeforeAnyWrite() throws SQLException {
    String key = key();
    insertValue(key, "N", 2.5);
    Outcome o = run(() -> update(copyNumberIntoInteger(key)));
    assertState("22003", o);
    assertEquals(0, writes(o), "no write request");
  }

  @Test
  void insertSelect_wholeNumbersIntoInteger_storedExactly() throws SQLException {
    String key = key();
    insertValue(key, "N", 42.0);
    Outcome o = run(() -> update(copyNumberIntoInteger(key)));
    assertEquals(null, o.error, () -> describe(o.error));
    assertEquals(42, readBack("I", "x" + key));
  }

  @Test
  void multiRowValues_badThirdRow_nothingSent() {
    String a = key();
    String b = key();
    String c = key();
    for (String bad : List.of("'[9]'", "'{\"1\":\"Blue\"}'")) {
      Outcome o =
          run(
              () ->
                  update(
                      "INSERT INTO "
                          + TABLE
                          + " (Name, L) VALUES ('"
                          + a
                          + "', '[1]'), ('"
                          + b
                          + "', '[2]'), ('"
                          + c
                          + "', "
                          + bad
                          + ")"));
      assertState("22000", o);
      assertTrue(o.records.isEmpty(), "no request at all, got " + o.records.size());
    }
    Outcome o =
        run(
            () ->
                update(
                    "INSERT INTO "
                        + TABLE
                        + " (Name, C) VALUES ('"
                        + a
                        + "', 1.5), ('"
                        + b
                        + "', 2.25), ('"
                        + c
                        + "', 1.00001)"));
    assertState("22003", o);
    assertTrue(o.records.isEmpty(), "no request at all, got " + o.records.size());
  }

  @Test
  void computedRowsOfAUnion_narrowingColumn_refusedUnlessExplicit() throws SQLException {
    String a = key();
    String b = key();
    String sql =
        "INSERT INTO " + TABLE + " (Name, I) VALUES ('" + a + "', 2.7 * 1), ('" + b + "', 1)";
    Outcome o = run(() -> update(sql));
    assertState("22003", o);
    assertTrue(o.records.isEmpty());
    Outcome explicit =
        run(
            () ->
                update(
                    "INSERT INTO "
                        + TABLE
                        + " (Name, I) VALUES ('"
                        + a
                        + "', CAST(FLOOR(2.7 * 1) AS INTEGER)), ('"
                        + b
                        + "', 1)"));
    assertEquals(null, explicit.error, () -> describe(explicit.error));
    assertEquals(2, readBack("I", a));
    assertEquals(1, readBack("I", b));
  }

  @Test
  void updateSetConstantExpression_checkedOnItsValue() throws SQLException {
    String key = key();
    long pk = insertEmpty(key);
    Outcome o = run(() -> update("UPDATE " + TABLE + " SET I = 2.7 * 1 WHERE PK_ID = " + pk));
    assertState("22003", o);
    assertTrue(o.records.isEmpty());
    Outcome ok = run(() -> update("UPDATE " + TABLE + " SET I = 3.0 * 2 WHERE PK_ID = " + pk));
    assertEquals(null, ok.error, () -> describe(ok.error));
    assertEquals(6, readBack("I", key));
  }

  @Test
  void preparedBatch_eachEntryConvertedWhenSet() throws SQLException {
    String a = key();
    String b = key();
    try (PreparedStatement ps =
        connection.prepareStatement("INSERT INTO " + TABLE + " (Name, C) VALUES (?, ?)")) {
      ps.setString(1, a);
      ps.setDouble(2, 9.99);
      ps.addBatch();
      ps.setString(1, b);
      ps.setCharacterStream(2, new java.io.StringReader("0.10"));
      ps.addBatch();
      ps.executeBatch();
    }
    assertSame(dec("9.99"), readBack("C", a));
    assertSame(dec("0.1"), readBack("C", b));
  }

  /** Copies row {@code key}'s Number into a new row's Integer by INSERT ... SELECT. */
  private static String copyNumberIntoInteger(String key) {
    return "INSERT INTO "
        + TABLE
        + " (Name, I) SELECT 'x' || Name, N FROM "
        + TABLE
        + " WHERE Name = '"
        + key
        + "'";
  }

  private static void assertState(String sqlState, Outcome o) {
    assertEquals(sqlState, o.error == null ? null : o.error.getSQLState(), describe(o.error));
  }

  private static long writes(Outcome o) {
    return o.records.stream().filter(c -> !c.method().equals("GET")).count();
  }

  // ------------------------------------------------------------------ machinery

  @FunctionalInterface
  interface Action {
    void run() throws SQLException;
  }

  /** What an action did: its failure, if any, and the record requests it sent. */
  record Outcome(SQLException error, List<LoggedCall> records) {}

  private static Outcome run(Action a) {
    fixture.clear();
    SQLException error = null;
    try {
      a.run();
    } catch (SQLException e) {
      error = e;
    }
    List<LoggedCall> records = fixture.records();
    return new Outcome(error, records);
  }

  private static void check(Object expected, Outcome o, String field, String key)
      throws SQLException {
    if (expected instanceof Fails f) {
      assertFailedBeforeAnyRequest(f, o);
      return;
    }
    if (o.error != null) {
      fail("unexpected failure " + describe(o.error));
    }
    assertSame(expected, readBack(field, key));
  }

  private static void assertFailedBeforeAnyRequest(Fails f, Outcome o) {
    if (o.error == null) {
      fail("expected SQLState " + f.sqlState() + " but the statement succeeded");
    }
    assertEquals(f.sqlState(), o.error.getSQLState(), () -> describe(o.error));
    assertTrue(
        o.records.isEmpty(),
        () -> "refused only after sending " + o.records.size() + " record request(s)");
    assertTrue(
        o.error.getMessage() != null && !o.error.getMessage().contains("io.github.caspiojdbc."),
        () -> "message names internals: " + o.error.getMessage());
  }

  /** Exact equality; numbers of a decimal kind by value, not scale. */
  private static void assertSame(Object expected, Object actual) {
    if (expected instanceof BigDecimal e && actual instanceof BigDecimal a) {
      assertEquals(0, e.compareTo(a), () -> "expected " + e + " but read " + a);
    } else {
      assertEquals(expected, actual);
    }
  }

  private static Object readBack(String field, String key) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT " + field + " FROM " + TABLE + " WHERE Name = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next(), "row " + key + " was written");
        Object v = field.equals("D") ? rs.getObject(1, LocalDateTime.class) : rs.getObject(1);
        return rs.wasNull() ? null : v;
      }
    }
  }

  private static String key() {
    return "k" + KEYS.incrementAndGet();
  }

  private static long insertEmpty(String key) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "INSERT INTO " + TABLE + " (Name) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, key);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        assertTrue(keys.next());
        return keys.getLong("PK_ID");
      }
    }
  }

  /** Writes a value as read back by {@link #readBack}, through the plainest setter. */
  private static void insertValue(String key, String field, Object value) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "INSERT INTO " + TABLE + " (Name, " + field + ") VALUES (?, ?)")) {
      ps.setString(1, key);
      ps.setObject(2, value);
      ps.executeUpdate();
    }
    assertSame(value, readBack(field, key));
  }

  private static void update(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  private static String describe(SQLException e) {
    return e == null ? "none" : e.getSQLState() + " " + e.getMessage();
  }
}
