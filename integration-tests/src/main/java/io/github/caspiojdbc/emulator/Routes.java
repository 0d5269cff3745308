/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

/** Fixed paths the emulator serves (research notes section 1 and 2.1). */
final class Routes {
  static final String TOKEN_PATH = "/oauth/token";
  static final String V3_PREFIX = "/integrations/rest/v3";
  static final String V2_PREFIX = "/rest/v2";

  /** Caspio's documented URI limit (notes 6.4); longer request URIs get 414. */
  static final int MAX_URI_LENGTH = 2047;

  private Routes() {}
}
