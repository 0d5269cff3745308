/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Paging against a WireMock table: exact rows, request shapes, caps, and broken pages. */
class PagingTest extends ApiTestBase {

  @BeforeEach
  void tableStub() {
    server.stubFor(
        get(urlPathEqualTo(RECORDS)).willReturn(aResponse().withTransformers(TableServer.NAME)));
  }

  private List<LoggedRequest> requests() {
    List<LoggedRequest> all =
        new ArrayList<>(
            server.findAll(
                com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                    urlPathEqualTo(RECORDS))));
    all.sort((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()));
    return all;
  }

  private static List<Long> keys(List<Object[]> rows) {
    return rows.stream().map(r -> (Long) r[0]).collect(Collectors.toList());
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().collect(Collectors.toList());
  }

  private static String param(LoggedRequest r, String name) {
    return r.queryParameter(name).isPresent() ? r.queryParameter(name).firstValue() : null;
  }

  @Test
  void query_keysetTwelvePages_returnsEveryRowOnceInOrder() {
    table.fill(57);
    RecordCursor c = serial().query(RecordQuery.table("T").pageSize(5).build());
    List<Object[]> rows = drain(c);

    assertEquals(range(1, 57), keys(rows));
    assertEquals(List.of("PK_ID", "Name", "Price"), c.columns());
    assertEquals("n7", rows.get(6)[1]);
    assertEquals(new BigDecimal("7.5"), rows.get(6)[2]);
    List<LoggedRequest> reqs = requests();
    assertEquals(12, reqs.size());
    for (LoggedRequest r : reqs) {
      assertEquals("1", param(r, "q.pageNumber"));
      assertEquals("5", param(r, "q.pageSize"));
      assertEquals("PK_ID ASC", param(r, "q.orderBy"));
      assertNull(param(r, "q.limit"), "q.limit must never be combined with paging");
    }
    assertNull(param(reqs.get(0), "q.where"));
    assertEquals("PK_ID>5", param(reqs.get(1), "q.where"));
    assertEquals("PK_ID>55", param(reqs.get(11), "q.where"));
  }

  @Test
  void query_keysetExactMultipleOfPageSize_stopsWithoutAnEmptyPage() {
    table.fill(15);
    List<Object[]> rows = drain(api().query(RecordQuery.table("T").pageSize(5).build()));
    assertEquals(range(1, 15), keys(rows));
    List<LoggedRequest> reqs = requests();
    assertEquals(3, reqs.size(), "the total count from page 1 ends the scan after page 3");
    assertEquals("true", param(reqs.get(0), "q.getPaginationInfo"));
    assertEquals(null, param(reqs.get(1), "q.getPaginationInfo"));
  }

  /** A client reading keyset pages one after another, for tests of the serial request shapes. */
  private HttpCaspioApi serial() {
    return api(b -> b.prefetchDepth(1));
  }

  @Test
  void query_keysetRangesWithRowsInsertedAndDeletedMidScan_keepEveryUnchangedRowOnce() {
    table.fill(57);
    table.beforeServe =
        n -> {
          if (n == 3) {
            table.rows.remove(2L);
            table.rows.remove(12L);
            table.rows.remove(40L);
            table.put(1000L);
          }
        };
    List<Long> got = keys(drain(api().query(RecordQuery.table("T").pageSize(5).build())));
    assertEquals(new java.util.TreeSet<>(got).size(), got.size(), "no row twice: " + got);
    List<Long> sorted = new ArrayList<>(got);
    java.util.Collections.sort(sorted);
    assertEquals(sorted, got, "key order");
    for (long k = 1; k <= 57; k++) {
      if (k != 2 && k != 12 && k != 40) {
        assertTrue(got.contains(k), "unchanged row " + k + " missing: " + got);
      }
    }
  }

  @Test
  void query_keysetRanges_sparseAndClusteredKeys_returnEveryRowOnceInOrder() {
    // Dense first page, then a long gap, then a dense cluster, then sparse keys: the estimate of
    // keys per page is wrong everywhere after page 1, and no row may be missed or doubled.
    List<Long> expected = new ArrayList<>();
    for (long k = 1; k <= 5; k++) {
      expected.add(k);
    }
    for (long k = 1000; k < 1023; k++) {
      expected.add(k);
    }
    for (long k = 5000; k < 100_000; k += 3917) {
      expected.add(k);
    }
    for (long k : expected) {
      table.put(k);
    }
    List<Object[]> rows = drain(api().query(RecordQuery.table("T").pageSize(5).build()));
    assertEquals(expected, keys(rows));
  }

  @Test
  void query_keysetRanges_withMaxRows_stopAtTheLimit() {
    table.fill(100);
    List<Object[]> rows =
        drain(api().query(RecordQuery.table("T").pageSize(5).maxRows(1003).build()));
    assertEquals(range(1, 100), keys(rows));
    table.rows.clear();
    table.fill(3000);
    int before = table.requests.get();
    rows = drain(api().query(RecordQuery.table("T").maxRows(1500).build()));
    assertEquals(range(1, 1500), keys(rows));
    assertEquals(2, table.requests.get() - before);
  }

  @Test
  void query_keysetWithUserWhere_parenthesisesItBeforeAddingTheKey() {
    table.fill(12);
    drain(serial().query(RecordQuery.table("T").where("A=1 OR B=2").pageSize(5).build()));
    List<LoggedRequest> reqs = requests();
    assertEquals("A=1 OR B=2", param(reqs.get(0), "q.where"));
    assertEquals("(A=1 OR B=2) AND PK_ID>5", param(reqs.get(1), "q.where"));
  }

  @Test
  void query_keysetDescending_pagesDownwards() {
    table.fill(23);
    List<Object[]> rows =
        drain(
            api().query(RecordQuery.table("T").orderBy(SortKey.desc("PK_ID")).pageSize(5).build()));
    List<Long> expected = range(1, 23);
    java.util.Collections.reverse(expected);
    assertEquals(expected, keys(rows));
    assertEquals("PK_ID<19", param(requests().get(1), "q.where"));
  }

  @Test
  void query_keysetWithRowsInsertedAndDeletedMidScan_isExact() {
    table.fill(57);
    table.beforeServe =
        n -> {
          if (n == 3) {
            table.rows.remove(2L); // already read
            table.rows.remove(12L); // not read yet
            table.put(1000L); // beyond the scan position
          }
        };
    List<Object[]> rows = drain(serial().query(RecordQuery.table("T").pageSize(5).build()));

    List<Long> expected = range(1, 57);
    expected.remove(Long.valueOf(12));
    expected.add(1000L);
    assertEquals(expected, keys(rows));
  }

  @Test
  void query_tokenExpiresMidScan_renewsOnceAndCompletesExactly() {
    table.fill(57);
    server.stubFor(
        get(urlPathEqualTo(RECORDS))
            .atPriority(1)
            .withHeader("Authorization", equalTo("Bearer tok-1"))
            .withQueryParam("q.where", equalTo("PK_ID>30"))
            .willReturn(aResponse().withStatus(401)));
    List<Object[]> rows = drain(serial().query(RecordQuery.table("T").pageSize(5).build()));
    assertEquals(range(1, 57), keys(rows));
    assertEquals(1, tokens.invalidations.get());
    assertEquals(13, requests().size());
  }

  @Test
  void query_explicitSelectWithoutKey_addsHiddenKeyForKeyset() {
    table.fill(12);
    RecordCursor c = api().query(RecordQuery.table("T").select("Name").pageSize(5).build());
    List<Object[]> rows = drain(c);
    assertEquals(12, rows.size());
    assertEquals(List.of("Name", "Price"), c.columns().subList(0, 2));
    assertEquals("Name,PK_ID", param(requests().get(0), "q.select"));
  }

  @Test
  void query_pageNumberTwelvePages_exactRowsTieBreakerAndNoExtraCall() {
    table.fill(57);
    List<Object[]> rows =
        drain(api().query(RecordQuery.table("T").orderBy(SortKey.asc("Name")).pageSize(5).build()));

    assertEquals(range(1, 57), keys(rows));
    List<LoggedRequest> reqs = requests();
    // TotalCount from page 1 says 12 pages: no probe for a 13th.
    assertEquals(12, reqs.size());
    for (LoggedRequest r : reqs) {
      assertEquals("Name ASC,PK_ID ASC", param(r, "q.orderBy"));
      assertEquals("5", param(r, "q.pageSize"));
      assertNull(param(r, "q.limit"));
      assertNull(param(r, "q.where"));
    }
    assertEquals(
        1, reqs.stream().filter(r -> "true".equals(param(r, "q.getPaginationInfo"))).count());
    assertEquals(
        range(1, 12),
        reqs.stream()
            .map(r -> Long.valueOf(param(r, "q.pageNumber")))
            .sorted()
            .collect(Collectors.toList()));
  }

  @Test
  void query_pageNumberOnView_usesPageNumbersWithKeyTieBreaker() {
    server.stubFor(
        get(urlPathEqualTo("/integrations/rest/v3/views/V/records"))
            .willReturn(aResponse().withTransformers(TableServer.NAME)));
    table.fill(11);
    List<Object[]> rows = drain(api().query(RecordQuery.view("V").pageSize(5).build()));
    assertEquals(11, rows.size());
    List<LoggedRequest> reqs =
        server.findAll(
            com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/integrations/rest/v3/views/V/records")));
    assertEquals(3, reqs.size());
    assertTrue(reqs.stream().allMatch(r -> "PK_ID ASC".equals(param(r, "q.orderBy"))));
  }

  @Test
  void query_groupBy_tieBreaksOnGroupItems() {
    table.fill(3);
    drain(
        api()
            .query(
                RecordQuery.table("T")
                    .select("Name", "COUNT(*) AS n")
                    .groupBy("Name")
                    .orderBy(SortKey.desc("n"))
                    .build()));
    assertEquals("n DESC,Name ASC", param(requests().get(0), "q.orderBy"));
  }

  @Test
  void query_limitTen_isOneRequestWithQLimitAndNoPaging() {
    table.fill(57);
    List<Object[]> rows = drain(api().query(RecordQuery.table("T").maxRows(10).build()));
    assertEquals(range(1, 10), keys(rows));
    List<LoggedRequest> reqs = requests();
    assertEquals(1, reqs.size());
    assertEquals("10", param(reqs.get(0), "q.limit"));
    assertNull(param(reqs.get(0), "q.pageSize"));
    assertNull(param(reqs.get(0), "q.pageNumber"));
    assertNull(param(reqs.get(0), "q.orderBy"));
  }

  @Test
  void query_limitWithOrder_appendsTieBreakerToSingleRequest() {
    table.fill(5);
    drain(api().query(RecordQuery.table("T").orderBy(SortKey.asc("Name")).maxRows(3).build()));
    assertEquals("Name ASC,PK_ID ASC", param(requests().get(0), "q.orderBy"));
  }

  @Test
  void query_maxRowsZero_sendsNothing() {
    table.fill(5);
    RecordCursor c = api().query(RecordQuery.table("T").maxRows(0).build());
    assertFalse(c.next());
    assertEquals(0, requests().size());
  }

  @Test
  void query_maxRowsAcrossKeysetPages_fetchesOnlyWhatIsNeeded() {
    table.fill(3000);
    List<Object[]> rows = drain(serial().query(RecordQuery.table("T").maxRows(2500).build()));
    assertEquals(range(1, 2500), keys(rows));
    List<LoggedRequest> reqs = requests();
    assertEquals(3, reqs.size());
    assertEquals("500", param(reqs.get(2), "q.pageSize"));
  }

  @Test
  void query_maxRowsAcrossNumberedPages_stopsAtTheLastNeededPage() {
    table.fill(57);
    List<Object[]> rows =
        drain(
            api()
                .query(
                    RecordQuery.table("T")
                        .paging(PagingMode.PAGE_NUMBER)
                        .pageSize(5)
                        .maxRows(23)
                        .build()));
    assertEquals(range(1, 23), keys(rows));
    assertEquals(5, requests().size());
  }

  @Test
  void query_singleModeWithFullReply_failsInsteadOfTruncating() {
    table.fill(1200);
    RecordCursor c = api().query(RecordQuery.table("T").paging(PagingMode.SINGLE).build());
    CaspioException e = assertThrows(CaspioException.class, () -> drain(c));
    assertEquals(ErrorKind.UNSUPPORTED, e.kind());
  }

  @Test
  void query_keysetPageThatDoesNotAdvance_failsWithoutLooping() {
    server.stubFor(get(urlPathEqualTo(RECORDS)).atPriority(1).willReturn(okJson(page(1, 5))));
    RecordCursor c = api().query(RecordQuery.table("T").pageSize(5).build());
    CaspioException e = assertThrows(CaspioException.class, () -> drain(c));
    assertEquals(ErrorKind.REMOTE, e.kind());
    assertTrue(e.getMessage().contains("did not advance"), e.getMessage());
    assertEquals(2, requests().size());
  }

  @Test
  void query_repeatedNumberedPage_failsWithoutLooping() {
    server.stubFor(get(urlPathEqualTo(RECORDS)).atPriority(1).willReturn(okJson(page(1, 5))));
    RecordCursor c =
        api(b -> b.prefetchDepth(1))
            .query(RecordQuery.table("T").paging(PagingMode.PAGE_NUMBER).pageSize(5).build());
    CaspioException e = assertThrows(CaspioException.class, () -> drain(c));
    assertTrue(e.getMessage().contains("repeated page 1"), e.getMessage());
    assertEquals(2, requests().size());
  }

  @Test
  void query_pageTruncatedAfterSomeRows_failsAfterEarlierPagesNeverShort() {
    server.stubFor(
        get(urlPathEqualTo(RECORDS))
            .atPriority(1)
            .withQueryParam("q.where", absent())
            .willReturn(okJson(page(1, 5))));
    server.stubFor(
        get(urlPathEqualTo(RECORDS))
            .atPriority(1)
            .withQueryParam("q.where", equalTo("PK_ID>5"))
            .willReturn(okJson(page(6, 10))));
    String truncated = page(11, 15);
    server.stubFor(
        get(urlPathEqualTo(RECORDS))
            .atPriority(1)
            .withQueryParam("q.where", equalTo("PK_ID>10"))
            .willReturn(okJson(truncated.substring(0, truncated.indexOf("\"PK_ID\":13") + 9))));
    RecordCursor c = api().query(RecordQuery.table("T").pageSize(5).build());
    List<Object[]> seen = new ArrayList<>();
    CaspioException e =
        assertThrows(
            CaspioException.class,
            () -> {
              while (c.next()) {
                seen.add(c.current());
              }
            });
    assertEquals(10, seen.size(), "rows of the broken page must not be handed out");
    assertEquals(ErrorKind.TRANSPORT, e.kind());
    // The GET was retried up to maxAttempts (4) before giving up.
    assertEquals(2 + 4, requests().size());
  }

  @Test
  void query_fieldAppearingMidScan_failsInsteadOfMisaligning() {
    server.stubFor(
        get(urlPathEqualTo(RECORDS))
            .atPriority(1)
            .withQueryParam("q.where", absent())
            .willReturn(okJson(page(1, 5))));
    server.stubFor(
        get(urlPathEqualTo(RECORDS))
            .atPriority(1)
            .withQueryParam("q.where", equalTo("PK_ID>5"))
            .willReturn(okJson("{\"Result\":[{\"PK_ID\":6,\"Name\":\"a\",\"New\":1}]}")));
    RecordCursor c = api().query(RecordQuery.table("T").pageSize(5).build());
    CaspioException e = assertThrows(CaspioException.class, () -> drain(c));
    assertTrue(e.getMessage().contains("Field New appeared"), e.getMessage());
  }

  @Test
  void query_rowsWithDifferentKeyOrderAndMissingKeys_areAlignedByName() {
    server.stubFor(
        get(urlPathEqualTo(RECORDS))
            .atPriority(1)
            .willReturn(
                okJson(
                    "{\"Result\":[{\"PK_ID\":1,\"A\":\"x\"},{\"A\":\"y\",\"PK_ID\":2,"
                        + "\"B\":true},{\"PK_ID\":3}]}")));
    RecordCursor c = api().query(RecordQuery.table("T").maxRows(10).build());
    List<Object[]> rows = drain(c);
    assertEquals(List.of("PK_ID", "A", "B"), c.columns());
    assertEquals(List.of(1L, "x"), java.util.Arrays.asList(rows.get(0)).subList(0, 2));
    assertNull(rows.get(0)[2]);
    assertEquals(List.of(2L, "y", true), java.util.Arrays.asList(rows.get(1)));
    assertEquals(3, rows.get(2).length);
  }

  @Test
  void query_malformedChunk_isRetriedThenFails() {
    server.stubFor(
        get(urlPathEqualTo(RECORDS))
            .atPriority(1)
            .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
    RecordCursor c = api().query(RecordQuery.table("T").pageSize(5).build());
    CaspioException e = assertThrows(CaspioException.class, () -> drain(c));
    assertEquals(ErrorKind.TRANSPORT, e.kind());
    assertEquals(4, requests().size());
  }

  @Test
  void query_htmlWith200_isRemoteErrorNotRetried() {
    server.stubFor(
        get(urlPathEqualTo(RECORDS))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/html")
                    .withBody("<html><body>Login</body></html>")));
    CaspioException e =
        assertThrows(
            CaspioException.class,
            () -> drain(api().query(RecordQuery.table("T").maxRows(10).build())));
    assertEquals(ErrorKind.REMOTE, e.kind());
    assertTrue(e.getMessage().contains("text/html"), e.getMessage());
    assertEquals(1, requests().size());
  }

  @Test
  void query_htmlWithoutContentType_isRemoteError() {
    server.stubFor(
        get(urlPathEqualTo(RECORDS))
            .atPriority(1)
            .willReturn(aResponse().withStatus(200).withBody("<html></html>")));
    CaspioException e =
        assertThrows(
            CaspioException.class,
            () -> drain(api().query(RecordQuery.table("T").maxRows(10).build())));
    assertEquals(ErrorKind.REMOTE, e.kind());
  }

  @Test
  void query_resultNotAnArray_isRemoteError() {
    server.stubFor(
        get(urlPathEqualTo(RECORDS)).atPriority(1).willReturn(okJson("{\"Result\":{\"a\":1}}")));
    CaspioException e =
        assertThrows(
            CaspioException.class,
            () -> drain(api().query(RecordQuery.table("T").maxRows(10).build())));
    assertEquals(ErrorKind.REMOTE, e.kind());
    assertTrue(e.getMessage().contains("array"), e.getMessage());
  }

  @Test
  void query_missingResult_isRemoteError() {
    server.stubFor(get(urlPathEqualTo(RECORDS)).atPriority(1).willReturn(okJson("{\"Rows\":[]}")));
    CaspioException e =
        assertThrows(
            CaspioException.class,
            () -> drain(api().query(RecordQuery.table("T").maxRows(10).build())));
    assertEquals(ErrorKind.REMOTE, e.kind());
  }

  @Test
  void query_listAndNullValues_followTheValueContract() {
    server.stubFor(
        get(urlPathEqualTo(RECORDS))
            .atPriority(1)
            .willReturn(
                okJson(
                    "{\"Result\":[{\"PK_ID\":1,\"Tags\":{\"2\":\"English\"},\"When\":null,"
                        + "\"Ok\":true,\"Big\":12345678901234567890}]}")));
    RecordCursor c = api().query(RecordQuery.table("T").maxRows(10).build());
    assertTrue(c.next());
    Object[] row = c.current();
    assertEquals(java.util.Map.of("2", "English"), row[1]);
    assertNull(row[2]);
    assertEquals(Boolean.TRUE, row[3]);
    assertEquals(new BigDecimal("12345678901234567890"), row[4]);
    assertFalse(c.next());
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  static String page(int from, int to) {
    StringBuilder sb = new StringBuilder("{\"Result\":[");
    for (int i = from; i <= to; i++) {
      if (i > from) {
        sb.append(',');
      }
      sb.append("{\"PK_ID\":").append(i).append(",\"Name\":\"n").append(i).append("\"}");
    }
    return sb.append("]}").toString();
  }
}
