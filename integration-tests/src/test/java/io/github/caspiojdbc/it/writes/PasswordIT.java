/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.writes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.adapter.CaspioPasswords;
import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.emulator.PathKind;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Items;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Password fields: not SQL columns; set through the password endpoint by key. */
class PasswordIT {

  @RegisterExtension final EmulatorFixture f = Items.perTest("(Name) VALUES ('a'), ('b')");

  @Test
  void set_twoKeys_onePasswordRequestAndCount() throws Exception {
    List<Long> keys =
        f.writes().lastInsert().rows().stream()
            .map(r -> ((Number) r.get("PK_ID")).longValue())
            .toList();
    assertEquals(
        2, CaspioPasswords.set(f.schema(), f.table.toLowerCase(), "secret", keys, "s3cr3t!"));
    List<LoggedCall> calls =
        f.emulator.log().entries().stream()
            .filter(c -> c.kind() == PathKind.PASSWORD_FIELDS)
            .toList();
    assertEquals(1, calls.size());
    assertEquals("PUT", calls.get(0).method());
    assertTrue(EmulatorFixture.where(calls.get(0)).startsWith("PK_ID IN ("));
    assertFalse(calls.get(0).body().contains("s3cr3t!"), "the log redacts the value");
  }

  @Test
  void set_notAPasswordField_refusedBeforeAnyWrite() throws Exception {
    CaspioException e =
        assertThrows(
            CaspioException.class,
            () -> CaspioPasswords.set(f.schema(), f.table, "Name", List.of(1L), "x"));
    assertEquals("42S22", e.sqlState());
    f.writes().setReadOnly(true);
    e =
        assertThrows(
            CaspioException.class,
            () -> CaspioPasswords.set(f.schema(), f.table, "Secret", List.of(1L), "x"));
    assertEquals("25006", e.sqlState());
    assertEquals(0, f.emulator.log().calls(PathKind.PASSWORD_FIELDS));
  }

  @Test
  void passwordField_isNotASqlColumn() throws Exception {
    var e =
        assertThrows(
            java.sql.SQLException.class, () -> f.update("UPDATE " + f.table + " SET Secret = 'x'"));
    assertTrue(e.getMessage().contains("Secret"), e.getMessage());
  }
}
