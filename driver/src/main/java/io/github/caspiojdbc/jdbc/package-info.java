/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
/**
 * The JDBC edge of the driver. {@link io.github.caspiojdbc.jdbc.CaspioDriver} is the only class
 * users name; {@link io.github.caspiojdbc.jdbc.CaspioProperty} lists every connection property;
 * {@code CaspioUrl} turns a {@code jdbc:caspio:} URL plus {@link java.util.Properties} into one
 * validated, immutable {@code CaspioConfig}, which is all that the layers below ever see.
 *
 * <h2>How a connection is built</h2>
 *
 * {@code ConnectionFactory.open} creates the token source, the REST client and the adapter's schema
 * (their settings translated from {@code CaspioConfig} by {@code ClientSettings} alone), checks the
 * account once (token plus table and view lists, which stay cached), then asks {@code
 * CalciteBridge} (Calcite's driver under an internal prefix, never registered) for a Calcite
 * connection with properties chosen by the driver only. The schema is added as {@code caspio}, made
 * the default, and Calcite's {@code metadata} schema is removed. Connection, statements, result
 * sets and {@code DatabaseMetaData} are thin wrappers over Avatica's objects ({@code
 * CaspioConnection} and dynamic proxies from {@code Wrappers}); {@code CaspioMeta} replaces the
 * metadata result sets with rows from {@code CatalogRows}.
 *
 * <h2>Decisions users can see</h2>
 *
 * <ul>
 *   <li><b>Names.</b> No catalogs; one schema {@code caspio}. Identifiers keep their case, match
 *       regardless of case, quoted or not, and are quoted with {@code "}. Metadata name patterns
 *       treat {@code _} literally (tools pass raw names as patterns) and compare
 *       case-insensitively.
 *   <li><b>Types.</b> {@code TYPE_NAME} and {@code getColumnTypeName} are plain names that {@code
 *       getTypeInfo} lists; {@code REMARKS} is Caspio's label and description; {@code PK_ID} is the
 *       primary key of every table and auto-increment; formula, timestamp, GUID, Random ID and
 *       Prefixed Autonumber fields are generated columns; unique fields are unique indexes. {@code
 *       ResultSetMetaData} of a column read straight from a table reports what {@code getColumns}
 *       does ({@code ColumnFacts}). Result types keep values whole ({@code CaspioTypeSystem}:
 *       unpadded text, fractional averages and statistics of integers); Currency values always have
 *       scale 4; {@code INITCAP} works by Unicode words (the adapter's {@code CaspioConvertlets}).
 *   <li><b>Transactions.</b> None: auto-commit is on by default; {@code commit} is a no-op; {@code
 *       rollback} is a no-op unless a write request was sent while auto-commit was off (counted by
 *       the adapter, so partly failed statements count too), in which case it fails with 0A000
 *       rather than pretend; isolation is always {@code TRANSACTION_NONE}.
 *   <li><b>Writes.</b> Batches run entry by entry and stop at the first failure with a {@link
 *       java.sql.BatchUpdateException} whose counts end with {@code EXECUTE_FAILED} for the failed
 *       entry (08007 when its outcome is unknown; never retried); {@code getGeneratedKeys} returns
 *       PK_ID and Caspio-generated values of the statement's INSERT; unicode SQL literals work
 *       (Calcite's literal charset is set to UTF-16LE when the driver loads). See {@code
 *       docs/writes.md}.
 *   <li><b>Read-only.</b> With the {@code readOnly=true} property, or after {@code
 *       setReadOnly(true)}, INSERT, UPDATE and DELETE are refused before anything reaches Caspio
 *       (SQLState 25006); {@code setReadOnly(false)} cannot lift the property.
 *   <li><b>Connect.</b> Wrong credentials fail at connect time (28000), an unreachable account with
 *       08001, so "Test connection" buttons tell the truth.
 *   <li><b>Liveness and time limits.</b> {@code isValid} lists the account's tables within its
 *       timeout; {@code setQueryTimeout} bounds a statement across all its pages (HYT00); {@code
 *       setNetworkTimeout} bounds {@code isValid} and every execution; {@code cancel} stops paging
 *       and aborts requests in flight (57014).
 *   <li><b>Date-times.</b> Caspio values are wall-clock times; {@code getObject(i,
 *       LocalDateTime.class)} and friends return them unchanged whatever the JVM's default zone;
 *       {@code OffsetDateTime} and {@code Instant} attach UTC.
 *   <li><b>Errors.</b> Every failure is an {@link java.sql.SQLException} with a standard SQLState
 *       (see {@code SqlErrors}); no message, log record or {@code toString} holds a secret.
 *   <li><b>Registration.</b> Loading {@code CaspioDriver} registers it; Calcite's own driver is
 *       never left registered by us (one that was registered before, from the user's class path,
 *       stays).
 * </ul>
 */
package io.github.caspiojdbc.jdbc;
