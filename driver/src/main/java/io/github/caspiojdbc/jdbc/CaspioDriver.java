/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JDBC driver for {@code jdbc:caspio://<account-host>[:port][?key=value&...]} URLs. Loading
 * this class registers one instance with {@link DriverManager}; the jar also lists it in {@code
 * META-INF/services/java.sql.Driver}. The JDBC {@code user} and {@code password} are the client id
 * and client secret of a Caspio Web services profile.
 *
 * <p>Connections run SQL through Apache Calcite, but Calcite's own {@code jdbc:calcite:} driver is
 * never left registered by this class (see {@code CalciteBridge}).
 */
public final class CaspioDriver implements Driver {
  /** Parent of every logger of this project; what {@link #getParentLogger()} returns. */
  static final Logger ROOT_LOGGER = Logger.getLogger("io.github.caspiojdbc");

  private static final Logger LOG = Logger.getLogger(CaspioDriver.class.getName());

  static {
    Slf4jBridge.installIfPresent(CaspioDriver.class.getClassLoader(), ROOT_LOGGER);
    CalciteCharset.apply();
    try {
      DriverManager.registerDriver(new CaspioDriver());
    } catch (SQLException e) {
      // registerDriver only fails for a null driver; log instead of breaking class loading.
      LOG.log(Level.SEVERE, "Could not register the Caspio JDBC driver", e);
    }
  }

  /** Creates a driver; {@link DriverManager} and tools instantiate it reflectively. */
  public CaspioDriver() {}

  /** Whether {@code url} starts with {@code jdbc:caspio:}; never throws. */
  @Override
  public boolean acceptsURL(String url) {
    return CaspioUrl.acceptsURL(url);
  }

  /**
   * Opens a connection, or returns null when the URL is not a {@code jdbc:caspio:} URL. Unknown
   * entries in {@code info} are ignored; see {@code CaspioUrl} for the rules.
   *
   * @throws SQLException 08001/22023 for a bad URL or property, 28000 when Caspio rejects the
   *     credentials, 08001 when the account cannot be reached
   */
  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    CaspioConfig config = CaspioUrl.parse(url, info);
    return ConnectionFactory.open(config);
  }

  /** One entry per connection property; secrets' values are never returned. */
  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return CaspioUrl.propertyInfo(url, info);
  }

  @Override
  public int getMajorVersion() {
    return DriverInfo.MAJOR;
  }

  @Override
  public int getMinorVersion() {
    return DriverInfo.MINOR;
  }

  /** False: the driver does not pass the JDBC compliance suite (no transactions, for a start). */
  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  /** The {@code io.github.caspiojdbc} java.util.logging logger, parent of all of ours. */
  @Override
  public Logger getParentLogger() {
    return ROOT_LOGGER;
  }
}
