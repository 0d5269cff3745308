/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator.store;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** Server-generated values: Random IDs, GUIDs, prefixed autonumbers and timestamps. */
final class Generators {
  private static final String DIGITS = "0123456789";
  private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  /** The Windows zone ids Caspio offers most often, mapped to IANA ids. */
  private static final Map<String, String> WINDOWS_ZONES =
      Map.ofEntries(
          Map.entry("utc", "UTC"),
          Map.entry("gmt standard time", "Europe/London"),
          Map.entry("w. europe standard time", "Europe/Berlin"),
          Map.entry("central europe standard time", "Europe/Budapest"),
          Map.entry("romance standard time", "Europe/Paris"),
          Map.entry("eastern standard time", "America/New_York"),
          Map.entry("central standard time", "America/Chicago"),
          Map.entry("mountain standard time", "America/Denver"),
          Map.entry("us mountain standard time", "America/Phoenix"),
          Map.entry("pacific standard time", "America/Los_Angeles"),
          Map.entry("alaskan standard time", "America/Anchorage"),
          Map.entry("hawaiian standard time", "Pacific/Honolulu"),
          Map.entry("aus eastern standard time", "Australia/Sydney"),
          Map.entry("tokyo standard time", "Asia/Tokyo"),
          Map.entry("india standard time", "Asia/Kolkata"),
          Map.entry("china standard time", "Asia/Shanghai"));

  private final Random random;
  private final Clock clock;

  Generators(Random random, Clock clock) {
    this.random = random;
    this.clock = clock;
  }

  /** A RANDOM ID value honouring Format ({@code 0}, {@code U}, {@code 0U}), Length and Prefix. */
  String randomId(FieldDef f) {
    String alphabet;
    switch (f.format().toUpperCase(Locale.ROOT)) {
      case "0":
        alphabet = DIGITS;
        break;
      case "U":
        alphabet = LETTERS;
        break;
      default:
        alphabet = DIGITS + LETTERS;
    }
    int length = f.length() <= 0 ? 12 : f.length();
    StringBuilder b = new StringBuilder(f.prefix());
    synchronized (random) {
      for (int i = 0; i < length; i++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
    }
    return b.toString();
  }

  /** A 36-character hyphenated GUID ([INF] lower case, as .NET prints {@code Guid}). */
  String guid() {
    synchronized (random) {
      return new UUID(random.nextLong(), random.nextLong()).toString();
    }
  }

  /** Prefix + counter zero-padded to the width of Format ({@code "0001"} pads to 4 digits). */
  static String prefixed(FieldDef f, long counter) {
    int width = Math.max(1, f.format().length());
    String digits = Long.toString(counter);
    StringBuilder b = new StringBuilder(f.prefix());
    for (int i = digits.length(); i < width; i++) {
      b.append('0');
    }
    return b.append(digits).toString();
  }

  /** Wall-clock now in the field's time zone, whole seconds, naive like every Caspio date. */
  LocalDateTime now(FieldDef f) {
    return LocalDateTime.now(clock.withZone(zone(f.timeZone()))).truncatedTo(ChronoUnit.SECONDS);
  }

  static ZoneId zone(String windowsId) {
    if (windowsId == null || windowsId.isBlank()) {
      return ZoneOffset.UTC;
    }
    String iana = WINDOWS_ZONES.get(windowsId.trim().toLowerCase(Locale.ROOT));
    return iana == null ? ZoneOffset.UTC : ZoneId.of(iana);
  }
}
