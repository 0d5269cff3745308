/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link HttpCaspioApi#accountLimits()}: one counted call a minute on v4, none on v3. */
class AccountLimitsTest extends ApiTestBase {
  private static final String ME = "/integrations/rest/v4/me";

  private void stubMe(int status, String body) {
    server.stubFor(
        get(urlPathEqualTo(ME))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  @Test
  void v4_readsOnce_withinTheCacheTime() {
    stubMe(
        200,
        "{\"data\":{\"tokenExpiresAt\":\"2026-12-03T12:00:00Z\","
            + "\"rateLimit\":{\"callsPerSecond\":10}}}");
    HttpCaspioApi api = api(b -> b.version(ApiVersion.V4));
    AccountLimits first = api.accountLimits();
    AccountLimits second = api.accountLimits();
    assertEquals(10, first.rateLimitPerSecond());
    assertEquals(Instant.parse("2026-12-03T12:00:00Z"), first.tokenExpiresAt());
    assertEquals(first, second);
    server.verify(1, getRequestedFor(urlPathEqualTo(ME)));
  }

  @Test
  void v3_sendsNothing() {
    HttpCaspioApi api = api(b -> b.version(ApiVersion.V3));
    AccountLimits limits = api.accountLimits();
    assertNull(limits.rateLimitPerSecond());
    assertNull(limits.tokenExpiresAt());
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void v4_notFound_givesNulls() {
    stubMe(404, "{\"Code\":\"NotFound\",\"Message\":\"no\"}");
    AccountLimits limits = api(b -> b.version(ApiVersion.V4)).accountLimits();
    assertNull(limits.rateLimitPerSecond());
    assertNull(limits.tokenExpiresAt());
  }

  @Test
  void v4_malformedBody_givesNulls() {
    stubMe(200, "{\"data\": {\"rateLimit\": ");
    AccountLimits limits = api(b -> b.version(ApiVersion.V4)).accountLimits();
    assertNull(limits.rateLimitPerSecond());
    assertNull(limits.tokenExpiresAt());
  }
}
