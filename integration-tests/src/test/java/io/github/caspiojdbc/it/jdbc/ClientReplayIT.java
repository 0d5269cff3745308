/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replays the JDBC call sequences of DBeaver, sqlline, SchemaCrawler, Spark's JDBC source and
 * HikariCP (shared/jdbc-clients.md, section 4) and checks the shapes those clients rely on.
 */
class ClientReplayIT {
  @RegisterExtension static final EmulatorFixture fixture = new EmulatorFixture();

  @AfterEach
  void clearFaults() {
    fixture.emulator.faults().setLatency(Duration.ZERO);
  }

  /** DBeaver: loads the class by name, two connections (Main and Metadata), set-up calls. */
  private static Connection dbeaverOpen(boolean autoCommit) throws Exception {
    Driver d =
        (Driver)
            Class.forName("io.github.caspiojdbc.jdbc.CaspioDriver")
                .getDeclaredConstructor()
                .newInstance();
    assertTrue(d.acceptsURL(fixture.url()));
    Properties props = EmulatorFixture.credentials();
    Connection c = d.connect(fixture.url(), props);
    assertNotNull(c);
    c.setReadOnly(true);
    c.setAutoCommit(autoCommit);
    assertEquals(autoCommit, c.getAutoCommit());
    assertNull(c.getCatalog());
    assertEquals("caspio", c.getSchema());
    if (!autoCommit) {
      c.commit();
    }
    return c;
  }

  @Test
  void dbeaver_connect_mainAndMetadataContexts() throws Exception {
    try (Connection main = dbeaverOpen(true);
        Connection meta = dbeaverOpen(false)) {
      DatabaseMetaData md = meta.getMetaData();
      // The emulator serves v4 and the default apiVersion=auto chose it.
      assertEquals(4, md.getDatabaseMajorVersion());
      assertEquals(0, md.getDatabaseMinorVersion());
      assertEquals("\"", md.getIdentifierQuoteString().trim());
      assertEquals(DatabaseMetaData.sqlStateSQL, md.getSQLStateType());
      assertTrue(md.supportsSubqueriesInIns() || md.supportsCorrelatedSubqueries());
      assertFalse(md.storesUpperCaseIdentifiers());
      assertFalse(md.storesLowerCaseIdentifiers());
      assertFalse(md.supportsCatalogsInDataManipulation());
      assertTrue(md.supportsSchemasInDataManipulation());
      assertNotNull(md.getSQLKeywords());
      assertNotNull(md.getNumericFunctions());
      assertNotNull(md.getStringFunctions());
      assertNotNull(md.getSystemFunctions());
      assertNotNull(md.getTimeDateFunctions());
      assertEquals("", md.getExtraNameCharacters());
      assertNotNull(md.getSchemaTerm());
      md.supportsBatchUpdates();
      for (int level :
          new int[] {
            Connection.TRANSACTION_NONE,
            Connection.TRANSACTION_READ_UNCOMMITTED,
            Connection.TRANSACTION_READ_COMMITTED,
            Connection.TRANSACTION_REPEATABLE_READ,
            Connection.TRANSACTION_SERIALIZABLE
          }) {
        assertEquals(
            level == Connection.TRANSACTION_NONE, md.supportsTransactionIsolationLevel(level));
      }
      try (ResultSet rs = md.getTypeInfo()) {
        assertTrue(rs.next());
      }
      try (ResultSet rs = md.getCatalogs()) {
        assertFalse(rs.next());
      }
      try (ResultSet rs = md.getSchemas(null, "%")) {
        assertTrue(rs.next());
        assertEquals("caspio", rs.getString("TABLE_SCHEM"));
        assertNull(rs.getString("TABLE_CATALOG"));
        // The driver's own schema: its system table of call counters.
        assertTrue(rs.next());
        assertEquals("caspio_system", rs.getString("TABLE_SCHEM"));
        assertFalse(rs.next());
      }
      assertTrue(main.isValid(10000));
    }
  }

