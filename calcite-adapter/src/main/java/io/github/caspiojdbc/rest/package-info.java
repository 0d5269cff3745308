/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
/**
 * The only code that talks to Caspio's resource API (REST v3 by default, v2 selectable): typed
 * operations, streamed pages, bounded prefetch, safe retries and the URI length limit.
 */
package io.github.caspiojdbc.rest;
