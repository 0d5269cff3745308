/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.jdbcwrites;

import static io.github.caspiojdbc.it.support.EmulatorFixture.update;
import static io.github.caspiojdbc.it.support.Items.TABLE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.adapter.CaspioWriteException;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Items;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Batches run entry by entry (REST v3); a failure says exactly which entries were written. */
class BatchIT {
  @RegisterExtension final EmulatorFixture f = Items.driver().perTest();
  private Connection c;

  @BeforeEach
  void seed() throws Exception {
    // REST v3's batch: one request per entry, stopping at the first failure. On v4 the rows of a
    // prepared INSERT batch travel in bulk requests instead; V4BulkIT covers that.
    c = f.open("&apiVersion=v3");
    update(c, "INSERT INTO " + TABLE + " (Name, Qty) VALUES ('taken', 0)");
    f.clear();
  }

  @Test
  void preparedBatch_allGood_exactCountsOnePostPerEntry() throws Exception {
    try (PreparedStatement p =
        c.prepareStatement("INSERT INTO " + TABLE + " (Name, Qty) VALUES (?, ?)")) {
      for (int i = 1; i <= 5; i++) {
        p.setString(1, "n" + i);
        p.setInt(2, i);
        p.addBatch();
      }
      assertArrayEquals(new int[] {1, 1, 1, 1, 1}, p.executeBatch());
      // The batch is emptied once run.
      assertArrayEquals(new int[0], p.executeBatch());
    }
    assertEquals(6, f.rows());
    assertEquals(5, f.count("POST"));
  }

  @Test
  void preparedBatch_thirdEntryDuplicate_countsStopAtFailureAndTwoRowsWritten() throws Exception {
    try (PreparedStatement p =
        c.prepareStatement("INSERT INTO " + TABLE + " (Name, Qty) VALUES (?, ?)")) {
      for (String name : new String[] {"a", "b", "taken", "d", "e"}) {
        p.setString(1, name);
        p.setInt(2, 1);
        p.addBatch();
      }
      BatchUpdateException e = assertThrows(BatchUpdateException.class, p::executeBatch);
      assertArrayEquals(new int[] {1, 1, Statement.EXECUTE_FAILED}, e.getUpdateCounts());
      assertArrayEquals(new long[] {1, 1, Statement.EXECUTE_FAILED}, e.getLargeUpdateCounts());
      assertEquals("23000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("Batch entry 3 of 5 failed"), e.getMessage());
      assertTrue(e.getMessage().contains("entries 4-5 were not sent"), e.getMessage());
      assertInstanceOf(java.sql.SQLException.class, e.getCause());
    }
    assertEquals(3, f.rows());
    // Two written, one refused, none after it.
    assertEquals(3, f.count("POST"));
  }

  @Test
  void preparedBatchWithKeys_keysOfEveryEntryUpToTheFailure() throws Exception {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO " + TABLE + " (Name, Qty) VALUES (?, ?)",
            new String[] {"PK_ID", "Name"})) {
      for (String name : new String[] {"k1", "k2", "taken", "k4"}) {
        p.setString(1, name);
        p.setInt(2, 1);
        p.addBatch();
      }
      assertThrows(BatchUpdateException.class, p::executeBatch);
      try (java.sql.ResultSet rs = p.getGeneratedKeys()) {
        assertTrue(rs.next());
        assertEquals("k1", rs.getString("Name"));
        assertTrue(rs.next());
        assertEquals("k2", rs.getString("Name"));
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void statementBatch_mixedForms_countsPerEntry() throws Exception {
    try (Statement s = c.createStatement()) {
      s.addBatch("INSERT INTO " + TABLE + " (Name, Qty) VALUES ('x', 1), ('y', 1)");
      s.addBatch("UPDATE " + TABLE + " SET Qty = 7 WHERE Qty = 1");
      s.addBatch("DELETE FROM " + TABLE + " WHERE Name = 'nobody'");
      assertArrayEquals(new long[] {2, 2, 0}, s.executeLargeBatch());
    }
  }

  @Test
  void statementBatch_multiRowEntryFailsPartly_causeCarriesOutcomes() throws Exception {
    try (Statement s = c.createStatement()) {
      s.addBatch("INSERT INTO " + TABLE + " (Name, Qty) VALUES ('x', 1)");
      s.addBatch("INSERT INTO " + TABLE + " (Name, Qty) VALUES ('y', 1), ('taken', 1)");
      s.addBatch("INSERT INTO " + TABLE + " (Name, Qty) VALUES ('z', 1)");
      BatchUpdateException e = assertThrows(BatchUpdateException.class, s::executeBatch);
      assertArrayEquals(new int[] {1, Statement.EXECUTE_FAILED}, e.getUpdateCounts());
      CaspioWriteException w = find(e);
      assertEquals(1, w.writtenCount());
      assertEquals(CaspioWriteException.Outcome.WRITTEN, w.outcomes().get(0));
      assertEquals(CaspioWriteException.Outcome.FAILED, w.outcomes().get(1));
      assertTrue(e.getMessage().contains("the failed entry itself wrote 1 row(s)"), e.getMessage());
    }
    assertEquals(3, f.rows());
  }

  @Test
  void batch_unknownOutcome_reported08007AndNotRetried() throws Exception {
    try (PreparedStatement p =
        c.prepareStatement("INSERT INTO " + TABLE + " (Name, Qty) VALUES (?, ?)")) {
      for (String name : new String[] {"a", "b", "c"}) {
        p.setString(1, name);
        p.setInt(2, 1);
        p.addBatch();
      }
      f.clear();
      // The first POST gets a server error: it may have been applied, so nothing else is sent.
      f.emulator.faults().failNext(1, 500, "/records");
      BatchUpdateException e = assertThrows(BatchUpdateException.class, p::executeBatch);
      assertEquals("08007", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("unknown outcome"), e.getMessage());
      assertArrayEquals(new int[] {Statement.EXECUTE_FAILED}, e.getUpdateCounts());
    }
    assertEquals(1, f.count("POST"));
  }

  @Test
  void preparedAddBatchWithSql_refused0A000() throws Exception {
    try (PreparedStatement p = c.prepareStatement("DELETE FROM " + TABLE + " WHERE Qty = ?")) {
      assertEquals(
          "0A000",
          assertThrows(java.sql.SQLException.class, () -> p.addBatch("DELETE FROM " + TABLE))
              .getSQLState());
    }
    assertEquals(1, f.rows());
  }

  @Test
  void clearBatch_discardsEntries() throws Exception {
    try (Statement s = c.createStatement()) {
      s.addBatch("DELETE FROM " + TABLE);
      s.clearBatch();
      assertEquals(0, s.executeBatch().length);
    }
    assertFalse(f.rows() == 0);
  }

  private static CaspioWriteException find(Throwable t) {
    for (Throwable x = t; x != null; x = x.getCause()) {
      if (x instanceof CaspioWriteException w) {
        return w;
      }
    }
    throw new AssertionError("no CaspioWriteException under " + t, t);
  }
}
