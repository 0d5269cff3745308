/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 exchange over a plain socket. Connection faults must be observed exactly once, and
 * the JDK clients silently retry some failed requests, so fault tests use this instead.
 */
final class RawHttp {
  /** Bytes received before the server closed or reset the connection, and how it ended. */
  record Result(byte[] bytes, IOException failure) {
    String text() {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  private RawHttp() {}

  static Result exchange(int port, String method, String path, String authorization)
      throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      String request =
          method
              + " "
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1:"
              + port
              + "\r\n"
              + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
              + "Content-Length: 0\r\nConnection: close\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          received.write(buffer, 0, n);
        }
        return new Result(received.toByteArray(), null);
      } catch (IOException e) {
        return new Result(received.toByteArray(), e);
      }
    }
  }
}
