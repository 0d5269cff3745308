/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.support;

import io.github.caspiojdbc.adapter.CaspioPrepare;
import io.github.caspiojdbc.adapter.CaspioSchema;
import io.github.caspiojdbc.adapter.CaspioWrites;
import io.github.caspiojdbc.auth.TokenManagerConfig;
import io.github.caspiojdbc.auth.TokenManagers;
import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.emulator.PathKind;
import io.github.caspiojdbc.emulator.store.TableDef;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.rest.ApiVersion;
import io.github.caspiojdbc.rest.CaspioApi;
import io.github.caspiojdbc.rest.CaspioApiConfig;
import io.github.caspiojdbc.rest.HttpCaspioApi;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePreDestroyCallback;

/**
 * The one test fixture of the end-to-end suites: a running emulator with sample data and any extra
 * tables, the driver URL and credentials that reach it, connections through {@link DriverManager}
 * or a raw Calcite connection over a {@link CaspioSchema}, and the emulator's request log, counted
 * by kind and method. Closing it closes every connection it opened and the emulator.
 *
 * <p>{@code new EmulatorFixture()} is the emulator with seed 7 and 200 rows that most suites use;
 * {@link #builder()} sets another size, extra tables, emulator options, or a Calcite connection.
 *
 * <p>A suite holds it as a JUnit extension, which closes it after the suite's last test (and, with
 * {@link #clearingFaults()}, clears injected faults after each test):
 *
 * <pre>{@code
 * @RegisterExtension static final EmulatorFixture fixture = new EmulatorFixture();
 * }</pre>
 *
 * JUnit reads a static extension field when the suite starts, so the emulator runs only while its
 * suite does. A suite whose tests each need a fresh account holds it in an instance field instead,
 * started by {@link Builder#perTest()}:
 *
 * <pre>{@code
 * @RegisterExtension final EmulatorFixture fixture = EmulatorFixture.builder().empty().perTest();
 * }</pre>
 */
