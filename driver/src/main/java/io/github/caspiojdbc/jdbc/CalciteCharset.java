/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.jdbc;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.apache.calcite.config.CalciteSystemProperty;

/**
 * Makes Calcite treat SQL character literals as Unicode. Calcite's default literal charset is
 * ISO-8859-1, so {@code WHERE Name = '日本'} or {@code INSERT ... VALUES ('日本語')} fail validation
 * ("Failed to encode ... in character set 'ISO-8859-1'"). Calcite reads its defaults from system
 * properties once, when its {@code CalciteSystemProperty} class initialises, so they are set here
 * from the driver's static initialiser, before any Calcite class is touched by the driver, and only
 * when the application has not set them itself. If Calcite was already initialised by other code in
 * the JVM, its charset stays whatever that code chose.
 */
final class CalciteCharset {
  /** The charset and collation for literals; UTF-16LE covers every Java string. */
  static final String CHARSET = "UTF-16LE";

  static final String COLLATION = "UTF-16LE$en_US";

  private static final Logger LOG = Logger.getLogger(CalciteCharset.class.getName());

  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private CalciteCharset() {}

  /**
   * Logs a warning, once per class loader, when Calcite was initialised with a charset that cannot
   * hold every character (it was loaded by other code before this driver).
   */
  static void warnIfNotUnicode() {
    String actual = CalciteSystemProperty.DEFAULT_CHARSET.value();
    if (!actual.toUpperCase(Locale.ROOT).startsWith("UTF") && WARNED.compareAndSet(false, true)) {
      LOG.warning(
          "Calcite's literal charset is "
              + actual
              + ": SQL literals with other characters will fail. Set the system property"
              + " calcite.default.charset=UTF-16LE (and calcite.default.nationalcharset,"
              + " calcite.default.collation.name=UTF-16LE$en_US) before Calcite is first used.");
    }
  }

  static void apply() {
    setIfAbsent("calcite.default.charset", CHARSET);
    setIfAbsent("calcite.default.nationalcharset", CHARSET);
    setIfAbsent("calcite.default.collation.name", COLLATION);
  }

  private static void setIfAbsent(String key, String value) {
    try {
      if (System.getProperty(key) == null) {
        System.setProperty(key, value);
      }
    } catch (SecurityException e) {
      // A restricted environment keeps Calcite's default; only non-Latin-1 literals are affected.
    }
  }
}
