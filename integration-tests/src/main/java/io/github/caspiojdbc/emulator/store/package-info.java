/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
/**
 * The emulator's data store: a model of one Caspio account's tables and views, backed by an
 * in-memory H2 database in MSSQLServer mode so that the T-SQL fragments of {@code q.where}, {@code
 * q.select}, {@code q.groupBy} and {@code q.orderBy} are evaluated by a real SQL engine after a
 * strict allow-list validation. Knows nothing of HTTP.
 */
package io.github.caspiojdbc.emulator.store;
