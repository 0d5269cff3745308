/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What commit, rollback and auto-commit mean without transactions. */
class WriteLedgerTest {
  private final AtomicLong requests = new AtomicLong(7);

  @Test
  void defaults_autoCommitOn_rollbackNoOp() {
    WriteLedger l = new WriteLedger(requests::get);
    assertTrue(l.autoCommit());
    requests.addAndGet(3);
    assertDoesNotThrow(l::rollback);
  }

  @Test
  void rollback_afterWritesWithAutoCommitOff_throwsOnceWithCount() {
    WriteLedger l = new WriteLedger(requests::get);
    l.setAutoCommit(false);
    assertFalse(l.autoCommit());
    requests.addAndGet(2);
    requests.addAndGet(1);
    SQLException e = assertThrows(SQLException.class, l::rollback);
    assertInstanceOf(SQLFeatureNotSupportedException.class, e);
    assertEquals("0A000", e.getSQLState());
    assertTrue(e.getMessage().contains("3 write request(s)"), e.getMessage());
    assertDoesNotThrow(l::rollback);
  }

  @Test
  void rollback_afterCommit_noOp() {
    WriteLedger l = new WriteLedger(requests::get);
    l.setAutoCommit(false);
    requests.addAndGet(5);
    l.commit();
    assertDoesNotThrow(l::rollback);
  }

  @Test
  void setAutoCommitTrue_countsAsCommit() {
    WriteLedger l = new WriteLedger(requests::get);
    l.setAutoCommit(false);
    requests.addAndGet(5);
    l.setAutoCommit(true);
    l.setAutoCommit(false);
    assertDoesNotThrow(l::rollback);
  }

  @Test
  void rollback_zeroRowWrites_noOp() {
    WriteLedger l = new WriteLedger(requests::get);
    l.setAutoCommit(false);
    requests.addAndGet(0);
    assertDoesNotThrow(l::rollback);
  }

  @Test
  void setAutoCommitFalseAgain_keepsTheCommitPoint() {
    WriteLedger l = new WriteLedger(requests::get);
    l.setAutoCommit(false);
    requests.incrementAndGet();
    l.setAutoCommit(false);
    SQLException e = assertThrows(SQLException.class, l::rollback);
    assertTrue(e.getMessage().contains("1 write request(s)"), e.getMessage());
  }

  @Test
  void writesBeforeAutoCommitOff_notBlamedOnRollback() {
    WriteLedger l = new WriteLedger(requests::get);
    requests.addAndGet(4);
    l.setAutoCommit(false);
    assertDoesNotThrow(l::rollback);
  }
}
