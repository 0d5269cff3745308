/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands every request matched by the emulator's catch-all stub to {@link RequestHandler} and turns
 * its {@link Reply} into a WireMock response, so WireMock's own machinery applies delays and
 * connection faults.
 */
final class WireMockBridge implements ResponseDefinitionTransformerV2 {
  static final String NAME = "caspio-emulator";
  private static final Logger LOG = Logger.getLogger(WireMockBridge.class.getName());

  private final RequestHandler handler;

  WireMockBridge(RequestHandler handler) {
    this.handler = handler;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return true;
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    LoggedRequest request = event.getRequest();
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody();
    RequestHandler.Outcome outcome;
    try {
      outcome =
          handler.handle(
              request.getMethod().getName(),
              request.getUrl(),
              request.getHeader("Authorization"),
              body,
              request.containsHeader(RawRequestGuard.BAD_QUERY_HEADER));
    } catch (RuntimeException e) {
      // Last line of defence: never let WireMock render its HTML page with a stack trace.
      LOG.log(Level.WARNING, "Emulator pipeline failed", e);
      String id = UUID.randomUUID().toString();
      outcome =
          new RequestHandler.Outcome(
              Reply.caspioError(500, "InternalError", "An unexpected error occurred.", "", id)
                  .withHeader(RequestHandler.REQUEST_ID_HEADER, id),
              java.time.Duration.ZERO);
    }
    Reply reply = outcome.reply();
    ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition();
    long delayMs = outcome.delay().toMillis();
    if (delayMs > 0) {
      response.withFixedDelay((int) Math.min(delayMs, Integer.MAX_VALUE));
    }
    if (reply.fault() != null) {
      return response.withFault(toWireMock(reply.fault())).build();
    }
    response.withStatus(reply.status()).withBody(reply.body());
    for (Map.Entry<String, String> header : reply.headers().entrySet()) {
      response.withHeader(header.getKey(), header.getValue());
    }
    return response.build();
  }

  private static Fault toWireMock(ConnectionFault fault) {
    switch (fault) {
      case CONNECTION_RESET:
        return Fault.CONNECTION_RESET_BY_PEER;
      case EMPTY_RESPONSE:
        return Fault.EMPTY_RESPONSE;
      case MALFORMED_CHUNK:
        return Fault.MALFORMED_RESPONSE_CHUNK;
      case RANDOM_DATA_THEN_CLOSE:
        return Fault.RANDOM_DATA_THEN_CLOSE;
      default:
        throw new IllegalStateException("unexpected fault " + fault);
    }
  }
}
