/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.arch.bad.rest;

/** Fixture: the selector whose constants code above rest compares. */
public enum ApiVersion {
  /** The only one. */
  V9
}
