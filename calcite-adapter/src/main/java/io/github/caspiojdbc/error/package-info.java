/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
/**
 * The one unchecked exception that {@code auth}, {@code rest} and the adapter throw, and the kinds
 * of failure it can carry. The JDBC layer turns it into an {@link java.sql.SQLException} of the
 * right subclass and SQLState with {@link
 * io.github.caspiojdbc.error.CaspioException#toSqlException()}.
 */
package io.github.caspiojdbc.error;
