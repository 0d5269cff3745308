/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Sends the driver's {@code java.util.logging} records to the application's SLF4J when it has one:
 * a {@link Handler} on the driver's root logger, installed once when the driver class loads.
 *
 * <p>SLF4J is reached by reflection through the class loader that loaded the driver, under names
 * assembled at run time: the shaded jar relocates every literal {@code org.slf4j} name to its own
 * bundled copy, which is the one SLF4J the bridge must never talk to.
 *
 * <p>It stays off, and the records go to {@code java.util.logging} as before, when:
 *
 * <ul>
 *   <li>the system property {@value #PROPERTY} is {@code jul};
 *   <li>no SLF4J API is visible, or SLF4J has no provider (its no-operation factory would drop
 *       every line);
 *   <li>SLF4J's provider is its {@code java.util.logging} binding: SLF4J would hand each record
 *       straight back to the logger it came from, a loop.
 * </ul>
 *
 * <p>Once on, the driver's root logger stops passing records to the JVM's root handlers, so a line
 * is never written twice (for example once more through {@code jul-to-slf4j}). Levels map FINEST
 * and FINER to trace, FINE and CONFIG to debug, INFO to info, WARNING to warn and SEVERE to error;
 * the driver's loggers are set to the finest level SLF4J enables for {@code io.github.caspiojdbc}
 * at installation, unless {@code java.util.logging} configuration already set one.
 */
final class Slf4jBridge extends Handler {
  /** The system property that turns the bridge off ({@code jul}) or leaves it automatic. */
  static final String PROPERTY = "caspio.logging";

  private static final String SLF4J = String.join(".", "org", "slf4j");

  /**
   * Calls on this thread that are inside SLF4J now: a record logged while SLF4J handles one (a
   * provider that logs through {@code java.util.logging} itself) is dropped, never looped.
   */
  private static final ThreadLocal<Boolean> PUBLISHING = new ThreadLocal<>();

  private final MethodHandle getLogger;
  private final MethodHandle[] enabled;
  private final MethodHandle[] log;
  private final Map<String, Object> loggers = new ConcurrentHashMap<>();
  private final SimpleFormatter messages = new SimpleFormatter();

  private Slf4jBridge(MethodHandle getLogger, MethodHandle[] enabled, MethodHandle[] log) {
    this.getLogger = getLogger;
    this.enabled = enabled;
    this.log = log;
  }

  /**
   * Installs the bridge on {@code root} when the SLF4J that {@code loader} sees can take the
   * records, as the class comment says.
   *
   * @return whether it was installed
   */
  static boolean installIfPresent(ClassLoader loader, Logger root) {
    if ("jul".equalsIgnoreCase(System.getProperty(PROPERTY, "").trim())) {
      return false;
    }
    for (Handler h : root.getHandlers()) {
      // java.util.logging is one per JVM: a second copy of the driver (another class loader)
      // finds the first one's bridge on the same logger and must not write every line twice.
      if (h.getClass().getName().equals(Slf4jBridge.class.getName())) {
        return false;
      }
    }
    Slf4jBridge bridge = find(loader);
    if (bridge == null) {
      return false;
    }
    if (root.getLevel() == null) {
      root.setLevel(bridge.finestEnabled(root.getName()));
    }
    root.addHandler(bridge);
    root.setUseParentHandlers(false);
    return true;
  }

  /** The bridge to the SLF4J {@code loader} sees, or null when it must stay off. */
  private static Slf4jBridge find(ClassLoader loader) {
    try {
      Class<?> factory = Class.forName(SLF4J + ".LoggerFactory", true, loader);
      Class<?> logger = Class.forName(SLF4J + ".Logger", false, loader);
      Class<?> providerType = Class.forName(SLF4J + ".ILoggerFactory", false, loader);
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      Object provider =
          lookup
              .findStatic(factory, "getILoggerFactory", MethodType.methodType(providerType))
              .invoke();
      String providerName = provider == null ? "" : provider.getClass().getName();
      if (providerName.endsWith(".NOPLoggerFactory")
          || providerName.endsWith(".JDK14LoggerFactory")) {
        return null;
      }
      String[] levels = {"trace", "debug", "info", "warn", "error"};
      MethodHandle[] enabled = new MethodHandle[levels.length];
      MethodHandle[] log = new MethodHandle[levels.length];
      for (int i = 0; i < levels.length; i++) {
        String l = levels[i];
        String capital = Character.toUpperCase(l.charAt(0)) + l.substring(1);
        enabled[i] =
            lookup.findVirtual(
                logger, "is" + capital + "Enabled", MethodType.methodType(boolean.class));
        log[i] =
            lookup.findVirtual(
                logger, l, MethodType.methodType(void.class, String.class, Throwable.class));
      }
      MethodHandle getLogger =
          lookup.findStatic(factory, "getLogger", MethodType.methodType(logger, String.class));
      return new Slf4jBridge(getLogger, enabled, log);
    } catch (Throwable absent) {
      // No SLF4J, or one this bridge cannot use: java.util.logging keeps the records.
      return null;
    }
  }

  @Override
  public void publish(LogRecord record) {
    if (record == null || PUBLISHING.get() != null) {
      return;
    }
    int level = slf4jLevel(record.getLevel());
    PUBLISHING.set(Boolean.TRUE);
    try {
      Object logger = logger(record.getLoggerName());
      if ((boolean) enabled[level].invoke(logger)) {
        log[level].invoke(logger, messages.formatMessage(record), record.getThrown());
      }
    } catch (Throwable e) {
      reportError("SLF4J refused a record", e instanceof Exception x ? x : null, 0);
    } finally {
      PUBLISHING.remove();
    }
  }

  private Object logger(String name) {
    String key = name == null ? "io.github.caspiojdbc" : name;
    return loggers.computeIfAbsent(
        key,
        n -> {
          try {
            return getLogger.invoke(n);
          } catch (Throwable e) {
            throw new IllegalStateException("SLF4J gave no logger for " + n, e);
          }
        });
  }

  /**
   * The finest {@code java.util.logging} level whose records SLF4J would write for {@code name}.
   */
  private Level finestEnabled(String name) {
    Level[] julLevels = {Level.FINEST, Level.FINE, Level.INFO, Level.WARNING, Level.SEVERE};
    try {
      Object logger = logger(name);
      for (int i = 0; i < enabled.length; i++) {
        if ((boolean) enabled[i].invoke(logger)) {
          return julLevels[i];
        }
      }
      return Level.OFF;
    } catch (Throwable e) {
      return Level.INFO;
    }
  }

  /** Index into trace, debug, info, warn, error. */
  static int slf4jLevel(Level level) {
    int v = level == null ? Level.INFO.intValue() : level.intValue();
    if (v >= Level.SEVERE.intValue()) {
      return 4;
    }
    if (v >= Level.WARNING.intValue()) {
      return 3;
    }
    if (v >= Level.INFO.intValue()) {
      return 2;
    }
    if (v >= Level.FINE.intValue()) {
      return 1;
    }
    return 0;
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
