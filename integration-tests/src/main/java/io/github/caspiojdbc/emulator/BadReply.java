/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

/** Replies that are not what a Caspio client expects to parse. */
public enum BadReply {
  /**
   * The request is processed as usual, then only the first half of the reply body is sent (with a
   * matching Content-Length), so the JSON is cut off mid-document.
   */
  TRUNCATED_BODY,
  /** 502 with an HTML page, as a load balancer in front of the API would send; not processed. */
  HTML_ERROR_PAGE,
  /** 200 with an HTML page (a captive portal or login page); not processed. */
  HTML_OK_PAGE
}
