/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DatabaseMetaData: exact result-set shapes and honest scalar answers. */
class MetadataIT {
  @RegisterExtension static final EmulatorFixture fixture = new EmulatorFixture();
  private static Connection conn;
  private static DatabaseMetaData md;

  @BeforeAll
  static void start() throws SQLException {
    conn = fixture.connect();
    md = conn.getMetaData();
  }

  @AfterAll
  static void stop() throws SQLException {
    conn.close();
  }

  static List<String> labels(ResultSet rs) throws SQLException {
    ResultSetMetaData m = rs.getMetaData();
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= m.getColumnCount(); i++) {
      out.add(m.getColumnLabel(i));
    }
    return out;
  }

  static List<List<Object>> rows(ResultSet rs) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        row.add(rs.getObject(i));
      }
      out.add(row);
    }
    rs.close();
    return out;
  }

  @Test
  void getTables_all_tablesThenViewsWithoutMetadataSchema() throws SQLException {
    ResultSet rs = md.getTables(null, null, "%", null);
    assertEquals(
        List.of(
            "TABLE_CAT",
            "TABLE_SCHEM",
            "TABLE_NAME",
            "TABLE_TYPE",
            "REMARKS",
            "TYPE_CAT",
            "TYPE_SCHEM",
            "TYPE_NAME",
            "SELF_REFERENCING_COL_NAME",
            "REF_GENERATION"),
        labels(rs));
    List<String> got = new ArrayList<>();
    for (List<Object> r : rows(rs)) {
      assertNull(r.get(0));
      assertEquals(r.get(3).equals("SYSTEM TABLE") ? "caspio_system" : "caspio", r.get(1));
      got.add(r.get(3) + " " + r.get(2));
    }
    // Ordered by TABLE_TYPE as JDBC asks: the driver's system tables come first.
    assertEquals(
        List.of(
            "SYSTEM TABLE account_limits",
            "SYSTEM TABLE calls",
            "TABLE Customers",
            "TABLE OrderItems",
            "TABLE Orders",
            "TABLE Products",
            "VIEW OpenOrders",
            "VIEW OrderDetails"),
        got);
  }

  @Test
  void getTables_typesAndPatterns_filter() throws SQLException {
    assertEquals(2, rows(md.getTables(null, "caspio", "%", new String[] {"VIEW"})).size());
    assertEquals(0, rows(md.getTables(null, "caspio", "%", new String[] {"SYSTEM TABLE"})).size());
    // '_' is literal, so it does not stand for the 'I' of OrderItems.
    assertEquals(0, rows(md.getTables(null, "caspio", "Order_tems", null)).size());
    assertEquals(1, rows(md.getTables(null, "caspio", "OrderItems", null)).size());
    assertEquals(3, rows(md.getTables(null, "%", "Order%s", null)).size());
    assertEquals(1, rows(md.getTables("", "caspio", "customers", null)).size());
    assertEquals(0, rows(md.getTables("somecat", null, "%", null)).size());
    assertEquals(0, rows(md.getTables(null, "metadata", "%", null)).size());
  }

  @Test
  void getTableTypes_schemas_catalogs_consistent() throws SQLException {
    ResultSet types = md.getTableTypes();
    assertEquals(List.of("TABLE_TYPE"), labels(types));
    assertEquals(List.of(List.of("SYSTEM TABLE"), List.of("TABLE"), List.of("VIEW")), rows(types));
    ResultSet schemas = md.getSchemas();
    assertEquals(List.of("TABLE_SCHEM", "TABLE_CATALOG"), labels(schemas));
    List<Object> one = new ArrayList<>();
    one.add("caspio");
    one.add(null);
    List<Object> system = new ArrayList<>();
    system.add("caspio_system");
    system.add(null);
    assertEquals(List.of(one, system), rows(schemas));
    assertEquals(List.of(one, system), rows(md.getSchemas(null, "%")));
    assertEquals(List.of(one), rows(md.getSchemas(null, "caspio")));
    ResultSet catalogs = md.getCatalogs();
    assertEquals(List.of("TABLE_CAT"), labels(catalogs));
    assertEquals(List.of(), rows(catalogs));
  }

  @Test
  void getColumns_customers_plainTypesRemarksAndFlags() throws SQLException {
    ResultSet rs = md.getColumns(null, "caspio", "Customers", "%");
    assertEquals(
        List.of(
            "TABLE_CAT",
            "TABLE_SCHEM",
            "TABLE_NAME",
            "COLUMN_NAME",
            "DATA_TYPE",
            "TYPE_NAME",
            "COLUMN_SIZE",
            "BUFFER_LENGTH",
            "DECIMAL_DIGITS",
            "NUM_PREC_RADIX",
            "NULLABLE",
            "REMARKS",
            "COLUMN_DEF",
            "SQL_DATA_TYPE",
            "SQL_DATETIME_SUB",
            "CHAR_OCTET_LENGTH",
            "ORDINAL_POSITION",
            "IS_NULLABLE",
            "SCOPE_CATALOG",
            "SCOPE_SCHEMA",
            "SCOPE_TABLE",
            "SOURCE_DATA_TYPE",
            "IS_AUTOINCREMENT",
            "IS_GENERATEDCOLUMN"),
        labels(rs));
    Map<String, Map<String, Object>> byName = new HashMap<>();
    List<String> order = new ArrayList<>();
    while (rs.next()) {
      Map<String, Object> row = new HashMap<>();
      for (String l : labels(rs)) {
        row.put(l, rs.getObject(l));
      }
      byName.put(rs.getString("COLUMN_NAME"), row);
      order.add(rs.getString("COLUMN_NAME"));
      assertEquals(order.size(), rs.getInt("ORDINAL_POSITION"));
    }
    rs.close();
    assertEquals("PK_ID", order.get(0));
    Map<String, Object> password = byName.get("Password");
    assertEquals("VARCHAR", password.get("TYPE_NAME"), order.toString());
    assertEquals("YES", password.get("IS_NULLABLE"));
    assertTrue(((String) password.get("REMARKS")).startsWith("Write-only password field"));
    Map<String, Object> pk = byName.get("PK_ID");
    assertEquals("BIGINT", pk.get("TYPE_NAME"));
    assertEquals(Types.BIGINT, pk.get("DATA_TYPE"));
    assertEquals(DatabaseMetaData.columnNoNulls, pk.get("NULLABLE"));
    assertEquals("NO", pk.get("IS_NULLABLE"));
    assertEquals("YES", pk.get("IS_AUTOINCREMENT"));
    Map<String, Object> name = byName.get("Name");
    assertEquals("VARCHAR", name.get("TYPE_NAME"));
    assertEquals(255, name.get("COLUMN_SIZE"));
    assertEquals("Customer name: Display name", name.get("REMARKS"));
    assertEquals("YES", name.get("IS_NULLABLE"));
    assertEquals("NO", name.get("IS_GENERATEDCOLUMN"));
    Map<String, Object> credit = byName.get("Credit_Limit");
    assertEquals("DECIMAL", credit.get("TYPE_NAME"));
    assertEquals(19, credit.get("COLUMN_SIZE"));
    assertEquals(4, credit.get("DECIMAL_DIGITS"));
    Map<String, Object> joined = byName.get("Joined");
    assertEquals("TIMESTAMP", joined.get("TYPE_NAME"));
    assertEquals(Types.TIMESTAMP, joined.get("DATA_TYPE"));
    assertEquals("BOOLEAN", byName.get("Active").get("TYPE_NAME"));
    assertNull(byName.get("Active").get("COLUMN_SIZE"));
    assertEquals("YES", byName.get("Customer_ID").get("IS_GENERATEDCOLUMN"));
    assertEquals("YES", byName.get("Created").get("IS_GENERATEDCOLUMN"));
    assertEquals("YES", byName.get("Member_Guid").get("IS_GENERATEDCOLUMN"));
    assertEquals("NO", byName.get("Customer_ID").get("IS_AUTOINCREMENT"));
  }

  @Test
  void getColumns_typeNames_matchTypeInfoAndResultSetMetaData() throws SQLException {
    Set<String> typeInfo = new HashSet<>();
    try (ResultSet rs = md.getTypeInfo()) {
      assertEquals(18, rs.getMetaData().getColumnCount());
      while (rs.next()) {
        typeInfo.add(rs.getString("TYPE_NAME"));
      }
    }
    Map<String, String> fromColumns = new HashMap<>();
    for (String table : List.of("Customers", "Products", "Orders", "OrderItems", "OrderDetails")) {
      try (ResultSet rs = md.getColumns(null, null, table, null)) {
        while (rs.next()) {
          String t = rs.getString("TYPE_NAME");
          assertTrue(typeInfo.contains(t), t + " not in getTypeInfo " + typeInfo);
          fromColumns.put(table + "." + rs.getString("COLUMN_NAME"), t);
        }
      }
      try (Statement s = conn.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\" WHERE 1 = 0")) {
        ResultSetMetaData m = rs.getMetaData();
        for (int i = 1; i <= m.getColumnCount(); i++) {
          assertEquals(
              fromColumns.get(table + "." + m.getColumnName(i)),
              m.getColumnTypeName(i),
              table + "." + m.getColumnName(i));
        }
      }
    }
  }

  @Test
  void getColumns_autonumberAndViewKey() throws SQLException {
    try (ResultSet rs = md.getColumns(null, "caspio", "Orders", "Order_No")) {
      assertTrue(rs.next());
      assertEquals("INTEGER", rs.getString("TYPE_NAME"));
      assertEquals("YES", rs.getString("IS_AUTOINCREMENT"));
      assertFalse(rs.next());
    }
    try (ResultSet rs = md.getColumns(null, "caspio", "OrderDetails", "PK_ID")) {
      assertTrue(rs.next());
      assertEquals("VARCHAR", rs.getString("TYPE_NAME"));
      assertEquals("NO", rs.getString("IS_AUTOINCREMENT"));
      assertEquals(DatabaseMetaData.columnNullable, rs.getInt("NULLABLE"));
    }
  }

  @Test
  void getPrimaryKeys_tableAndView() throws SQLException {
    ResultSet rs = md.getPrimaryKeys(null, "caspio", "Customers");
    assertEquals(
        List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME"),
        labels(rs));
    assertTrue(rs.next());
    assertEquals("PK_ID", rs.getString("COLUMN_NAME"));
    assertEquals(1, rs.getShort("KEY_SEQ"));
    assertFalse(rs.next());
    rs.close();
    assertEquals(0, rows(md.getPrimaryKeys(null, "caspio", "OrderDetails")).size());
    assertEquals(4, rows(md.getPrimaryKeys(null, "caspio", "%")).size());
  }

  @Test
  void getIndexInfo_customers_pkAndUniqueFields() throws SQLException {
    ResultSet rs = md.getIndexInfo(null, "caspio", "Customers", false, true);
    assertEquals(13, rs.getMetaData().getColumnCount());
    List<String> columns = new ArrayList<>();
    while (rs.next()) {
      assertFalse(rs.getBoolean("NON_UNIQUE"));
      assertEquals(DatabaseMetaData.tableIndexOther, rs.getShort("TYPE"));
      columns.add(rs.getString("COLUMN_NAME"));
    }
    rs.close();
    // Caspio keeps Random ID and GUID fields unique too.
    assertEquals(List.of("PK_ID", "Customer_ID", "Email", "Member_Guid"), columns);
    rows(md.getIndexInfo(null, "caspio", "%", false, true));
  }

  @Test
  void emptySets_wellFormed() throws SQLException {
    assertEquals(14, md.getImportedKeys(null, "caspio", "Orders").getMetaData().getColumnCount());
    assertEquals(0, rows(md.getImportedKeys(null, "caspio", "Orders")).size());
    assertEquals(0, rows(md.getExportedKeys(null, "caspio", "%")).size());
    // The driver's own procedures (FileProceduresIT checks their rows).
    assertEquals(5, rows(md.getProcedures(null, "caspio", "%")).size());
  }

  @Test
  void functions_listTheEscapeHatchAndTheFilesFunctions() throws SQLException {
    // TABLE(caspio_where(table, condition)), docs/sql.md, and the Files area's functions,
    // docs/files.md: tools that list functions show them.
    List<List<Object>> functions = rows(md.getFunctions(null, "caspio", "%"));
    assertEquals(
        new java.util.TreeSet<>(
            List.of(
                "caspio_attachment",
                "caspio_file_content",
                "caspio_files",
                "caspio_folders",
                "caspio_where")),
        new java.util.TreeSet<>(functions.stream().map(f -> f.get(2)).toList()),
        functions::toString);
  }

  @Test
  void scalars_honest() throws SQLException {
    assertEquals("Caspio", md.getDatabaseProductName());
    assertEquals("REST API v4", md.getDatabaseProductVersion());
    assertEquals("\"", md.getIdentifierQuoteString());
    assertTrue(md.nullsAreSortedLow());
    assertTrue(md.storesMixedCaseIdentifiers());
    assertFalse(md.supportsMixedCaseIdentifiers());
    assertFalse(md.supportsCatalogsInDataManipulation());
    assertFalse(md.supportsTransactions());
    assertEquals(Connection.TRANSACTION_NONE, md.getDefaultTransactionIsolation());
    assertTrue(md.supportsResultSetHoldability(ResultSet.CLOSE_CURSORS_AT_COMMIT));
    assertEquals(fixture.url(), md.getURL());
    assertEquals(conn, md.getConnection());
    assertTrue(md.getDriverName().contains("Caspio"));
  }

  @Test
  void everyGetter_answersWithoutThrowing() throws Exception {
    List<String> failures = new ArrayList<>();
    for (Method m : DatabaseMetaData.class.getMethods()) {
      Class<?>[] p = m.getParameterTypes();
      Object[] args;
      if (p.length == 0) {
        args = new Object[0];
      } else if (p.length == 1 && p[0] == int.class) {
        args = new Object[] {ResultSet.TYPE_FORWARD_ONLY};
      } else if (p.length == 2 && p[0] == int.class && p[1] == int.class) {
        args = new Object[] {ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY};
      } else {
        continue;
      }
      if (m.getName().equals("unwrap") || m.getName().equals("isWrapperFor")) {
        continue;
      }
      try {
        Object r = m.invoke(md, args);
        if (r instanceof ResultSet rs) {
          rs.close();
        }
      } catch (InvocationTargetException e) {
        failures.add(m.getName() + ": " + e.getCause());
      }
    }
    if (!failures.isEmpty()) {
      fail(String.join("\n", failures));
    }
  }

  @Test
  void supportsGetGeneratedKeys_true() throws SQLException {
    assertTrue(md.supportsGetGeneratedKeys());
  }

  @Test
  void getTypeInfo_exactlyTheDriversTypes() throws SQLException {
    List<String> names = new ArrayList<>();
    Map<String, Map<String, Object>> byName = new HashMap<>();
    try (ResultSet rs = md.getTypeInfo()) {
      List<String> labels = labels(rs);
      assertEquals(
          List.of(
              "TYPE_NAME",
              "DATA_TYPE",
              "PRECISION",
              "LITERAL_PREFIX",
              "LITERAL_SUFFIX",
              "CREATE_PARAMS",
              "NULLABLE",
              "CASE_SENSITIVE",
              "SEARCHABLE",
              "UNSIGNED_ATTRIBUTE",
              "FIXED_PREC_SCALE",
              "AUTO_INCREMENT",
              "LOCAL_TYPE_NAME",
              "MINIMUM_SCALE",
              "MAXIMUM_SCALE",
              "SQL_DATA_TYPE",
              "SQL_DATETIME_SUB",
              "NUM_PREC_RADIX"),
          labels);
      int lastType = Integer.MIN_VALUE;
      while (rs.next()) {
        Map<String, Object> row = new HashMap<>();
        for (String l : labels) {
          row.put(l, rs.getObject(l));
        }
        names.add(rs.getString("TYPE_NAME"));
        byName.put(rs.getString("TYPE_NAME"), row);
        assertTrue(rs.getInt("DATA_TYPE") >= lastType, "ordered by DATA_TYPE");
        lastType = rs.getInt("DATA_TYPE");
        assertEquals(DatabaseMetaData.typeNullable, rs.getShort("NULLABLE"));
        assertFalse(rs.getBoolean("UNSIGNED_ATTRIBUTE"));
      }
    }
    assertEquals(
        List.of(
            "BIGINT",
            "CHAR",
            "DECIMAL",
            "INTEGER",
            "DOUBLE",
            "VARCHAR",
            "BOOLEAN",
            "DATE",
            "TIME",
            "TIMESTAMP"),
        names);
    assertEquals(Types.BIGINT, byName.get("BIGINT").get("DATA_TYPE"));
    assertEquals(19, byName.get("BIGINT").get("PRECISION"));
    assertEquals(true, byName.get("BIGINT").get("AUTO_INCREMENT"));
    assertEquals(true, byName.get("INTEGER").get("AUTO_INCREMENT"));
    assertEquals(false, byName.get("DOUBLE").get("AUTO_INCREMENT"));
    assertEquals(19, byName.get("DECIMAL").get("PRECISION"));
    assertEquals((short) 19, byName.get("DECIMAL").get("MAXIMUM_SCALE"));
    assertEquals(true, byName.get("DECIMAL").get("FIXED_PREC_SCALE"));
    assertEquals(10, byName.get("DECIMAL").get("NUM_PREC_RADIX"));
    assertEquals("'", byName.get("VARCHAR").get("LITERAL_PREFIX"));
    assertEquals("'", byName.get("VARCHAR").get("LITERAL_SUFFIX"));
    assertEquals(true, byName.get("VARCHAR").get("CASE_SENSITIVE"));
    assertEquals(false, byName.get("INTEGER").get("CASE_SENSITIVE"));
    assertEquals((short) DatabaseMetaData.typeSearchable, byName.get("VARCHAR").get("SEARCHABLE"));
    assertEquals((short) DatabaseMetaData.typePredBasic, byName.get("INTEGER").get("SEARCHABLE"));
    assertNull(byName.get("INTEGER").get("LITERAL_PREFIX"));
    assertNull(byName.get("VARCHAR").get("NUM_PREC_RADIX"));
    assertEquals(23, byName.get("TIMESTAMP").get("PRECISION"));
    assertEquals((short) 3, byName.get("TIMESTAMP").get("MAXIMUM_SCALE"));
    assertEquals("TIMESTAMP '", byName.get("TIMESTAMP").get("LITERAL_PREFIX"));
    assertEquals(Integer.MAX_VALUE, byName.get("VARCHAR").get("PRECISION"));
  }

  @Test
  void getTypeInfo_literalPrefixes_parseToThatType() throws SQLException {
    Map<String, String> samples =
        Map.of(
            "CHAR", "abc",
            "DATE", "2024-02-29",
            "TIME", "23:59:58",
            "TIMESTAMP", "2024-02-29 23:59:58");
    try (ResultSet rs = md.getTypeInfo();
        Statement s = conn.createStatement()) {
      int checked = 0;
      while (rs.next()) {
        String prefix = rs.getString("LITERAL_PREFIX");
        String sample = samples.get(rs.getString("TYPE_NAME"));
        if (prefix == null || sample == null) {
          continue;
        }
        String literal = prefix + sample + rs.getString("LITERAL_SUFFIX");
        try (ResultSet v = s.executeQuery("SELECT " + literal)) {
          assertEquals(rs.getString("TYPE_NAME"), v.getMetaData().getColumnTypeName(1), literal);
          assertEquals(rs.getInt("DATA_TYPE"), v.getMetaData().getColumnType(1), literal);
          assertTrue(v.next());
          assertEquals(sample, v.getString(1));
        }
        checked++;
      }
      assertEquals(samples.size(), checked);
    }
  }

  @Test
  void getBestRowIdentifier_pkIdForTablesNothingForViews() throws SQLException {
    try (ResultSet rs =
        md.getBestRowIdentifier(
            null, "caspio", "Customers", DatabaseMetaData.bestRowSession, true)) {
      assertEquals(
          List.of(
              "SCOPE",
              "COLUMN_NAME",
              "DATA_TYPE",
              "TYPE_NAME",
              "COLUMN_SIZE",
              "BUFFER_LENGTH",
              "DECIMAL_DIGITS",
              "PSEUDO_COLUMN"),
          labels(rs));
      assertTrue(rs.next());
      assertEquals(DatabaseMetaData.bestRowSession, rs.getShort("SCOPE"));
      assertEquals("PK_ID", rs.getString("COLUMN_NAME"));
      assertEquals(Types.BIGINT, rs.getInt("DATA_TYPE"));
      assertEquals("BIGINT", rs.getString("TYPE_NAME"));
      assertEquals(19, rs.getInt("COLUMN_SIZE"));
      assertEquals(DatabaseMetaData.bestRowNotPseudo, rs.getShort("PSEUDO_COLUMN"));
      assertFalse(rs.next());
    }
    assertEquals(
        1,
        rows(md.getBestRowIdentifier(
                null, null, "Orders", DatabaseMetaData.bestRowTemporary, false))
            .size());
    assertEquals(
        0,
        rows(md.getBestRowIdentifier(
                null, "caspio", "OrderDetails", DatabaseMetaData.bestRowSession, true))
            .size());
    assertEquals(0, rows(md.getBestRowIdentifier(null, "caspio", "NoSuchTable", 0, true)).size());
  }

  /** getColumns rows of a table, by column name. */
  private static Map<String, Map<String, Object>> columns(String table) throws SQLException {
    Map<String, Map<String, Object>> out = new HashMap<>();
    try (ResultSet rs = md.getColumns(null, "caspio", table, "%")) {
      List<String> labels = labels(rs);
      while (rs.next()) {
        Map<String, Object> row = new HashMap<>();
        for (String l : labels) {
          row.put(l, rs.getObject(l));
        }
        out.put(rs.getString("COLUMN_NAME"), row);
      }
    }
    return out;
  }

  @Test
  void resultSetMetaData_tableColumns_agreeWithGetColumns() throws SQLException {
    for (String table : List.of("Customers", "Products", "Orders", "OrderItems", "OrderDetails")) {
      Map<String, Map<String, Object>> cols = columns(table);
      try (Statement s = conn.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\" WHERE 1 = 0")) {
        ResultSetMetaData m = rs.getMetaData();
        for (int i = 1; i <= m.getColumnCount(); i++) {
          String where = table + "." + m.getColumnName(i);
          Map<String, Object> c = cols.get(m.getColumnName(i));
          Object size = c.get("COLUMN_SIZE");
          if (size != null) {
            assertEquals(size, m.getPrecision(i), where);
          }
          assertTrue(m.getColumnDisplaySize(i) > 0, where);
          assertEquals("YES".equals(c.get("IS_AUTOINCREMENT")), m.isAutoIncrement(i), where);
          assertTrue(m.isSearchable(i), where);
          assertEquals(!m.isWritable(i), m.isReadOnly(i), where);
          assertFalse(m.isDefinitelyWritable(i), where);
          if ("YES".equals(c.get("IS_GENERATEDCOLUMN"))
              || "YES".equals(c.get("IS_AUTOINCREMENT"))
              || table.equals("OrderDetails")) {
            assertFalse(m.isWritable(i), where);
          }
        }
      }
    }
  }

  @Test
  void resultSetMetaData_knownColumns() throws SQLException {
    String sql =
        "SELECT PK_ID, Name, Notes, Joined, Credit_Limit, Customer_ID, Active, Rating"
            + " FROM Customers WHERE 1 = 0";
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData m = rs.getMetaData();
      assertTrue(m.isAutoIncrement(1));
      assertFalse(m.isWritable(1));
      assertTrue(m.isReadOnly(1));
      assertEquals(19, m.getPrecision(1));
      assertEquals(20, m.getColumnDisplaySize(1));
      assertEquals(255, m.getPrecision(2));
      assertEquals(255, m.getColumnDisplaySize(2));
      assertTrue(m.isWritable(2));
      assertFalse(m.isReadOnly(2));
      assertFalse(m.isAutoIncrement(2));
      assertEquals(64000, m.getPrecision(3));
      assertEquals(64000, m.getColumnDisplaySize(3));
      assertEquals(19, m.getPrecision(4));
      assertEquals(19, m.getColumnDisplaySize(4));
      assertEquals(19, m.getPrecision(5));
      assertEquals(4, m.getScale(5));
      assertEquals(21, m.getColumnDisplaySize(5));
      assertTrue(m.isCurrency(5));
      assertTrue(m.isWritable(5));
      // Random ID: generated by Caspio.
      assertFalse(m.isWritable(6));
      assertTrue(m.isReadOnly(6));
      assertFalse(m.isCurrency(7));
      assertEquals(5, m.getColumnDisplaySize(7));
      assertEquals(15, m.getPrecision(8));
    }
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT Order_No, Created FROM Orders WHERE 1 = 0")) {
      ResultSetMetaData m = rs.getMetaData();
      assertTrue(m.isAutoIncrement(1));
      assertFalse(m.isWritable(1));
      assertFalse(m.isWritable(2));
      assertEquals(11, m.getColumnDisplaySize(1));
    }
  }

  @Test
  void resultSetMetaData_joinsViewsAndPrepared() throws SQLException {
    String sql =
        "SELECT c.Name, o.Order_No, d.Customer_Name FROM Orders o"
            + " JOIN Customers c ON c.Customer_ID = o.Customer_ID"
            + " JOIN OrderDetails d ON d.Order_No = o.Order_No WHERE 1 = 0";
    try (java.sql.PreparedStatement p = conn.prepareStatement(sql)) {
      for (ResultSetMetaData m : List.of(p.getMetaData(), p.executeQuery().getMetaData())) {
        assertEquals(255, m.getPrecision(1));
        assertTrue(m.isWritable(1));
        assertTrue(m.isAutoIncrement(2));
        assertFalse(m.isWritable(3), "view columns are read-only");
        assertTrue(m.isReadOnly(3));
        assertFalse(m.isAutoIncrement(3));
      }
    }
  }

  @Test
  void resultSetMetaData_expressions_sensibleSizesNeverWritable() throws SQLException {
    String sql =
        "SELECT Name || '!', COUNT(*) OVER (), 'abc', CAST(Credit_Limit AS DECIMAL(10, 2)),"
            + " CASE WHEN Active THEN 'yes' ELSE 'no' END, MAX(PK_ID) OVER ()"
            + " FROM Customers WHERE 1 = 0";
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData m = rs.getMetaData();
      assertEquals(Integer.MAX_VALUE, m.getPrecision(1));
      assertEquals(Integer.MAX_VALUE, m.getColumnDisplaySize(1));
      assertEquals(19, m.getPrecision(2));
      assertEquals(20, m.getColumnDisplaySize(2));
      assertEquals(3, m.getPrecision(3));
      assertEquals(3, m.getColumnDisplaySize(3));
      assertEquals(10, m.getPrecision(4));
      assertEquals(12, m.getColumnDisplaySize(4));
      assertFalse(m.isCurrency(4));
      assertEquals(3, m.getPrecision(5));
      for (int i = 1; i <= m.getColumnCount(); i++) {
        assertFalse(m.isWritable(i), "column " + i);
        assertTrue(m.isReadOnly(i), "column " + i);
        assertFalse(m.isAutoIncrement(i), "column " + i);
        assertTrue(m.isSearchable(i), "column " + i);
      }
    }
  }
}
