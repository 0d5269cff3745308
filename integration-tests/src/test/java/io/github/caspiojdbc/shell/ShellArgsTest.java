/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShellArgsTest {

  static Stream<Arguments> goodArgs() {
    return Stream.of(
        Arguments.of(List.of(), new ShellArgs(Optional.empty(), List.of(), List.of(), false)),
        Arguments.of(
            List.of("jdbc:caspio://c0abc123.caspio.com"),
            new ShellArgs(
                Optional.of("jdbc:caspio://c0abc123.caspio.com"), List.of(), List.of(), false)),
        Arguments.of(
            List.of("-e", "select 1", "-e", "select 2"),
            new ShellArgs(Optional.empty(), List.of("select 1", "select 2"), List.of(), false)),
        Arguments.of(
            List.of("--outputformat=csv", "jdbc:caspio://h", "-e", "!tables"),
            new ShellArgs(
                Optional.of("jdbc:caspio://h"),
                List.of("!tables"),
                List.of("--outputformat=csv"),
                false)),
        Arguments.of(List.of("-h"), new ShellArgs(Optional.empty(), List.of(), List.of(), true)));
  }

  @ParameterizedTest
  @MethodSource("goodArgs")
  void parse_goodArgs_parsed(List<String> args, ShellArgs expected) throws Exception {
    assertEquals(expected, ShellArgs.parse(args.toArray(String[]::new)));
  }

  static Stream<Arguments> badArgs() {
    return Stream.of(
        Arguments.of(List.of("-e"), "-e needs an SQL statement"),
        Arguments.of(List.of("-e", " "), "-e needs an SQL statement"),
        Arguments.of(List.of("-p", "secret"), "-p is not accepted"),
        Arguments.of(List.of("-n", "id"), "-n is not accepted"),
        Arguments.of(List.of("jdbc:caspio://a", "jdbc:caspio://b"), "more than one URL"),
        Arguments.of(List.of("select 1"), "unexpected argument: select 1"),
        Arguments.of(List.of("--verbose"), "unexpected argument: --verbose"));
  }

  @ParameterizedTest
  @MethodSource("badArgs")
  void parse_badArgs_messageNamesTheArgument(List<String> args, String message) {
    ShellArgs.UsageException e =
        assertThrows(
            ShellArgs.UsageException.class, () -> ShellArgs.parse(args.toArray(String[]::new)));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void script_statements_terminatedOncePerLine() {
    assertEquals(
        "select 1;\nselect 2;\n!tables\n",
        CaspioShell.script(List.of(" select 1 ", "select 2;", "!tables")));
  }
}
