/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How queries become requests, without a server. */
class QueryPlanTest {

  static Stream<Arguments> modes() {
    return Stream.of(
        Arguments.of(RecordQuery.table("T").build(), QueryPlan.Mode.KEYSET),
        Arguments.of(
            RecordQuery.table("T").orderBy(SortKey.desc("pk_id")).build(), QueryPlan.Mode.KEYSET),
        Arguments.of(
            RecordQuery.table("T").orderBy(SortKey.asc("Name")).build(),
            QueryPlan.Mode.PAGE_NUMBER),
        Arguments.of(
            RecordQuery.table("T").orderBy(SortKey.asc("PK_ID"), SortKey.asc("Name")).build(),
            QueryPlan.Mode.PAGE_NUMBER),
        Arguments.of(RecordQuery.table("T").groupBy("Name").build(), QueryPlan.Mode.PAGE_NUMBER),
        Arguments.of(RecordQuery.view("V").build(), QueryPlan.Mode.PAGE_NUMBER),
        Arguments.of(RecordQuery.table("T").maxRows(1000).build(), QueryPlan.Mode.SINGLE),
        Arguments.of(RecordQuery.table("T").maxRows(1001).build(), QueryPlan.Mode.KEYSET),
        Arguments.of(RecordQuery.table("T").maxRows(0).build(), QueryPlan.Mode.EMPTY),
        Arguments.of(
            RecordQuery.table("T").paging(PagingMode.SINGLE).build(), QueryPlan.Mode.SINGLE),
        Arguments.of(
            RecordQuery.table("T").paging(PagingMode.PAGE_NUMBER).maxRows(10).build(),
            QueryPlan.Mode.PAGE_NUMBER));
  }

  @ParameterizedTest
  @MethodSource("modes")
  void of_query_picksMode(RecordQuery q, QueryPlan.Mode mode) {
    assertEquals(mode, QueryPlan.of(q, ApiVersion.V3).mode);
  }

  @Test
  void of_keysetForGroupedQuery_isRejected() {
    RecordQuery q = RecordQuery.table("T").groupBy("A").paging(PagingMode.KEYSET).build();
    CaspioException e = assertThrows(CaspioException.class, () -> QueryPlan.of(q, ApiVersion.V3));
    assertEquals(ErrorKind.INVALID_PARAMETER, e.kind());
  }

  @Test
  void numberedPage_neverCarriesLimitAndAlwaysTieBreaks() {
    QueryPlan p =
        QueryPlan.of(
            RecordQuery.table("T")
                .select("A", "B")
                .where("A>1")
                .orderBy(SortKey.desc("B"))
                .pageSize(50)
                .build(),
            ApiVersion.V3);
    Map<String, String> first = p.numberedPage(1).params();
    Map<String, String> third = p.numberedPage(3).params();
    assertEquals("B DESC,PK_ID ASC", first.get("q.orderBy"));
    assertEquals("A,B", first.get("q.select"));
    assertEquals("true", first.get("q.getPaginationInfo"));
    assertNull(third.get("q.getPaginationInfo"));
    assertEquals("3", third.get("q.pageNumber"));
    assertEquals("50", third.get("q.pageSize"));
    assertFalse(first.containsKey("q.limit"));
    assertFalse(third.containsKey("q.limit"));
  }

  @Test
  void numberedPage_onV2_doesNotAskForPaginationInfo() {
    QueryPlan p = QueryPlan.of(RecordQuery.view("V").build(), ApiVersion.V2);
    assertFalse(p.numberedPage(1).params().containsKey("q.getPaginationInfo"));
  }

  @Test
  void single_explicitMode_keepsUserOrderOnly() {
    QueryPlan p =
        QueryPlan.of(
            RecordQuery.table("T").select("COUNT(*) AS n").paging(PagingMode.SINGLE).build(),
            ApiVersion.V3);
    Map<String, String> params = p.single().params();
    assertNull(params.get("q.orderBy"));
    assertEquals("1000", params.get("q.limit"));
    assertFalse(params.containsKey("q.pageSize"));
  }

  @Test
  void keysetPage_pageSizeNeverBelowFive() {
    QueryPlan p =
        QueryPlan.of(
            RecordQuery.table("T").paging(PagingMode.KEYSET).maxRows(3).build(), ApiVersion.V3);
    assertEquals("5", p.keysetPage(null, p.pageSize).params().get("q.pageSize"));
  }

  @Test
  void splitTopLevel_ignoresCommasInParenthesesAndQuotes() {
    assertEquals(
        List.of("A", "ISNULL(B, 'x,y')", "C"), QueryPlan.splitTopLevel("A, ISNULL(B, 'x,y') ,C"));
  }

  @Test
  void recordQuery_invalidPageSize_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> RecordQuery.table("T").pageSize(4).build());
    assertThrows(
        IllegalArgumentException.class, () -> RecordQuery.table("T").pageSize(1001).build());
  }
}
