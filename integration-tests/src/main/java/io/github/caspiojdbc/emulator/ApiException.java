/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

/**
 * A request the emulator refuses with a Caspio error envelope. Thrown by the routing and parameter
 * code and turned into {@code {"Code","Message","Resource","RequestId"}} in one place, so no
 * handler builds error bodies itself.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String allow;

  ApiException(int status, String code, String message) {
    this(status, code, message, null);
  }

  /** With {@code allow}, the value of the Allow header a 405 reply must carry. */
  ApiException(int status, String code, String message, String allow) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.allow = allow;
  }

  String allow() {
    return allow;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  static ApiException badQuery(String message) {
    return new ApiException(400, "IncorrectQueryParameter", message);
  }

  static ApiException badBody(String message) {
    return new ApiException(400, "IncorrectBodyParameter", message);
  }

  /** No resource of any generation matches the path. */
  static ApiException notFound() {
    return new ApiException(404, "NotFound", "No API resource matches this path.");
  }

  /** A known resource called with another method; {@code allow} lists the methods it takes. */
  static ApiException methodNotAllowed(String allow) {
    return new ApiException(
        405, "MethodNotAllowed", "The method is not allowed on this resource.", allow);
  }
}