public final class EmulatorFixture
    implements AutoCloseable, AfterAllCallback, AfterEachCallback, TestInstancePreDestroyCallback {

  /** OrderItems has this many rows under {@link Builder#big()}: ten pages of 1000. */
  public static final int BIG_ROWS = 10_000;

  /** Keyset scan of all OrderItems; page k (k &ge; 2) asks for {@code PK_ID>(k-1)*1000}. */
  public static final String SCAN = "SELECT * FROM OrderItems";

  /** The emulator; tests may drive its store, faults and log directly. */
  public final CaspioEmulator emulator;

  /** The first extra table of the builder, or {@code null}; {@link #rows()} counts its rows. */
  public final String table;

  /**
   * The Calcite connection (not the driver's) opened at start by {@link Builder#calcite(boolean)},
   * or {@code null}; {@link #update(String)} and {@link #writes()} use it.
   */
  public final Connection conn;

  private final List<AutoCloseable> opened = new ArrayList<>();
  private CaspioApi api;
  private boolean clearFaultsAfterEach;
  private boolean perTest;

  /** Something that starts a fixture and may fail as a test may. */
  @FunctionalInterface
  public interface Starter {
    /** Starts the fixture. */
    EmulatorFixture start() throws Exception;
  }

  /**
   * A fixture started by a method that throws checked exceptions, for a static extension field:
   * {@code EmulatorFixture.of(() -> EmulatorFixture.builder().big().start())}.
   */
  public static EmulatorFixture of(Starter starter) {
    try {
      return starter.start();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("starting the emulator fixture", e);
    }
  }

  /**
   * Makes the fixture remove injected faults and the rate limit after each test, and set the
   * latency back to none, so that no test inherits another's faults.
   */
  public EmulatorFixture clearingFaults() {
    clearFaultsAfterEach = true;
    return this;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (clearFaultsAfterEach) {
      emulator.faults().clear();
      emulator.faults().setLatency(Duration.ZERO);
    }
  }

  @Override
  public void preDestroyTestInstance(ExtensionContext context) {
    // JUnit makes a test instance, and so an instance field's fixture, for every test, and tells
    // an instance field's extension only of per-test events; this one comes even for a test that
    // a condition skipped, where afterEach does not.
    if (perTest) {
      close();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // A nested class inherits the extension; only the class that holds the field ends it.
    if (!context.getRequiredTestClass().isAnnotationPresent(Nested.class)) {
      close();
    }
  }

  /** The emulator with sample data of seed 7 and 200 rows. */
  public EmulatorFixture() {
    this(builder().startEmulator());
  }

  /** A fixture over an emulator already started; closing the fixture closes it. */
  public EmulatorFixture(CaspioEmulator emulator) {
    this.emulator = emulator;
    this.table = null;
    this.conn = null;
  }

  private EmulatorFixture(CaspioEmulator emulator, String table, Boolean pushdown)
      throws SQLException {
    this.emulator = emulator;
    this.table = table;
    try {
      this.conn = pushdown == null ? null : openCalcite(pushdown);
    } catch (SQLException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** A builder with sample data of seed 7 and 200 rows, no extra table and no Calcite link. */
  public static Builder builder() {
    return new Builder();
  }

  /** The plain-HTTP driver URL of the emulator. */
  public String url() {
    return url("");
  }

  /** The URL with extra {@code &key=value} parameters. */
  public String url(String extra) {
    return url(emulator.port(), extra);
  }

  /** A plain-HTTP driver URL for a server on 127.0.0.1, with extra {@code &k=v} parameters. */
  public static String url(int port, String extra) {
    return "jdbc:caspio://127.0.0.1:" + port + "?useHttps=false" + extra;
  }

  /** A driver connection to the emulator with its default credentials. */
  public Connection connect() throws SQLException {
    return connect("");
  }

  /** A driver connection with extra {@code &key=value} URL parameters. */
  public Connection connect(String extra) throws SQLException {
    return connect(emulator.port(), extra);
  }

  /**
   * A driver connection as {@link #connect(String)} makes, which the fixture closes with itself:
   * for a suite, or a per-test fixture, that keeps one connection open across its tests.
   */
  public synchronized Connection open(String extra) throws SQLException {
    Connection c = connect(extra);
    opened.add(c);
    return c;
  }

  /** A driver connection to any server on 127.0.0.1 (a fault proxy, say) with the credentials. */
  public static Connection connect(int port, String extra) throws SQLException {
    return DriverManager.getConnection(url(port, extra), credentials());
  }

  /** The emulator's default client id and secret as {@code user} and {@code password}. */
  public static Properties credentials() {
    Properties p = new Properties();
    p.setProperty("user", CaspioEmulator.DEFAULT_CLIENT_ID);
    p.setProperty("password", CaspioEmulator.DEFAULT_CLIENT_SECRET);
    return p;
  }

  /** The REST client for this emulator, made on first use and closed with the fixture. */
  public synchronized CaspioApi api() {
    if (api == null) {
      api = api(emulator);
      opened.add(api);
    }
    return api;
  }

  /**
   * The REST client for an emulator, authenticated with its default credentials; closing it also
   * releases its lease on the shared token cache, as a driver connection does.
   */
  public static CaspioApi api(CaspioEmulator emulator) {
    return api(emulator, ApiVersion.V3);
  }

  /**
   * The REST client for an emulator, talking to one API generation; closing it also releases its
   * lease on the shared token cache.
   */
  public static CaspioApi api(CaspioEmulator emulator, ApiVersion version) {
    TokenManagers.Lease tokens =
        TokenManagers.lease(
            TokenManagerConfig.builder()
                .tokenUrl(emulator.tokenUrl())
                .clientCredentials(
                    CaspioEmulator.DEFAULT_CLIENT_ID, CaspioEmulator.DEFAULT_CLIENT_SECRET)
                .build());
    CaspioApi api =
        HttpCaspioApi.create(
            CaspioApiConfig.builder(URI.create(emulator.baseUrl())).version(version).build(),
            tokens);
    return (CaspioApi)
        Proxy.newProxyInstance(
            CaspioApi.class.getClassLoader(),
            new Class<?>[] {CaspioApi.class},
            (proxy, method, args) -> {
              try {
                return method.invoke(api, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              } finally {
                if (method.getName().equals("close") && method.getParameterCount() == 0) {
                  tokens.close();
                }
              }
            });
  }

  /** A new Calcite connection over {@link #api()}, closed with the fixture. */
  public synchronized Connection openCalcite(boolean pushdown) throws SQLException {
    Connection c = calcite(api(), pushdown);
    opened.add(c);
    return c;
  }

  /** A new Calcite connection over a REST client of its own for one generation. */
  public synchronized Connection openCalcite(boolean pushdown, ApiVersion version)
      throws SQLException {
    CaspioApi own = api(emulator, version);
    opened.add(own);
    Connection c = calcite(own, pushdown);
    opened.add(c);
    return c;
  }

  /**
   * A Calcite connection whose default schema is a {@link CaspioSchema} over {@code api}, wired the
   * way the driver wires it: identifiers match regardless of case and keep their case, double
   * quotes quote them, and NULLs sort first ascending, as in SQL Server.
   */
  public static Connection calcite(CaspioApi api, boolean pushdown) throws SQLException {
    Properties p = new Properties();
    p.setProperty("quoting", "DOUBLE_QUOTE");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("quotedCasing", "UNCHANGED");
    p.setProperty("caseSensitive", "false");
    p.setProperty("defaultNullCollation", "LOW");
    // The driver's preparation, so that these suites check written values as the driver does.
    Connection conn =
        new org.apache.calcite.jdbc.Driver()
            .withPrepareFactory(CaspioPrepare::new)
            .connect("jdbc:calcite:", p);
    CalciteConnection cc = conn.unwrap(CalciteConnection.class);
    cc.getRootSchema()
        .add(
            "caspio",
            pushdown
                ? CaspioSchema.create(api, Duration.ofMinutes(5))
                : CaspioSchema.withoutPushdown(api, Duration.ofMinutes(5)));
    cc.setSchema("caspio");
    return conn;
  }

  /** The Caspio schema under {@link #conn}. */
  public CaspioSchema schema() throws SQLException {
    return calciteConn()
        .unwrap(CalciteConnection.class)
        .getRootSchema()
        .subSchemas()
        .get("caspio")
        .unwrap(CaspioSchema.class);
  }

  /** The write side of the schema under {@link #conn}. */
  public CaspioWrites writes() throws SQLException {
    return schema().writes();
  }

  /** Executes an update statement on the Calcite connection {@link #conn}; returns its count. */
  public long update(String sql) throws SQLException {
    return update(calciteConn(), sql);
  }

  private Connection calciteConn() {
    if (conn == null) {
      throw new IllegalStateException("built without calcite(pushdown)");
    }
    return conn;
  }

  /** Executes an update statement on {@code c} and returns its count. */
  public static long update(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      return s.executeLargeUpdate(sql);
    }
  }

  /** The record requests sent since the last {@link #clear()}. */
  public List<LoggedCall> records() {
    return recordCalls(emulator);
  }

  /** How many record requests with this HTTP method were sent since the last {@link #clear()}. */
  public long count(String method) {
    return records().stream().filter(c -> c.method().equals(method)).count();
  }

  /** The requests of one kind sent since the last {@link #clear()}. */
  public List<LoggedCall> calls(PathKind kind) {
    return emulator.log().entries().stream().filter(c -> c.kind() == kind).toList();
  }

  /** The record requests an emulator has logged. */
  public static List<LoggedCall> recordCalls(CaspioEmulator e) {
    return e.log().entries().stream().filter(c -> c.kind() == PathKind.RECORDS).toList();
  }

  /** How many record requests an emulator has logged. */
  public static long recordCount(CaspioEmulator e) {
    return e.log().calls(PathKind.RECORDS);
  }

  /** The where clause of a request ({@code q.where} on v2/v3, {@code where} on v4), or null. */
  public static String where(LoggedCall c) {
    List<String> w = c.query().get("q.where");
    if (w == null) {
      w = c.query().get("where");
    }
    return w == null ? null : w.get(0);
  }

  /** The requests other than token requests, since the last {@link #clear()}. */
  public List<LoggedCall> apiCalls() {
    return emulator.log().entries().stream().filter(c -> c.kind() != PathKind.TOKEN).toList();
  }

  /** Clears the emulator's request log. */
  public void clear() {
    emulator.clearLog();
  }

  /** The rows now stored in {@link #table}. */
  public long rows() {
    return emulator.store().rowCount(table);
  }

  /** The Caspio failure under a JDBC exception. */
  public static CaspioException caspio(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof CaspioException e) {
        return e;
      }
    }
    throw new AssertionError("no CaspioException under " + t, t);
  }

  /** An exception and its causes, outermost first, in one line for an assertion message. */
  public static String chain(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c).append(" <- ");
    }
    return b.toString();
  }

  /**
   * The test class path in a class loader of its own under the platform loader, so that the driver
   * and Calcite load there afresh, as in an application.
   */
  public static URLClassLoader isolatedLoader() throws MalformedURLException {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(new File(entry).toURI().toURL());
    }
    return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
  }

  /** Milliseconds since a {@link System#nanoTime()} reading. */
  public static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** Closes what the fixture opened, newest first, then the emulator. */
  @Override
  public synchronized void close() {
    IllegalStateException failure = null;
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("closing the fixture", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    opened.clear();
    emulator.close();
    if (failure != null) {
      throw failure;
    }
  }

  /** What the fixture starts: sample data, extra tables, emulator options, a Calcite link. */
  public static final class Builder {
    private boolean sample = true;
    private long seed = 7;
    private int rows = 200;
    private final List<TableDef> tables = new ArrayList<>();
    private final List<Consumer<CaspioEmulator.Builder>> options = new ArrayList<>();
    private final List<Consumer<CaspioEmulator>> setups = new ArrayList<>();
    private Boolean pushdown;

    private Builder() {}

    /** Sample data of this seed whose largest table, OrderItems, has {@code rows} rows. */
    public Builder sampleData(long seed, int rows) {
      this.sample = true;
      this.seed = seed;
      this.rows = rows;
      return this;
    }

    /** No sample data: an empty account but for the extra tables. */
    public Builder empty() {
      this.sample = false;
      return this;
    }

    /** Seed 7 and {@link #BIG_ROWS} rows: a full scan of OrderItems is ten pages. */
    public Builder big() {
      return sampleData(7, BIG_ROWS);
    }

    /** An extra table created after the sample data; the first is the fixture's {@link #table}. */
    public Builder table(TableDef table) {
      tables.add(table);
      return this;
    }

    /** Something more to put in the emulator once it runs (views, rows), after the tables. */
    public Builder with(Consumer<CaspioEmulator> setup) {
      setups.add(setup);
      return this;
    }

    /** Any other emulator option (clock, token lifetimes, HTTPS port, latency...). */
    public Builder emulator(Consumer<CaspioEmulator.Builder> option) {
      options.add(option);
      return this;
    }

    /** Opens {@link EmulatorFixture#conn} at start, with or without pushdown. */
    public Builder calcite(boolean pushdown) {
      this.pushdown = pushdown;
      return this;
    }

    /** Starts the emulator alone, for suites that own it themselves (behind a proxy, say). */
    public CaspioEmulator startEmulator() {
      CaspioEmulator.Builder b = CaspioEmulator.builder();
      if (sample) {
        b.sampleData(seed, rows);
      }
      options.forEach(o -> o.accept(b));
      CaspioEmulator e = b.build().start();
      try {
        tables.forEach(t -> e.store().createTable(t));
        setups.forEach(s -> s.accept(e));
      } catch (RuntimeException | Error failure) {
        e.close();
        throw failure;
      }
      return e;
    }

    /** Starts the emulator and opens what was asked for. */
    public EmulatorFixture start() throws SQLException {
      return new EmulatorFixture(
          startEmulator(), tables.isEmpty() ? null : tables.get(0).name(), pushdown);
    }

    /**
     * Starts the fixture of one test, for an instance field: it closes when JUnit is done with the
     * test instance, so every test (and every invocation of a parameterised one) has its own.
     */
    public EmulatorFixture perTest() {
      EmulatorFixture f = of(this::start);
      f.perTest = true;
      return f;
    }
  }
}
