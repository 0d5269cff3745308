/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.auth;

/** How the client id and secret travel to the token endpoint. */
public enum ClientAuthentication {
  /**
   * {@code client_id} and {@code client_secret} as form parameters in the request body (RFC 6749
   * section 2.3.1, "client_secret_post"). The default: it is what Caspio's own integrations send.
   */
  BODY,
  /**
   * An HTTP Basic {@code Authorization} header and only the grant in the body
   * ("client_secret_basic").
   *
   * <p>Following RFC 6749 section 2.3.1, the id and the secret are each
   * application/x-www-form-urlencoded (UTF-8) before {@code id:secret} is Base64-encoded. For
   * credentials made only of letters, digits, {@code -}, {@code .}, {@code _} and {@code *} (Caspio
   * issues such ids and secrets as far as we know) this is byte-for-byte the plain RFC 2045 form
   * that Caspio's documentation shows; for other characters it is what a standard OAuth server
   * expects. A server that does not decode them should be used with {@link #BODY}.
   */
  BASIC
}
