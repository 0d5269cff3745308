/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.rest;

/**
 * The outcome of a set-based update, delete or password change.
 *
 * @param count Caspio's {@code RecordsAffected}; triggered actions may change more rows than this
 */
public record RecordsAffected(long count) {}
