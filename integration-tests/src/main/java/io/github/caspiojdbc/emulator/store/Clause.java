/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

/**
 * Which clause a fragment fills. The guard, the dialect rewrite and the rewriter that drives them
 * all decide by it (error statuses, which SQL Server semantics apply), so it stands on its own
 * rather than inside any one of them.
 */
enum Clause {
  SELECT,
  WHERE,
  GROUP_BY,
  ORDER_BY,
  /** Formula and view definitions written by the emulator itself. */
  DEFINITION
}
