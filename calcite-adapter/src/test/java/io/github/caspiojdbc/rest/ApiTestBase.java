/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Starts a WireMock server on 127.0.0.1 with a {@link TableServer} extension, and builds API
 * clients against it whose retry delays are recorded rather than slept.
 */
abstract class ApiTestBase {
  static final String RECORDS = "/integrations/rest/v3/tables/T/records";

  WireMockServer server;
  TableServer table;
  FakeTokens tokens;
  RecordingSleeper sleeper;
  Clock clock = Clock.systemUTC();
  final List<String> announced = new ArrayList<>();
  private final List<HttpCaspioApi> apis = new ArrayList<>();

  @BeforeEach
  void startServer() {
    table = new TableServer();
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(table));
    server.start();
    tokens = new FakeTokens();
    sleeper = new RecordingSleeper();
  }

  @AfterEach
  void stopServer() {
    apis.forEach(HttpCaspioApi::close);
    server.stop();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  HttpCaspioApi api() {
    return api(b -> {});
  }

  HttpCaspioApi api(Consumer<CaspioApiConfig.Builder> customizer) {
    CaspioApiConfig.Builder b =
        CaspioApiConfig.builder(base())
            .maxAttempts(4)
            .backoffBase(Duration.ofMillis(10))
            .backoffCap(Duration.ofMillis(50))
            .responseTimeout(Duration.ofSeconds(10))
            .requestListener(
                s -> {
                  synchronized (announced) {
                    announced.add(s);
                  }
                });
    customizer.accept(b);
    CaspioApiConfig config = b.build();
    HttpCaspioApi api =
        new HttpCaspioApi(config, tokens, CaspioHttpClients.create(config), sleeper, clock);
    apis.add(api);
    return api;
  }

  /** Reads every row of a cursor, closing it. */
  static List<Object[]> drain(RecordCursor cursor) {
    List<Object[]> out = new ArrayList<>();
    try (cursor) {
      while (cursor.next()) {
        out.add(cursor.current());
      }
    }
    return out;
  }
}
