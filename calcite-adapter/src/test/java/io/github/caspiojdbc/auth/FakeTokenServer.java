/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.List;

/**
 * A token endpoint on 127.0.0.1 (WireMock, dynamic port) with helpers for token replies and request
 * counts.
 */
final class FakeTokenServer implements AutoCloseable {
  static final String PATH = "/oauth/token";
  private static final ObjectMapper JSON = new ObjectMapper();

  final WireMockServer wireMock;

  FakeTokenServer() {
    wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    wireMock.start();
  }

  URI tokenUri() {
    return URI.create("http://127.0.0.1:" + wireMock.port() + PATH);
  }

  /** A POST to the token path, optionally for one grant type. */
  static MappingBuilder tokenPost(String grant) {
    MappingBuilder m = post(urlEqualTo(PATH));
    return grant == null ? m : m.withFormParam("grant_type", equalTo(grant));
  }

  /** Caspio's reply shape; null parts are left out. */
  static ResponseDefinitionBuilder token(
      String access, String refresh, Object expiresIn, String tokenType) {
    ObjectNode body = JSON.createObjectNode();
    body.put("access_token", access);
    if (tokenType != null) {
      body.put("token_type", tokenType);
    }
    if (expiresIn instanceof Number n) {
      body.put("expires_in", n.longValue());
    } else if (expiresIn != null) {
      body.put("expires_in", expiresIn.toString());
    }
    if (refresh != null) {
      body.put("refresh_token", refresh);
    }
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json;charset=UTF-8")
        .withBody(body.toString());
  }

  static ResponseDefinitionBuilder caspioToken(String access, String refresh) {
    return token(access, refresh, 86399, "bearer");
  }

  static ResponseDefinitionBuilder oauthError(int status, String error, String description) {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", error);
    if (description != null) {
      body.put("error_description", description);
    }
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body.toString());
  }

  /**
   * Replies to successive token requests (any grant) with the given replies in order; the last one
   * repeats.
   */
  void sequence(ResponseDefinitionBuilder... replies) {
    for (int i = 0; i < replies.length; i++) {
      ScenarioMappingBuilder m =
          tokenPost(null)
              .inScenario("sequence")
              .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "step" + i)
              .willReturn(replies[i]);
      if (i + 1 < replies.length) {
        m = m.willSetStateTo("step" + (i + 1));
      }
      wireMock.stubFor(m);
    }
  }

  void stub(MappingBuilder mapping) {
    wireMock.stubFor(mapping);
  }

  List<LoggedRequest> requests() {
    return wireMock.findAll(postRequestedFor(urlEqualTo(PATH)));
  }

  int count() {
    return requests().size();
  }

  int count(String grant) {
    return wireMock
        .findAll(
            postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing("grant_type=" + grant)))
        .size();
  }

  @Override
  public void close() {
    wireMock.stop();
  }
}
