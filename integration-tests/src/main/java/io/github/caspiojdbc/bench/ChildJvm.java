/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs {@link ChildMain} in a new JVM with this JVM's class path: for cold-start timings, which
 * need a JVM that has loaded nothing yet, and for heap measurements, which must not see the
 * emulator's heap.
 */
final class ChildJvm {
  /** Output lines starting with this carry results as {@code bench.key=value}. */
  static final String PREFIX = "bench.";

  private static final long TIMEOUT_MINUTES = 10;

  /**
   * What a child reported.
   *
   * @param wallMs from process start to exit, as seen by the parent
   * @param values the {@code bench.key=value} lines, without the prefix
   */
  record Result(double wallMs, Map<String, String> values) {
    double number(String key) {
      String v = values.get(key);
      if (v == null) {
        throw new IllegalStateException("the child JVM did not report " + key + ": " + values);
      }
      return Double.parseDouble(v);
    }
  }

  private ChildJvm() {}

  /**
   * This JVM's class path with each module's {@code target/classes} replaced by the jar its build
   * left next to it, as class-data sharing needs (no directories); empty when a directory has no
   * single such jar, or a file in it is newer than the jar.
   */
  static Optional<String> jarClassPath() {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (!Files.isDirectory(p)) {
        entries.add(entry);
        continue;
      }
      Optional<Path> jar = moduleJar(p);
      if (jar.isEmpty()) {
        return Optional.empty();
      }
      entries.add(jar.get().toString());
    }
    return Optional.of(String.join(File.pathSeparator, entries));
  }

  private static Optional<Path> moduleJar(Path classes) {
    Path target = classes.getParent();
    if (!classes.endsWith("classes") || target == null) {
      return Optional.empty();
    }
    List<Path> jars;
    try (Stream<Path> files = Files.list(target)) {
      jars =
          files
              .filter(f -> f.toString().endsWith(".jar"))
              .filter(f -> !f.toString().matches(".*-(all|sources|javadoc|tests)\\.jar"))
              .toList();
    } catch (IOException e) {
      return Optional.empty();
    }
    if (jars.size() != 1) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(classes)) {
      FileTime jarTime = Files.getLastModifiedTime(jars.get(0));
      boolean stale =
          files.anyMatch(
              f -> {
                try {
                  return Files.getLastModifiedTime(f).compareTo(jarTime) > 0;
                } catch (IOException e) {
                  return true;
                }
              });
      return stale ? Optional.empty() : Optional.of(jars.get(0));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static Result run(List<String> jvmOptions, String... args) {
    return runOnClassPath(jvmOptions, System.getProperty("java.class.path"), args);
  }

  /** As {@link #run}, on the given class path. */
  static Result runOnClassPath(List<String> jvmOptions, String classPath, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(ChildMain.class.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    long t0 = System.nanoTime();
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException("Could not start a child JVM: " + e.getMessage(), e);
    }
    Map<String, String> values = new HashMap<>();
    StringBuilder other = new StringBuilder();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        int eq = line.indexOf('=');
        if (line.startsWith(PREFIX) && eq > 0) {
          values.put(line.substring(PREFIX.length(), eq), line.substring(eq + 1));
        } else if (other.length() < 4000) {
          other.append(line).append('\n');
        }
      }
      if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        throw new IllegalStateException("child JVM did not finish: " + args[0]);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Could not read the child JVM's output", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a child JVM", e);
    } finally {
      p.destroyForcibly();
    }
    double wallMs = Stats.millisSince(t0);
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          "child JVM " + String.join(" ", args) + " exited with " + p.exitValue() + ":\n" + other);
    }
    return new Result(wallMs, values);
  }
}
