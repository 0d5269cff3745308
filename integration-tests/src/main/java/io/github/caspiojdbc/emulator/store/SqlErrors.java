/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import java.sql.SQLException;

/**
 * Translates H2 errors into Caspio's 400 {@code SqlServerError}, with SQL Server wording where the
 * client may rely on it and without H2's echo of the (rewritten) statement.
 */
final class SqlErrors {
  private SqlErrors() {}

  /**
   * Translates an H2 error.
   *
   * @param e the error
   * @param table the table written to, for unique violations; may be {@code null}
   */
  static StoreException translate(SQLException e, TableModel table) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String message = e.getMessage() == null ? "" : e.getMessage();
    switch (state) {
      case "23505":
        String constraint = "UQ";
        if (table != null) {
          for (FieldDef f : table.def.fields()) {
            if (f.unique() && message.contains(table.uniqueConstraint(f) + " ")) {
              constraint = table.uniqueConstraint(f);
            }
          }
        }
        return new StoreException(
            400,
            "SqlServerError",
            "Violation of UNIQUE KEY constraint '"
                + constraint
                + "'. Cannot insert duplicate key in object 'dbo."
                + (table == null ? "?" : table.name())
                + "'.");
      case "57014":
        return new StoreException(400, "SqlServerError", "Execution Timeout Expired.");
      default:
        return new StoreException(400, "SqlServerError", clean(message));
    }
  }

  /** A refusal worded as SQL Server's own: 400 {@code SqlServerError}. */
  static StoreException sqlError(String message) {
    return new StoreException(400, "SqlServerError", message);
  }

  /** H2's first message line without the echoed statement and the error-code suffix. */
  static String clean(String message) {
    String s = message;
    int stmt = s.indexOf("; SQL statement:");
    if (stmt >= 0) {
      s = s.substring(0, stmt);
    }
    s = s.replaceAll("\\s*\\[\\d+-\\d+]\\s*$", "");
    int nl = s.indexOf('\n');
    return (nl >= 0 ? s.substring(0, nl) : s).replace("\"acct\".", "").trim();
  }
}
