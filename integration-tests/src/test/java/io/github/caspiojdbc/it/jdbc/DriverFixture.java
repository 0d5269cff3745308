/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.jdbc;

import io.github.caspiojdbc.emulator.CaspioEmulator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** An emulator with small sample data and the driver URL and credentials that reach it. */
final class DriverFixture implements AutoCloseable {
  final CaspioEmulator emulator;

  DriverFixture() {
    this(CaspioEmulator.builder().sampleData(7, 200).build().start());
  }

  DriverFixture(CaspioEmulator emulator) {
    this.emulator = emulator;
  }

  String url() {
    return url("");
  }

  /** The URL with extra {@code &key=value} parameters. */
  String url(String extra) {
    return "jdbc:caspio://127.0.0.1:" + emulator.port() + "?useHttps=false" + extra;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(
        url(), CaspioEmulator.DEFAULT_CLIENT_ID, CaspioEmulator.DEFAULT_CLIENT_SECRET);
  }

  Connection connect(String extra) throws SQLException {
    return DriverManager.getConnection(
        url(extra), CaspioEmulator.DEFAULT_CLIENT_ID, CaspioEmulator.DEFAULT_CLIENT_SECRET);
  }

  static Properties credentials() {
    Properties p = new Properties();
    p.setProperty("user", CaspioEmulator.DEFAULT_CLIENT_ID);
    p.setProperty("password", CaspioEmulator.DEFAULT_CLIENT_SECRET);
    return p;
  }

  @Override
  public void close() {
    emulator.close();
  }
}
