/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.emulator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The request log as a file anyone can count: one JSON object per line for each HTTP request the
 * emulator answered (time, method, path, decoded query, status, response bytes, request id),
 * written and flushed as the reply goes out, so that what a client sent is measured by the server,
 * not by the client's own counters. Bodies, forms and headers are never written: they carry
 * secrets.
 */
final class RequestLogFile implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Writer out;
  private final Clock clock;

  /** Creates or truncates {@code file}. */
  RequestLogFile(Path file, Clock clock) {
    try {
      this.out =
          Files.newBufferedWriter(
              file,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the request log " + file, e);
    }
    this.clock = clock;
  }

  /** Appends one line; a failed write is reported once on the error stream and then ignored. */
  synchronized void write(LoggedCall call) {
    try {
      JsonGenerator g = JSON.getFactory().createGenerator(out);
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeStringField("time", clock.instant().toString());
      g.writeStringField("method", call.method());
      g.writeStringField("path", call.path());
      g.writeObjectFieldStart("query");
      for (Map.Entry<String, List<String>> e : call.query().entrySet()) {
        g.writeArrayFieldStart(e.getKey());
        for (String v : e.getValue()) {
          g.writeString(v);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeNumberField("status", call.status());
      g.writeNumberField("responseBytes", call.responseBytes());
      g.writeStringField("kind", call.kind().name());
      g.writeStringField("requestId", call.requestId());
      g.writeEndObject();
      g.flush();
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      System.err.println("caspio-emulator: request log write failed: " + e.getMessage());
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      System.err.println("caspio-emulator: request log close failed: " + e.getMessage());
    }
  }
}
