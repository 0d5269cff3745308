/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root script {@code ./caspio-sql} and its class-data sharing archive, run as a user runs it:
 * {@code bash} on a copy of the script and launcher in a temporary checkout whose build output is
 * this test's class path (as jars, which the archive needs), so that no build runs.
 */
class CaspioShellCdsIT {

  private static final String SQL = "select count(*) as n from Customers";

  /** How {@code -Xlog:class+load} names a class mapped from the archive. */
  private static final String FROM_ARCHIVE =
      "io.github.caspiojdbc.shell.CaspioShell source: shared objects file (top)";

  @TempDir Path root;

  private Path target;

  @BeforeEach
  void checkout() throws IOException {
    Path repo = Path.of(System.getProperty("user.dir")).getParent();
    Files.createDirectories(root.resolve(".build"));
    Files.copy(repo.resolve("caspio-sql"), root.resolve("caspio-sql"));
    Files.copy(repo.resolve(".build/launcher.bash"), root.resolve(".build/launcher.bash"));
    target = root.resolve("integration-tests/target");
    // Without the archive the launcher runs from classes/; the jar made below must be newer.
    Path classes = Path.of(System.getProperty("user.dir"), "target", "classes");
    copyTree(classes, target.resolve("classes"));
    Path main = target.resolve("classes/io/github/caspiojdbc/shell/CaspioShell.class");
    Files.setLastModifiedTime(main, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
    Path lib = Files.createDirectories(root.resolve("lib"));
    List<String> cp = new ArrayList<>();
    Path moduleTarget = classes.getParent();
    for (String entry : testClassPath()) {
      Path p = Path.of(entry);
      // Surefire puts the module's classes on the class path, failsafe (mvn verify) its jar.
      boolean module =
          p.equals(classes)
              || (Files.isRegularFile(p)
                  && moduleTarget.equals(p.getParent())
                  && p.getFileName().toString().startsWith("caspio-integration-tests-"));
      if (module) {
        jar(classes, target.resolve("caspio-integration-tests-test.jar"));
      } else if (Files.isDirectory(p)) {
        if (!p.endsWith("test-classes")) {
          Path jar = lib.resolve(cp.size() + ".jar");
          jar(p, jar);
          cp.add(jar.toString());
        }
      } else if (Files.isRegularFile(p)) {
        cp.add(entry);
      }
    }
    Files.writeString(target.resolve("launcher.classpath"), String.join(":", cp));
  }

  @Test
  void firstRunMakesArchive_secondStartsFromIt_switchTurnsItOff() throws IOException {
    Run first = caspioSql(Map.of());
    assertEquals(0, first.code, first.toString());
    assertTrue(first.err.contains("preparing a class-data sharing archive"), first.err);
    assertTrue(first.out.matches("(?s).*\\|\\s*50\\s*\\|.*"), first.out);
    assertEquals(1, archives().size(), "one archive: " + archives());

    Run second = caspioSql(Map.of("JAVA_OPTS", "-Xlog:class+load=info"));
    assertEquals(0, second.code, second.toString());
    assertFalse(second.err.contains("preparing"), second.err);
    assertTrue(second.out.contains(FROM_ARCHIVE), "CaspioShell not from the archive");
    assertTrue(second.out.matches("(?s).*\\|\\s*50\\s*\\|.*"), second.out);

    Run off = caspioSql(Map.of("JAVA_OPTS", "-Xlog:class+load=info", "CASPIO_SQL_CDS", "0"));
    assertEquals(0, off.code, off.toString());
    assertFalse(off.out.contains("shared objects file (top)"), "archive used with the switch off");
  }

  @Test
  void trainingFails_runsWithoutArchiveAndDoesNotRetry() throws IOException {
    // A non-empty directory ahead of the jars: the JVM refuses to start with the archive option.
    Path dir = Files.createDirectories(root.resolve("extra"));
    Files.writeString(dir.resolve("x.txt"), "x");
    Path cpFile = target.resolve("launcher.classpath");
    Files.writeString(cpFile, dir + ":" + Files.readString(cpFile));

    Run first = caspioSql(Map.of());
    assertEquals(0, first.code, first.toString());
    assertTrue(first.err.contains("no archive"), first.err);
    assertTrue(first.out.matches("(?s).*\\|\\s*50\\s*\\|.*"), first.out);
    assertTrue(archives().isEmpty(), "archive made: " + archives());

    Run second = caspioSql(Map.of());
    assertEquals(0, second.code, second.toString());
    assertFalse(second.err.contains("preparing"), "training retried: " + second.err);
  }

  @Test
  void archiveDirectoryUnusable_runsWithoutArchive() throws IOException {
    Files.writeString(target.resolve("cds"), "not a directory");
    Run r = caspioSql(Map.of());
    assertEquals(0, r.code, r.toString());
    assertTrue(r.out.matches("(?s).*\\|\\s*50\\s*\\|.*"), r.out);
  }

  private List<Path> archives() throws IOException {
    Path dir = target.resolve("cds");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".jsa")).toList();
    }
  }

  private Run caspioSql(Map<String, String> env) {
    ProcessBuilder pb =
        new ProcessBuilder("bash", root.resolve("caspio-sql").toString(), "-e", SQL)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().remove("JAVA_OPTS");
    pb.environment().remove("CASPIO_SQL_CDS");
    pb.environment().putAll(env);
    try {
      Path out = Files.createTempFile(root, "out", ".txt");
      Path err = Files.createTempFile(root, "err", ".txt");
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("caspio-sql did not finish");
      }
      return new Run(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The class path of the tests (Surefire may hide it behind a manifest-only jar). */
  private static String[] testClassPath() {
    String cp = System.getProperty("surefire.test.class.path");
    if (cp == null || cp.isBlank()) {
      cp = System.getProperty("java.class.path");
    }
    return cp.split(File.pathSeparator);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path dest = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(f, dest);
        }
      }
    }
  }

  private static void jar(Path dir, Path jar) throws IOException {
    try (OutputStream os = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(os);
        Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(
            new JarEntry(dir.relativize(f).toString().replace(File.separatorChar, '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
  }

  /** Exit code and output of one run; the class-load log is left out of the message. */
  private record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\nstderr:\n" + err;
    }
  }
}
