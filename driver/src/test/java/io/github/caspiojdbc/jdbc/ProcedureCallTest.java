/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Recognising and parsing a CALL of one of the driver's procedures. */
class ProcedureCallTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CALL caspio_delete_file('k')",
        "  call x",
        "-- why\n CALL caspio_delete_file(?)",
        "/* a */ Call caspio_delete_file(?)",
        "{call caspio_delete_file(?)}",
        " { ? = call f() }"
      })
  void isCall_yes(String sql) {
    assertTrue(ProcedureCall.isCall(sql));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"SELECT 1", "callx()", "CALLER", "", "  ", "-- CALL\nSELECT 1", "/* CALL */"})
  void isCall_no(String sql) {
    assertFalse(ProcedureCall.isCall(sql));
  }

  @Test
  void parse_literalsAndParameters_inOrder() throws SQLException {
    ProcedureCall c =
        ProcedureCall.parse("{call caspio.CASPIO_UPLOAD_FILE(?, 'a''b', NULL, X'00ff')};");
    assertEquals(CaspioProcedure.UPLOAD_FILE, c.procedure());
    assertArrayEquals(new int[] {0, -1, -1, -1}, c.parameters());
    assertEquals(1, c.parameterCount());
    assertNull(c.literals().get(0));
    assertEquals("a'b", c.literals().get(1));
    assertNull(c.literals().get(2));
    assertArrayEquals(new byte[] {0, (byte) 0xFF}, (byte[]) c.literals().get(3));
    ProcedureCall d = ProcedureCall.parse("CALL caspio_delete_file(42)");
    assertEquals(new BigDecimal("42"), d.literals().get(0));
  }

  @Test
  void parse_refusals_carryTheirStates() {
    assertEquals("42000", state("CALL nope()"));
    assertEquals("42000", state("CALL a.b.caspio_delete_file('k')"));
    assertEquals("42000", state("CALL caspio_delete_file('k', 'l')"));
    assertEquals("42000", state("CALL caspio_delete_file(UPPER('k'))"));
    assertEquals("42000", state("CALL caspio_delete_file(?"));
    assertEquals("42000", state("{caspio_delete_file(?)}"));
    assertEquals("0A000", state("{?= call caspio_delete_file(?)}"));
  }

  private static String state(String sql) {
    return assertThrows(SQLException.class, () -> ProcedureCall.parse(sql)).getSQLState();
  }
}
