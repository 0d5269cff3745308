/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The H2 database of one store: a private in-memory database (unique name, kept alive by an
 * administrator connection used only for DDL and bulk loading) and a small pool of connections of a
 * restricted user that may only read and write the account schema. Every fragment runs on those
 * restricted connections, so even a fragment slipping past validation could not call FILE_READ,
 * CSVREAD, LINK_SCHEMA or RUNSCRIPT (H2 reserves them to administrators).
 */
final class Database implements AutoCloseable {
  /** Schema holding the account's tables and views, and nothing else. */
  static final String SCHEMA = "acct";

  /** Seconds before a statement is cancelled (answered as 400 SqlServerError). */
  static final int QUERY_TIMEOUT_SECONDS = 30;

  private static final AtomicLong INSTANCES = new AtomicLong();
  private static final int MAX_IDLE = 8;

  private final String name;
  private final String appPassword;
  private final Connection admin;
  private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();

  /**
   * @param ignoreCase whether text compares ignoring case ({@link Switches.Collation}); fixed for
   *     the database's life, since H2 types every text column by it when the column is created
   */
  Database(boolean ignoreCase) {
    SecureRandom r = new SecureRandom();
    byte[] suffix = new byte[8];
    r.nextBytes(suffix);
    name = "caspio_" + INSTANCES.incrementAndGet() + "_" + HexFormat.of().formatHex(suffix);
    byte[] pw = new byte[16];
    r.nextBytes(pw);
    appPassword = HexFormat.of().formatHex(pw);
    r.nextBytes(pw);
    // Random credentials even in memory: nothing else in the JVM may open this database.
    String adminPassword = HexFormat.of().formatHex(pw);
    try {
      // IGNORECASE makes every VARCHAR a VARCHAR_IGNORECASE: SQL Server's default CI collation.
      // Off, it stands for an account on a case-sensitive collation.
      admin =
          DriverManager.getConnection(
              "jdbc:h2:mem:"
                  + name
                  + ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE"
                  + ";IGNORECASE="
                  + (ignoreCase ? "TRUE" : "FALSE")
                  + ";DB_CLOSE_DELAY=-1",
              "sa",
              adminPassword);
      try (Statement s = admin.createStatement()) {
        s.execute("CREATE SCHEMA \"" + SCHEMA + "\"");
        s.execute("CREATE USER \"app\" PASSWORD '" + appPassword + "'");
        s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON SCHEMA \"" + SCHEMA + "\" TO \"app\"");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot start the emulator database", e);
    }
  }

  /** Runs DDL as administrator. */
  synchronized void ddl(String sql) throws SQLException {
    try (Statement s = admin.createStatement()) {
      s.execute(sql);
    }
  }

  /** The administrator connection, for bulk loading only; callers synchronize on this object. */
  Connection admin() {
    return admin;
  }

  /** A restricted connection; give it back with {@link #release}. */
  Connection borrow() throws SQLException {
    Connection c = idle.poll();
    if (c != null) {
      return c;
    }
    c = DriverManager.getConnection("jdbc:h2:mem:" + name, "app", appPassword);
    c.setSchema(SCHEMA);
    try (PreparedStatement p = c.prepareStatement("SET TIME ZONE 'UTC'")) {
      // GETDATE() must not depend on the JVM's zone.
      p.execute();
    }
    return c;
  }

  /**
   * {@link #borrow} for serving a call: a failure to connect is the emulator's own fault, so the
   * client sees Caspio's 500 rather than a checked exception leaking into every caller.
   */
  Connection lease() {
    try {
      return borrow();
    } catch (SQLException e) {
      throw new StoreException(500, "InternalError", "Emulator database unavailable");
    }
  }

  /** Returns a connection to the pool, rolled back and in auto-commit mode. */
  void release(Connection c) {
    try {
      if (c.isClosed()) {
        return;
      }
      if (!c.getAutoCommit()) {
        c.rollback();
        c.setAutoCommit(true);
      }
      if (idle.size() < MAX_IDLE) {
        idle.add(c);
      } else {
        c.close();
      }
    } catch (SQLException e) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // Broken connection: nothing left to do.
      }
    }
  }

  @Override
  public synchronized void close() {
    Connection c;
    while ((c = idle.poll()) != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // Closing anyway.
      }
    }
    try (Statement s = admin.createStatement()) {
      s.execute("SHUTDOWN");
    } catch (SQLException ignored) {
      // Already shut down.
    }
    try {
      admin.close();
    } catch (SQLException ignored) {
      // Already closed.
    }
  }
}
