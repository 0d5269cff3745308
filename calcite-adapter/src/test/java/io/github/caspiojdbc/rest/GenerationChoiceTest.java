/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How an AUTO connection settles on a generation and shares the verdict with its neighbours. */
class GenerationChoiceTest {
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  @Test
  void fixedVersions_areDecidedFromTheStartAndShareNothing() {
    int before = GenerationChoice.accountsKnown();
    GenerationChoice c = new GenerationChoice(ApiVersion.V3, "https://fixed", TEN_MINUTES);
    assertFalse(c.undecided());
    assertEquals(ApiVersion.V3, c.version());
    assertFalse(c.fallBack(), "a fixed version's 404 stands");
    assertEquals(before, GenerationChoice.accountsKnown());
    c.release();
  }

  @Test
  void auto_probesV4_fallsBackOn404_andSharesTheVerdictWhileAConnectionIsOpen() {
    String account = "https://auto-fallback";
    GenerationChoice first = new GenerationChoice(ApiVersion.AUTO, account, TEN_MINUTES);
    assertTrue(first.undecided());
    assertEquals(ApiVersion.AUTO, first.version());
    assertEquals(4, first.current().majorVersion(), "v4 is probed first");
    assertTrue(first.fallBack());
    assertEquals(ApiVersion.V3, first.version());

    GenerationChoice second = new GenerationChoice(ApiVersion.AUTO, account, TEN_MINUTES);
    assertFalse(second.undecided(), "an open connection's verdict is shared");
    assertEquals(ApiVersion.V3, second.version());

    first.release();
    first.release(); // idempotent
    GenerationChoice third = new GenerationChoice(ApiVersion.AUTO, account, TEN_MINUTES);
    assertFalse(third.undecided(), "the second connection is still open");
    second.release();
    third.release();
    GenerationChoice fourth = new GenerationChoice(ApiVersion.AUTO, account, TEN_MINUTES);
    assertTrue(fourth.undecided(), "forgotten with the last connection");
    fourth.release();
  }

  @Test
  void auto_v4Served_isShared_zeroMemorySharesNothing() {
    GenerationChoice a = new GenerationChoice(ApiVersion.AUTO, "https://auto-v4", TEN_MINUTES);
    a.firstServed();
    assertEquals(ApiVersion.V4, a.version());
    GenerationChoice b = new GenerationChoice(ApiVersion.AUTO, "https://auto-v4", TEN_MINUTES);
    assertEquals(ApiVersion.V4, b.version());
    a.release();
    b.release();

    GenerationChoice c = new GenerationChoice(ApiVersion.AUTO, "https://no-memory", Duration.ZERO);
    c.firstServed();
    GenerationChoice d = new GenerationChoice(ApiVersion.AUTO, "https://no-memory", Duration.ZERO);
    assertTrue(d.undecided());
    c.release();
    d.release();
  }
}
