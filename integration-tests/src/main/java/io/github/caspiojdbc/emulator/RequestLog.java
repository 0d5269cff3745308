/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the emulator served: the most recent {@value #MAX_ENTRIES} calls plus counters that cover
 * every call since the last {@link #clear()}. The cap keeps a long-running command-line emulator
 * from growing without bound; tests never get near it. Thread-safe.
 */
public final class RequestLog {
  /** Placeholder for secret values. */
  public static final String REDACTED = "<redacted>";

  static final int MAX_ENTRIES = 10_000;

  private final Deque<LoggedCall> entries = new ArrayDeque<>();
  private final Map<PathKind, Long> perKind = new EnumMap<>(PathKind.class);
  private long total;
  private RequestLogFile file;

  RequestLog() {}

  /** Also writes every call to {@code file} from now on (null: no file). */
  synchronized void writeTo(RequestLogFile file) {
    this.file = file;
  }

  synchronized void add(LoggedCall call) {
    if (file != null) {
      file.write(call);
    }
    if (entries.size() == MAX_ENTRIES) {
      entries.removeFirst();
    }
    entries.addLast(call);
    total++;
    perKind.merge(call.kind(), 1L, Long::sum);
  }

  /** The logged calls, oldest first. */
  public synchronized List<LoggedCall> entries() {
    return List.copyOf(entries);
  }

  /** The most recent call, or null when none was logged. */
  public synchronized LoggedCall last() {
    return entries.peekLast();
  }

  /** Every request received, whatever its path or outcome. */
  public synchronized long totalCalls() {
    return total;
  }

  /** Requests whose path falls in {@code kind}. */
  public synchronized long calls(PathKind kind) {
    return perKind.getOrDefault(kind, 0L);
  }

  /** Requests to {@code /oauth/token}, successful or not. */
  public synchronized long tokenRequests() {
    return calls(PathKind.TOKEN);
  }

  /** Forgets all entries and resets the counters. */
  public synchronized void clear() {
    entries.clear();
    perKind.clear();
    total = 0;
  }
}
