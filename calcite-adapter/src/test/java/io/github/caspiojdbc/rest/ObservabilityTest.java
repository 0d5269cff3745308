/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.error.CaspioException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FINE logging without credentials, and the request listener. */
class ObservabilityTest extends ApiTestBase {
  private final Logger logger = Logger.getLogger("io.github.caspiojdbc.rest");
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private Level previous;
  private final Handler handler =
      new Handler() {
        private final SimpleFormatter f = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
          lines.add(r.getLevel() + " " + f.format(r));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void capture() {
    previous = logger.getLevel();
    logger.setLevel(Level.FINE);
    handler.setLevel(Level.ALL);
    logger.addHandler(handler);
  }

  @AfterEach
  void release() {
    logger.removeHandler(handler);
    logger.setLevel(previous);
  }

  @Test
  void calls_loggedAtFine_withoutTokens() {
    server.stubFor(
        get(urlPathEqualTo(RetryTest.TABLES))
            .withHeader("Authorization", equalTo("Bearer tok-1"))
            .willReturn(aResponse().withStatus(401).withBody("{\"Message\":\"tok-1 expired\"}")));
    server.stubFor(
        get(urlPathEqualTo(RetryTest.TABLES))
            .withHeader("Authorization", equalTo("Bearer tok-2"))
            .willReturn(aResponse().withStatus(200).withBody(RetryTest.OK_TABLES)));
    server.stubFor(
        get(urlPathEqualTo(RECORDS))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("X-Caspio-Request-ID", "req-4711")
                    .withBody("{\"Code\":\"SqlServerError\",\"Message\":\"bad tok-2\"}")));
    HttpCaspioApi api = api();
    api.listTables();
    CaspioException e =
        assertThrows(
            CaspioException.class,
            () -> drain(api.query(RecordQuery.table("T").where("A = 'x'").maxRows(5).build())));

    assertFalse(e.getMessage().contains("tok-"), e.getMessage());
    assertTrue(
        lines.stream().anyMatch(l -> l.contains("GET /integrations/rest/v3/tables -> 200")),
        lines::toString);
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.startsWith("FINE")
                        && l.contains("q.where=A = 'x'&q.limit=5 -> 400")
                        && l.contains(" bytes, ")
                        && l.contains(" ms")
                        && l.contains("Caspio request id req-4711")),
        lines::toString);
    // Each line is numbered by the connection's calls, the 401 and its retry included.
    assertTrue(lines.stream().anyMatch(l -> l.contains("call 1: GET ")), lines::toString);
    assertTrue(lines.stream().anyMatch(l -> l.contains("call 3: GET ")), lines::toString);
    for (String l : lines) {
      assertFalse(l.contains("tok-"), l);
      assertFalse(l.contains("Bearer"), l);
      assertFalse(l.contains("Authorization"), l);
    }
  }

  @Test
  void listener_seesEachLogicalRequestOnceWithoutCredentials() {
    server.stubFor(
        get(urlPathEqualTo(RECORDS)).willReturn(aResponse().withTransformers(TableServer.NAME)));
    table.fill(7);
    table.throttled = n -> n == 1;
    drain(api().query(RecordQuery.table("T").where("A=1").maxRows(10).build()));
    drain(api().query(RecordQuery.table("T").pageSize(5).build()));
    assertEquals(
        List.of(
            "GET /integrations/rest/v3/tables/T/records?q.where=A=1&q.limit=10",
            "GET /integrations/rest/v3/tables/T/records?q.orderBy=PK_ID ASC&q.pageNumber=1"
                + "&q.pageSize=5&q.getPaginationInfo=true",
            "GET /integrations/rest/v3/tables/T/records?q.where=PK_ID>5&q.orderBy=PK_ID ASC"
                + "&q.pageNumber=1&q.pageSize=5"),
        announced);
  }
}
