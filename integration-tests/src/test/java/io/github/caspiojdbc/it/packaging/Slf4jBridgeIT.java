/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar beside an application's own SLF4J (2.x), each case in a class loader of its own as
 * a tool would load them: with a provider the driver's lines go to SLF4J, once; with SLF4J's {@code
 * java.util.logging} binding, without a provider, or with {@code -Dcaspio.logging=jul} they stay in
 * {@code java.util.logging}.
 *
 * <p>{@code java.util.logging} is one per JVM, so every test puts the driver's root logger back as
 * it found it.
 */
class Slf4jBridgeIT {
  @RegisterExtension
  static final EmulatorFixture fixture =
      EmulatorFixture.of(() -> EmulatorFixture.builder().sampleData(1, 200).start());

  /** Customers in {@code sampleData(1, 200)}. */
  private static final long CUSTOMERS = 50;

  private static final String SQL = "select count(*) from \"Customers\"";

  private final Logger driverRoot = Logger.getLogger("io.github.caspiojdbc");
  private final Logger jvmRoot = Logger.getLogger("");
  private final List<LogRecord> julRecords = new ArrayList<>();
  private final Handler julCapture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          if (r.getLoggerName() != null && r.getLoggerName().startsWith("io.github.caspiojdbc")) {
            synchronized (julRecords) {
              julRecords.add(r);
            }
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private Level driverLevel;
  private Level jvmLevel;

  @TempDir Path dir;

  @BeforeEach
  void captureJul() {
    driverLevel = driverRoot.getLevel();
    jvmLevel = jvmRoot.getLevel();
    driverRoot.setLevel(null);
    jvmRoot.setLevel(Level.ALL);
    julCapture.setLevel(Level.ALL);
    jvmRoot.addHandler(julCapture);
  }

  @AfterEach
  void restoreJul() {
    for (Handler h : driverRoot.getHandlers()) {
      if (h.getClass().getSimpleName().equals("Slf4jBridge")) {
        driverRoot.removeHandler(h);
      }
    }
    driverRoot.setUseParentHandlers(true);
    driverRoot.setLevel(driverLevel);
    jvmRoot.removeHandler(julCapture);
    jvmRoot.setLevel(jvmLevel);
    System.clearProperty("caspio.logging");
    System.clearProperty("org.slf4j.simpleLogger.logFile");
    System.clearProperty("org.slf4j.simpleLogger.defaultLogLevel");
  }

  @Test
  void slf4jWithProvider_callLinesGoToSlf4jOnceAndNeverToJul() throws Exception {
    Path log = simpleLoggerAtDebug();
    try (URLClassLoader loader = loader("slf4j-api", "slf4j-simple")) {
      assertEquals(CUSTOMERS, query(loader));
    }
    String written = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(
        written.contains("DEBUG io.github.caspiojdbc.rest - call ")
            && written.contains("/tables/Customers/records"),
        written);
    assertFalse(written.contains(CaspioEmulator.DEFAULT_CLIENT_SECRET), "the secret was logged");
    assertTrue(bridgeInstalled(), "the bridge is on the driver's root logger");
    assertEquals(List.of(), julMessages(), "a bridged line must not be written to JUL as well");
  }

  @Test
  void slf4jWithProvider_secondCopyOfTheDriver_addsNoSecondBridge() throws Exception {
    Path log = simpleLoggerAtDebug();
    try (URLClassLoader first = loader("slf4j-api", "slf4j-simple");
        URLClassLoader second = loader("slf4j-api", "slf4j-simple")) {
      query(first);
      query(second);
    }
    assertEquals(1, bridges());
    long callLines =
        Files.readAllLines(log).stream().filter(l -> l.contains("rest - call 1:")).count();
    assertEquals(2, callLines, "each driver's first call, once each");
  }

  @Test
  void slf4jOverJul_staysInJulWithoutALoop() throws Exception {
    try (URLClassLoader loader = loader("slf4j-api", "slf4j-jdk14")) {
      driverRoot.setLevel(Level.FINE);
      assertEquals(CUSTOMERS, query(loader));
    }
    assertFalse(bridgeInstalled());
    assertTrue(
        julMessages().stream().anyMatch(m -> m.startsWith("call 1: GET")),
        julMessages().toString());
  }

  @Test
  void slf4jWithoutProvider_staysInJul() throws Exception {
    try (URLClassLoader loader = loader("slf4j-api")) {
      driverRoot.setLevel(Level.FINE);
      assertEquals(CUSTOMERS, query(loader));
    }
    assertFalse(bridgeInstalled());
    assertTrue(julMessages().stream().anyMatch(m -> m.startsWith("call 1: GET")));
  }

  @Test
  void loggingPropertyJul_turnsTheBridgeOff() throws Exception {
    Path log = simpleLoggerAtDebug();
    System.setProperty("caspio.logging", "jul");
    try (URLClassLoader loader = loader("slf4j-api", "slf4j-simple")) {
      driverRoot.setLevel(Level.FINE);
      assertEquals(CUSTOMERS, query(loader));
    }
    assertFalse(bridgeInstalled());
    assertTrue(julMessages().stream().anyMatch(m -> m.startsWith("call 1: GET")));
    assertFalse(
        Files.exists(log) && Files.readString(log).contains("caspiojdbc"),
        "nothing of the driver's reached SLF4J");
  }

  private Path simpleLoggerAtDebug() {
    Path log = dir.resolve("slf4j.log");
    System.setProperty("org.slf4j.simpleLogger.logFile", log.toString());
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    return log;
  }

  /** A loader with the shaded jar and the named SLF4J jars, over the JDK's modules only. */
  private static URLClassLoader loader(String... slf4jJars) throws IOException {
    List<URL> urls = new ArrayList<>();
    urls.add(ShadedJar.path().toUri().toURL());
    Path jars = Path.of(System.getProperty("caspio.slf4jJars"));
    for (String name : slf4jJars) {
      try (Stream<Path> files = Files.list(jars)) {
        Path jar =
            files
                .filter(p -> p.getFileName().toString().matches(name + "-\\d.*\\.jar"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " is not in " + jars));
        urls.add(jar.toUri().toURL());
      }
    }
    return new URLClassLoader(
        "caspio-with-slf4j", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }

  /** Loads the driver from {@code loader} and runs {@link #SQL}; returns the count it reads. */
  private static long query(URLClassLoader loader) throws Exception {
    Driver driver =
        (Driver) Class.forName(ShadedJar.DRIVER_CLASS, true, loader).getConstructor().newInstance();
    try (Connection c = driver.connect(fixture.url(), EmulatorFixture.credentials());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(SQL)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }

  private boolean bridgeInstalled() {
    return bridges() > 0;
  }

  private long bridges() {
    return Stream.of(driverRoot.getHandlers())
        .filter(h -> h.getClass().getSimpleName().equals("Slf4jBridge"))
        .count();
  }

  private List<String> julMessages() {
    synchronized (julRecords) {
      SimpleFormatter format = new SimpleFormatter();
      return julRecords.stream().map(format::formatMessage).toList();
    }
  }
}
