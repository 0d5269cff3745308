/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.emulator.store.FileArea;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shaded jar on its own, the way DBeaver uses it: loaded by a class loader that sees nothing
 * else, with an unrelated thread context class loader during every call (Calcite compiles generated
 * Java code with Janino at run time, which must find the relocated classes anyway). Results are
 * compared with the same queries through the plain driver on the test classpath.
 */
class ShadedJarIsolationIT {

  /** Orders, customers and order items in {@code sampleData(1, 200)}. */
  private static final int ORDERS = 60;

  private static final int CUSTOMERS = 50;
  private static final int ORDER_ITEMS = 200;

  @RegisterExtension
  static final EmulatorFixture fixture =
      EmulatorFixture.of(() -> EmulatorFixture.builder().sampleData(1, 200).start());

  private static URLClassLoader jarLoader;
  private static URLClassLoader foreignLoader;

  @BeforeAll
  static void start() throws Exception {
    jarLoader = ShadedJar.isolatedLoader();
    foreignLoader =
        new URLClassLoader("foreign-context", new URL[0], ClassLoader.getPlatformClassLoader());
  }

  @AfterAll
  static void stop() throws Exception {
    jarLoader.close();
    foreignLoader.close();
  }

  @Test
  void serviceLoader_isolatedLoader_findsExactlyOurDriver() throws Exception {
    List<Driver> drivers =
        inForeignContext(
            () -> {
              List<Driver> found = new ArrayList<>();
              ServiceLoader.load(Driver.class, jarLoader).forEach(found::add);
              return found;
            });
    assertEquals(
        List.of(ShadedJar.DRIVER_CLASS),
        drivers.stream().map(d -> d.getClass().getName()).collect(Collectors.toList()));
    assertSame(jarLoader, drivers.get(0).getClass().getClassLoader());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // filter
        "select \"Order_No\", \"Customer_ID\", \"Total\" from \"Orders\""
            + " where \"Total\" > 100 and \"Customer_ID\" like 'C%' order by \"Order_No\"",
        // aggregate over an expression Calcite evaluates itself
        "select upper(trim(\"Status\")) as s, count(*) as n, sum(\"Total\") as t"
            + " from \"Orders\" group by upper(trim(\"Status\")) order by s",
        // join
        "select c.\"City\", count(*) as n, max(o.\"Order_No\") as last_order"
            + " from \"Orders\" o join \"Customers\" c on o.\"Customer_ID\" = c.\"Customer_ID\""
            + " group by c.\"City\" order by n desc, c.\"City\"",
        // join of three tables with a computed column
        "select o.\"Order_No\", sum(i.\"Quantity\" * i.\"Unit_Price\") as amount"
            + " from \"Orders\" o join \"OrderItems\" i on i.\"Order_No\" = o.\"Order_No\""
            + " join \"Customers\" c on c.\"Customer_ID\" = o.\"Customer_ID\""
            + " where c.\"Name\" <> '' group by o.\"Order_No\" order by o.\"Order_No\"",
        // Caspio's own condition through the table macro (Calcite types its Java parameters)
        "select \"Name\" from table(caspio_where('Customers', 'PK_ID < 5')) order by 1",
        // JSON and statistical functions keep their libraries in the trimmed jar
        "select json_value('{\"a\": ' || cast(\"PK_ID\" as varchar) || '}', '$.a'),"
            + " stddev_pop(\"PK_ID\") over () from \"Customers\" order by \"PK_ID\"",
        "select floor(\"Order_Date\" to month), count(*) from \"Orders\""
            + " group by floor(\"Order_Date\" to month) order by 1",
        // the driver's own type system and INITCAP, both found by name inside the jar
        "select initcap(\"Name\" || ' élan'), case when \"PK_ID\" < 10 then 'low' else 'high' end,"
            + " avg(\"PK_ID\") over () from \"Customers\" order by \"PK_ID\""
      })
  void query_shadedJarInIsolation_sameRowsAsPlainDriver(String sql) throws Exception {
    List<List<String>> shaded =
        inForeignContext(
            () -> {
              try (Connection c = shadedDriver().connect(url(), credentials())) {
                return rows(c, sql);
              }
            });
    List<List<String>> plain;
    try (Connection c = DriverManager.getConnection(url(), credentials())) {
      plain = rows(c, sql);
    }
    assertFalse(shaded.isEmpty(), "no rows for " + sql);
    assertEquals(plain, shaded);
  }

  @Test
  void aggregatesAndJoins_isolated_matchSampleSizes() throws Exception {
    List<List<String>> counts =
        inForeignContext(
            () -> {
              try (Connection c = shadedDriver().connect(url(), credentials())) {
                return rows(
                    c,
                    "select (select count(*) from \"Customers\"),"
                        + " (select count(*) from \"OrderItems\"),"
                        + " (select sum(n) from (select count(*) as n from \"Orders\""
                        + " group by \"Status\")),"
                        + " (select count(*) from \"Orders\" o join \"Customers\" c"
                        + " on o.\"Customer_ID\" = c.\"Customer_ID\")"
                        + " from (values (1))");
              }
            });
    assertEquals(
        List.of(
            List.of(
                String.valueOf(CUSTOMERS),
                String.valueOf(ORDER_ITEMS),
                String.valueOf(ORDERS),
                String.valueOf(ORDERS))),
        counts);
  }

  /**
   * The Files functions through the jar: the listing's generated scan and the content function's
   * generated call to a relocated adapter class, byte for byte against the emulator's own copy.
   */
  @Test
  void filesArea_isolated_listsAndReadsBytesExactly() throws Exception {
    byte[] expected = fixture.emulator.store().files().files(FileArea.ROOT).get(0).bytes();
    List<Object> got =
        inForeignContext(
            () -> {
              try (Connection c = shadedDriver().connect(url(), credentials());
                  Statement s = c.createStatement();
                  ResultSet rs =
                      s.executeQuery(
                          "select NAME, caspio_file_content(EXTERNAL_KEY)"
                              + " from table(caspio_files('')) order by NAME")) {
                List<Object> out = new ArrayList<>();
                while (rs.next()) {
                  out.add(rs.getString(1));
                  out.add(rs.getBytes(2));
                }
                return out;
              }
            });
    assertEquals(4, got.size(), got.toString());
    assertEquals("logo.png", got.get(0));
    assertArrayEquals(expected, (byte[]) got.get(1));
    assertEquals("readme.txt", got.get(2));
  }

  /**
   * An upload through the jar's vendor interface: the multipart body is built by HttpClient's mime
   * classes, which the shaded jar must keep although only this call reaches them.
   */
  @Test
  void uploadFile_isolated_storesTheBytes() throws Exception {
    byte[] bytes = {(byte) 0xFF, 0, 1, 2, (byte) 0x80};
    String key =
        inForeignContext(
            () -> {
              Class<?> vendor =
                  Class.forName("io.github.caspiojdbc.jdbc.CaspioJdbcConnection", true, jarLoader);
              try (Connection c = shadedDriver().connect(url(), credentials())) {
                Object caspio = c.unwrap(vendor);
                return (String)
                    vendor
                        .getMethod(
                            "uploadFile",
                            String.class,
                            String.class,
                            String.class,
                            java.io.InputStream.class)
                        .invoke(
                            caspio,
                            FileArea.ROOT,
                            "shaded.bin",
                            null,
                            new java.io.ByteArrayInputStream(bytes));
              }
            });
    try {
      assertArrayEquals(bytes, fixture.emulator.store().files().file(key).bytes());
    } finally {
      fixture.emulator.store().files().delete(key);
    }
  }

  @Test
  void procedures_isolated_uploadThroughCall_andDelete() throws Exception {
    byte[] bytes = {(byte) 0xFE, 0, 7};
    String key =
        inForeignContext(
            () -> {
              try (Connection c = shadedDriver().connect(url(), credentials());
                  java.sql.CallableStatement cs =
                      c.prepareCall("{call caspio_upload_file('', 'call.bin', NULL, ?)}")) {
                cs.setBytes(1, bytes);
                try (ResultSet rs = cs.executeQuery()) {
                  assertTrue(rs.next());
                  return rs.getString("EXTERNAL_KEY");
                }
              }
            });
    assertArrayEquals(bytes, fixture.emulator.store().files().file(key).bytes());
    int deleted =
        inForeignContext(
            () -> {
              try (Connection c = shadedDriver().connect(url(), credentials());
                  Statement s = c.createStatement()) {
                return s.executeUpdate("CALL caspio_delete_file('" + key + "')");
              }
            });
    assertEquals(1, deleted);
    assertThrows(RuntimeException.class, () -> fixture.emulator.store().files().file(key));
  }

  @Test
  void attachment_isolated_putThroughCall_readThroughSql() throws Exception {
    fixture
        .emulator
        .store()
        .createTable(
            io.github.caspiojdbc.emulator.store.TableDef.of(
                "ShadedDocs",
                io.github.caspiojdbc.emulator.store.FieldDef.of(
                    "Scan", io.github.caspiojdbc.emulator.store.FieldType.ATTACHMENT),
                io.github.caspiojdbc.emulator.store.FieldDef.of(
                    "Title", io.github.caspiojdbc.emulator.store.FieldType.STRING)));
    byte[] bytes = {(byte) 0x89, 'P', 'N', 'G', 0};
    byte[] read =
        inForeignContext(
            () -> {
              try (Connection c = shadedDriver().connect(url(), credentials());
                  Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO \"ShadedDocs\" (\"Title\") VALUES ('x')");
                long pk;
                try (ResultSet rs = s.executeQuery("SELECT PK_ID FROM \"ShadedDocs\"")) {
                  assertTrue(rs.next());
                  pk = rs.getLong(1);
                }
                try (java.sql.PreparedStatement ps =
                    c.prepareStatement(
                        "CALL caspio_put_attachment('ShadedDocs', 'Scan', ?, 'a.png', 'image/png', ?)")) {
                  ps.setLong(1, pk);
                  ps.setBytes(2, bytes);
                  assertEquals(1, ps.executeUpdate());
                }
                try (ResultSet rs =
                    s.executeQuery(
                        "SELECT caspio_attachment('ShadedDocs', 'Scan', PK_ID) FROM \"ShadedDocs\"")) {
                  assertTrue(rs.next());
                  return rs.getBytes(1);
                }
              }
            });
    assertArrayEquals(bytes, read);
  }

  /**
   * DBeaver's way: {@code Class.forName(name, true, driverLoader).getConstructor().newInstance()},
   * never DriverManager; "Find Class" only sees classes that declare {@code java.sql.Driver}.
   */
  @Test
  void dbeaverStyle_instantiatedByName_connectsAndListsTables() throws Exception {
    Class<?> driverClass = Class.forName(ShadedJar.DRIVER_CLASS, true, jarLoader);
    assertTrue(
        Arrays.asList(driverClass.getInterfaces()).contains(Driver.class),
        "DBeaver's Find Class needs 'implements java.sql.Driver' on the class itself");
    Driver driver = (Driver) driverClass.getConstructor().newInstance();
    DriverPropertyInfo[] info =
        inForeignContext(() -> driver.getPropertyInfo("jdbc:caspio://", new Properties()));
    assertTrue(info.length > 0, "DBeaver's driver properties tab");
    List<String> tables =
        inForeignContext(
            () -> {
              try (Connection c = driver.connect(url(), credentials());
                  ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
                List<String> names = new ArrayList<>();
                while (rs.next()) {
                  names.add(rs.getString("TABLE_NAME"));
                }
                return names;
              }
            });
    assertTrue(
        tables.containsAll(List.of("Customers", "Orders", "OrderItems", "Products")),
        tables.toString());
  }

  /**
   * A fresh copy of the jar initialises its bundled logging on first use: nothing may reach stderr
   * (SLF4J prints a "no binding" warning there when its binding is missing or not relocated).
   */
  @Test
  void firstQuery_freshLoader_printsNothingOnStderr() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream systemErr = System.err;
    try (URLClassLoader fresh = ShadedJar.isolatedLoader()) {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      Driver driver =
          (Driver)
              Class.forName(ShadedJar.DRIVER_CLASS, true, fresh).getConstructor().newInstance();
      List<List<String>> rows =
          inForeignContext(
              () -> {
                try (Connection c = driver.connect(url(), credentials())) {
                  return rows(c, "select count(*) from \"Customers\" where \"City\" <> ''");
                }
              });
      assertEquals(1, rows.size());
    } finally {
      System.setErr(systemErr);
    }
    assertEquals("", captured.toString(StandardCharsets.UTF_8));
  }

  /**
   * The jar leaves out Calcite's spatial libraries (driver/pom.xml): a spatial function is then an
   * unknown function with a SQLState, as it is with the plain driver, never a missing class.
   */
  @Test
  void spatialFunction_trimmedJar_isAClearUnknownFunction() throws Exception {
    String sql = "select st_point(1, 2) from \"Customers\"";
    SQLException shaded =
        inForeignContext(
            () -> {
              try (Connection c = shadedDriver().connect(url(), credentials())) {
                return assertThrows(SQLException.class, () -> rows(c, sql));
              }
            });
    assertEquals("42000", shaded.getSQLState(), shaded.getMessage());
    assertTrue(shaded.getMessage().toUpperCase(java.util.Locale.ROOT).contains("ST_POINT"));
    for (Throwable t = shaded; t != null; t = t.getCause()) {
      assertFalse(t instanceof LinkageError, "a missing class reached the user: " + t);
    }
  }

  private static Driver shadedDriver() throws ReflectiveOperationException {
    return (Driver)
        Class.forName(ShadedJar.DRIVER_CLASS, true, jarLoader).getConstructor().newInstance();
  }

  private static String url() {
    return fixture.url();
  }

  private static Properties credentials() {
    return EmulatorFixture.credentials();
  }

  private static List<List<String>> rows(Connection c, String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static <T> T inForeignContext(Callable<T> action) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(foreignLoader);
    try {
      return action.call();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
