/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
/**
 * How the token manager and the REST client pace their retries: one capped exponential backoff and
 * one reading of {@code Retry-After}, so both speak to Caspio the same way.
 */
package io.github.caspiojdbc.retry;
