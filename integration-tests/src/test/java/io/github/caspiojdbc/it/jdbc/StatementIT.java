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

import io.github.caspiojdbc.it.support.EmulatorFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The statement and result-set calls that pools and tools make routinely, all accepted. */
class StatementIT {
  @RegisterExtension static final EmulatorFixture fixture = new EmulatorFixture();

  @Test
  void routineSetters_accepted() throws SQLException {
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      for (int size : new int[] {0, 200, 500, 10000}) {
        s.setFetchSize(size);
      }
      s.setFetchDirection(ResultSet.FETCH_FORWARD);
      s.setQueryTimeout(0);
      s.setMaxRows(0);
      s.setLargeMaxRows(0);
      assertNull(s.getWarnings());
      s.clearWarnings();
      assertEquals(c, s.getConnection());
      assertEquals(ResultSet.TYPE_FORWARD_ONLY, s.getResultSetType());
      assertEquals(ResultSet.CONCUR_READ_ONLY, s.getResultSetConcurrency());
    }
  }

  @Test
  void resultSet_forwardOnlyReadOnly_closeIdempotent() throws SQLException {
    try (Connection c = fixture.connect()) {
      Statement s = c.createStatement();
      ResultSet rs = s.executeQuery("SELECT Order_No AS \"OrderNumber\", Total FROM Orders");
      assertEquals(ResultSet.TYPE_FORWARD_ONLY, rs.getType());
      assertEquals(ResultSet.CONCUR_READ_ONLY, rs.getConcurrency());
      assertEquals(1, rs.findColumn("ordernumber"));
      assertEquals(2, rs.findColumn("TOTAL"));
      assertEquals("OrderNumber", rs.getMetaData().getColumnLabel(1));
      assertTrue(rs.next());
      assertFalse(rs.isClosed());
      rs.close();
      rs.close();
      assertTrue(rs.isClosed());
      s.close();
      s.close();
      assertTrue(s.isClosed());
    }
  }

  @Test
  void sqlShapesFromTools_accepted() throws SQLException {
    String[] queries = {
      "-- a comment line first\nSELECT COUNT(*) FROM Orders",
      "SELECT * FROM Orders WHERE 1=0",
      "SELECT 1 FROM Orders WHERE 1=0",
      "SELECT 1",
      "SELECT Order_No FROM Orders ORDER BY Order_No LIMIT 5 OFFSET 10",
      "SELECT * FROM (SELECT Order_No, Total FROM Orders) SPARK_GEN_SUBQ_3 WHERE Total > 0",
      "SELECT Order_No FROM Orders WHERE Order_Date < '2023-01-01 00:00:00'",
      "SELECT \"Order_No\" FROM \"caspio\".\"Orders\"",
    };
    try (Connection c = fixture.connect();
        Statement s = c.createStatement()) {
      for (String sql : queries) {
        assertTrue(s.execute(sql), sql);
        try (ResultSet rs = s.getResultSet()) {
          while (rs.next()) {
            rs.getObject(1);
          }
        }
      }
    }
  }

  @Test
  void prepared_parameterMetadataAndRebinding() throws SQLException {
    try (Connection c = fixture.connect();
        PreparedStatement ps =
            c.prepareStatement("SELECT COUNT(*) FROM Orders WHERE Order_No <= ?")) {
      assertEquals(1, ps.getParameterMetaData().getParameterCount());
      long previous = -1;
      for (int bound : new int[] {5, 20}) {
        ps.setInt(1, bound);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertTrue(rs.getLong(1) > previous);
          previous = rs.getLong(1);
        }
      }
    }
  }
}
