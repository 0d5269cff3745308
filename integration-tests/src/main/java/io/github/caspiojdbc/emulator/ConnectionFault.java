/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

/** Ways the emulator can break a connection instead of answering, for client resilience tests. */
public enum ConnectionFault {
  /** The server resets the TCP connection (the client sees "connection reset"). */
  CONNECTION_RESET,
  /** The server closes the connection without sending a single byte. */
  EMPTY_RESPONSE,
  /** The server sends a 200 status line and then garbage instead of a well-formed body. */
  MALFORMED_CHUNK,
  /** The server sends random bytes and closes the connection. */
  RANDOM_DATA_THEN_CLOSE
}