  @Test
  void dbeaver_navigator_tablesColumnsKeysIndexes() throws Exception {
    try (Connection c = dbeaverOpen(true)) {
      DatabaseMetaData md = c.getMetaData();
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = md.getTables(null, "caspio", "%", null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      assertEquals(6, tables.size());
      for (String table : List.of("OrderItems", "%")) {
        try (ResultSet rs = md.getColumns(null, "caspio", table, "%")) {
          assertTrue(rs.next());
        }
        try (ResultSet rs = md.getPrimaryKeys(null, "caspio", table)) {
          assertTrue(rs.next());
          assertEquals("PK_ID", rs.getString("COLUMN_NAME"));
        }
        try (ResultSet rs = md.getImportedKeys(null, "caspio", table)) {
          assertFalse(rs.next());
        }
        try (ResultSet rs = md.getExportedKeys(null, "caspio", table)) {
          assertFalse(rs.next());
        }
        try (ResultSet rs = md.getIndexInfo(null, "caspio", table, false, true)) {
          assertTrue(rs.next());
        }
      }
      try (ResultSet rs = md.getFunctions(null, "caspio", "%")) {
        assertEquals("FUNCTION_CAT", rs.getMetaData().getColumnLabel(1));
      }
      try (ResultSet rs = md.getProcedures(null, "caspio", "%")) {
        assertTrue(rs.next(), "the driver's procedures are listed");
      }
    }
  }

  @Test
  void dbeaver_dataTab_firstPageAndCount() throws Exception {
    try (Connection c = dbeaverOpen(true)) {
      DatabaseMetaData md = c.getMetaData();
      try (Statement s =
          c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        s.setMaxRows(200);
        // Mixed case is stored as written, so DBeaver does not quote Customers.
        assertTrue(s.execute("SELECT * FROM caspio.Customers"));
        try (ResultSet rs = s.getResultSet()) {
          ResultSetMetaData m = rs.getMetaData();
          for (int i = 1; i <= m.getColumnCount(); i++) {
            assertNotNull(m.getColumnLabel(i));
            assertNotNull(m.getColumnName(i));
            m.isWritable(i);
            m.getTableName(i);
            m.getCatalogName(i);
            m.getSchemaName(i);
            m.isNullable(i);
            m.getColumnDisplaySize(i);
            m.isAutoIncrement(i);
            m.getPrecision(i);
            m.getScale(i);
            assertFalse(m.getColumnTypeName(i).contains("("), m.getColumnTypeName(i));
            int t = m.getColumnType(i);
            assertFalse(
                Set.of(Types.OTHER, Types.JAVA_OBJECT, Types.NULL).contains(t),
                m.getColumnLabel(i) + " " + t);
          }
          int n = 0;
          while (rs.next()) {
            n++;
            for (int i = 1; i <= m.getColumnCount(); i++) {
              switch (m.getColumnType(i)) {
                case Types.INTEGER -> rs.getLong(i);
                case Types.BOOLEAN -> rs.getBoolean(i);
                case Types.TIMESTAMP -> rs.getObject(i);
                default -> rs.getObject(i);
              }
              rs.wasNull();
            }
          }
          assertEquals(50, n);
        }
      }
      try (ResultSet rs = md.getIndexInfo(null, "caspio", "Customers", false, true)) {
        assertTrue(rs.next());
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT COUNT(*) FROM caspio.Customers",
              ResultSet.TYPE_FORWARD_ONLY,
              ResultSet.CONCUR_READ_ONLY)) {
        assertTrue(ps.execute());
        try (ResultSet rs = ps.getResultSet()) {
          assertTrue(rs.next());
          assertInstanceOf(Number.class, rs.getObject(1));
          assertEquals(50, ((Number) rs.getObject(1)).intValue());
        }
      }
    }
  }

