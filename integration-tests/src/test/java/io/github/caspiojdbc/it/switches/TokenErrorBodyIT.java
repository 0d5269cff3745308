/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.switches;

import static io.github.caspiojdbc.it.support.EmulatorFixture.chain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.emulator.PathKind;
import io.github.caspiojdbc.emulator.store.Switches;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A refused login is the same SQLException whichever body the token endpoint sends (caspio-api.md
 * 2.8, the {@link Switches.TokenErrorBody} switch): the driver keys off the status of {@code
 * /oauth/token}, never its body, so a live account that answers in Caspio's envelope instead of RFC
 * 6749 changes nothing a caller sees.
 */
class TokenErrorBodyIT {
  @RegisterExtension final EmulatorFixture fixture = EmulatorFixture.builder().empty().perTest();

  @Test
  void wrongSecretOrId_sameSqlExceptionUnderBothBodies_28000WithoutTheSecret() {
    String secret = "wrong-secret-" + System.nanoTime();
    for (String id : new String[] {CaspioEmulator.DEFAULT_CLIENT_ID, "no-such-client"}) {
      SQLException rfc = refused(Switches.TokenErrorBody.RFC_6749, id, secret);
      SQLException envelope = refused(Switches.TokenErrorBody.CASPIO_ENVELOPE, id, secret);
      for (SQLException e : List.of(rfc, envelope)) {
        assertInstanceOf(SQLInvalidAuthorizationSpecException.class, e);
        assertEquals("28000", e.getSQLState());
        assertFalse(chain(e).contains(secret), chain(e));
      }
      assertEquals(rfc.getClass(), envelope.getClass());
      assertEquals(rfc.getErrorCode(), envelope.getErrorCode());
      assertEquals(rfc.getMessage(), envelope.getMessage());
    }
    // Each refusal came from the token endpoint (400, body credentials), not from somewhere else.
    List<LoggedCall> tokenCalls = fixture.calls(PathKind.TOKEN);
    assertTrue(tokenCalls.size() >= 4, tokenCalls.toString());
    assertTrue(tokenCalls.stream().allMatch(c -> c.status() == 400), tokenCalls.toString());
  }

  private SQLException refused(Switches.TokenErrorBody body, String id, String secret) {
    fixture.emulator.store().switches(Switches.STRICT.with(body));
    return assertThrows(
        SQLException.class,
        () -> DriverManager.getConnection(fixture.url("&maxRetries=0"), id, secret));
  }
}
