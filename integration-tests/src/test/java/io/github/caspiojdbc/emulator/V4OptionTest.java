/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line's {@code --no-v4} flag. */
class V4OptionTest {
  @Test
  void noV4_isAFlagWithoutValue() throws Exception {
    assertFalse(EmulatorMain.parse(new String[] {}).noV4());
    assertTrue(EmulatorMain.parse(new String[] {"--no-v4", "--port", "0"}).noV4());
    assertThrows(
        EmulatorMain.UsageException.class, () -> EmulatorMain.parse(new String[] {"--no-v4=x"}));
    assertTrue(EmulatorMain.USAGE.contains("--no-v4"));
  }

  @Test
  void banner_showsV4UrlOnlyWhenServed() throws Exception {
    for (boolean off : new boolean[] {false, true}) {
      EmulatorMain.Options o =
          EmulatorMain.parse(
              off ? new String[] {"--port", "0", "--no-v4"} : new String[] {"--port", "0"});
      try (CaspioEmulator emulator = EmulatorMain.build(o).start()) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EmulatorMain.printBanner(emulator, o, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String banner = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(banner.contains("REST v4 URL") != off, banner);
      }
    }
  }
}