  @Test
  void dbeaver_sqlEditor_executeStatement() throws Exception {
    try (Connection c = dbeaverOpen(true)) {
      c.setSchema("caspio");
      try (Statement s =
          c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        s.setMaxRows(200);
        assertTrue(s.execute("SELECT Order_No, Status FROM Orders WHERE Total > 0"));
        try (ResultSet rs = s.getResultSet()) {
          assertTrue(rs.next());
        }
        assertNull(s.getWarnings());
      }
      assertTrue(c.isValid(10000));
    }
  }

  @Test
  void dbeaver_sqlEditor_cancelDuringSlowScan() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    // Five pages fetched one at a time, each slow: the scan cannot end before cancel() is called.
    try (EmulatorFixture big =
            new EmulatorFixture(CaspioEmulator.builder().sampleData(5, 5000).build().start());
        Connection c = big.connect("&prefetch=0")) {
      Statement slow = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      big.emulator.faults().setLatency(Duration.ofMillis(500));
      CountDownLatch running = new CountDownLatch(1);
      Future<SQLException> f =
          pool.submit(
              () -> {
                try {
                  running.countDown();
                  slow.execute("SELECT * FROM OrderItems");
                  try (ResultSet rs = slow.getResultSet()) {
                    while (rs.next()) {
                      // DBeaver fetches; the user presses Cancel meanwhile
                    }
                  }
                  return null;
                } catch (SQLException e) {
                  return e;
                }
              });
      assertTrue(running.await(10, TimeUnit.SECONDS));
      Thread.sleep(200);
      slow.cancel();
      SQLException e = f.get(30, TimeUnit.SECONDS);
      assertNotNull(e, "cancel did not stop the statement");
      assertEquals("57014", e.getSQLState(), EmulatorFixture.chain(e));
      slow.close();
      big.emulator.faults().setLatency(Duration.ZERO);
      assertTrue(c.isValid(10000));
      assertNull(c.getWarnings());
      c.clearWarnings();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void sqlline_session_dbinfoAndCommands() throws Exception {
    Driver d = DriverManager.getDriver(fixture.url());
    try (Connection c = d.connect(fixture.url(), EmulatorFixture.credentials())) {
      DatabaseMetaData md = c.getMetaData();
      assertNotNull(md.getDatabaseProductName());
      assertNotNull(md.getDriverVersion());
      c.setAutoCommit(true);
      c.setReadOnly(false);
      assertFalse(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_REPEATABLE_READ));
      assertEquals(Connection.TRANSACTION_NONE, md.getDefaultTransactionIsolation());
      assertEquals(1, md.getIdentifierQuoteString().length());
      assertNotNull(md.getSQLKeywords().split(","));
      // !dbinfo: every no-argument getter, one by one.
      List<String> failures = new ArrayList<>();
      for (Method m : DatabaseMetaData.class.getMethods()) {
        if (m.getParameterCount() == 0 && !m.getReturnType().equals(ResultSet.class)) {
          try {
            m.invoke(md);
          } catch (InvocationTargetException e) {
            failures.add(m.getName() + ": " + e.getCause());
          }
        }
      }
      assertTrue(failures.isEmpty(), failures.toString());
      try (ResultSet rs = md.getTables(c.getCatalog(), null, "%", null)) {
        assertTrue(rs.next());
      }
      try (ResultSet rs = md.getTables(c.getCatalog(), null, "%", new String[] {"TABLE"})) {
        int n = 0;
        while (rs.next()) {
          n++;
        }
        assertEquals(4, n);
      }
      try (ResultSet rs = md.getColumns(c.getCatalog(), null, "Orders", "%")) {
        assertTrue(rs.next());
      }
      try (ResultSet rs = md.getPrimaryKeys(c.getCatalog(), null, "Orders")) {
        assertTrue(rs.next());
      }
      try (ResultSet rs = md.getIndexInfo(c.getCatalog(), null, "Orders", false, true)) {
        assertTrue(rs.next());
      }
      try (Statement s = c.createStatement()) {
        s.setQueryTimeout(0);
        assertTrue(s.execute("SELECT Name FROM Products ORDER BY Name"));
        try (ResultSet rs = s.getResultSet()) {
          assertTrue(rs.next());
        }
        assertFalse(s.getMoreResults());
        assertEquals(-1, s.getUpdateCount());
      }
    }
  }

