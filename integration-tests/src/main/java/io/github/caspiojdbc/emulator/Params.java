/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decoded {@code application/x-www-form-urlencoded} pairs (a query string or a token request body)
 * with case-insensitive name lookup, as Caspio's ASP.NET binding treats names (research notes 4.1).
 */
final class Params {
  private final List<Map.Entry<String, String>> pairs;

  private Params(List<Map.Entry<String, String>> pairs) {
    this.pairs = pairs;
  }

  static final Params NONE = new Params(List.of());

  /**
   * Decodes {@code a=1&b=x%20y}; {@code +} means a space. Throws IllegalArgumentException on a
   * malformed escape so callers can answer 400.
   */
  static Params parse(String raw) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    if (raw != null && !raw.isEmpty()) {
      for (String part : raw.split("&")) {
        if (part.isEmpty()) {
          continue;
        }
        int eq = part.indexOf('=');
        String name = eq < 0 ? part : part.substring(0, eq);
        String value = eq < 0 ? "" : part.substring(eq + 1);
        pairs.add(
            Map.entry(
                URLDecoder.decode(name, StandardCharsets.UTF_8),
                URLDecoder.decode(value, StandardCharsets.UTF_8)));
      }
    }
    return new Params(List.copyOf(pairs));
  }

  /** Like {@link #parse} but never fails: used for logging, where a bad escape is kept raw. */
  static Params parseLenient(String raw) {
    try {
      return parse(raw);
    } catch (IllegalArgumentException e) {
      return new Params(List.of(Map.entry("<undecodable>", raw)));
    }
  }

  /** All values of the first name that equals one of {@code names}, ignoring case, in order. */
  List<String> all(String... names) {
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, String> pair : pairs) {
      for (String name : names) {
        if (pair.getKey().equalsIgnoreCase(name)) {
          values.add(pair.getValue());
          break;
        }
      }
    }
    return values;
  }

  /**
   * The single value under any of {@code names} (ignoring case), or empty. A name sent twice is
   * ambiguous and rejected through {@code onDuplicate}, the strict reading of RFC 6749 3.2 and of a
   * T-SQL fragment sent twice.
   */
  Optional<String> single(
      java.util.function.Supplier<RuntimeException> onDuplicate, String... names) {
    List<String> values = all(names);
    if (values.size() > 1) {
      throw onDuplicate.get();
    }
    return values.stream().findFirst();
  }

  /** These pairs and {@code more} after them, as if all had been sent. */
  Params plus(Map<String, String> more) {
    List<Map.Entry<String, String>> all = new ArrayList<>(pairs);
    more.forEach((k, v) -> all.add(Map.entry(k, v)));
    return new Params(List.copyOf(all));
  }

  /** The names as sent, in order, a name sent twice listed twice. */
  List<String> names() {
    return pairs.stream().map(Map.Entry::getKey).toList();
  }

  boolean isEmpty() {
    return pairs.isEmpty();
  }

  /** Names as sent, each with its values in order; {@code redacted} names show a placeholder. */
  Map<String, List<String>> toMap(java.util.Set<String> redacted) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (Map.Entry<String, String> pair : pairs) {
      String value =
          redacted.contains(pair.getKey().toLowerCase(java.util.Locale.ROOT))
              ? RequestLog.REDACTED
              : pair.getValue();
      map.computeIfAbsent(pair.getKey(), k -> new ArrayList<>()).add(value);
    }
    map.replaceAll((k, v) -> List.copyOf(v));
    return map;
  }
}
