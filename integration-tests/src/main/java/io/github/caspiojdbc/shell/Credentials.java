/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.shell;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Asks for a client id or secret: on the console with echo off for the secret, otherwise one line
 * from the input stream, which is never echoed.
 */
final class Credentials {

  private Credentials() {}

  /**
   * Reads one answer. Without a console, exactly one line is consumed from {@code in}, byte by
   * byte, so that statements piped in after the credentials are left for sqlline.
   */
  static String ask(String prompt, boolean secret, InputStream in, PrintStream err)
      throws IOException {
    Console console = in == System.in ? System.console() : null;
    if (console != null) {
      String answer =
          secret
              ? charsToString(console.readPassword("%s", prompt))
              : console.readLine("%s", prompt);
      if (answer == null) {
        throw new EOFException("end of input");
      }
      return answer.strip();
    }
    err.print(prompt);
    err.flush();
    String answer = readLine(in);
    err.println();
    return answer.strip();
  }

  private static String charsToString(char[] chars) {
    return chars == null ? null : new String(chars);
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      line.write(b);
    }
    if (b == -1 && line.size() == 0) {
      throw new EOFException("end of input");
    }
    return line.toString(StandardCharsets.UTF_8);
  }
}