  @Test
  void schemaCrawler_standard_twoConnectionsInParallel() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Driver d = DriverManager.getDriver(fixture.url());
      Callable<Integer> crawl =
          () -> {
            int columns = 0;
            try (Connection c = d.connect(fixture.url(), EmulatorFixture.credentials())) {
              DatabaseMetaData md = c.getMetaData();
              md.getIdentifierQuoteString();
              md.getSQLKeywords();
              assertFalse(md.supportsCatalogsInTableDefinitions());
              assertTrue(md.supportsSchemasInTableDefinitions());
              c.getTypeMap();
              List<String> types = new ArrayList<>();
              try (ResultSet rs = md.getTableTypes()) {
                while (rs.next()) {
                  types.add(rs.getString(1));
                }
              }
              md.getUserName();
              md.getJDBCMajorVersion();
              assertTrue(DriverManager.getDriver(md.getURL()).acceptsURL(md.getURL()));
              List<String[]> schemas = new ArrayList<>();
              try (ResultSet rs = md.getSchemas()) {
                while (rs.next()) {
                  schemas.add(
                      new String[] {rs.getString("TABLE_CATALOG"), rs.getString("TABLE_SCHEM")});
                }
              }
              for (String[] schema : schemas) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs =
                    md.getTables(
                        schema[0],
                        schema[1],
                        null,
                        types.stream()
                            .filter(t -> Set.of("BASE TABLE", "TABLE", "VIEW").contains(t))
                            .toArray(String[]::new))) {
                  while (rs.next()) {
                    assertEquals(schema[0], rs.getString("TABLE_CAT"));
                    assertEquals(schema[1], rs.getString("TABLE_SCHEM"));
                    assertTrue(types.contains(rs.getString("TABLE_TYPE")));
                    tables.add(rs.getString("TABLE_NAME"));
                  }
                }
                // The system schema holds a SYSTEM TABLE only, which these types leave out.
                assertEquals(schema[1].equals("caspio_system") ? 0 : 6, tables.size());
                try (ResultSet rs = md.getTypeInfo()) {
                  while (rs.next()) {
                    rs.getString("TYPE_NAME");
                  }
                }
                for (String t : tables) {
                  try (ResultSet rs = md.getColumns(schema[0], schema[1], t, null)) {
                    ResultSetMetaData m = rs.getMetaData();
                    for (int i = 1; i <= m.getColumnCount(); i++) {
                      m.getColumnTypeName(i);
                      m.isCaseSensitive(i);
                      m.getColumnClassName(i);
                    }
                    while (rs.next()) {
                      columns++;
                      rs.getString("COLUMN_DEF");
                      rs.getInt("ORDINAL_POSITION");
                      rs.getInt("DATA_TYPE");
                      rs.getString("TYPE_NAME");
                      rs.getInt("COLUMN_SIZE");
                      rs.wasNull();
                      rs.getString("IS_AUTOINCREMENT");
                      rs.getString("IS_GENERATEDCOLUMN");
                    }
                  }
                  md.getPrimaryKeys(schema[0], schema[1], t).close();
                  md.getImportedKeys(schema[0], schema[1], t).close();
                  md.getExportedKeys(schema[0], schema[1], t).close();
                  md.getIndexInfo(schema[0], schema[1], t, false, true).close();
                }
                md.getProcedures(schema[0], schema[1], null).close();
                md.getFunctions(schema[0], schema[1], null).close();
              }
              assertFalse(c.isClosed());
            }
            return columns;
          };
      List<Future<Integer>> runs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        runs.add(pool.submit(crawl));
      }
      int first = runs.get(0).get(60, TimeUnit.SECONDS);
      assertTrue(first > 40, "columns: " + first);
      for (Future<Integer> r : runs) {
        assertEquals(first, r.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void spark_jdbcSource_probeAndPartitionedScans() throws Exception {
    Properties props = EmulatorFixture.credentials();
    props.setProperty("url", fixture.url());
    props.setProperty("dbtable", "Orders");
    props.setProperty("partitionColumn", "Order_Date");
    props.setProperty("lowerBound", "2021-01-01");
    props.setProperty("upperBound", "2024-01-01");
    props.setProperty("numPartitions", "3");
    props.setProperty("fetchsize", "0");
    Driver d = DriverManager.getDriver(fixture.url());
    List<String> columns = new ArrayList<>();
    try (Connection c = d.connect(fixture.url(), props);
        PreparedStatement ps = c.prepareStatement("SELECT * FROM Orders WHERE 1=0")) {
      ps.setQueryTimeout(0);
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData m = rs.getMetaData();
        for (int i = 1; i <= m.getColumnCount(); i++) {
          columns.add(m.getColumnLabel(i));
          int t = m.getColumnType(i);
          assertFalse(
              Set.of(
                      Types.OTHER,
                      Types.JAVA_OBJECT,
                      Types.TIME_WITH_TIMEZONE,
                      Types.TIMESTAMP_WITH_TIMEZONE,
                      Types.ARRAY)
                  .contains(t),
              m.getColumnLabel(i) + " " + t);
          if (t == Types.DECIMAL) {
            assertTrue(m.getPrecision(i) > 0);
          }
          m.isSigned(i);
          m.isNullable(i);
        }
        assertFalse(rs.next());
      }
    }
    assertTrue(columns.contains("Order_Date"), columns.toString());
    String select =
        "SELECT \"PK_ID\",\"Order_No\",\"Order_Date\",\"Total\",\"Shipped\" FROM Orders WHERE ";
    List<String> partitions =
        List.of(
            "\"Order_Date\" < '2022-01-01 00:00:00' or \"Order_Date\" is null",
            "\"Order_Date\" >= '2022-01-01 00:00:00' AND \"Order_Date\" < '2023-01-01 00:00:00'",
            "\"Order_Date\" >= '2023-01-01 00:00:00'");
    long total = 0;
    for (String where : partitions) {
      try (Connection c = d.connect(fixture.url(), props);
          PreparedStatement ps =
              c.prepareStatement(
                  select + where, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        ps.setFetchSize(0);
        ps.setQueryTimeout(0);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            total++;
            rs.getLong(1);
            rs.wasNull();
            rs.getInt(2);
            rs.wasNull();
            rs.getTimestamp(3);
            rs.getObject(3, LocalDateTime.class);
            rs.wasNull();
            rs.getBigDecimal(4);
            rs.wasNull();
            rs.getBoolean(5);
            rs.wasNull();
          }
        }
        if (!c.getAutoCommit()) {
          c.commit();
        }
      }
    }
    try (Connection c = d.connect(fixture.url(), props);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM Orders")) {
      assertTrue(rs.next());
      assertEquals(rs.getLong(1), total);
      try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT * FROM (SELECT Order_No, Total FROM Orders) SPARK_GEN_SUBQ_0 WHERE 1=0");
          ResultSet probe = ps.executeQuery()) {
        assertEquals(2, probe.getMetaData().getColumnCount());
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM Orders WHERE 1=0");
          ResultSet probe = ps.executeQuery()) {
        assertFalse(probe.next());
      }
      assertFalse(c.getMetaData().supportsTransactions());
    }
  }

  @Test
  void hikari_pool_setupBorrowReturnAndValidation() throws Exception {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(fixture.url());
    cfg.setUsername(CaspioEmulator.DEFAULT_CLIENT_ID);
    cfg.setPassword(CaspioEmulator.DEFAULT_CLIENT_SECRET);
    cfg.setMaximumPoolSize(2);
    cfg.setMinimumIdle(1);
    cfg.setValidationTimeout(1000);
    cfg.setConnectionTimeout(20000);
    try (HikariDataSource ds = new HikariDataSource(cfg)) {
      try (Connection c = ds.getConnection()) {
        assertTrue(c.getAutoCommit());
        c.setAutoCommit(false);
        c.setReadOnly(true);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM Products")) {
          assertTrue(rs.next());
        }
        // Returning it dirty makes Hikari roll back and reset; none of that may fail.
      }
      Thread.sleep(600);
      try (Connection c = ds.getConnection()) {
        assertTrue(c.getAutoCommit());
        assertFalse(c.isReadOnly());
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT 1")) {
          assertTrue(rs.next());
        }
      }
      assertEquals(0, ds.getHikariPoolMXBean().getActiveConnections());
      assertTrue(ds.getHikariPoolMXBean().getTotalConnections() >= 1);
    }
  }

  @Test
  void hikari_queryError_keepsConnection() throws Exception {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(fixture.url());
    cfg.setUsername(CaspioEmulator.DEFAULT_CLIENT_ID);
    cfg.setPassword(CaspioEmulator.DEFAULT_CLIENT_SECRET);
    cfg.setMaximumPoolSize(1);
    try (HikariDataSource ds = new HikariDataSource(cfg)) {
      Connection first;
      try (Connection c = ds.getConnection()) {
        first = c.unwrap(Connection.class);
        SQLException e =
            assertThrows(
                SQLException.class,
                () -> {
                  try (Statement s = c.createStatement()) {
                    s.executeQuery("SELECT * FROM NoSuchTable");
                  }
                });
        assertEquals("42S02", e.getSQLState());
      }
      try (Connection c = ds.getConnection()) {
        // A 42-class error is the application's, not the connection's: Hikari keeps it.
        assertSame(first, c.unwrap(Connection.class));
      }
    }
  }

  @Test
  void metabase_probesAndParameterisedQuery() throws Exception {
    try (Connection c = fixture.connect()) {
      try (Statement s =
              c.createStatement(
                  ResultSet.TYPE_FORWARD_ONLY,
                  ResultSet.CONCUR_READ_ONLY,
                  ResultSet.CLOSE_CURSORS_AT_COMMIT);
          ResultSet rs =
              s.executeQuery(
                  "SELECT TRUE AS \"_\" FROM \"caspio\".\"Orders\" WHERE 1 <> 1 LIMIT 0")) {
        assertFalse(rs.next());
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("-- Metabase:: userID: 1\nSELECT 1")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt(1));
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "-- Metabase\nSELECT \"Order_No\", \"Order_Date\" FROM \"caspio\".\"Orders\""
                  + " WHERE \"Order_Date\" >= ? ORDER BY \"Order_Date\" LIMIT 5",
              ResultSet.TYPE_FORWARD_ONLY,
              ResultSet.CONCUR_READ_ONLY,
              ResultSet.CLOSE_CURSORS_AT_COMMIT)) {
        ps.setFetchSize(500);
        ps.setMaxRows(2000);
        ps.setObject(1, LocalDateTime.of(2023, 1, 1, 0, 0));
        try (ResultSet rs = ps.executeQuery()) {
          int n = 0;
          LocalDateTime previous = LocalDateTime.MIN;
          while (rs.next()) {
            n++;
            LocalDateTime t = rs.getObject(2, LocalDateTime.class);
            assertFalse(t.isBefore(LocalDateTime.of(2023, 1, 1, 0, 0)), t.toString());
            assertFalse(t.isBefore(previous));
            previous = t;
          }
          assertEquals(5, n);
        }
      }
    }
  }

  @Test
  void foreignUrl_connectReturnsNull_propertyInfoListed() throws SQLException {
    Driver d = DriverManager.getDriver(fixture.url());
    assertNull(d.connect("jdbc:postgresql://localhost/x", new Properties()));
    assertTrue(Arrays.asList(d.getPropertyInfo(fixture.url(), new Properties())).size() > 5);
  }
}
