/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.adapter.CaspioPrepare;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;

/**
 * Calcite's driver with our prefix, version, {@link CaspioMeta} and {@link CaspioPrepare}, used
 * only in-process to build the Calcite connection behind a {@link CaspioConnection}; it is never
 * registered with {@link DriverManager}, and it is handed only properties chosen by this driver,
 * never the user's.
 *
 * <p>Calcite's {@code org.apache.calcite.jdbc.Driver} registers an instance of itself when its
 * class is initialised, which first happens here. If no such instance was registered before (the
 * shaded jar, where Calcite is private to us), the one that appeared is deregistered again, so that
 * loading our driver leaves no {@code jdbc:calcite:} driver behind. If Calcite's driver was already
 * registered (Calcite on the user's class path, loaded by {@code DriverManager}'s service scan), it
 * belongs to the user and stays.
 */
final class CalciteBridge extends org.apache.calcite.jdbc.Driver {
  /** Internal prefix; never accepted by {@link CaspioDriver}. */
  static final String PREFIX = "jdbc:caspio-calcite:";

  /** Only {@link CalciteDrivers} creates one. */
  CalciteBridge() {}

  @Override
  protected String getConnectStringPrefix() {
    return PREFIX;
  }

  @Override
  protected DriverVersion createDriverVersion() {
    return new DriverVersion(
        DriverInfo.NAME,
        DriverInfo.VERSION,
        "Caspio",
        "",
        false,
        DriverInfo.MAJOR,
        DriverInfo.MINOR,
        0,
        0);
  }

  /**
   * Calcite's preparation with the adapter's checks of written values and its expression conversion
   * (INITCAP by Unicode words).
   */
  @Override
  public CalcitePrepare createPrepare() {
    return new CaspioPrepare();
  }

  @Override
  public Meta createMeta(AvaticaConnection connection) {
    return new CaspioMeta(super.createMeta(connection), connection);
  }

  /**
   * A new Calcite connection with {@link ClientSettings#calciteProperties} whose only schema
   * besides Calcite's root is {@code schema}, under {@code name} and the default; Calcite's {@code
   * metadata} schema is removed, so that tools list only the account's tables.
   */
  CalciteConnection openFor(String name, Schema schema) throws SQLException {
    CalciteConnection calcite = open(ClientSettings.calciteProperties());
    SchemaPlus root = calcite.getRootSchema();
    CalciteSchema rootSchema = root.unwrap(CalciteSchema.class);
    if (rootSchema != null) {
      rootSchema.removeSubSchema("metadata");
    }
    root.add(name, schema);
    calcite.setSchema(name);
    calcite.setAutoCommit(true);
    return calcite;
  }

  /** A new Calcite connection with exactly {@code calciteProperties}. */
  CalciteConnection open(Properties calciteProperties) throws SQLException {
    return (CalciteConnection) connect(PREFIX, calciteProperties);
  }
}
