/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import io.github.caspiojdbc.rest.ApiVersion;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;

/**
 * The scalar answers of our {@link DatabaseMetaData} that differ from Avatica's, and wrapping of
 * its result sets (whose rows come from {@link CatalogRows}).
 *
 * <ul>
 *   <li>Product {@code Caspio}, version {@code REST API v3} (or v2), as configured.
 *   <li>Identifiers: unquoted and quoted names are kept as written and matched regardless of case
 *       (Calcite runs with {@code caseSensitive=false} and {@code UNCHANGED} casing), so both
 *       {@code storesMixedCase...} answers are true and both {@code supportsMixedCase...} false;
 *       the quote is {@code "}.
 *   <li>No catalogs: every {@code supportsCatalogsIn...} is false.
 *   <li>No transactions: isolation {@code TRANSACTION_NONE} only; both holdabilities are supported
 *       because commit never closes anything.
 *   <li>NULLs sort low, as in SQL Server.
 *   <li>Generated keys are supported ({@link GeneratedKeys}); savepoints, stored procedures and
 *       multiple result sets are not.
 * </ul>
 */
final class MetaDataHandler extends Wrappers.Handler {
  private final CaspioConnection owner;

  MetaDataHandler(CaspioConnection owner, DatabaseMetaData delegate) {
    super(delegate);
    this.owner = owner;
  }

  @Override
  Object intercept(Object proxy, Method method, Object[] args) throws Throwable {
    Object answer = answer(method.getName(), args);
    if (answer != null) {
      return answer;
    }
    Object result = forward(method, args);
    if (result instanceof ResultSet rs) {
      return Wrappers.resultSet(null, rs);
    }
    return result;
  }

  /** Our answer, or null to let Avatica answer. */
  private Object answer(String name, Object[] args) {
    CaspioConfig config = owner.config();
    // The generation the connection settled on (auto decides it while connecting).
    ApiVersion api = owner.api().version();
    return switch (name) {
      case "getConnection" -> owner;
      case "getDatabaseProductName" -> "Caspio";
      case "getDatabaseProductVersion" -> api.productVersion();
      case "getDatabaseMajorVersion" -> api.majorVersion();
      case "getDatabaseMinorVersion" -> 0;
      case "getDriverName" -> DriverInfo.NAME;
      case "getDriverVersion" -> DriverInfo.VERSION;
      case "getDriverMajorVersion" -> DriverInfo.MAJOR;
      case "getDriverMinorVersion" -> DriverInfo.MINOR;
      case "getJDBCMajorVersion" -> 4;
      case "getJDBCMinorVersion" -> 2;
      case "getURL" -> config.url();
      case "getUserName" -> config.clientId();
      case "getIdentifierQuoteString" -> "\"";
      case "getSearchStringEscape" -> "\\";
      case "getExtraNameCharacters" -> "";
      case "getCatalogTerm" -> "catalog";
      case "getSchemaTerm" -> "schema";
      case "getProcedureTerm" -> "procedure";
      case "getCatalogSeparator" -> ".";
      case "isCatalogAtStart" -> true;
      case "storesMixedCaseIdentifiers", "storesMixedCaseQuotedIdentifiers" -> true;
      case "storesUpperCaseIdentifiers",
          "storesLowerCaseIdentifiers",
          "storesUpperCaseQuotedIdentifiers",
          "storesLowerCaseQuotedIdentifiers",
          "supportsMixedCaseIdentifiers",
          "supportsMixedCaseQuotedIdentifiers" ->
          false;
      case "supportsCatalogsInDataManipulation",
          "supportsCatalogsInTableDefinitions",
          "supportsCatalogsInProcedureCalls",
          "supportsCatalogsInIndexDefinitions",
          "supportsCatalogsInPrivilegeDefinitions" ->
          false;
      case "supportsSchemasInDataManipulation",
          "supportsSchemasInTableDefinitions",
          "supportsSchemasInProcedureCalls",
          "supportsSchemasInIndexDefinitions",
          "supportsSchemasInPrivilegeDefinitions" ->
          true;
      case "supportsTransactions",
          "supportsMultipleTransactions",
          "supportsDataDefinitionAndDataManipulationTransactions",
          "supportsDataManipulationTransactionsOnly",
          "dataDefinitionCausesTransactionCommit",
          "dataDefinitionIgnoredInTransactions",
          "supportsOpenCursorsAcrossCommit",
          "supportsOpenCursorsAcrossRollback",
          "supportsOpenStatementsAcrossCommit",
          "supportsOpenStatementsAcrossRollback" ->
          // Cursors do stay open across a commit, but there is nothing to commit; these describe
          // transactional behaviour, which does not exist.
          false;
      case "getDefaultTransactionIsolation" -> Connection.TRANSACTION_NONE;
      case "supportsTransactionIsolationLevel" ->
          args.length == 1 && (Integer) args[0] == Connection.TRANSACTION_NONE;
      case "supportsResultSetHoldability" ->
          args.length == 1
              && ((Integer) args[0] == ResultSet.HOLD_CURSORS_OVER_COMMIT
                  || (Integer) args[0] == ResultSet.CLOSE_CURSORS_AT_COMMIT);
      case "getResultSetHoldability" -> ResultSet.HOLD_CURSORS_OVER_COMMIT;
      case "nullsAreSortedLow" -> true;
      case "nullsAreSortedHigh", "nullsAreSortedAtStart", "nullsAreSortedAtEnd" -> false;
      case "isReadOnly" -> config.readOnly();
      case "supportsGetGeneratedKeys" -> true;
      // The driver's own procedures (getProcedures), through CALL and {call ...}.
      case "supportsStoredProcedures", "allProceduresAreCallable" -> true;
      case "generatedKeyAlwaysReturned",
          "supportsSavepoints",
          "supportsMultipleResultSets",
          "supportsMultipleOpenResults",
          "supportsNamedParameters",
          "supportsStatementPooling",
          "autoCommitFailureClosesAllResultSets",
          "supportsStoredFunctionsUsingCallSyntax" ->
          false;
      case "ownUpdatesAreVisible",
          "ownDeletesAreVisible",
          "ownInsertsAreVisible",
          "othersUpdatesAreVisible",
          "othersDeletesAreVisible",
          "othersInsertsAreVisible",
          "updatesAreDetected",
          "deletesAreDetected",
          "insertsAreDetected" ->
          // Result sets are read-only snapshots of pages already fetched: no change shows.
          false;
      case "getSQLStateType" -> DatabaseMetaData.sqlStateSQL;
      case "getRowIdLifetime" -> RowIdLifetime.ROWID_UNSUPPORTED;
      default -> null;
    };
  }
}
