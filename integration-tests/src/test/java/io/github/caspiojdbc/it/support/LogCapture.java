/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every {@code java.util.logging} record, at every level, from the moment this is made until its
 * suite ends. It starts capturing in its constructor rather than in a JUnit callback because the
 * fixture's emulator starts when JUnit reads the fixture's static field: declared and ordered
 * before the fixture, the capture sees everything the fixture logs, and JUnit ends it after the
 * fixture has closed:
 *
 * <pre>{@code
 * @RegisterExtension @Order(1) static final LogCapture logs = new LogCapture("io.github.caspiojdbc");
 * @RegisterExtension @Order(2) static final EmulatorFixture fixture = new EmulatorFixture();
 * }</pre>
 */
public final class LogCapture implements AutoCloseable, AfterAllCallback {
  private final List<LogRecord> records = new ArrayList<>();
  private final Logger root = Logger.getLogger("");
  private final Level rootLevel = root.getLevel();
  // Strong references: the log manager holds loggers weakly, and a collected one loses its level.
  private final List<Logger> raised = new ArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          synchronized (records) {
            records.add(r);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  /** Sets the root logger and the loggers named to {@link Level#ALL} and captures from now on. */
  public LogCapture(String... loggers) {
    root.setLevel(Level.ALL);
    for (String name : loggers) {
      Logger l = Logger.getLogger(name);
      l.setLevel(Level.ALL);
      raised.add(l);
    }
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
  }

  /** The records captured so far, oldest first. */
  public List<LogRecord> records() {
    synchronized (records) {
      return new ArrayList<>(records);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // A nested class inherits the extension; only the class that holds the field ends it.
    if (!context.getRequiredTestClass().isAnnotationPresent(Nested.class)) {
      close();
    }
  }

  /** Stops capturing and gives the loggers back their levels. */
  @Override
  public void close() {
    root.removeHandler(handler);
    root.setLevel(rootLevel);
    raised.forEach(l -> l.setLevel(null));
  }
}
