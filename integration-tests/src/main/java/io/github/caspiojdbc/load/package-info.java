/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */

/**
 * The load harness ({@code ./caspio-load}, {@link io.github.caspiojdbc.load.LoadMain}): many
 * threads through a HikariCP pool against the emulator with its rate limit, latency and faults on,
 * a mixed workload whose every read is checked against the emulator's store, writes under injected
 * resets reconciled with what the driver reported, and an optional soak that samples threads,
 * sockets, heap and file handles. Calls and 429s are counted from the emulator's request log.
 */
package io.github.caspiojdbc.load;
