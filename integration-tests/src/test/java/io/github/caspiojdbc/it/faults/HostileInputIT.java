/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.caspiojdbc.it.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.github.caspiojdbc.it.support.EmulatorFixture.millisSince;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.caspiojdbc.emulator.CaspioEmulator;
import io.github.caspiojdbc.emulator.LoggedCall;
import io.github.caspiojdbc.emulator.store.FieldDef;
import io.github.caspiojdbc.emulator.store.FieldType;
import io.github.caspiojdbc.emulator.store.ObjectKind;
import io.github.caspiojdbc.emulator.store.TableDef;
import io.github.caspiojdbc.it.support.EmulatorFixture;
import io.github.caspiojdbc.it.support.Rows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * S5-S8: hostile literals keep the shape of the generated {@code q.where} and return the rows of
 * local evaluation; long IN lists stay under the URI limit; hostile replies end in a clean error;
 * committed fixtures carry no secret.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileInputIT {

  /** Values stored in the table and used as literals. */
  static final List<String> STORED =
      List.of(
          "O'Brien",
          "''",
          "'; DELETE FROM Fuzz; --",
          "a--b",
          "/* c */",
          "]",
          "[",
          "[a-z]",
          "%",
          "_",
          "50%_off",
          "line\nbreak",
          "cr\r\nlf",
          "N'x'",
          "back\\slash",
          "Zürich",
          "x".repeat(255));

  // After STORED, which the fixture's start reads.
  @RegisterExtension
  static final EmulatorFixture fixture =
      EmulatorFixture.of(
          () ->
              EmulatorFixture.builder()
                  .table(
                      TableDef.of(
                          "Fuzz",
                          FieldDef.of("Txt", FieldType.STRING),
                          FieldDef.of("Num", FieldType.NUMBER)))
                  .with(HostileInputIT::storeFuzz)
                  .start());

  private static final CaspioEmulator emulator = fixture.emulator;
  private static Connection local;
  private static Connection driver;

  static Stream<String> literals() {
    List<String> all = new ArrayList<>(STORED);
    all.add("nul\u0000byte");
    all.add("y".repeat(2000));
    all.add("' OR 1=1 OR Txt='");
    all.add("\\'");
    all.add("");
    return all.stream();
  }

  /**
   * Literals outside ISO-8859-1 (look-alike quotes, CJK, bidi control, lone surrogates), which
   * Calcite's default Latin-1 literal charset could not hold before the driver widened it.
   */
  static Stream<String> nonLatin1Literals() {
    return Stream.of(
        "it\u02BCs",
        "it\u2019s",
        "it\uFF07s",
        "\u202Eevil",
        "\u6771\u4eac",
        "lone\uD800high",
        "lone\uDC00low");
  }

  @ParameterizedTest
  @MethodSource("nonLatin1Literals")
  void s05_fuzzedNonLatin1Literal_keepsWhereTokenStructureAndMatchesLocalRows(String literal)
      throws Exception {
    s05_fuzzedStringLiteral_keepsWhereTokenStructureAndMatchesLocalRows(literal);
  }

  /** Every value of {@link #STORED} in a row of Fuzz, with numbers of both signs. */
  private static void storeFuzz(CaspioEmulator e) {
    int n = 0;
    for (String v : STORED) {
      ObjectNode row = JsonNodeFactory.instance.objectNode();
      row.put("Txt", v).put("Num", (n % 2 == 0 ? -1 : 1) * n * 1.5);
      e.store().insert(ObjectKind.TABLE, "Fuzz", row);
      n++;
    }
  }

  @BeforeAll
  static void connect() throws SQLException {
    local = fixture.openCalcite(false);
    driver = fixture.open(FaultProxy.V3);
  }

  private static List<String> ids(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("literals")
  void s05_fuzzedStringLiteral_keepsWhereTokenStructureAndMatchesLocalRows(String literal)
      throws Exception {
    String sqlLiteral = "'" + literal.replace("'", "''") + "'";
    for (String sql :
        List.of(
            "SELECT PK_ID FROM Fuzz WHERE Txt = " + sqlLiteral + " ORDER BY PK_ID",
            "SELECT PK_ID FROM Fuzz WHERE Txt <> " + sqlLiteral + " AND Num > -100 ORDER BY PK_ID",
            "SELECT PK_ID FROM Fuzz WHERE Txt LIKE " + sqlLiteral + " ORDER BY PK_ID")) {
      List<String> expected;
      try {
        expected = ids(local, sql);
      } catch (SQLException localRefuses) {
        // Calcite itself refuses some patterns (a NUL in LIKE); the driver must fail the same way.
        assertThrows(SQLException.class, () -> ids(driver, sql), sql);
        continue;
      }
      emulator.clearLog();
      long t0 = System.nanoTime();
      List<String> pushed = ids(driver, sql);
      assertTrue(millisSince(t0) < 5000);
      assertEquals(expected, pushed, sql);
      List<LoggedCall> calls = EmulatorFixture.recordCalls(emulator);
      assertEquals(1, calls.size(), "one request: " + sql);
      String where = calls.get(0).queryParam("q.where");
      if (where != null) {
        List<Tok> tokens = tokenize(where);
        long strings = tokens.stream().filter(t -> t.kind == Kind.STRING).count();
        assertTrue(strings <= 1, where);
        if (strings == 1 && !sql.contains("LIKE")) {
          String value =
              tokens.stream().filter(t -> t.kind == Kind.STRING).findFirst().orElseThrow().text;
          assertEquals(literal, value, "the literal is one token with the same value: " + where);
        }
      }
    }
  }

  @Test
  void s05_negativeNumbersNextToMinus_keepTheirMeaning() throws Exception {
    for (String sql :
        List.of(
            "SELECT PK_ID FROM Fuzz WHERE Num - -1 > 0 ORDER BY PK_ID",
            "SELECT PK_ID FROM Fuzz WHERE -Num < -2 ORDER BY PK_ID",
            "SELECT PK_ID FROM Fuzz WHERE Num > -1.5 AND Num < - -20 ORDER BY PK_ID",
            "SELECT PK_ID FROM Fuzz WHERE Num = -3 ORDER BY PK_ID")) {
      List<String> expected = ids(local, sql);
      emulator.clearLog();
      assertEquals(expected, ids(driver, sql), sql);
      String where = EmulatorFixture.recordCalls(emulator).get(0).queryParam("q.where");
      if (where != null) {
        assertFalse(where.contains("--"), "no comment from two minus signs: " + where);
        tokenize(where);
      }
    }
  }

  @Test
  void s06_inListBeyondTheUriLimit_returnsCorrectRowsWithEveryUriUnderTheLimit() throws Exception {
    StringBuilder in = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 199; i += 2) {
      in.append(in.length() == 0 ? "" : ", ").append(i);
      expected.add(Integer.toString(i));
    }
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < 120; i++) {
      names.append(i == 0 ? "" : ", ").append("'some customer name number ").append(i).append("'");
    }
    try (FaultProxy proxy = new FaultProxy(emulator);
        Connection c = EmulatorFixture.connect(proxy.port(), "")) {
      String sql = "SELECT PK_ID FROM OrderItems WHERE PK_ID IN (" + in + ") ORDER BY PK_ID";
      assertEquals(expected, ids(c, sql));
      String byName =
          "SELECT PK_ID FROM Customers WHERE Name IN (" + names + ", 'Ann') ORDER BY PK_ID";
      assertEquals(ids(local, byName), ids(c, byName));
      assertTrue(proxy.records() >= 2);
      for (ServeEvent e : proxy.served()) {
        String url = "http://c0abc123.caspio.com" + e.getRequest().getUrl();
        assertTrue(url.length() <= 2047, url.length() + ": " + url);
        // The proxy's 404 to the v4 probe is the one answer that is not the driver's doing.
        assertTrue(e.getResponse().getStatus() < 400 || url.contains("/rest/v4/"), url);
      }
    }
  }

  /** Replies no parser should swallow whole. */
  enum Hostile {
    HUGE_STRING,
    DEEP_NESTING,
    HUGE_NUMBER
  }

  @ParameterizedTest
  @EnumSource(Hostile.class)
  void s07_hostileReply_endsInACleanErrorWithBoundedMemory(Hostile h) throws Exception {
    String body =
        switch (h) {
          case HUGE_STRING ->
              "{\"Result\":[{\"PK_ID\":1,\"Name\":\"" + "A".repeat(30_000_000) + "\"}]}";
          case DEEP_NESTING ->
              "{\"Result\":[{\"PK_ID\":1,\"Name\":"
                  + "[".repeat(10_000)
                  + "]".repeat(10_000)
                  + "}]}";
          case HUGE_NUMBER ->
              "{\"Result\":[{\"PK_ID\":1" + "7".repeat(2_000_000) + ",\"Name\":\"x\"}]}";
        };
    try (FaultProxy proxy = new FaultProxy(emulator);
        Connection c = EmulatorFixture.connect(proxy.port(), "&maxRetries=0")) {
      Rows.of(c, "SELECT COUNT(*) FROM Customers");
      proxy.server.resetRequests();
      proxy.always(
          FaultProxy.page("Customers", 1),
          aResponse()
              .withStatus(200)
              .withHeader("Content-Type", "application/json")
              .withBody(body));
      Runtime rt = Runtime.getRuntime();
      long t0 = System.nanoTime();
      SQLException e =
          assertThrows(SQLException.class, () -> Rows.of(c, "SELECT PK_ID, Name FROM Customers"));
      assertTrue(millisSince(t0) < 20_000);
      assertEquals(1, proxy.records(), "one attempt with maxRetries=0");
      System.out.println("S7 " + h + " failed after " + millisSince(t0) + " ms: " + e);
      assertTrue(e.getMessage().length() < 2000, "the message does not carry the payload");
      System.gc();
      long used = rt.totalMemory() - rt.freeMemory();
      assertTrue(used < rt.maxMemory() / 2, "heap after the error: " + used);
    }
  }

  private static final Pattern SECRET_SHAPES =
      Pattern.compile(
          "(?i)(client_secret=[^&\\s\"]{6,}|Bearer\\s+[A-Za-z0-9._~+/-]{20,}"
              + "|\"access_token\"\\s*:\\s*\"[A-Za-z0-9._~+/-]{20,}\""
              + "|\"refresh_token\"\\s*:\\s*\"[A-Za-z0-9._~+/-]{20,}\")");

  @Test
  void s08_committedFixtures_containNoSecrets() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    if (!Files.isDirectory(root.resolve("src"))) {
      root = root.resolve("integration-tests");
    }
    Path repo = root.getParent();
    List<Path> scanned = new ArrayList<>();
    for (String module : List.of("calcite-adapter", "driver", "integration-tests")) {
      for (String dir : List.of("src/test/resources", "src/main/resources")) {
        Path d = repo.resolve(module).resolve(dir);
        if (!Files.isDirectory(d)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(d)) {
          for (Path f : files.filter(Files::isRegularFile).toList()) {
            scanned.add(f);
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertFalse(SECRET_SHAPES.matcher(text).find(), "secret-like text in " + f);
          }
        }
      }
    }
    assertTrue(Files.isDirectory(repo.resolve("integration-tests")), repo.toString());
    // The scanner must be able to fail: it flags a real-looking token.
    assertTrue(SECRET_SHAPES.matcher("Authorization: Bearer abcdefghijklmnopqrstuvwxyz012").find());
  }

  // ---- a small T-SQL tokenizer for q.where ----

  /** Token classes of the where-clause tokenizer. */
  enum Kind {
    STRING,
    WORD,
    NUMBER,
    BRACKETED,
    SYMBOL
  }

  /** One token; for a string literal, {@code text} is its unescaped value. */
  record Tok(Kind kind, String text) {}

  /** Splits a where clause into tokens; fails on comments or an unterminated literal. */
  static List<Tok> tokenize(String s) {
    List<Tok> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char ch = s.charAt(i);
      if (Character.isWhitespace(ch)) {
        i++;
      } else if (ch == '\''
          || ((ch == 'N' || ch == 'n') && i + 1 < s.length() && s.charAt(i + 1) == '\'')) {
        int j = ch == '\'' ? i + 1 : i + 2;
        StringBuilder v = new StringBuilder();
        while (true) {
          assertTrue(j < s.length(), "unterminated literal in " + s);
          if (s.charAt(j) == '\'') {
            if (j + 1 < s.length() && s.charAt(j + 1) == '\'') {
              v.append('\'');
              j += 2;
              continue;
            }
            break;
          }
          v.append(s.charAt(j++));
        }
        out.add(new Tok(Kind.STRING, v.toString()));
        i = j + 1;
      } else if (ch == '[') {
        int j = s.indexOf(']', i);
        assertTrue(j > i, "unterminated [identifier] in " + s);
        out.add(new Tok(Kind.BRACKETED, s.substring(i + 1, j)));
        i = j + 1;
      } else if (Character.isLetter(ch) || ch == '_') {
        int j = i;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
          j++;
        }
        out.add(new Tok(Kind.WORD, s.substring(i, j)));
        i = j;
      } else if (Character.isDigit(ch)) {
        int j = i;
        while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
          j++;
        }
        out.add(new Tok(Kind.NUMBER, s.substring(i, j)));
        i = j;
      } else {
        assertFalse(s.startsWith("--", i) || s.startsWith("/*", i), "comment in " + s);
        assertTrue("()<>=!+-*/%,.".indexOf(ch) >= 0, "unexpected character " + ch + " in " + s);
        out.add(new Tok(Kind.SYMBOL, String.valueOf(ch)));
        i++;
      }
    }
    return out;
  }
}
