/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.network;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small HTTP proxy on 127.0.0.1, as a corporate one behaves: {@code CONNECT host:port} opens a
 * tunnel (HTTPS), a request in absolute form ({@code GET http://host:port/path}) is relayed to its
 * host, and with credentials set every first request without the right {@code Proxy-Authorization}
 * gets {@code 407} and a closed connection. Records each connection's first request line.
 */
final class ForwardProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String expected;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  /** A proxy that needs {@code user:password} in Basic form, or none when {@code user} is null. */
  ForwardProxy(String user, String password) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.expected =
        user == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.acceptor = new Thread(this::accept, "test-forward-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** The first request line of every connection so far (a refused one included). */
  List<String> requests() {
    return new ArrayList<>(requests);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        Thread t = new Thread(() -> serve(client), "test-forward-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      byte[] head = readHead(in);
      String text = new String(head, StandardCharsets.ISO_8859_1);
      String line = text.substring(0, text.indexOf("\r\n"));
      requests.add(line);
      if (expected != null && !text.contains("\r\nProxy-Authorization: " + expected + "\r\n")) {
        out.write(
            ("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic"
                    + " realm=\"test\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return;
      }
      String[] parts = line.split(" ");
      boolean tunnel = parts[0].equals("CONNECT");
      String authority = tunnel ? parts[1] : URI.create(parts[1]).getRawAuthority();
      int colon = authority.lastIndexOf(':');
      try (Socket upstream =
          new Socket(
              authority.substring(0, colon), Integer.parseInt(authority.substring(colon + 1)))) {
        open.add(upstream);
        if (tunnel) {
          out.write(
              "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
        } else {
          // Servers accept the absolute form, so the request goes on as it came.
          upstream.getOutputStream().write(head);
        }
        Thread back = new Thread(() -> pipe(upstream, client), "test-forward-proxy-back");
        back.setDaemon(true);
        back.start();
        pipe(client, upstream);
        back.join(5_000);
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      // A connection ends however the client likes.
    }
  }

  private static void pipe(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
      to.shutdownOutput();
    } catch (IOException e) {
      // One side closed.
    }
  }

  /** The request line and headers, up to and including the blank line. */
  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("closed before the headers ended");
      }
      b.write(c);
      state =
          (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
              ? state + 1
              : 0;
    }
    return b.toByteArray();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
