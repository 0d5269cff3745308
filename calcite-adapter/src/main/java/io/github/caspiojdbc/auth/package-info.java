/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
/**
 * OAuth 2.0 client-credentials tokens for Caspio: obtains, caches, refreshes and shares access
 * tokens, and never lets a secret or token reach a log, a message or {@code toString()}. Knows
 * nothing of Calcite or JDBC.
 */
package io.github.caspiojdbc.auth;
