/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */

/**
 * How a connection reaches Caspio through the network in between: an HTTP proxy (given, or the
 * JVM's), the hosts that bypass it, and the certificates trusted for TLS. Shared by the token
 * client ({@code auth}) and the REST client ({@code rest}); knows neither.
 */
package io.github.caspiojdbc.net;
