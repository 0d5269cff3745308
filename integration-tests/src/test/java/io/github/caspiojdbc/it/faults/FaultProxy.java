/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.FatalStartupException;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePreDestroyCallback;

/**
 * WireMock on 127.0.0.1 in front of an emulator: everything is proxied to it unless a test scripts
 * a reply for one exact request (for example the keyset page {@code PK_ID>2000}), which the
 * emulator's path-only faults cannot target. The journal counts what the driver really sent.
 *
 * <p>A suite that scripts every test afresh holds one per test in an instance field, over the
 * emulator of its suite, so that no test sees another's stubs or journal:
 *
 * <pre>{@code
 * @RegisterExtension static final EmulatorFixture fixture = ...;
 * @RegisterExtension final FaultProxy proxy = FaultProxy.perTest(fixture.emulator);
 * }</pre>
 */
final class FaultProxy implements AutoCloseable, TestInstancePreDestroyCallback {
  /**
   * The URL option of the fault suites' direct connections: they script faults by v3's paths and
   * parameter names, and the transport they test (retries, timeouts, tokens, hostile replies) is
   * one code path for every generation; REST v4 has suites of its own.
   */
  static final String V3 = "&apiVersion=v3";

  private static final AtomicInteger SCENARIOS = new AtomicInteger();

  /**
   * The next port to try: from a random start in 20000-27999, so that two JVMs on one machine
   * rarely race for the same ports, and well below Linux's default ephemeral range (32768+).
   */
  private static final AtomicInteger NEXT_PORT =
      new AtomicInteger(20000 + ThreadLocalRandom.current().nextInt(8000));

  final CaspioEmulator emulator;
  final WireMockServer server;
  private boolean perTest;

  FaultProxy(CaspioEmulator emulator) {
    this(emulator, null);
  }

