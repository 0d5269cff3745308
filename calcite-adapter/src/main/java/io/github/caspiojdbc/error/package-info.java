/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
/**
 * The one unchecked exception that {@code auth}, {@code rest} and the adapter throw, and the kinds
 * of failure it can carry, each with the SQLState it stands for. Names no JDBC type: the driver
 * turns it into the {@code SQLException} of the right subclass and SQLState.
 */
package io.github.caspiojdbc.error;
