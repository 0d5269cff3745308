/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.writes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Items;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Value written = value read back = value matched by a WHERE, for every kind of value. */
class RoundTripIT {

  @RegisterExtension
  static final EmulatorFixture f = EmulatorFixture.of(() -> Items.calcite().start());

  /** Inserts {@code value} into {@code column} with a parameter and returns the new PK_ID. */
  private static long insert(String column, Object value) throws SQLException {
    try (PreparedStatement p =
        f.conn.prepareStatement("INSERT INTO " + f.table + " (" + column + ") VALUES (?)")) {
      p.setObject(1, value);
      assertEquals(1, p.executeUpdate());
    }
    return ((Number) f.writes().lastInsert().rows().get(0).get("PK_ID")).longValue();
  }

  private static Object read(String column, long key) throws SQLException {
    try (PreparedStatement p =
        f.conn.prepareStatement("SELECT " + column + " FROM " + f.table + " WHERE PK_ID = ?")) {
      p.setLong(1, key);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getObject(1);
      }
    }
  }

  /** The keys of rows whose column equals the value, as a parameterised WHERE finds them. */
  private static List<Long> matching(String column, Object value) throws SQLException {
    try (PreparedStatement p =
        f.conn.prepareStatement(
            "SELECT PK_ID FROM " + f.table + " WHERE " + column + " = ? ORDER BY PK_ID")) {
      p.setObject(1, value);
      try (ResultSet rs = p.executeQuery()) {
        List<Long> out = new java.util.ArrayList<>();
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
        return out;
      }
    }
  }

  static List<String> texts() {
    return List.of(
        "O'Brien",
        "it''s",
        "quote \" and back\\slash",
        "Zoë — 日本語 😀",
        "typographic ‘single’ quotes",
        "100%_[x]",
        "tab\tand\nnewline",
        "  padded  ",
        "MiXeD");
  }

  @ParameterizedTest
  @MethodSource("texts")
  void text_writtenReadAndMatchedExactly(String value) throws Exception {
    long key = insert("Notes", value);
    assertEquals(value, read("Notes", key));
    long key2 = insert("Name", value.replace("\t", " ").replace("\n", " "));
    String name = value.replace("\t", " ").replace("\n", " ");
    assertEquals(name, read("Name", key2));
    assertEquals(List.of(key2), matching("Name", name));
    // The same text in other case is a different value: UPDATE by it must not touch this row.
    String upper = name.toUpperCase(java.util.Locale.ROOT);
    try (PreparedStatement p =
        f.conn.prepareStatement(
            "UPDATE " + f.table + " SET Qty = 1 WHERE Name = ? AND PK_ID = ?")) {
      p.setString(1, upper);
      p.setLong(2, key2);
      assertEquals(upper.equals(name) ? 1 : 0, p.executeUpdate());
    }
    assertEquals(name, read("Name", key2));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-02-29T23:59:59",
        "1900-01-01T00:00:00",
        "2026-03-29T02:30:00",
        "9999-12-31T23:59:59"
      })
  void dateTime_writtenReadAndMatchedExactly(String text) throws Exception {
    LocalDateTime ldt = LocalDateTime.parse(text);
    long key = insert("Due", Timestamp.valueOf(ldt));
    assertEquals(ldt, ((Timestamp) read("Due", key)).toLocalDateTime());
    assertEquals(List.of(key), matching("Due", Timestamp.valueOf(ldt)));
    String literal = "TIMESTAMP '" + text.replace('T', ' ') + "'";
    assertEquals(
        1, f.update("UPDATE " + f.table + " SET Due = " + literal + " WHERE PK_ID = " + key));
    assertEquals(ldt, ((Timestamp) read("Due", key)).toLocalDateTime());
  }

  @Test
  void dateTime_fractionOfSecond_truncatedToTheSecondCaspioKeeps() throws Exception {
    // The documented rule (docs/sql.md): Caspio keeps whole seconds, so the fraction is cut on
    // write, and the value read back is the one written.
    long key = insert("Due", Timestamp.valueOf(LocalDateTime.parse("2024-01-01T10:00:00.5")));
    assertEquals(
        LocalDateTime.parse("2024-01-01T10:00:00"),
        ((Timestamp) read("Due", key)).toLocalDateTime());
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void yesNo_writtenReadAndMatchedExactly(boolean value) throws Exception {
    long key = insert("Done", value);
    assertEquals(value, read("Done", key));
    assertEquals(
        1, f.update("UPDATE " + f.table + " SET Done = " + !value + " WHERE PK_ID = " + key));
    assertEquals(!value, read("Done", key));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"12345.6789", "-0.0001", "0.1", "92233720368.5477", "922337203685477.5807", "0"})
  void currency_writtenReadAndMatchedExactly(String text) throws Exception {
    BigDecimal value = new BigDecimal(text);
    long key = insert("Price", value);
    assertEquals(0, value.compareTo((BigDecimal) read("Price", key)), text);
    assertEquals(true, matching("Price", value).contains(key));
  }

  @Test
  void currency_fiveDecimals_refusedWith22003() {
    SQLException e =
        assertThrows(SQLException.class, () -> insert("Price", new BigDecimal("1.00001")));
    assertEquals("22003", EmulatorFixture.caspio(e).sqlState());
  }

  @Test
  void text_longerThanItsField_refusedWith22001_parameterAndLiteral() throws Exception {
    SQLException e = assertThrows(SQLException.class, () -> insert("Name", "x".repeat(256)));
    assertEquals("22001", EmulatorFixture.caspio(e).sqlState());
    SQLException literal =
        assertThrows(
            SQLException.class,
            () ->
                f.update("INSERT INTO " + f.table + " (Name) VALUES ('" + "y".repeat(300) + "')"));
    assertEquals("22001", EmulatorFixture.caspio(literal).sqlState());
    long key = insert("Name", "z".repeat(255));
    assertEquals("z".repeat(255), read("Name", key));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.1, -2.5, 1e-7, 123456789.125, Double.MAX_VALUE})
  void number_writtenReadAndMatchedExactly(double value) throws Exception {
    long key = insert("Weight", value);
    assertEquals(value, (Double) read("Weight", key));
    assertEquals(true, matching("Weight", value).contains(key));
  }

  @ParameterizedTest
  @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE})
  void integer_writtenReadAndMatchedExactly(int value) throws Exception {
    long key = insert("Qty", value);
    assertEquals(value, read("Qty", key));
    assertEquals(true, matching("Qty", value).contains(key));
  }

  @Test
  void list_writtenAsIdsReadAsObject() throws Exception {
    long key = insert("Tags", "[1,3]");
    assertEquals("{\"1\":\"Red\",\"3\":\"Blue\"}", read("Tags", key));
    // The object form a read returns is accepted back, so a row can be copied.
    long copy = insert("Tags", read("Tags", key));
    assertEquals(read("Tags", key), read("Tags", copy));
  }
}
