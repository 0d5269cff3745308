/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link BenchReport} as the printed table and as the JSON results file. */
final class ReportWriter {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportWriter() {}

  /** The table printed at the end of a run (also what docs/benchmarks.md shows). */
  static String table(BenchReport r) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "caspio-bench %s, %s, %.0f s; %s processors, Java %s, %s; load average %s -> %s%n%n",
            r.options().describe(),
            r.started(),
            r.seconds(),
            r.machine().get("processors"),
            r.machine().get("java"),
            r.machine().get("os"),
            r.machine().get("loadBefore"),
            r.machine().get("loadAfter")));
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"#", "metric", "value", "baseline", "ratio", "target", "met?"});
    for (MetricRow m : r.metrics()) {
      rows.add(
          new String[] {
            m.id(),
            m.name(),
            m.value() == null ? "not measured" : number(m.value(), m.unit()),
            m.baseline() == null ? "-" : number(m.baseline(), m.unit()),
            m.ratio() == null ? "-" : String.format(Locale.ROOT, "%.2f", m.ratio()),
            m.target(),
            m.met() == null ? "-" : m.met() ? "yes" : "NO"
          });
    }
    render(rows, out);
    out.append(System.lineSeparator()).append("Notes:").append(System.lineSeparator());
    for (MetricRow m : r.metrics()) {
      out.append(String.format(Locale.ROOT, "  %-3s %s%n", m.id(), m.note()));
      if (!m.baselineName().isEmpty()) {
        out.append(String.format(Locale.ROOT, "      baseline: %s%n", m.baselineName()));
      }
    }
    out.append(System.lineSeparator())
        .append("Query suite (metrics 1 and 2):")
        .append(System.lineSeparator());
    List<String[]> q = new ArrayList<>();
    q.add(new String[] {"#", "rows", "calls", "min", "bytes", "min bytes", "ratio", "query"});
    int i = 1;
    for (QueryResult qr : r.queries()) {
      q.add(
          new String[] {
            Integer.toString(i++),
            String.format(Locale.ROOT, "%,d", qr.rows()),
            Long.toString(qr.calls()),
            Long.toString(qr.minCalls()),
            String.format(Locale.ROOT, "%,d", qr.bytes()),
            String.format(Locale.ROOT, "%,d", qr.minBytes()),
            String.format(Locale.ROOT, "%.2f", qr.byteRatio()),
            qr.sql()
          });
    }
    render(q, out);
    return out.toString();
  }

  /** Writes the JSON results file, creating its directory. */
  static void writeJson(BenchReport r, Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("tool", "caspio-bench");
    root.put("started", r.started());
    root.put("seconds", r.seconds());
    ObjectNode opts = root.putObject("options");
    opts.put("rows", r.options().rows());
    opts.put("size", r.options().size().name().toLowerCase(Locale.ROOT));
    ObjectNode machine = root.putObject("machine");
    for (Map.Entry<String, String> e : r.machine().entrySet()) {
      machine.put(e.getKey(), e.getValue());
    }
    ArrayNode metrics = root.putArray("metrics");
    for (MetricRow m : r.metrics()) {
      ObjectNode n = metrics.addObject();
      n.put("id", m.id());
      n.put("name", m.name());
      putNumber(n, "value", m.value());
      n.put("unit", m.unit());
      putNumber(n, "baseline", m.baseline());
      n.put("baselineName", m.baselineName());
      putNumber(n, "ratio", m.ratio());
      n.put("target", m.target());
      if (m.met() == null) {
        n.putNull("met");
      } else {
        n.put("met", m.met());
      }
      n.put("note", m.note());
    }
    ArrayNode queries = root.putArray("queries");
    for (QueryResult q : r.queries()) {
      ObjectNode n = queries.addObject();
      n.put("sql", q.sql());
      n.put("rows", q.rows());
      n.put("calls", q.calls());
      n.put("minCalls", q.minCalls());
      n.put("bytes", q.bytes());
      n.put("minBytes", q.minBytes());
      ArrayNode requests = n.putArray("requests");
      q.requests().forEach(requests::add);
    }
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    JSON.writeValue(file.toFile(), root);
  }

  /** JSON has no NaN or infinity: those become null. */
  private static void putNumber(ObjectNode n, String key, Double v) {
    if (v == null || v.isNaN() || v.isInfinite()) {
      n.putNull(key);
    } else {
      n.put(key, v);
    }
  }

  static String number(double v, String unit) {
    return switch (unit) {
      case "rows/s" -> String.format(Locale.ROOT, "%,.0f rows/s", v);
      case "ms" -> String.format(Locale.ROOT, v >= 100 ? "%,.0f ms" : "%.2f ms", v);
      case "s" -> String.format(Locale.ROOT, "%.2f s", v);
      case "MB" -> String.format(Locale.ROOT, "%.1f MB", v);
      case "bytes" -> String.format(Locale.ROOT, "%,.0f B", v);
      case "calls" -> String.format(Locale.ROOT, "%,.0f calls", v);
      default -> String.format(Locale.ROOT, "%.1f %s", v, unit).trim();
    };
  }

  /** Left-aligned text columns separated by two spaces, with a rule under the header. */
  private static void render(List<String[]> rows, StringBuilder out) {
    int[] width = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < width.length; c++) {
        String cell = rows.get(r)[c];
        line.append(cell);
        if (c < width.length - 1) {
          line.append(" ".repeat(width[c] - cell.length() + 2));
        }
      }
      out.append(line.toString().stripTrailing()).append(System.lineSeparator());
      if (r == 0) {
        int total = 0;
        for (int w : width) {
          total += w + 2;
        }
        out.append("-".repeat(total - 2)).append(System.lineSeparator());
      }
    }
  }
}
