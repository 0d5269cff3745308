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
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.caspiojdbc.error.CaspioException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generation seam: what V2 and V3 say about themselves, and that planning and parsing take
 * every name from the generation, so a generation with other names (as v4 will have) needs no
 * change elsewhere.
 */
class ApiGenerationTest {

  /** A stand-in with v4's camelCase names, to show that nothing in the planner is hard-wired. */
  static final class CamelCase implements ApiGeneration {
    @Override
    public String basePath() {
      return "/integrations/rest/v9";
    }

    @Override
    public String productVersion() {
      return "REST API v9";
    }

    @Override
    public int majorVersion() {
      return 9;
    }

    @Override
    public RecordParams params() {
      return new RecordParams(
          "select",
          "where",
          "groupBy",
          "orderBy",
          "pageNumber",
          "pageSize",
          "limit",
          "count",
          false);
    }

    @Override
    public ReplyShape replies() {
      return new ReplyShape("data", "pagination", "totalCount", "affected");
    }

    @Override
    public ErrorReplies.Envelope errorEnvelope(byte[] body, ObjectMapper mapper) {
      return new ErrorReplies.Envelope(
          "Own", new String(body, StandardCharsets.UTF_8), null, false);
    }

    @Override
    public Map<String, String> insertEcho() {
      return Map.of("echo", "yes");
    }

    @Override
    public SetWrites setWrites() {
      return SetWrites.BULK;
    }
  }

  @Test
  void versions_nameTheirGenerations() {
    assertEquals("/integrations/rest/v3", ApiVersion.V3.generation().basePath());
    assertEquals("/rest/v2", ApiVersion.V2.generation().basePath());
    assertEquals("/integrations/rest/v4", ApiVersion.V4.generation().basePath());
    assertEquals("REST API v4", ApiVersion.V4.productVersion());
    assertEquals(4, ApiVersion.V4.majorVersion());
    assertEquals(ApiVersion.V4, ApiVersion.named("v4"));
    assertEquals(ApiVersion.AUTO, ApiVersion.named("auto"));
    assertEquals("/integrations/rest/v3", ApiVersion.AUTO.fallback().basePath());
    assertEquals("/integrations/rest/v3", ApiVersion.V4.generation().companion().basePath());
    assertEquals("REST API v3", ApiVersion.V3.productVersion());
    assertEquals("REST API v2", ApiVersion.V2.productVersion());
    assertEquals(3, ApiVersion.V3.majorVersion());
    assertEquals(2, ApiVersion.V2.majorVersion());
    assertEquals(ApiVersion.V2, ApiVersion.named("v2"));
    assertEquals(ApiVersion.V3, ApiVersion.named("V3"));
    assertThrows(IllegalArgumentException.class, () -> ApiVersion.named("v5"));
  }

  @Test
  void v3AndV4_reportTotalCount_v4WithoutAsking() {
    assertTrue(ApiVersion.V3.generation().params().reportsTotalCount());
    assertTrue(ApiVersion.V4.generation().params().reportsTotalCount());
    assertNull(ApiVersion.V4.generation().params().paginationInfo());
    assertFalse(ApiVersion.V2.generation().params().reportsTotalCount());
    assertEquals("q.getPaginationInfo", ApiVersion.V3.generation().params().paginationInfo());
  }

  @Test
  void bothLegacyGenerations_shareTheDottedNamesAndResultEnvelope() {
    for (ApiVersion v : List.of(ApiVersion.V3, ApiVersion.V2)) {
      RecordParams p = v.generation().params();
      assertEquals("q.where", p.where(), v.name());
      assertEquals("q.pageNumber", p.pageNumber(), v.name());
      assertEquals(ReplyShape.RESULT, v.generation().replies(), v.name());
    }
  }

  @Test
  void plan_takesEveryParameterNameFromTheGeneration() {
    ApiGeneration g = new CamelCase();
    QueryPlan p =
        QueryPlan.of(
            RecordQuery.table("T")
                .select("A")
                .where("A>1")
                .orderBy(SortKey.asc("A"))
                .paging(PagingMode.PAGE_NUMBER)
                .build(),
            g);
    Map<String, String> first = p.numberedPage(1).params();
    assertEquals(
        List.of("select", "where", "orderBy", "pageNumber", "pageSize", "count"),
        List.copyOf(first.keySet()));
    Map<String, String> keyset =
        QueryPlan.of(RecordQuery.table("T").paging(PagingMode.KEYSET).build(), g)
            .keysetPage(7L, 50)
            .params();
    assertEquals("PK_ID>7", keyset.get("where"));
    assertNull(keyset.get("count"), "the count is asked for on the first page only");
    assertEquals(
        "5",
        QueryPlan.of(RecordQuery.table("T").maxRows(5).build(), g).single().params().get("limit"));
    assertTrue(p.describe(1).startsWith("GET /integrations/rest/v9/tables/T/records?select=A"));
    assertTrue(p.describe(1).endsWith(", then pageNumber=2.."), p.describe(1));
  }

  @Test
  void replies_areReadWithTheGenerationsMemberNames() throws Exception {
    JsonReplies json = new JsonReplies(new ObjectMapper(), new CamelCase().replies());
    Page page =
        json.page(
            new ByteArrayInputStream(
                "{\"data\":[{\"PK_ID\":1}],\"pagination\":{\"totalCount\":41}}"
                    .getBytes(StandardCharsets.UTF_8)),
            "PK_ID");
    assertEquals(41, page.totalCount());
    assertEquals(List.of("PK_ID"), page.columns());
    assertEquals(3, json.recordsAffected(bytes("{\"affected\":3}")).count());
    assertEquals(List.of("A"), json.names(bytes("{\"data\":[\"A\"]}")));
    // The legacy envelope is not this generation's: refused, not misread as empty.
    CaspioException e =
        assertThrows(CaspioException.class, () -> json.names(bytes("{\"Result\":[\"A\"]}")));
    assertTrue(e.getMessage().contains("\"data\" missing"), e.getMessage());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
