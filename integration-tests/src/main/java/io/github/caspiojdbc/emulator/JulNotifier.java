/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import com.github.tomakehurst.wiremock.common.Notifier;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Routes WireMock's own messages to java.util.logging, the project's only logging API. */
final class JulNotifier implements Notifier {
  private static final Logger LOG = Logger.getLogger("io.github.caspiojdbc.emulator.wiremock");

  @Override
  public void info(String message) {
    LOG.fine(message);
  }

  @Override
  public void error(String message) {
    LOG.warning(message);
  }

  @Override
  public void error(String message, Throwable t) {
    LOG.log(Level.WARNING, message, t);
  }
}
