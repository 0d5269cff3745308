/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The query parameters of one REST v4 call, checked against the names that call takes.
 *
 * <p>Strict choices (research notes 8.3 name the parameters but no rule for others): v4 names are
 * plain camelCase, matched ignoring case as Caspio's ASP.NET binding does for v3 (notes 4.1); a
 * name the call does not take is refused with 400 {@code IncorrectQueryParameter}, unlike v3, which
 * ignores unknown {@code q.*} names, so a v3 habit such as {@code q.where} on v4 fails loudly
 * instead of silently matching every row; a name sent twice is refused too.
 */
final class V4Params {
  private final Params query;

  private V4Params(Params query) {
    this.query = query;
  }

  /**
   * @param allowed the parameter names the call takes, in v4 spelling
   * @throws ApiException 400 for a name outside {@code allowed}
   */
  static V4Params of(Params query, Set<String> allowed) {
    Set<String> lower =
        allowed.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    for (String name : query.toMap(Set.of()).keySet()) {
      if (!lower.contains(name.toLowerCase(Locale.ROOT))) {
        String hint =
            name.toLowerCase(Locale.ROOT).startsWith("q.") ? " (v4 has no q. prefix)" : "";
        throw ApiException.badQuery("Unknown query parameter " + name + hint + ".");
      }
    }
    return new V4Params(query);
  }

  Optional<String> text(String name) {
    return query.single(
        () -> ApiException.badQuery("Parameter " + name + " is given more than once."), name);
  }

  /** A plain decimal integer, or null when absent; ranges are the store's to check. */
  Integer integer(String name) {
    Optional<String> raw = text(name);
    if (raw.isEmpty()) {
      return null;
    }
    if (!raw.get().matches("[+-]?[0-9]{1,10}")) {
      throw ApiException.badQuery(name + " must be an integer.");
    }
    try {
      return Integer.valueOf(raw.get());
    } catch (NumberFormatException e) {
      throw ApiException.badQuery(name + " is out of range.");
    }
  }

  /** {@code true} or {@code false} (ignoring case); absent is false. */
  boolean flag(String name) {
    Optional<String> raw = text(name);
    if (raw.isEmpty() || raw.get().equalsIgnoreCase("false")) {
      return false;
    }
    if (raw.get().equalsIgnoreCase("true")) {
      return true;
    }
    throw ApiException.badQuery(name + " must be true or false.");
  }

  /** The names every records GET takes. */
  static final Set<String> QUERY =
      Set.copyOf(
          List.of("select", "where", "orderBy", "groupBy", "pageNumber", "pageSize", "limit"));

  /** The names a write takes: {@code echo=true} returns the affected records (notes 8.3). */
  static final Set<String> WRITE = Set.of("echo");
}
