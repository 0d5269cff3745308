/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Fault injection for one emulator. Counted faults ("the next K requests") are consumed in the
 * order they were added, one per matching request; an optional path pattern is a regular expression
 * searched in the request path as sent (so {@code "/records"} matches every records call). Per
 * request, at most one rate-limit, failure, drop or bad-reply fault applies, plus at most one extra
 * delay on top of the base latency. Thread-safe.
 */
public final class Faults {

  enum Kind {
    FAIL,
    DROP_BEFORE,
    DROP_AFTER,
    BAD_REPLY,
    DELAY
  }

  /** One counted fault; mutable count guarded by the owning {@link Faults}. */
  static final class Rule {
    final Kind kind;
    final Pattern path;
    final int status;
    final ConnectionFault fault;
    final BadReply badReply;
    final Duration delay;
    int remaining;

    Rule(
        Kind kind,
        int count,
        String pathRegex,
        int status,
        ConnectionFault fault,
        BadReply badReply,
        Duration delay) {
      if (count < 1) {
        throw new IllegalArgumentException("count must be at least 1, was " + count);
      }
      this.kind = kind;
      this.remaining = count;
      this.path = pathRegex == null ? null : Pattern.compile(pathRegex);
      this.status = status;
      this.fault = fault;
      this.badReply = badReply;
      this.delay = delay;
    }

    boolean appliesTo(String requestPath) {
      return path == null || path.matcher(requestPath).find();
    }
  }

  /**
   * What to do to one request. {@code outcome} is null (serve normally) or the fault to apply;
   * {@code rateLimited} is non-null when the call is over the rate limit.
   */
  record Plan(RateLimitReply rateLimited, Rule outcome, Duration delay) {}

  private final Clock clock;
  private final List<Rule> rules = new ArrayList<>();
  private Duration latency;
  private int callsPerSecond;
  private RateLimitReply rateLimitReply;
  private final RateLimitReply defaultReply;
  private long windowSecond = Long.MIN_VALUE;
  private int windowCalls;

  /**
   * @param defaultReply the reply of {@link #rateLimit(int)}, the builder's rate-limit switch
   */
  Faults(Clock clock, Duration latency, RateLimitReply defaultReply) {
    this.clock = clock;
    this.latency = latency;
    this.defaultReply = Objects.requireNonNull(defaultReply, "defaultReply");
  }

  /**
   * {@link #rateLimit(int, RateLimitReply)} with the reply the emulator was built with ({@code
   * CaspioEmulator.Builder.rateLimitReply}, 429 unless set).
   */
  public void rateLimit(int callsPerSecond) {
    rateLimit(callsPerSecond, defaultReply);
  }

  /**
   * Answers every API call beyond {@code callsPerSecond} within one second of the emulator's clock
   * with {@code reply}, account-wide (all clients share the budget, as on Caspio). Token requests
   * are not limited. Seconds come from the emulator's {@link Clock}: with a fixed test clock the
   * budget only renews when the test moves the clock.
   */
  public synchronized void rateLimit(int callsPerSecond, RateLimitReply reply) {
    if (callsPerSecond < 0) {
      throw new IllegalArgumentException("callsPerSecond must not be negative");
    }
    this.callsPerSecond = callsPerSecond;
    this.rateLimitReply = Objects.requireNonNull(reply, "reply");
    this.windowSecond = Long.MIN_VALUE;
  }

  /** The next {@code count} requests get {@code status} (400-599) with a Caspio error body. */
  public void failNext(int count, int status) {
    failNext(count, status, null);
  }

  /** Like {@link #failNext(int, int)}, counting only requests whose path matches the pattern. */
  public void failNext(int count, int status, String pathRegex) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be 400-599, was " + status);
    }
    add(new Rule(Kind.FAIL, count, pathRegex, status, null, null, null));
  }

  /** The next {@code count} requests lose their connection before they are processed. */
  public void dropNext(int count, ConnectionFault fault) {
    dropNext(count, fault, null);
  }

  /** Like {@link #dropNext(int, ConnectionFault)}, for requests whose path matches. */
  public void dropNext(int count, ConnectionFault fault, String pathRegex) {
    add(new Rule(Kind.DROP_BEFORE, count, pathRegex, 0, Objects.requireNonNull(fault), null, null));
  }

  /**
   * The next {@code count} matching requests ARE processed (a POST inserts its row) and then lose
   * their connection: the case that makes blind retries of writes unsafe.
   */
  public void dropNextAfterProcessing(int count, ConnectionFault fault, String pathRegex) {
    add(new Rule(Kind.DROP_AFTER, count, pathRegex, 0, Objects.requireNonNull(fault), null, null));
  }

  /** The next {@code count} requests get a reply of the given bad kind. */
  public void badReplyNext(int count, BadReply kind) {
    badReplyNext(count, kind, null);
  }

  /** Like {@link #badReplyNext(int, BadReply)}, for requests whose path matches. */
  public void badReplyNext(int count, BadReply kind, String pathRegex) {
    add(new Rule(Kind.BAD_REPLY, count, pathRegex, 0, null, Objects.requireNonNull(kind), null));
  }

  /** The next {@code count} requests are answered {@code delay} later than usual. */
  public void delayNext(int count, Duration delay) {
    delayNext(count, delay, null);
  }

  /** Like {@link #delayNext(int, Duration)}, for requests whose path matches. */
  public void delayNext(int count, Duration delay, String pathRegex) {
    requireNonNegative(delay);
    add(new Rule(Kind.DELAY, count, pathRegex, 0, null, null, delay));
  }

  /** Latency added to every reply (the builder's value until changed). */
  public synchronized void setLatency(Duration latency) {
    this.latency = requireNonNegative(latency);
  }

  /** The latency added to every reply. */
  public synchronized Duration latency() {
    return latency;
  }

  /** Removes the rate limit and every pending counted fault; the base latency stays. */
  public synchronized void clear() {
    rules.clear();
    callsPerSecond = 0;
    rateLimitReply = null;
  }

  /** The account-wide calls per second set by {@link #rateLimit}, or null when there is none. */
  synchronized Integer rateLimitPerSecond() {
    return rateLimitReply == null ? null : callsPerSecond;
  }

  /** Decides the fate of one request and consumes the counted faults it uses. */
  synchronized Plan plan(String path, boolean apiCall) {
    if (apiCall && rateLimitReply != null && overRateLimit()) {
      return new Plan(rateLimitReply, null, latency);
    }
    Rule outcome = take(path, false);
    Rule delay = take(path, true);
    return new Plan(null, outcome, delay == null ? latency : latency.plus(delay.delay));
  }

  private boolean overRateLimit() {
    long second = Math.floorDiv(clock.millis(), 1000L);
    if (second != windowSecond) {
      windowSecond = second;
      windowCalls = 0;
    }
    windowCalls++;
    return windowCalls > callsPerSecond;
  }

  private Rule take(String path, boolean delays) {
    for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
      Rule rule = it.next();
      if ((rule.kind == Kind.DELAY) == delays && rule.appliesTo(path)) {
        if (--rule.remaining == 0) {
          it.remove();
        }
        return rule;
      }
    }
    return null;
  }

  private synchronized void add(Rule rule) {
    rules.add(rule);
  }

  private static Duration requireNonNegative(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative");
    }
    return d;
  }
}
