/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.util.Timeout;

/**
 * HttpClient connections that never write to HttpClient's {@code org.apache.hc.client5.http.wire}
 * and {@code org.apache.hc.client5.http.headers} loggers.
 *
 * <p>HttpClient 5's default connections log every request header (so {@code Authorization}) and, in
 * the wire log, every byte sent and received (so a form body with {@code client_secret} and a reply
 * with tokens) whenever a user turns those SLF4J loggers to DEBUG, for instance while chasing an
 * unrelated problem. No masking can be bolted onto them, so connections made by this factory simply
 * leave both logs out; every other HttpClient logger (request lines, pool, routes) still works.
 * Install it with {@code PoolingHttpClientConnectionManagerBuilder.setConnectionFactory(
 * QuietConnectionFactory.INSTANCE)} on every client that carries credentials (the token manager's
 * own client does).
 */
public final class QuietConnectionFactory
    implements HttpConnectionFactory<ManagedHttpClientConnection> {
  /** The factory; it holds no state. */
  public static final QuietConnectionFactory INSTANCE = new QuietConnectionFactory();

  private QuietConnectionFactory() {}

  @Override
  public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
    QuietConnection connection = new QuietConnection();
    if (socket != null) {
      connection.bind(socket);
    }
    return connection;
  }

  /**
   * HttpCore's plain blocking connection plus what a pooled client connection must add: access to
   * the socket, and restoring the socket timeout when a pooled connection is leased again.
   */
  private static final class QuietConnection extends DefaultBHttpClientConnection
      implements ManagedHttpClientConnection {
    /** The timeout to restore on {@link #activate()}; the pool parks connections at zero. */
    private volatile Timeout activeTimeout;

    QuietConnection() {
      super(Http1Config.DEFAULT);
    }

    @Override
    public void bind(Socket socket) throws IOException {
      super.bind(socket);
      activeTimeout = Timeout.ofMilliseconds(socket.getSoTimeout());
    }

    @Override
    public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
      super.bind(sslSocket, socket);
      activeTimeout = Timeout.ofMilliseconds(sslSocket.getSoTimeout());
    }

    @Override
    public Socket getSocket() {
      SocketHolder holder = getSocketHolder();
      return holder == null ? null : holder.getSocket();
    }

    @Override
    public void setSocketTimeout(Timeout timeout) {
      super.setSocketTimeout(timeout);
      activeTimeout = timeout;
    }

    @Override
    public void passivate() {
      super.setSocketTimeout(Timeout.ZERO_MILLISECONDS);
    }

    @Override
    public void activate() {
      Timeout timeout = activeTimeout;
      if (timeout != null) {
        super.setSocketTimeout(timeout);
      }
    }
  }
}
