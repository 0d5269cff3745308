/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import org.junit.jupiter.api.Test;

/** The 2047-character URI limit: a check for planners and a refusal before sending. */
class UriLengthTest extends ApiTestBase {

  private static String inList(int n) {
    StringBuilder sb = new StringBuilder("Name IN (");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append("'v").append(i).append('\'');
    }
    return sb.append(')').toString();
  }

  @Test
  void uriLength_shortQuery_fits() {
    HttpCaspioApi api = api();
    RecordQuery q = RecordQuery.table("T").where("A=1").build();
    assertTrue(api.fits(q));
    // The longest request is a key-range page: base path, select, order and two key bounds.
    assertTrue(api.uriLength(q) < 260, () -> "" + api.uriLength(q));
  }

  @Test
  void uriLength_countsEncodedCharacters() {
    HttpCaspioApi api = api();
    RecordQuery plain = RecordQuery.table("T").where("A=1").maxRows(5).build();
    RecordQuery spaced = RecordQuery.table("T").where("A = 1").maxRows(5).build();
    // Each space costs three characters once encoded, and '=' inside a value is escaped too.
    assertEquals(api.uriLength(plain) + 6, api.uriLength(spaced));
  }

  @Test
  void uriLength_keysetCountsTheLongestKeyPredicate() {
    HttpCaspioApi api = api();
    RecordQuery q = RecordQuery.table("T").where("A=1").build();
    RecordQuery page1Only = RecordQuery.table("T").where("A=1").paging(PagingMode.SINGLE).build();
    assertTrue(api.uriLength(q) > api.uriLength(page1Only) + 20);
  }

  @Test
  void query_whereTooLong_isRefusedWithoutAnyRequest() {
    HttpCaspioApi api = api();
    RecordQuery q = RecordQuery.table("T").where(inList(400)).build();
    assertFalse(api.fits(q));
    CaspioException e = assertThrows(CaspioException.class, () -> api.query(q));
    assertEquals(ErrorKind.UNSUPPORTED, e.kind());
    assertTrue(e.getMessage().contains("where clause is too long"), e.getMessage());
    assertEquals(0, server.findAll(anyRequestedFor(anyUrl())).size());
  }

  @Test
  void update_whereTooLong_isRefusedWithoutAnyRequest() {
    CaspioException e =
        assertThrows(CaspioException.class, () -> api().delete(ObjectKind.TABLE, "T", inList(400)));
    assertEquals(ErrorKind.UNSUPPORTED, e.kind());
    assertEquals(0, server.findAll(anyRequestedFor(anyUrl())).size());
  }

  @Test
  void fits_atTheBoundary_matchesUriLength() {
    HttpCaspioApi api = api();
    RecordQuery base = RecordQuery.table("T").where("A").paging(PagingMode.SINGLE).build();
    int room = CaspioApi.MAX_URI_LENGTH - api.uriLength(base);
    RecordQuery exact =
        RecordQuery.table("T").where("A" + "x".repeat(room)).paging(PagingMode.SINGLE).build();
    RecordQuery over =
        RecordQuery.table("T").where("A" + "x".repeat(room + 1)).paging(PagingMode.SINGLE).build();
    assertEquals(CaspioApi.MAX_URI_LENGTH, api.uriLength(exact));
    assertTrue(api.fits(exact));
    assertFalse(api.fits(over));
  }
}
