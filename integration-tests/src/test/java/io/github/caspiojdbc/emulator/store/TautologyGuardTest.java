/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exactly what v4's tautology guard refuses and lets through. */
class TautologyGuardTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "1=1",
        "0 = 0",
        "'a'='a'",
        "N'a'=N'a'",
        "((1=1))",
        "1<2",
        "NOT 1=0",
        "1=0",
        "GETDATE() IS NOT NULL",
        "Name = 'x' OR 1=1",
        "(Name = 'x') OR ('a' = 'a')",
        "Name = 'x' OR (Age = 1 OR 2=2)",
        "PK_ID IS NOT NULL",
        "pk_id > 0",
        "PK_ID > 0.5",
        "PK_ID >= 1",
        "(PK_ID >= 0)"
      })
  void refused(String where) {
    StoreException e = assertThrows(StoreException.class, () -> TautologyGuard.check(where));
    assertEquals(400, e.status());
    assertEquals("IncorrectQueryParameter", e.code());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "PK_ID IN (1,2,3)",
        "PK_ID = 1",
        "PK_ID > 1",
        "PK_ID >= 2",
        "Name = N'Ann'",
        "Age >= 0",
        "Name = 'x' AND 1=1",
        "[Name] IS NOT NULL",
        "Age IS NULL OR Age = 1",
        "EXISTS (SELECT 1 FROM Other WHERE Other.Id = 1)"
      })
  void allowed(String where) {
    assertDoesNotThrow(() -> TautologyGuard.check(where));
  }
}
