/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

/** REST API generation whose JSON shapes are rendered (they differ only in field definitions). */
public enum ApiVersion {
  V2,
  V3
}