  /** With {@code idleMillis}, the proxy closes kept-alive connections idle that long. */
  FaultProxy(CaspioEmulator emulator, Long idleMillis) {
    this.emulator = emulator;
    this.server = startOnFreshPort(idleMillis);
    server.stubFor(
        any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(emulator.baseUrl())));
    // The proxy plays an account without REST v4: its matchers name v3's parameters, and the
    // transport faults scripted here do not depend on the generation (v4 has its own suite).
    server.stubFor(
        any(urlPathMatching("/integrations/rest/v4/.*"))
            .atPriority(9)
            .willReturn(aResponse().withStatus(404)));
  }

  /**
   * WireMock on a port that no earlier proxy of this JVM had, below the kernel's ephemeral range
   * where the emulators' and sockets' port-0 binds land. The driver shares tokens JVM-wide by token
   * URL, port included: a proxy on a reused port would be handed the token an earlier test
   * obtained, and a test counting token requests would see none.
   */
  private static WireMockServer startOnFreshPort(Long idleMillis) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = NEXT_PORT.getAndIncrement();
      WireMockConfiguration o =
          options().bindAddress("127.0.0.1").port(port).containerThreads(40).jettyStopTimeout(0L);
      if (idleMillis != null) {
        o.jettyIdleTimeout(idleMillis);
      }
      WireMockServer s = new WireMockServer(o);
      try {
        s.start();
        return s;
      } catch (FatalStartupException taken) {
        // Another process holds the port; the next one will do.
        s.stop();
      }
    }
    throw new IllegalStateException("no free port for a fault proxy below " + NEXT_PORT.get());
  }

  /**
   * A proxy for one test, for an instance field: it stops when JUnit is done with the test
   * instance, which JUnit makes anew for every test.
   */
  static FaultProxy perTest(CaspioEmulator emulator) {
    FaultProxy p = new FaultProxy(emulator);
    p.perTest = true;
    return p;
  }

  @Override
  public void preDestroyTestInstance(ExtensionContext context) {
    if (perTest) {
      close();
    }
  }

  /** The fault suites' emulator: sample data whose OrderItems is ten keyset pages. */
  static EmulatorFixture tenPages() {
    return EmulatorFixture.of(() -> EmulatorFixture.builder().big().start());
  }

  /**
   * The rows of a full scan of OrderItems straight from the fixture's emulator, with no proxy
   * between: what every scan that survives its faults must return. For a static field beside the
   * fixture's, so a failure closes the fixture, which JUnit never gets to close then.
   */
  static Rows directScan(EmulatorFixture fixture) {
    try (Connection c = fixture.connect(V3)) {
      return Rows.of(c, EmulatorFixture.SCAN);
    } catch (SQLException | RuntimeException e) {
      fixture.close();
      throw new IllegalStateException("a clean scan of the fault suites' emulator failed", e);
    }
  }

  int port() {
    return server.port();
  }

  /**
   * A driver connection through the proxy whose metadata is loaded, so only record calls follow.
   */
  Connection warm(String extra) throws SQLException {
    Connection c = EmulatorFixture.connect(port(), extra);
    Rows.of(c, "SELECT COUNT(*) FROM OrderItems");
    server.resetRequests();
    return c;
  }

  /** The records request of keyset page {@code page} (1-based) of a full scan of {@code table}. */
  static MappingBuilder page(String table, int page) {
    return page(table, page, 1000);
  }

  /** As {@link #page(String, int)} for a scan with {@code pageSize} rows per page. */
  static MappingBuilder page(String table, int page, int pageSize) {
    MappingBuilder m = get(urlPathMatching(".*/tables/" + table + "/records"));
    return page == 1
        ? m.withQueryParam("q.getPaginationInfo", equalTo("true"))
        : m.withQueryParam("q.where", matching(pageWhere(page, pageSize)));
  }

  /**
   * The {@code q.where} of page {@code page}: {@code PK_ID>lower}, alone (sequential keyset) or
   * with an upper bound (parallel key ranges).
   */
  static String pageWhere(int page, int pageSize) {
    return "\\(?PK_ID\\s*>\\s*" + (page - 1) * pageSize + "(\\D.*)?";
  }

  /** Answers the first {@code times} requests matching {@code request} with {@code reply}. */
  void times(int times, Supplier<MappingBuilder> request, ResponseDefinitionBuilder reply) {
    String scenario = "s" + SCENARIOS.incrementAndGet();
    for (int i = 0; i < times; i++) {
      String state = i == 0 ? Scenario.STARTED : "n" + i;
      server.stubFor(
          request
              .get()
              .atPriority(1)
              .inScenario(scenario)
              .whenScenarioStateIs(state)
              .willSetStateTo("n" + (i + 1))
              .willReturn(reply));
    }
  }

  /** Answers every request matching {@code request} with {@code reply}. */
  void always(MappingBuilder request, ResponseDefinitionBuilder reply) {
    server.stubFor(request.atPriority(1).willReturn(reply));
  }

  /** Every request WireMock received, newest first. */
  List<ServeEvent> served() {
    return server.getAllServeEvents();
  }

  /** Requests whose URL matches {@code regex}. */
  long count(String regex) {
    return served().stream().filter(e -> e.getRequest().getUrl().matches(regex)).count();
  }

  /** Attempts at keyset page {@code page} (2 or more) of a full scan. */
  long pageAttempts(int page) {
    return pageAttempts(page, 1000);
  }

  long pageAttempts(int page, int pageSize) {
    java.util.regex.Pattern where = java.util.regex.Pattern.compile(pageWhere(page, pageSize));
    return served().stream()
        .filter(e -> e.getRequest().getUrl().contains("/records"))
        .filter(
            e ->
                e.getRequest().queryParameter("q.where").isPresent()
                    && e.getRequest().queryParameter("q.where").values().stream()
                        .anyMatch(v -> where.matcher(v).matches()))
        .count();
  }

  /**
   * Record requests grouped by their {@code q.where} (the first page by its pagination flag), each
   * with how often it was sent.
   */
  java.util.Map<String, Long> recordsByPage() {
    return served().stream()
        .filter(e -> e.getRequest().getUrl().contains("/records"))
        .collect(
            java.util.stream.Collectors.groupingBy(
                e ->
                    e.getRequest().queryParameter("q.where").isPresent()
                        ? e.getRequest().queryParameter("q.where").firstValue()
                        : "first page",
                java.util.TreeMap::new,
                java.util.stream.Collectors.counting()));
  }

  /**
   * Asserts that {@code page} was sent exactly {@code attempts} times and every other page exactly
   * once: with parallel key ranges, how many other pages were in flight when the scan failed
   * varies, but none may ever be sent twice.
   */
  void assertAttempts(int page, long attempts) {
    java.util.regex.Pattern faulted = java.util.regex.Pattern.compile(pageWhere(page, 1000));
    for (java.util.Map.Entry<String, Long> e : recordsByPage().entrySet()) {
      long expected = faulted.matcher(e.getKey()).matches() ? attempts : 1;
      org.junit.jupiter.api.Assertions.assertEquals(
          expected, e.getValue(), e.getKey() + " in " + recordsByPage());
    }
  }

  long tokens() {
    return count(".*/oauth/token.*");
  }

  long records() {
    return count(".*/records.*");
  }

  @Override
  public void close() {
    server.stop();
  }
}
