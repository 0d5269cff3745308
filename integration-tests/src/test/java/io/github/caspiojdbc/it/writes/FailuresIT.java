/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.writes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.caspiojdbc.adapter.CaspioWriteException;
import io.github.caspiojdbc.adapter.CaspioWriteException.Outcome;
import io.github.caspiojdbc.emulator.ConnectionFault;
import io.github.caspiojdbc.error.CaspioException;
import io.github.caspiojdbc.error.ErrorKind;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Items;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Failures in the middle of writes: exactly which rows were written, nothing retried blindly. */
class FailuresIT {

  @RegisterExtension
  final EmulatorFixture f = Items.perTest("(Name, Email) VALUES ('taken', 'dup@x')");

  private static CaspioWriteException writeFailure(SQLException e) {
    CaspioException c = EmulatorFixture.caspio(e);
    assertTrue(c instanceof CaspioWriteException, c.toString());
    return (CaspioWriteException) c;
  }

  @Test
  void insertValues_thirdRowRefused_exceptionSaysExactlyWhichRowsWereWritten() throws Exception {
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                f.update(
                    "INSERT INTO "
                        + f.table
                        + " (Name, Email) VALUES ('r1', 'a@x'), ('r2', 'b@x'), ('r3', 'dup@x'),"
                        + " ('r4', 'c@x'), ('r5', 'd@x'), ('r6', 'e@x'), ('r7', 'f@x')"));
    CaspioWriteException w = writeFailure(e);
    List<Outcome> o = w.outcomes();
    assertEquals(Outcome.WRITTEN, o.get(0));
    assertEquals(Outcome.WRITTEN, o.get(1));
    assertEquals(Outcome.FAILED, o.get(2));
    // Rows after the failure were either already in flight (written) or never sent.
    long written = o.stream().filter(x -> x == Outcome.WRITTEN).count();
    long sent = o.stream().filter(x -> x != Outcome.NOT_SENT).count();
    assertEquals(written, w.writtenCount());
    assertEquals(1 + written, f.rows());
    assertEquals(sent, f.count("POST"));
    assertEquals(ErrorKind.INTEGRITY, w.kind(), w.getMessage());
    assertTrue(w.getMessage().contains("failed: row 3"), w.getMessage());
    assertEquals(written, f.writes().lastInsert().rows().size());
    assertEquals(written, w.insertedRows().size());
  }

  @Test
  void insert_serverErrorOnPost_reportedUnknownAndNotRetried() throws Exception {
    f.emulator.faults().failNext(1, 500, "/records");
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> f.update("INSERT INTO " + f.table + " (Name) VALUES ('maybe')"));
    CaspioWriteException w = writeFailure(e);
    assertEquals(ErrorKind.UNKNOWN_OUTCOME, w.kind());
    assertEquals("08007", w.sqlState());
    assertEquals(List.of(Outcome.UNKNOWN), w.outcomes());
    assertEquals(1, f.count("POST"));
    assertEquals(2, f.writes().writeRequests(), "an unknown outcome counts as a possible write");
  }

  @Test
  void insert_connectionLostAfterServerWroteRow_unknownNotRetriedAndRowNotDoubled()
      throws Exception {
    f.emulator.faults().dropNextAfterProcessing(1, ConnectionFault.CONNECTION_RESET, "/records");
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> f.update("INSERT INTO " + f.table + " (Name) VALUES ('ghost')"));
    assertEquals(List.of(Outcome.UNKNOWN), writeFailure(e).outcomes());
    assertEquals(1, f.count("POST"));
    assertEquals(2, f.rows(), "the server wrote it once; no blind retry wrote it again");
  }

  @Test
  void preparedBatch_thirdEntryRefused_earlierEntriesWrittenAndCounted() throws Exception {
    long before = f.writes().writeRequests();
    try (PreparedStatement p =
        f.conn.prepareStatement("INSERT INTO " + f.table + " (Name, Email) VALUES (?, ?)")) {
      String[] emails = {"a@x", "b@x", "dup@x", "c@x"};
      for (String email : emails) {
        p.setString(1, "n");
        p.setString(2, email);
        p.addBatch();
      }
      SQLException e = assertThrows(SQLException.class, p::executeBatch);
      assertEquals(List.of(Outcome.FAILED), writeFailure(e).outcomes());
    }
    // Avatica runs a batch as one execution per entry and stops at the first failure.
    assertEquals(3, f.count("POST"));
    assertEquals(3, f.rows());
    assertEquals(2, f.writes().writeRequests() - before);
  }

  @Test
  void insertValues_badValueInThirdRow_nothingSent() throws Exception {
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                f.update(
                    "INSERT INTO "
                        + f.table
                        + " (Name, Tags) VALUES ('a', '[1]'), ('b', '[2]'), ('c', 'Red')"));
    assertEquals("22000", EmulatorFixture.caspio(e).sqlState(), e.toString());
    assertEquals(0, f.count("POST"));
    assertEquals(1, f.rows());
  }
}
